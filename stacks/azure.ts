import type * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as random from "@pulumi/random";
import type { TeamConfig } from "../lib/config/schema";
import { keyFlowActive } from "../lib/config/authMode";
import { customSubdomain, type TeamNames, teamNames, teamTags, UNIQUE_SUFFIX_LENGTH, vaultName } from "../lib/azure/naming";
import { plannedGrants } from "../lib/azure/roles";
import { AiAccount } from "../components/aiAccount";
import { AuditLogs } from "../components/auditLogs";
import { PrivateEndpoints } from "../components/privateEndpoints";
import { PrivateNetwork } from "../components/privateNetwork";
import { TeamAccess } from "../components/teamAccess";
import { TeamBudget } from "../components/teamBudget";
import { TeamKeyVault } from "../components/keyVault";
import type { BoundaryHandles } from "./types";

type ClientConfig = pulumi.Output<authorization.GetClientConfigResult>;

/** What every part of the boundary is built from: the config, the names and tags it derives, and the resource group. */
interface Site {
  config: TeamConfig;
  names: TeamNames;
  tags: Record<string, string>;
  group: resources.ResourceGroup;
}

function resourceGroup(config: TeamConfig, names: TeamNames, tags: Record<string, string>): resources.ResourceGroup {
  return new resources.ResourceGroup("resource-group", { resourceGroupName: names.resourceGroup, location: config.location, tags });
}

/** Account subdomains and vault names are global across Azure: a random suffix, fixed in state once created. */
function uniqueSuffix(): pulumi.Output<string> {
  return new random.RandomString("unique-suffix", { length: UNIQUE_SUFFIX_LENGTH, upper: false, special: false, lower: true, numeric: true }).result;
}

function aiAccount({ config, names, tags, group }: Site, suffix: pulumi.Output<string>): AiAccount {
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

/** The network (created or the hub's) and a private endpoint for the account and for the vault. */
function privateConnectivity({ config, names, tags, group }: Site, ai: AiAccount, vault: TeamKeyVault): void {
  const net = new PrivateNetwork("network", {
    resourceGroupName: group.name,
    location: config.location,
    networking: config.networking,
    virtualNetworkName: names.virtualNetwork,
    subnetName: names.privateEndpointSubnet,
    tags,
  });
  new PrivateEndpoints("private-endpoints", {
    resourceGroupName: group.name,
    location: config.location,
    subnetId: net.subnetId,
    zoneIds: net.zoneIds,
    tags,
    targets: [
      { label: "account", endpointName: names.accountPrivateEndpoint, resourceId: ai.accountId, groupId: "account", dependsOn: [ai.ready] },
      { label: "vault", endpointName: names.vaultPrivateEndpoint, resourceId: vault.vaultId, groupId: "vault", dependsOn: [] },
    ],
  });
}

function teamAccess({ config }: Site, client: ClientConfig, ai: AiAccount, vault: TeamKeyVault): TeamAccess {
  return new TeamAccess("access", {
    subscriptionId: client.subscriptionId,
    accountId: ai.accountId,
    vaultId: vault.vaultId,
    accountDependsOn: [ai.ready],
    grants: plannedGrants({
      userGroupIds: config.access.userGroupIds,
      adminGroupIds: config.access.adminGroupIds,
      deployer: { objectId: client.objectId, principalType: config.access.deployerPrincipalType },
      keyFlow: keyFlowActive(config.auth),
    }),
  });
}

function budget({ config, names, group }: Site): void {
  new TeamBudget("budget", {
    budgetName: names.budget,
    resourceGroupId: group.id,
    amount: config.budget.amount,
    startMonth: config.budget.startMonth,
    contactEmails: config.budget.contactEmails,
    actionGroupId: config.budget.actionGroupId,
  });
}

function auditLogs({ config, names, tags, group }: Site, ai: AiAccount, vault: TeamKeyVault): void {
  new AuditLogs("audit", {
    resourceGroupName: group.name,
    location: config.location,
    workspaceName: names.workspace,
    existingWorkspaceId: config.audit.workspaceId,
    retentionDays: config.audit.retentionDays,
    tags,
    targets: [
      { label: "account", resourceId: ai.accountId, logs: [{ categoryGroup: "allLogs" }], metrics: true, dependsOn: [ai.ready] },
      { label: "vault", resourceId: vault.vaultId, logs: [{ category: "AuditEvent" }], metrics: true, dependsOn: [] },
    ],
  });
}

function handles({ config, group, tags }: Site, ai: AiAccount, vault: TeamKeyVault, access: TeamAccess): BoundaryHandles {
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
    accountReady: access.deployerKeyRotation === undefined ? [ai.ready] : [ai.ready, access.deployerKeyRotation],
    // The key is written through ARM (control plane) with the deployer's deployment role: no vault role to wait for.
    vaultReady: [],
    outputs: {
      resourceGroupName: group.name,
      accountName: ai.accountName,
      accountId: ai.accountId,
      baseUrl: ai.baseUrl,
      vaultName: vault.vaultName,
      vaultUri: vault.vaultUri,
      deployments: config.models.map((m) => m.name),
      defaultModel: config.codex.defaultModel,
    },
  };
}

/** The Azure half of a team stack: resource group, account and models, network, vault, access, budget, audit. */
export function buildAzureBoundary(config: TeamConfig): BoundaryHandles {
  const names = teamNames(config.team);
  const tags = teamTags(config);
  const site: Site = { config, names, tags, group: resourceGroup(config, names, tags) };
  const client = authorization.getClientConfigOutput();
  const suffix = uniqueSuffix();
  const ai = aiAccount(site, suffix);
  const vault = keyVault(site, suffix, client);
  privateConnectivity(site, ai, vault);
  const access = teamAccess(site, client, ai, vault);
  budget(site);
  auditLogs(site, ai, vault);
  return handles(site, ai, vault, access);
}
