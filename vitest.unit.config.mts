import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Test tiers by file suffix (docs/testing.md, "Test tiers"): *.program.test.ts loads the Pulumi runtime,
// *.e2e.test.ts spawns a process, every other test file is a pure unit test.
export const TEST_ROOTS = ["test/**/*.test.ts", "policies/**/*.test.ts"];
// A fixture may be a small project with tests of its own: not ours to run.
export const NOT_OURS = ["**/node_modules/**", "test/**/fixtures/**"];

// Pure tests share one module graph (no isolation): a unit test must not leave global state behind
// (process.env, vi.mock of shared modules, the Pulumi runtime).
export const unitProject = {
  extends: true,
  test: {
    name: "unit",
    include: TEST_ROOTS,
    exclude: [...NOT_OURS, "**/*.program.test.ts", "**/*.e2e.test.ts"],
    isolate: false,
    pool: "threads",
  },
} satisfies TestProjectInlineConfiguration;

// Stryker's vitest runner and `npm run test:unit` use this file alone.
export default defineConfig({ test: { ...unitProject.test, testTimeout: 60_000, hookTimeout: 60_000 } });
