import { expect, test } from "vitest";
import { ofType, planStack, runStack } from "../support/runStack";

const ENVIRONMENT = "github:index/repositoryEnvironment:RepositoryEnvironment";
const ENV_SECRET = "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret";
const REPO_SECRET = "github:index/actionsSecret:ActionsSecret";
const BRANCH_POLICY = "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy";

test("a repository without an environment gets the 'codex' environment (regression: a plain repository secret); the opt-out gets a repository secret", async () => {
  const doc = await planStack({ stack: "optouts", fixture: "Pulumi.optouts.yaml" });
  const environments = ofType(doc, ENVIRONMENT);
  expect(environments.map((e) => [e.name, e.inputs])).toEqual([
    [
      "github-payments-api-environment",
      {
        repository: "payments-api",
        environment: "codex",
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        canAdminsBypass: false,
      },
    ],
  ]);
  expect(ofType(doc, ENV_SECRET).map((s) => [s.name, s.inputs.repository, s.inputs.environment])).toEqual([
    ["github-payments-api-api-key", "payments-api", "codex"],
  ]);
  expect(ofType(doc, REPO_SECRET).map((s) => [s.name, s.inputs.repository])).toEqual([
    ["github-legacy-tools-api-key", "legacy-tools"],
  ]);
});

test("a repository that already named an environment keeps its deployed resources (renamed with an alias to the old URN)", async () => {
  const run = await runStack({ stack: "hub", fixture: "Pulumi.hub.yaml" });
  const doc = await planStack({ stack: "hub", fixture: "Pulumi.hub.yaml" });
  const old = (type: string, name: string): string =>
    `urn:pulumi:hub::codex-boundary::codex-boundary:keys:GitHubDistribution$${type}::${name}`;
  expect(run.resources.filter((r) => r.type === ENVIRONMENT).map((e) => [e.name, e.aliases])).toEqual([
    ["github-ledger-environment", [old(ENVIRONMENT, "ledger-environment")]],
  ]);
  expect(run.resources.filter((r) => r.type === ENV_SECRET).map((s) => [s.name, s.aliases])).toEqual([
    ["github-ledger-api-key", [old(ENV_SECRET, "ledger-api-key")]],
  ]);
  expect(ofType(doc, ENVIRONMENT)[0]?.inputs).toMatchObject({
    environment: "production",
    preventSelfReview: true,
    reviewers: [{ teams: [], users: [101, 102] }],
  });
});

test("each key environment admits its repository's default branch only (regression: 'protected branches', any branch where none is protected)", async () => {
  const run = await runStack({ stack: "entra", fixture: "Pulumi.entra.yaml" });
  const byRepository = (a: { inputs: Record<string, unknown> }, b: { inputs: Record<string, unknown> }) =>
    String(a.inputs.repository).localeCompare(String(b.inputs.repository));
  const environments = run.resources.filter((r) => r.type === ENVIRONMENT).sort(byRepository);
  expect(environments.map((e) => [e.inputs.repository, e.inputs.deploymentBranchPolicy])).toEqual([
    ["docs.site", { protectedBranches: false, customBranchPolicies: true }],
    ["platform-tools", { protectedBranches: false, customBranchPolicies: true }],
  ]);
  const policies = run.resources.filter((r) => r.type === BRANCH_POLICY).sort(byRepository);
  expect(policies.map((p) => [p.name, p.inputs])).toEqual([
    ["github-docs.site-default-branch", { repository: "docs.site", environment: "codex-docs", branchPattern: "main" }],
    [
      "github-platform-tools-default-branch",
      { repository: "platform-tools", environment: "codex", branchPattern: "main" },
    ],
  ]);
  // Written once the environment has custom branch policies on, with the environment's own provider.
  for (const [index, policy] of policies.entries()) {
    expect(policy.dependsOn).toContain(environments[index]?.urn);
    expect(policy.parent).toBe(environments[index]?.parent);
  }
});

test("a repository's defaultBranch is the branch its key environment admits", async () => {
  const doc = await planStack({
    overrides: {
      github: { owner: "contoso", repositories: [{ name: "payments-api", defaultBranch: "release/1.x" }] },
    },
  });
  expect(ofType(doc, BRANCH_POLICY).map((p) => p.inputs)).toEqual([
    { repository: "payments-api", environment: "codex", branchPattern: "release/1.x" },
  ]);
});

test("the allowRepositorySecret opt-out has no environment, so no deployment policy", async () => {
  const doc = await planStack({ stack: "optouts", fixture: "Pulumi.optouts.yaml" });
  expect(ofType(doc, BRANCH_POLICY).map((p) => p.inputs.repository)).toEqual(["payments-api"]);
});
