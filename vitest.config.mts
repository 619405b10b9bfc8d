import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "policies/**/*.test.ts"],
    // A fixture may be a small project with tests of its own (test/tools/fixtures/inProcessProject): not ours to run.
    exclude: ["**/node_modules/**", "test/**/fixtures/**"],
    // Each file gets its own module graph: the Pulumi runtime keeps global state (mocks, config) per process store.
    isolate: true,
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
