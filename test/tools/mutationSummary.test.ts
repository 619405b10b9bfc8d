import { describe, expect, test } from "vitest";
import { parseEquivalents, renderSummary, summarize, type MutantStatus, type MutationReport, type ReportMutant } from "../../tools/mutation/summary";

let nextId = 0;
function mutant(status: MutantStatus, line = 1, mutatorName = "StringLiteral"): ReportMutant {
  nextId += 1;
  return { id: String(nextId), status, mutatorName, replacement: '""', location: { start: { line, column: 1 } } };
}
function report(files: Record<string, ReportMutant[]>): MutationReport {
  return { files: Object.fromEntries(Object.entries(files).map(([file, mutants]) => [file, { mutants }])) };
}
const times = (n: number, status: MutantStatus) => Array.from({ length: n }, () => mutant(status));

describe("the score of a file", () => {
  test("killed and timed-out mutants count as caught; survivors and uncovered ones as missed; static (ignored) ones not at all", () => {
    const [file] = summarize(report({ "lib/a.ts": [...times(8, "Killed"), mutant("Timeout"), mutant("Survived", 3), mutant("NoCoverage", 4), ...times(5, "Ignored")] }), []).files;
    expect(file).toMatchObject({ killed: 9, survived: 1, noCoverage: 1, ignored: 5, score: (100 * 9) / 11 });
  });

  test("90% exactly meets the bar; one mutant fewer caught does not", () => {
    const listed = parseEquivalents("- lib/a.ts:7 StringLiteral: same text either way\n");
    const at = summarize(report({ "lib/a.ts": [...times(9, "Killed"), mutant("Survived", 7)] }), listed);
    expect(at.files[0]?.score).toBe(90);
    expect(at.failing).toEqual([]);
    const below = summarize(report({ "lib/a.ts": [...times(8, "Killed"), mutant("Survived", 7), mutant("Survived", 7)] }), listed);
    expect(below.failing).toEqual(["lib/a.ts"]);
  });

  test("a file with nothing run has no score and does not fail", () => {
    const summary = summarize(report({ "lib/types.ts": times(3, "Ignored") }), []);
    expect(summary.files[0]?.score).toBeNull();
    expect(summary.failing).toEqual([]);
  });
});

describe("survivors and the equivalents file", () => {
  const markdown = [
    "# Equivalent mutants",
    "",
    "- lib/a.ts:12 ConditionalExpression: the loop ends on the same element either way",
    "- lib/b.ts:3 StringLiteral — a cache key nobody reads",
    "prose that mentions lib/a.ts:13 is not an entry",
  ].join("\n");

  test("entries are read as file, line, mutator and reason; other lines are ignored", () => {
    expect(parseEquivalents(markdown)).toEqual([
      { file: "lib/a.ts", line: 12, mutatorName: "ConditionalExpression", why: "the loop ends on the same element either way" },
      { file: "lib/b.ts", line: 3, mutatorName: "StringLiteral", why: "a cache key nobody reads" },
    ]);
  });

  test("a survivor is explained only by an entry with its file, line and mutator; any other is unexplained and fails the file", () => {
    const summary = summarize(
      report({
        "lib/a.ts": [...times(30, "Killed"), mutant("Survived", 12, "ConditionalExpression"), mutant("Survived", 12, "EqualityOperator"), mutant("NoCoverage", 40)],
      }),
      parseEquivalents(markdown),
    );
    expect(summary.files[0]?.unexplained.map((m) => `${m.location.start.line} ${m.mutatorName}`)).toEqual(["12 EqualityOperator", "40 StringLiteral"]);
    expect(summary.failing).toEqual(["lib/a.ts"]);
    expect(renderSummary(summary)).toContain("unexplained: lib/a.ts:12 EqualityOperator");
  });

  test("an entry for a measured file that matches no survivor is reported stale; entries for files not measured are not", () => {
    const summary = summarize(report({ "lib/a.ts": times(4, "Killed") }), parseEquivalents(markdown));
    expect(summary.staleEntries.map((e) => `${e.file}:${e.line}`)).toEqual(["lib/a.ts:12"]);
    expect(renderSummary(summary)).toMatch(/stale equivalent entry: lib\/a\.ts:12 ConditionalExpression/);
  });
});

test("the rendered table shows each file's score rounded down, its counts and whether it meets the bar", () => {
  const summary = summarize(report({ "lib/good.ts": [...times(19, "Killed"), mutant("Survived", 2)], "lib/bad.ts": [...times(2, "Killed"), mutant("NoCoverage", 9)] }), []);
  const text = renderSummary(summary);
  expect(text).toContain("lib/bad.ts | 66.6% | 2 | 0 | 1 | 0 | BELOW");
  expect(text).toContain("lib/good.ts | 95.0% | 19 | 1 | 0 | 0 | BELOW");
  expect(text.split("\n").at(-1)).toBe("2 file(s) below 90% or with unexplained survivors: lib/bad.ts, lib/good.ts");
});

test("an entry for a static mutant is not stale in a run that ignored static mutants, nor does it explain a killed one", () => {
  const entries = parseEquivalents("- lib/a.ts:12 StringLiteral: the separator of a one-entry list is never shown.\n- lib/a.ts:13 StringLiteral: x.\n");
  const summary = summarize(report({ "lib/a.ts": [mutant("Ignored", 12), mutant("Killed", 13)] }), entries);
  expect(summary.staleEntries.map((e) => `${e.file}:${e.line}`)).toEqual(["lib/a.ts:13"]);
  expect(summary.failing).toEqual([]);
});
