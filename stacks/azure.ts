import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import type * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as random from "@pulumi/random";
import type { TeamConfig } from "../lib/config/schema";
import { keyFlowActive } from "../lib/config/authMode";
import {
  customSubdomain,
  type TeamNames,
  teamNames,
  teamTags,
  UNIQUE_SUFFIX_LENGTH,
  vaultName,
} from "../lib/azure/naming";
import { plannedGrants } from "../lib/azure/roles";
import { ACCOUNT_OPERATION_ORDER, type AccountOperation, chainAccountOperations } from "../lib/azure/accountOperations";
import {
  budgetStart,
  configuredCreateOnly,
  CREATE_ONLY_OUTPUT,
  createOnlyProblems,
  type CreateOnlyValues,
  DEPLOYED_MARKER_OUTPUT,
  readCreateOnlyValues,
  withDeployedNames,
} from "../lib/azure/createOnly";
import { configuredDeployer, type Deployer, otherIdentityWarning } from "../lib/azure/deployer";
import { endpointPlacement } from "../lib/azure/placement";
import { ConfigError, type ConfigProblem, problemLine } from "../lib/config/problem";
import { AiAccount } from "../components/aiAccount";
import { AuditLogs } from "../components/auditLogs";
import { categoryGroupLogs } from "../lib/azure/diagnostics";
import { PrivateEndpoints } from "../components/privateEndpoints";
import { PrivateNetwork } from "../components/privateNetwork";
import { TeamAccess } from "../components/teamAccess";
import { TeamBudget } from "../components/teamBudget";
import { TeamKeyVault } from "../components/keyVault";
import { keyAuthExemption } from "./guardrails";
import { ownPreviousOutputs } from "./previousOutputs";
import type { BoundaryHandles } from "./types";
import type { PlatformConfig } from "../lib/platform/schema";
import { deploySubscriptionProblem } from "../lib/platform/teamRules";
import { PROJECT_NAME } from "../lib/names";

type ClientConfig = pulumi.Output<authorization.GetClientConfigResult>;

/** What every part of the boundary is built from: the config, the names and tags it derives, and the resource group. */
interface Site {
  config: TeamConfig;
  names: TeamNames;
  tags: Record<string, string>;
  group: resources.ResourceGroup;
}

function resourceGroup(config: TeamConfig, names: TeamNames, tags: Record<string, string>): resources.ResourceGroup {
  // Protected: deleting the group deletes the account and the vault with it (docs/operations.md, "Offboarding a team").
  return new resources.ResourceGroup(
    "resource-group",
    { resourceGroupName: names.resourceGroup, location: config.location, tags },
    { protect: true },
  );
}

/** Account subdomains and vault names are global across Azure: a random suffix, fixed in state once created. */
function uniqueSuffix(): pulumi.Output<string> {
  return new random.RandomString("unique-suffix", {
    length: UNIQUE_SUFFIX_LENGTH,
    upper: false,
    special: false,
    lower: true,
    numeric: true,
  }).result;
}

function aiAccount(
  { config, names, tags, group }: Site,
  suffix: pulumi.Output<string>,
  before: pulumi.Resource[],
  beforeDeployments: (account: cognitiveservices.Account) => pulumi.Resource[],
): AiAccount {
  return new AiAccount("ai", {
    resourceGroupName: group.name,
    location: config.location,
    accountName: names.account,
    kind: config.account.kind,
    customSubdomain: suffix.apply((s) => customSubdomain(config.team, s)),
    allowedFqdns: config.account.allowedFqdns,
    publicNetworkAccess: config.account.publicNetworkAccess,
    models: config.models,
    tags,
    ...(keyFlowActive(config.auth) ? {} : { disableLocalAuth: true }),
    dependsOn: before,
    beforeDeployments,
  });
}

function keyVault({ config, tags, group }: Site, suffix: pulumi.Output<string>, client: ClientConfig): TeamKeyVault {
  return new TeamKeyVault("key-vault", {
    resourceGroupName: group.name,
    location: config.location,
    vaultName: suffix.apply((s) => vaultName(config.team, s)),
    tenantId: client.tenantId,
    softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
    tags,
  });
}

/** Stops the run with the problem's line (no stack trace) for a config the deployment cannot carry out. */
function stop(problem: ConfigProblem): never {
  throw new pulumi.RunError(problemLine(problem));
}

/**
 * The network (created or the hub's) and a private endpoint for the account and for the vault. The endpoints go where
 * their subnet's subscription is (lib/azure/placement.ts). Returns the account's endpoint.
 */
function privateConnectivity(
  { config, names, tags, group }: Site,
  stackSubscriptionId: string,
  accountId: pulumi.Output<string>,
  vault: TeamKeyVault,
  accountAfter: pulumi.Resource[],
): pulumi.Resource {
  const placement = endpointPlacement(config.networking, stackSubscriptionId);
  if ("problem" in placement) stop(placement.problem);
  const net = new PrivateNetwork("network", {
    resourceGroupName: group.name,
    location: config.location,
    networking: config.networking,
    virtualNetworkName: names.virtualNetwork,
    subnetName: names.privateEndpointSubnet,
    networkSecurityGroupName: names.privateEndpointNsg,
    tags,
  });
  const endpoints = new PrivateEndpoints("private-endpoints", {
    resourceGroupName: placement.kind === "team-group" ? group.name : placement.resourceGroupName,
    ...(placement.kind === "configured-group" && placement.crossSubscription
      ? { subscriptionId: placement.subscriptionId }
      : {}),
    location: config.location,
    subnetId: net.subnetId,
    zoneIds: net.zoneIds,
    tags,
    targets: [
      {
        label: "account",
        endpointName: names.accountPrivateEndpoint,
        resourceId: accountId,
        groupId: "account",
        dependsOn: accountAfter,
      },
      {
        label: "vault",
        endpointName: names.vaultPrivateEndpoint,
        resourceId: vault.vaultId,
        groupId: "vault",
        dependsOn: [],
      },
    ],
  });
  const accountEndpoint = endpoints.byLabel.get("account");
  if (accountEndpoint === undefined) throw new Error("the account's private endpoint was not created");
  return accountEndpoint;
}

function teamAccess(
  { config }: Site,
  client: ClientConfig,
  deployer: Deployer | undefined,
  ai: AiAccount,
  vault: TeamKeyVault,
): TeamAccess {
  return new TeamAccess("access", {
    subscriptionId: client.subscriptionId,
    accountId: ai.accountId,
    vaultId: vault.vaultId,
    accountDependsOn: [ai.ready],
    grants: plannedGrants({
      userGroupIds: config.access.userGroupIds,
      adminGroupIds: config.access.adminGroupIds,
      deployer,
      keyFlow: keyFlowActive(config.auth),
    }),
  });
}

/** platform.yaml's deployer (or the problem that stops the run); an update by someone else is told so. */
function deployerOf(config: TeamConfig, platform: PlatformConfig, runObjectId: string): Deployer | undefined {
  const resolved = configuredDeployer(
    platform.azure.deployer,
    config.access.deployerPrincipalType,
    keyFlowActive(config.auth),
  );
  if ("problem" in resolved) stop(resolved.problem);
  const warning =
    resolved.deployer === undefined || pulumi.runtime.isDryRun()
      ? undefined
      : otherIdentityWarning(resolved.deployer, runObjectId);
  if (warning !== undefined) void pulumi.log.warn(`${PROJECT_NAME}: ${warning}`);
  return resolved.deployer;
}

function budget({ config, names, group }: Site, start: { startMonth: string; advice: string | null }): TeamBudget {
  return new TeamBudget("budget", {
    budgetName: names.budget,
    resourceGroupId: group.id,
    amount: config.budget.amount,
    startMonth: start.startMonth,
    startAdvice: start.advice,
    contactEmails: config.budget.contactEmails,
    actionGroupId: config.budget.actionGroupId,
  });
}

/** Audit logs of the account and the vault; returns the account's diagnostic setting (one of its serialized operations). */
function auditLogs(
  { config, names, tags, group }: Site,
  ai: AiAccount,
  vault: TeamKeyVault,
  accountAfter: pulumi.Resource[],
): pulumi.Resource {
  const audit = new AuditLogs("audit", {
    resourceGroupName: group.name,
    location: config.location,
    workspaceName: names.workspace,
    existingWorkspaceId: config.audit.workspaceId,
    retentionDays: config.audit.retentionDays,
    tags,
    targets: [
      {
        label: "account",
        resourceId: ai.accountId,
        logs: categoryGroupLogs(config.audit.categoryGroup),
        metrics: true,
        dependsOn: accountAfter,
      },
      {
        label: "vault",
        resourceId: vault.vaultId,
        logs: categoryGroupLogs(config.audit.categoryGroup),
        metrics: true,
        dependsOn: [],
      },
    ],
  });
  const accountSetting = audit.settings.get("account");
  if (accountSetting === undefined) throw new Error("the account's diagnostic setting was not created");
  return accountSetting;
}

interface Built {
  ai: AiAccount;
  vault: TeamKeyVault;
  access: TeamAccess;
  exemption: ReturnType<typeof keyAuthExemption>;
  /** What the key regeneration waits for: the operation before it in the account's chain. */
  regenerationAfter: pulumi.Resource;
  createOnly: pulumi.Output<CreateOnlyValues>;
}

function handles(
  { config, group, tags }: Site,
  { ai, vault, access, exemption, regenerationAfter, createOnly }: Built,
): BoundaryHandles {
  return {
    resourceGroupName: group.name,
    resourceGroupId: group.id,
    location: config.location,
    tags,
    accountName: ai.accountName,
    accountId: ai.accountId,
    subdomain: ai.subdomain,
    baseUrl: ai.baseUrl,
    vaultName: vault.vaultName,
    vaultId: vault.vaultId,
    vaultUri: vault.vaultUri,
    modelDeployments: [...ai.deployments],
    accountReady:
      access.deployerKeyRotation === undefined ? [regenerationAfter] : [regenerationAfter, access.deployerKeyRotation],
    // The key is written through ARM (control plane) with the deployer's deployment role: no vault role to wait for.
    vaultReady: [],
    ...(exemption !== undefined ? { keyAuthExemption: exemption } : {}),
    outputs: {
      resourceGroupName: group.name,
      accountName: ai.accountName,
      accountId: ai.accountId,
      baseUrl: ai.baseUrl,
      vaultName: vault.vaultName,
      vaultUri: vault.vaultUri,
      deployments: config.models.map((m) => m.name),
      defaultModel: config.codex.defaultModel,
      [CREATE_ONLY_OUTPUT]: createOnly,
    },
  };
}

/** What the last update deployed of the values Azure takes only at creation, and whether the stack was deployed before. */
async function previousCreateOnly(): Promise<{ recorded: CreateOnlyValues | null; deployedBefore: boolean }> {
  const previous = await ownPreviousOutputs("create-only-state", [
    CREATE_ONLY_OUTPUT,
    DEPLOYED_MARKER_OUTPUT,
    "vaultName",
  ]);
  return {
    recorded: withDeployedNames(readCreateOnlyValues(previous[CREATE_ONLY_OUTPUT]), {
      resourceGroupName: previous[DEPLOYED_MARKER_OUTPUT],
      vaultName: previous.vaultName,
    }),
    deployedBefore: previous[DEPLOYED_MARKER_OUTPUT] !== undefined,
  };
}

/**
 * The record, exported only once the vault and the budget were deployed (a failed update keeps the previous one).
 * The budget's start is read back from the budget: a budget kept from a failed first update keeps its month.
 */
function createOnlyRecord(
  values: Omit<CreateOnlyValues, "customSubDomainName" | "vaultName">,
  ai: AiAccount,
  vault: TeamKeyVault,
  deployed: TeamBudget,
): pulumi.Output<CreateOnlyValues> {
  return pulumi
    .all([ai.subdomain, vault.vaultName, deployed.budget.timePeriod])
    .apply(([customSubDomainName, deployedVaultName, period]) => ({
      ...values,
      budgetStartMonth: /^\d{4}-\d{2}/.exec(period.startDate)?.[0] ?? values.budgetStartMonth,
      customSubDomainName,
      vaultName: deployedVaultName,
    }));
}

/**
 * The Azure half of a team stack: resource group, key-auth exemption, account and models, network, vault, access,
 * budget, audit. Reads who deploys where (getClientConfig: a subscription of the data boundary in platform.yaml) and
 * what was deployed before, so a deployment Azure or the platform would refuse stops here with a message instead.
 */
export async function buildAzureBoundary(
  config: TeamConfig,
  nowMs: number,
  platform: PlatformConfig,
): Promise<BoundaryHandles> {
  const [identity, previous] = await Promise.all([authorization.getClientConfig(), previousCreateOnly()]);
  const wrongSubscription = deploySubscriptionProblem(identity.subscriptionId, config.dataBoundary, platform);
  if (wrongSubscription !== undefined) stop(wrongSubscription);
  const configured = configuredCreateOnly(config);
  const problems = createOnlyProblems(configured, config.keyVault.softDeleteRetentionDays, previous.recorded);
  if (problems.length > 0)
    throw new pulumi.RunError(
      new ConfigError(problems, `stack '${pulumi.getStack()}'`, `Pulumi.${pulumi.getStack()}.yaml`).message,
    );
  const deployer = deployerOf(config, platform, identity.objectId);
  const start = budgetStart(config.budget.startMonth, previous.recorded, previous.deployedBefore, new Date(nowMs));

  const names = teamNames(config.team);
  const tags = teamTags(config);
  const site: Site = { config, names, tags, group: resourceGroup(config, names, tags) };
  const client: ClientConfig = pulumi.output(identity);
  const suffix = uniqueSuffix();
  const exemption = keyAuthExemption(config, site.group.id);
  const vault = keyVault(site, suffix, client);
  // One operation on the account at a time (409 RequestConflict otherwise): its private endpoint first, straight after
  // the account's PUT, so a DeployIfNotExists "private endpoint" assignment finds it; then the model deployments.
  const ai = aiAccount(site, suffix, exemption !== undefined ? [exemption.exemption] : [], (account) => [
    privateConnectivity(site, identity.subscriptionId, account.id, vault, [account]),
  ]);
  const access = teamAccess(site, client, deployer, ai, vault);

  // Then, after the last deployment, the others one by one.
  const done = new Map<string, pulumi.Resource>([["last-deployment", ai.ready]]);
  const chain = chainAccountOperations(ACCOUNT_OPERATION_ORDER);
  const after = (operation: AccountOperation): pulumi.Resource[] => {
    const link = chain.find((l) => l.operation === operation);
    const previousStep = link === undefined ? undefined : done.get(link.after);
    if (previousStep === undefined) throw new Error(`the account operation before ${operation} was not created`);
    return [previousStep];
  };
  done.set("diagnostic-setting", auditLogs(site, ai, vault, after("diagnostic-setting")));
  // The key regeneration is created later (stacks/keys.ts) and waits for its predecessor; in keyless mode, where there
  // is none, whatever touches the account next waits for that same step.
  const regenerationAfter = after("key-regeneration")[0] as pulumi.Resource;

  const deployedBudget = budget(site, start);
  const createOnly = createOnlyRecord(
    {
      ...configured,
      keyVaultSoftDeleteRetentionDays:
        previous.recorded?.keyVaultSoftDeleteRetentionDays ?? config.keyVault.softDeleteRetentionDays,
      budgetStartMonth: start.startMonth,
    },
    ai,
    vault,
    deployedBudget,
  );
  return handles(site, { ai, vault, access, exemption, regenerationAfter, createOnly });
}
