import { expect } from "vitest";

/**
 * Problems as their reader needs them, in order: each at its config path, naming the values involved and the fix.
 * The wording around those is free to change; the full texts a user reads are pinned in snapshot files.
 */
export function expectProblems(
  actual: readonly string[],
  expected: ReadonlyArray<readonly [string, ...string[]]>,
): void {
  expect(actual.map((line) => line.slice(0, line.indexOf(": ")))).toEqual(expected.map(([path]) => path));
  expected.forEach(([, ...facts], i) => {
    for (const fact of facts) expect(actual[i], fact).toContain(fact);
  });
}

/** The same for problems as objects: `where` names the key that holds the place (a config path, a CLI flag). */
export function expectProblemsAt(
  actual: ReadonlyArray<{ message: string }>,
  where: "path" | "flag",
  expected: ReadonlyArray<readonly [string, ...string[]]>,
): void {
  expectProblems(
    actual.map((p) => `${String((p as Record<string, unknown>)[where])}: ${p.message}`),
    expected,
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A matcher for a text that names these facts in this order, whatever the words between them. */
export function mentions(...facts: string[]): string {
  return expect.stringMatching(new RegExp(facts.map(escapeRegExp).join("[^]*"))) as unknown as string;
}
