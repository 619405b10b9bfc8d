import { resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { toPolicyResources } from "../../lib/plan/render";
import { type PolicyAnalyzer, startPolicyAnalyzer } from "../support/policyAnalyzer";
import { PROJECT_DIR, runStack } from "../support/runStack";

// `pulumi up --policy-pack policies`: the CLI runs the pack's TypeScript through the SDK's policy runner. The verdicts
// below come from the same pack on the fixture day (test/policies/fixtures/fixtureDayPack), the day runStack plans on.
let analyzer: PolicyAnalyzer;
beforeAll(async () => {
  analyzer = await startPolicyAnalyzer(resolve(__dirname, "fixtures/fixtureDayPack"));
}, 120_000);
afterAll(() => analyzer?.stop());

test("the pack serves every boundary control with its enforcement level", async () => {
  const shipped = await startPolicyAnalyzer(resolve(PROJECT_DIR, "policies"));
  try {
    const served = await shipped.policies();
    expect(served.map((p) => [p.name, p.enforcement])).toEqual(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
    for (const policy of served) expect(policy.description).toMatch(/Remediation: /);
    expect(await analyzer.policies()).toEqual(served);
  } finally {
    shipped.stop();
  }
}, 120_000);

test("a non-compliant team stack gets exactly its mandatory violation over the analyzer protocol", async () => {
  const diagnostics = await analyzer.analyzeRun(
    toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" })),
  );
  const mandatory = diagnostics.filter((d) => d.enforcement === "mandatory");
  expect(mandatory.map((d) => d.policy)).toEqual(["ai-and-vault-private-only"]);
  expect(mandatory[0]?.urn).toMatch(/cognitiveservices:Account::ai-account$/);
  expect(mandatory[0]?.message).toMatch(/publicNetworkAccess is "Enabled", must be "Disabled"\. Fix: /);
});

test("a public account is refused on its own, as the engine asks before creating it", async () => {
  const resources = toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" }));
  const account = resources.find((r) => r.type === TYPES.account);
  const vault = resources.find((r) => r.type === TYPES.vault);
  expect((await analyzer.analyze(account!)).filter((d) => d.enforcement === "mandatory").map((d) => d.policy)).toEqual([
    "ai-and-vault-private-only",
  ]);
  expect((await analyzer.analyze(vault!)).filter((d) => d.enforcement === "mandatory")).toEqual([]);
});

test("the example team stack passes every mandatory control; advisories stay advisories", async () => {
  const diagnostics = await analyzer.analyzeRun(toPolicyResources(await runStack({ stack: "dev" })));
  expect(diagnostics.filter((d) => d.enforcement === "mandatory")).toEqual([]);
  expect(diagnostics.map((d) => d.policy)).toContain("customer-managed-keys");
});

test("during a first preview, IDs not known yet do not hide a public account; the endpoint control says it cannot run yet", async () => {
  // The engine marks values it does not know yet with this sentinel (@pulumi/pulumi runtime/rpc unknownValue).
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const resources = toPolicyResources(
    await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" }),
  ).map((r) =>
    r.type === TYPES.privateEndpoint
      ? {
          ...r,
          props: {
            ...r.props,
            privateLinkServiceConnections: [{ name: "account", privateLinkServiceId: UNKNOWN, groupIds: ["account"] }],
          },
        }
      : r,
  );
  const diagnostics = await analyzer.analyzeRun(resources);
  expect(diagnostics.filter((d) => d.enforcement === "mandatory").map((d) => d.policy)).toEqual([
    "ai-and-vault-private-only",
  ]);
  const endpoint = diagnostics.filter((d) => d.policy === "ai-account-has-private-endpoint");
  expect(endpoint).toHaveLength(1);
  expect(endpoint[0]?.enforcement).toBe("advisory");
  expect(endpoint[0]?.message).toMatch(/can't run policy 'ai-account-has-private-endpoint' .* during preview/);
});

const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de";
const RG = `${SUB}/resourceGroups/rg-codex-dev`;
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const KEY = "0123456789abcdef0123456789abcdef";

async function mandatoryOf(resource: PolicyResource): Promise<string[]> {
  return (await analyzer.analyze(resource)).filter((d) => d.enforcement === "mandatory").map((d) => d.policy);
}

test("the pack refuses a public account registered under a versioned azure-native token (regression)", async () => {
  const resources = toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" }));
  const account = resources.find((r) => r.type === TYPES.account)!;
  expect(await mandatoryOf({ ...account, type: "azure-native:cognitiveservices/v20250601:Account" })).toEqual([
    "ai-and-vault-private-only",
  ]);
});

test("the pack allow-lists role assignments: planned roles on their own target only (regression: a deny-list of privileged roles)", async () => {
  const assignment = (guid: string, scope: string): PolicyResource => ({
    urn: "urn:pulumi:dev::codex-boundary::azure-native:authorization:RoleAssignment::grant",
    type: "azure-native:authorization/v20220401:RoleAssignment",
    name: "grant",
    props: { scope, principalType: "ServicePrincipal", principalId: "p", roleDefinitionId: ROLE(guid) },
  });
  const ACCOUNT = `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`;
  for (const [guid, scope] of [
    ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", RG],
    ["f58310d9-a9f6-439a-9e8d-f62e7b41a168", RG],
    ["00482a5a-887f-4fb3-b363-3b7fe8e74483", RG],
    ["25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68", RG],
    ["b24988ac-6180-42a0-ab88-20f7382dd24c", RG],
    ["4633458b-17de-408a-b874-0445c86b69e6", SUB], // Key Vault Secrets User at the subscription
    ["8b54135c-b56d-4d72-a534-26097cfdc8d8", RG], // Key Vault Data Access Administrator at the resource group
    ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", ACCOUNT], // Owner, even on the team's account
  ] as const) {
    expect(await mandatoryOf(assignment(guid, scope)), `${guid} at ${scope}`).toEqual(["role-assignments-scoped"]);
  }
  expect(await mandatoryOf(assignment("25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68", ACCOUNT))).toEqual([]);
});

test("the pack refuses a PIM request, a role definition and a nested ARM deployment, each on its own", async () => {
  const resource = (type: string, props: Record<string, unknown>): PolicyResource => ({
    urn: `urn:pulumi:dev::codex-boundary::${type}::x`,
    type,
    name: "x",
    props,
  });
  expect(
    await mandatoryOf(
      resource("azure-native:authorization:RoleAssignmentScheduleRequest", {
        scope: SUB,
        principalId: "p",
        requestType: "AdminAssign",
        roleDefinitionId: ROLE("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
      }),
    ),
  ).toEqual(["no-pim-or-role-definitions"]);
  expect(
    await mandatoryOf(resource("azure-native:authorization:RoleDefinition", { scope: SUB, roleName: "all" })),
  ).toEqual(["no-pim-or-role-definitions"]);
  expect(
    await mandatoryOf(
      resource("azure-native:resources:Deployment", {
        resourceGroupName: "rg-codex-dev",
        properties: {
          mode: "Incremental",
          template: { resources: [{ type: "Microsoft.CognitiveServices/accounts", name: "open" }] },
        },
      }),
    ),
  ).toEqual(["no-nested-arm-deployments"]);
});

test("the pack refuses key material in any GitHub variable or file, wherever it sits (regression)", async () => {
  const github = (type: string, props: Record<string, unknown>): PolicyResource => ({
    urn: `urn:pulumi:dev::codex-boundary::${type}::x`,
    type,
    name: "x",
    props,
  });
  expect(
    await mandatoryOf(
      github("github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable", {
        repository: "api",
        environment: "codex",
        variableName: "V",
        value: `k=${KEY}`,
      }),
    ),
  ).toEqual(["no-key-in-github-variables"]);
  expect(
    await mandatoryOf(
      github("github:index/actionsOrganizationVariable:ActionsOrganizationVariable", {
        variableName: "V",
        visibility: "all",
        value: KEY,
      }),
    ),
  ).toEqual(["no-key-in-github-variables"]);
  expect(
    await mandatoryOf(
      github("github:index/repositoryFile:RepositoryFile", {
        repository: "api",
        file: ".env",
        content: `AZURE_OPENAI_API_KEY=${KEY}\n`,
      }),
    ),
  ).toEqual(["no-key-in-github-variables"]);
  // The key in a secret's value is where it belongs.
  expect(
    await mandatoryOf(
      github("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret", {
        repository: "api",
        environment: "codex",
        secretName: "AZURE_OPENAI_API_KEY",
        value: KEY,
      }),
    ),
  ).toEqual([]);
});

test("the pack refuses a key environment that admits protected branches (regression: any branch where none is protected)", async () => {
  const resources = toPolicyResources(await runStack({ stack: "dev" }));
  const environment = resources.find((r) => r.type === TYPES.repositoryEnvironment)!;
  expect(await mandatoryOf(environment)).toEqual([]);
  expect(
    await mandatoryOf({
      ...environment,
      props: {
        ...environment.props,
        deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
      },
    }),
  ).toEqual(["github-environment-restricted"]);
});

test("over the analyzer protocol, every opt-out of the opt-out stack is named (regression: a silent pass)", async () => {
  const diagnostics = await analyzer.analyzeRun(
    toPolicyResources(await runStack({ stack: "optouts", fixture: "Pulumi.optouts.yaml" })),
  );
  const named = (level: string) =>
    [...new Set(diagnostics.filter((d) => d.enforcement === level).map((d) => d.policy))].sort();
  expect(named("mandatory")).toEqual(["ai-and-vault-private-only", "outbound-restricted"]);
  expect(named("advisory")).toEqual(
    expect.arrayContaining([
      "data-boundary-opt-out",
      "full-access-opt-out",
      "outbound-fqdns-allow-listed",
      "github-repository-secret-opt-out",
      "key-rotation-bounded",
      "budget-amount-bounded",
    ]),
  );
});
