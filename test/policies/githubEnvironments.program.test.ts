import { expect, test } from "vitest";
import { ofType, planStack, runStack } from "../support/runStack";

const ENVIRONMENT = "github:index/repositoryEnvironment:RepositoryEnvironment";
const ENV_SECRET = "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret";
const REPO_SECRET = "github:index/actionsSecret:ActionsSecret";

test("a repository without an environment gets the 'codex' environment (regression: a plain repository secret); the opt-out gets a repository secret", async () => {
  const doc = await planStack({ stack: "optouts", fixture: "Pulumi.optouts.yaml" });
  const environments = ofType(doc, ENVIRONMENT);
  expect(environments.map((e) => [e.name, e.inputs])).toEqual([
    [
      "github-payments-api-environment",
      {
        repository: "payments-api",
        environment: "codex",
        deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
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
