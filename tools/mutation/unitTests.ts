import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The unit tests of the pure core (lib/) that mutation testing runs (tools/mutation/inProcessRunner.mjs).
 *
 * They run in Stryker's test runner process, one after another, with the lib/ modules loaded once. A Pulumi program
 * (its runtime keeps global state and its closure serializer needs its own process) or a child process (the Codex
 * CLI, shell scripts: slow, and they test no lib/ code directly) does not belong there. So a test file is left out
 * when its text uses one of the markers below. The rule is read from the files, not kept as a list: a new Pulumi or
 * process test is left out by itself, and a new unit test is in by itself. Keep unit tests and plan tests in separate
 * files (e.g. placement.test.ts beside placement.plan.test.ts). Everything still runs in `npm test`.
 */
export const OUT_OF_PROCESS_MARKERS = [
  "planStack(",
  "runStack(",
  "captureProgram(",
  "setMocks(",
  "node:child_process",
  "node-pty",
  "support/runStack",
  "support/contractPlan",
  "fleet/planStacks",
  "serializeFunction(",
] as const;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The unit test files under `root`/test, relative to `root`, sorted. */
export function unitTestFiles(root: string): string[] {
  return testFiles(join(root, "test"))
    .filter((file) => {
      const text = readFileSync(file, "utf8");
      return !OUT_OF_PROCESS_MARKERS.some((marker) => text.includes(marker));
    })
    .map((file) => relative(root, file))
    .sort();
}
