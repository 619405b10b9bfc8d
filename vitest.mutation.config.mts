import { defineConfig } from "vitest/config";

/**
 * The unit tests of the pure core (lib/), for mutation testing only (stryker.config.mjs, `npm run mutate`).
 * Stryker's vitest runner forces `pool: "threads"`; Pulumi's closure serializer fails in a worker thread
 * (ERR_TRACE_EVENTS_UNAVAILABLE), so every test that runs a Pulumi program, a child process or a CLI is left out
 * here. They still run in `npm test` (vitest.config.mts, forks). A new test file under test/ is included unless
 * it is listed below: keep it free of Pulumi programs, or add it to the list.
 */
const RUNS_PULUMI_OR_PROCESSES = [
  "test/azure/boundary.test.ts",
  "test/azure/contract.test.ts",
  "test/devkit/ciWorkflowRun.test.ts",
  "test/devkit/codexCli.test.ts",
  "test/devkit/codexEgress.test.ts",
  "test/devkit/keyScripts.test.ts",
  "test/devkit/render.test.ts",
  "test/fleet/cli.test.ts",
  "test/fleet/planStacks.test.ts",
  "test/fleet/workflows.test.ts",
  "test/keys/regenerationProvider.test.ts",
  "test/keys/rotationProviderDiff.test.ts",
  "test/keys/stack.test.ts",
  "test/keys/workflowScripts.test.ts",
  "test/keys/workflows.test.ts",
  "test/onboarding/kit.test.ts",
  "test/onboarding/new-team.test.ts",
  "test/plan/aliases.test.ts",
  "test/plan/cli.test.ts",
  "test/plan/compiled.test.ts",
  "test/plan/componentsTwice.test.ts",
  "test/plan/redact.test.ts",
  "test/plan/stackFiles.test.ts",
  "test/policies/analyzer.test.ts",
  "test/policies/exemption.test.ts",
  "test/policies/github-environments.test.ts",
  "test/policies/models.test.ts",
  "test/policies/pack.test.ts",
  "test/policies/plan-report.test.ts",
  "test/workflows/**",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules/**", ".stryker-tmp/**", ...RUNS_PULUMI_OR_PROCESSES],
    // Instrumented code under a loaded machine: the rotation simulation (20 s plain) can take minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
