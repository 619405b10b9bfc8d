import { defineConfig } from "vitest/config";
import { NOT_OURS, unitProject } from "./vitest.unit.config.mjs";

export default defineConfig({
  test: {
    // One worker per core: vitest leaves one core free by default, which on a 2-core machine runs the suite one file
    // at a time (measured 2026-12-07: 165 s with one worker, 106 s with two).
    maxWorkers: "100%",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      unitProject,
      {
        extends: true,
        // The Pulumi runtime keeps global state (mocks, config) per process: each file gets its own process.
        test: {
          name: "program",
          include: ["test/**/*.program.test.ts", "policies/**/*.program.test.ts"],
          exclude: NOT_OURS,
          isolate: true,
          pool: "forks",
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts", "policies/**/*.e2e.test.ts"],
          exclude: NOT_OURS,
          isolate: true,
          pool: "forks",
        },
      },
    ],
  },
});
