// Mutation testing of the pure core (lib/): `npm run mutate`, or one file: `npx stryker run --mutate lib/azure/naming.ts`.
// Not part of `npm test` or CI (minutes, not seconds). See docs/testing.md.
// MUTATION_REPORT_DIR puts the reports (and the incremental file) elsewhere, e.g. for runs side by side.
const reportDir = process.env.MUTATION_REPORT_DIR ?? "reports/mutation";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The pure core's unit tests (tools/mutation/unitTests.ts) on vitest's runner, in Stryker's runner processes with
  // the modules loaded once: Stryker's vitest runner starts a worker and imports every test file again per mutant.
  testRunner: "vitest-in-process",
  plugins: ["./tools/mutation/inProcessRunner.mjs"],
  mutate: [
    "lib/**/*.ts",
    // Type-only and data-only modules: nothing to mutate that a test could observe.
    "!lib/plan/types.ts",
    "!lib/fleet/types.ts",
    "!lib/names.ts",
    // Needs the Pulumi runtime's signatures; tested by test/plan/redact.test.ts, which runs a Pulumi program.
    "!lib/plan/redact.ts",
  ],
  coverageAnalysis: "perTest",
  // Each mutant run loads the test files again; the runner's memory grows a little each time, so a runner process is
  // replaced after this many runs (a second or two to start) before garbage collection slows it down.
  maxTestRunnerReuse: 400,
  // Mutants in code that runs only at import (module-level regexes and tables) are "static": each one reloads the
  // modules and reruns every test file that loads its file (a mutant in a module most tests load: most of them), which
  // makes a run of all of them over an hour. They are left out of the full run; measure one file's with
  // `MUTATION_STATIC=include npx stryker run --mutate <file>` (the CLI cannot turn ignoreStatic off; docs/testing.md).
  ignoreStatic: process.env.MUTATION_STATIC !== "include",
  incremental: true,
  incrementalFile: `${reportDir}/stryker-incremental.json`,
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `${reportDir}/mutation.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  timeoutMS: 10000,
  // The first run collects per-test coverage; on a loaded 2-core machine it took over the default 5 minutes.
  dryRunTimeoutMinutes: 20,
  thresholds: { high: 90, low: 80, break: null },
};
