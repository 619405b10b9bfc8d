// Mutation testing of the pure core (lib/): `npm run mutate`, or one file: `npx stryker run --mutate lib/azure/naming.ts`.
// A tool for finding untested behaviour, not a gate: not part of `npm test` or CI, and no score fails a run (docs/testing.md).

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // The unit project alone (pure tests, one shared module graph): the program and e2e tiers are too slow per mutant.
  vitest: { configFile: "vitest.unit.config.mts" },
  mutate: [
    "lib/**/*.ts",
    // Type-only and data-only modules: nothing to mutate that a test could observe.
    "!lib/plan/types.ts",
    "!lib/fleet/types.ts",
    "!lib/names.ts",
    "!lib/plan/folders.ts",
  ],
  mutator: {
    // User-facing prose is pinned by snapshot files and reviewed as diffs; a mutant per string would only ask for
    // tests that retype the text.
    excludedMutations: ["StringLiteral"],
  },
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
