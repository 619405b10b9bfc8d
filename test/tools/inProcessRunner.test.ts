import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";

// tools/mutation/inProcessRunner.mjs (Stryker's test runner for `npm run mutate`) driven as Stryker drives it, on a
// fixture project whose lib/math.ts is written the way Stryker instruments code. In its own process: the runner
// replaces how "vitest" is resolved and runs vitest's runner itself.
const FIXTURES = join(__dirname, "fixtures");
const id = (name: string) => `test/math.test.ts#${name}`;

interface Results {
  dry: { status: string; tests: Array<{ id: string; status: number }>; mutantCoverage: { static: Record<string, number>; perTest: Record<string, Record<string, number>> } };
  runs: Record<string, { status: string; killedBy?: string[]; nrOfTests?: number; reason?: string }>;
}

let results: Results;
beforeAll(() => {
  const out = execFileSync(process.execPath, [join(FIXTURES, "inProcessDriver.mjs"), join(FIXTURES, "inProcessProject")], { encoding: "utf8" });
  results = JSON.parse(out) as Results;
});

describe("the first run", () => {
  test("every test of the project's test folder runs and passes, named by file and full name", () => {
    expect(results.dry.status).toBe("complete");
    expect(results.dry.tests.map((t) => [t.id, t.status])).toEqual([
      ["test/greeting.test.ts#greets", 0],
      [id("add > adds"), 0],
      [id("add > adds again"), 0],
      [id("add > isSmall(1)"), 0],
      [id("add > isSmall(20)"), 0],
      [id("counts down"), 0],
      [id("touches no lib code"), 0],
    ]);
  });

  test("coverage is per test; code run at import is static; a test that runs no lib code covers nothing", () => {
    expect(results.dry.mutantCoverage).toEqual({
      static: { "0": 1 },
      perTest: {
        [id("add > adds")]: { "1": 1 },
        [id("add > adds again")]: { "1": 1 },
        [id("add > isSmall(1)")]: { "2": 1 },
        [id("add > isSmall(20)")]: { "2": 1 },
        [id("counts down")]: { "3": 4 },
      },
    });
  });
});

describe("a mutant's run", () => {
  test("the first failing test kills it and stops the run; with bail off every covering test runs", () => {
    expect(results.runs.addBail).toMatchObject({ status: "killed", killedBy: [id("add > adds")], nrOfTests: 1 });
    expect(results.runs.addNoBail).toMatchObject({ status: "killed", killedBy: [id("add > adds"), id("add > adds again")], nrOfTests: 2 });
  });

  test("only the covering tests run: the one that passes under the mutant lets it survive", () => {
    expect(results.runs.smallKilled).toMatchObject({ status: "killed", killedBy: [id("add > isSmall(20)")], nrOfTests: 2 });
    expect(results.runs.smallSurvived).toEqual({ status: "survived", nrOfTests: 1 });
  });

  test("an endless loop is stopped by the hit limit and reported as a timeout", () => {
    expect(results.runs.loop).toEqual({ status: "timeout", reason: "Hit limit reached (41/40)" });
  });

  test("a mutant in code run at import is loaded active, and the next mutant gets the modules back unmutated", () => {
    expect(results.runs.staticLimit).toMatchObject({ status: "killed", killedBy: [id("add > isSmall(20)")] });
    expect(results.runs.afterStatic).toEqual({ status: "survived", nrOfTests: 1 });
  });

  test("a static mutant runs the test files that load its file, and every file when its file is not known", () => {
    expect(results.runs.staticInMath).toMatchObject({ status: "killed", killedBy: [id("add > isSmall(20)")], nrOfTests: 6 });
    expect(results.runs.staticInGreeting).toMatchObject({ status: "killed", killedBy: ["test/greeting.test.ts#greets"], nrOfTests: 1 });
    expect(results.runs.staticUnknownFile).toMatchObject({ status: "killed", killedBy: [id("add > isSmall(20)")], nrOfTests: 7 });
  });

  test("a hybrid mutant (run at import and in tests) is active in tests only, as in Stryker's vitest runner: no reload", () => {
    expect(results.runs.hybrid).toEqual({ status: "survived", nrOfTests: 1 });
  });
});
