import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { describe, expect, test } from "vitest";
import { PROJECT_NAME, projectKeys } from "../../lib/config/parse";
import type { TeamConfig } from "../../lib/config/schema";
import { plannedGrants } from "../../lib/azure/roles";
import { planRotation } from "../../lib/keys/plan";
import type { CapturedRun } from "../../lib/plan/types";
import { DuplicateUrnError } from "../../lib/plan/urns";
import { captureProgram, type StackProgram } from "../../tools/plan/capture";
import { AiAccount } from "../../components/aiAccount";
import { AuditLogs } from "../../components/auditLogs";
import { DeveloperKit } from "../../components/developerKit";
import { GitHubDistribution } from "../../components/githubDistribution";
import { KeyAuthExemption } from "../../components/keyAuthExemption";
import { EmergencyRevocation, KeyRotation } from "../../components/keyRotation";
import { TeamKeyVault } from "../../components/keyVault";
import { PrivateEndpoints } from "../../components/privateEndpoints";
import { PrivateNetwork } from "../../components/privateNetwork";
import { TeamAccess } from "../../components/teamAccess";
import { TeamBudget } from "../../components/teamBudget";
import { stackConfig } from "../support/stackFiles";
import { parseAdmitted } from "../support/platformFiles";
import { categoryGroupLogs } from "../../lib/azure/diagnostics";

const RG = "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourceGroups/rg-codex-dev";
const NOW = Date.UTC(2026, 10, 25);

function devConfig(): TeamConfig {
  return parseAdmitted(projectKeys(stackConfig({ stack: "dev" }).values), "stack 'dev'", NOW);
}

/** Every component of the stack, built the way the stack builds it, under the instance name given. */
function buildAll(instance: string, config: TeamConfig): void {
  const ai = new AiAccount(`${instance}-ai`, {
    resourceGroupName: "rg-codex-dev",
    location: config.location,
    accountName: `aif-${instance}`,
    kind: config.account.kind,
    customSubdomain: `codex-${instance}`,
    allowedFqdns: config.account.allowedFqdns,
    publicNetworkAccess: "Disabled",
    models: config.models,
    tags: {},
  });
  const vault = new TeamKeyVault(`${instance}-key-vault`, {
    resourceGroupName: "rg-codex-dev",
    location: config.location,
    vaultName: `kv-${instance}`,
    tenantId: "tenant",
    softDeleteRetentionDays: 90,
    tags: {},
  });
  const net = new PrivateNetwork(`${instance}-network`, {
    resourceGroupName: "rg-codex-dev",
    location: config.location,
    networking: config.networking,
    virtualNetworkName: `vnet-${instance}`,
    subnetName: "snet-pe",
    networkSecurityGroupName: `nsg-${instance}`,
    tags: {},
  });
  new PrivateEndpoints(`${instance}-private-endpoints`, {
    resourceGroupName: "rg-codex-dev",
    location: config.location,
    subnetId: net.subnetId,
    zoneIds: net.zoneIds,
    tags: {},
    targets: [
      {
        label: "account",
        endpointName: `pe-aif-${instance}`,
        resourceId: ai.accountId,
        groupId: "account",
        dependsOn: [ai.ready],
      },
      { label: "vault", endpointName: `pe-kv-${instance}`, resourceId: vault.vaultId, groupId: "vault", dependsOn: [] },
    ],
  });
  const access = new TeamAccess(`${instance}-access`, {
    subscriptionId: "sub",
    accountId: ai.accountId,
    vaultId: vault.vaultId,
    accountDependsOn: [ai.ready],
    grants: plannedGrants({
      userGroupIds: config.access.userGroupIds,
      adminGroupIds: config.access.adminGroupIds,
      deployer: { objectId: "deployer", principalType: "ServicePrincipal" },
    }),
  });
  new TeamBudget(`${instance}-budget`, {
    budgetName: `budget-${instance}`,
    resourceGroupId: RG,
    amount: 100,
    startMonth: config.budget.startMonth,
    contactEmails: ["a@contoso.example"],
  });
  new AuditLogs(`${instance}-audit`, {
    resourceGroupName: "rg-codex-dev",
    location: config.location,
    workspaceName: `log-${instance}`,
    retentionDays: 90,
    tags: {},
    targets: [
      {
        label: "account",
        resourceId: ai.accountId,
        logs: categoryGroupLogs("allLogs"),
        metrics: true,
        dependsOn: [],
      },
    ],
  });
  const plan = planRotation({ settings: config.keyRotation, nowMs: NOW, previous: null });
  const common = {
    subscriptionId: "sub",
    resourceGroupName: "rg-codex-dev",
    accountName: ai.accountName,
    armEndpoint: "https://management.azure.com",
  };
  const rotation = new KeyRotation(`${instance}-key-rotation`, {
    ...common,
    accountId: ai.accountId,
    vaultName: vault.vaultName,
    plan,
    periodDays: config.keyRotation.periodDays,
    tags: {},
    accountReady: access.deployerKeyRotation === undefined ? [ai.ready] : [ai.ready, access.deployerKeyRotation],
    vaultReady: [],
  });
  // Both instances hand the key to the same repositories: the case where `${repo}-api-key` collided.
  const github = new GitHubDistribution(`${instance}-github`, {
    owner: config.github.owner,
    repositories: config.github.repositories,
    reviewers: config.github.reviewers,
    apiKey: rotation.activeKey,
    codexBaseUrl: ai.baseUrl,
    model: config.codex.defaultModel,
  });
  new EmergencyRevocation(`${instance}-emergency`, {
    ...common,
    revoke: { slot: "key1", keyName: "Key1", trigger: "emergency:g2", reasons: 1 },
    distributedBy: [rotation.secret, ...github.secrets],
  });
  new KeyAuthExemption(`${instance}-key-auth`, {
    team: config.team,
    scope: RG,
    policyAssignmentId: "/assignment",
    expiresOn: "2027-01-31",
  });
  new DeveloperKit(`${instance}-developer-kit`, {
    stack: "dev",
    team: config.team,
    baseUrl: ai.baseUrl,
    vaultName: vault.vaultName,
    defaultModel: config.codex.defaultModel,
    deployments: config.models.map((m) => m.name),
    reasoningEffort: config.codex.reasoningEffort,
    allowFullAccess: config.codex.allowFullAccess,
    runnerLabels: config.codex.runnerLabels,
    repositories: config.github.repositories,
  });
}

async function capture(program: StackProgram): Promise<CapturedRun> {
  return captureProgram({
    project: PROJECT_NAME,
    stack: "dev",
    config: stackConfig({ stack: "dev" }),
    loadProgram: async () => program,
  });
}

const COMPONENT_TYPES = [
  "codex-boundary:azure:AiAccount",
  "codex-boundary:azure:AuditLogs",
  "codex-boundary:azure:PrivateEndpoints",
  "codex-boundary:azure:PrivateNetwork",
  "codex-boundary:azure:TeamAccess",
  "codex-boundary:azure:TeamBudget",
  "codex-boundary:azure:TeamKeyVault",
  "codex-boundary:devkit:DeveloperKit",
  "codex-boundary:guardrails:KeyAuthExemption",
  "codex-boundary:keys:EmergencyRevocation",
  "codex-boundary:keys:GitHubDistribution",
  "codex-boundary:keys:KeyRotation",
];

describe("components can exist twice in one stack", () => {
  test("two of each component register distinct URNs, each instance with its own full set of children", async () => {
    const config = devConfig();
    const run = await capture(async () => {
      buildAll("alpha", config);
      buildAll("beta", config);
      return {};
    });
    const urns = run.resources.map((r) => r.urn);
    expect(new Set(urns).size).toBe(urns.length);
    const components = run.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect([...new Set(components.map((c) => c.type))].sort()).toEqual(COMPONENT_TYPES);
    for (const type of COMPONENT_TYPES) {
      const [alpha, beta] = ["alpha", "beta"].map((instance) =>
        components.find((c) => c.type === type && c.name.startsWith(`${instance}-`)),
      );
      expect(alpha && beta, type).toBeTruthy();
      const children = (parent: string | undefined): string[] =>
        run.resources
          .filter((r) => r.parent === parent)
          .map((r) => `${r.type}::${r.name.replace(/^(alpha|beta)-/, "")}`);
      // Same children, named apart by the instance's name.
      expect(children(beta?.urn)).toEqual(children(alpha?.urn));
      expect(
        run.resources.filter((r) => r.parent === beta?.urn).every((r) => r.name.startsWith("beta-")),
        type,
      ).toBe(true);
    }
    // Every component but the developer kit creates something.
    expect(components.filter((c) => run.resources.some((r) => r.parent === c.urn)).length).toBe(
      2 * (COMPONENT_TYPES.length - 1),
    );
  });

  test("the offline plan refuses two resources with one URN, as the Pulumi engine does, naming the URN", async () => {
    class FixedChild extends pulumi.ComponentResource {
      constructor(name: string) {
        super("test:index:FixedChild", name, {});
        // The old pattern: a fixed child name, the same in every instance.
        new random.RandomString("suffix", { length: 4 }, { parent: this });
        this.registerOutputs({});
      }
    }
    const failure = await capture(async () => {
      new FixedChild("one");
      new FixedChild("two");
      return {};
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DuplicateUrnError);
    expect((failure as DuplicateUrnError).problems).toEqual([
      "Duplicate resource URN 'urn:pulumi:dev::codex-boundary::test:index:FixedChild$random:index/randomString:RandomString::suffix' (registered 2 times); try giving it a unique name",
    ]);
  });
});
