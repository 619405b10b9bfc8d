import { entraActive, keyFlowActive } from "../config/authMode";
import type { TeamConfig } from "../config/schema";

/**
 * What a team stack needs of Azure before its first `pulumi up`: the resource providers its resource types belong to
 * (azure-native registers none of them) and the actions the deployer must hold, per scope. Derived from the same
 * config the program reads, so a stack that creates no workspace (audit.workspaceId) or no CI identity (key mode)
 * asks for neither.
 */

export interface ProviderNeed {
  namespace: string;
  /** What the stack creates of it, for the message. */
  why: string;
}

export interface ScopeNeed {
  /** An ARM ID: the subscription, or a resource group or resource of the hub the stack writes into. */
  scope: string;
  /** What the scope is, for the message. */
  what: string;
  actions: string[];
}

export interface StackNeeds {
  providers: ProviderNeed[];
  scopes: ScopeNeed[];
}

/**
 * Every write of a first deployment and the deletes of ordinary day-two edits (a group, model or repository removed),
 * at subscription scope: rg-codex-<team> does not exist before the first `pulumi up`, so no right granted on it can help.
 * Action names as Azure's resource provider operations list spells them.
 */
export function stackNeeds(config: TeamConfig, subscriptionId: string): StackNeeds {
  const keys = keyFlowActive(config.auth);
  const entra = entraActive(config.auth);
  const creates = config.networking.mode === "create";
  const ownWorkspace = config.audit.workspaceId === undefined;
  const providers: ProviderNeed[] = [
    { namespace: "Microsoft.CognitiveServices", why: "the account and its model deployments" },
    { namespace: "Microsoft.KeyVault", why: "the Key Vault" },
    {
      namespace: "Microsoft.Network",
      why: creates ? "the VNet, private DNS zones and private endpoints" : "the private endpoints",
    },
    { namespace: "Microsoft.Insights", why: "the diagnostic settings" },
    ...(ownWorkspace ? [{ namespace: "Microsoft.OperationalInsights", why: "the Log Analytics workspace" }] : []),
    { namespace: "Microsoft.Consumption", why: "the budget" },
    ...(entra
      ? [{ namespace: "Microsoft.ManagedIdentity", why: "the CI identity and its federated credentials" }]
      : []),
    { namespace: "Microsoft.Authorization", why: "the role assignments" },
  ];
  const subscriptionActions = [
    "Microsoft.Resources/subscriptions/resourceGroups/read",
    "Microsoft.Resources/subscriptions/resourceGroups/write",
    "Microsoft.CognitiveServices/accounts/read",
    "Microsoft.CognitiveServices/accounts/write",
    "Microsoft.CognitiveServices/accounts/deployments/read",
    "Microsoft.CognitiveServices/accounts/deployments/write",
    "Microsoft.CognitiveServices/accounts/deployments/delete",
    ...(keys
      ? [
          "Microsoft.CognitiveServices/accounts/listKeys/action",
          "Microsoft.CognitiveServices/accounts/regenerateKey/action",
        ]
      : []),
    "Microsoft.KeyVault/vaults/read",
    "Microsoft.KeyVault/vaults/write",
    ...(keys ? ["Microsoft.KeyVault/vaults/secrets/read", "Microsoft.KeyVault/vaults/secrets/write"] : []),
    ...(creates
      ? [
          "Microsoft.Network/virtualNetworks/read",
          "Microsoft.Network/virtualNetworks/write",
          "Microsoft.Network/virtualNetworks/subnets/read",
          "Microsoft.Network/virtualNetworks/subnets/write",
          "Microsoft.Network/virtualNetworks/subnets/join/action",
          // The subnet's NSG (issue 26): associating it is a linked write on the NSG (join).
          "Microsoft.Network/networkSecurityGroups/read",
          "Microsoft.Network/networkSecurityGroups/write",
          "Microsoft.Network/networkSecurityGroups/join/action",
          "Microsoft.Network/privateDnsZones/read",
          "Microsoft.Network/privateDnsZones/write",
          "Microsoft.Network/privateDnsZones/join/action",
          "Microsoft.Network/privateDnsZones/virtualNetworkLinks/read",
          "Microsoft.Network/privateDnsZones/virtualNetworkLinks/write",
          "Microsoft.Network/virtualNetworks/join/action",
        ]
      : []),
    "Microsoft.Network/privateEndpoints/read",
    "Microsoft.Network/privateEndpoints/write",
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/read",
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/write",
    "Microsoft.Insights/diagnosticSettings/read",
    "Microsoft.Insights/diagnosticSettings/write",
    ...(ownWorkspace
      ? [
          "Microsoft.OperationalInsights/workspaces/read",
          "Microsoft.OperationalInsights/workspaces/write",
          "Microsoft.OperationalInsights/workspaces/sharedKeys/action",
        ]
      : []),
    "Microsoft.Consumption/budgets/read",
    "Microsoft.Consumption/budgets/write",
    "Microsoft.Authorization/roleAssignments/read",
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.Authorization/roleAssignments/delete",
    ...(entra
      ? [
          "Microsoft.ManagedIdentity/userAssignedIdentities/read",
          "Microsoft.ManagedIdentity/userAssignedIdentities/write",
          "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read",
          "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
          "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete",
        ]
      : []),
    ...(keys && config.policy.keyAuthExemption !== undefined
      ? ["Microsoft.Authorization/policyExemptions/read", "Microsoft.Authorization/policyExemptions/write"]
      : []),
  ];
  const scopes: ScopeNeed[] = [
    {
      scope: `/subscriptions/${subscriptionId}`,
      what: `subscription ${subscriptionId} (where rg-codex-${config.team} is created)`,
      actions: subscriptionActions,
    },
    ...hubScopes(config),
  ];
  return { providers, scopes };
}

/** The rights docs/operations.md lists for a hub estate, at the hub's own scopes (the linked-authorization checks). */
function hubScopes(config: TeamConfig): ScopeNeed[] {
  const keys = keyFlowActive(config.auth);
  const scopes: ScopeNeed[] = [];
  if (config.networking.mode === "existing") {
    const net = config.networking;
    scopes.push({
      scope: net.subnetId,
      what: "the hub subnet",
      actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"],
    });
    for (const zone of new Set(Object.values(net.privateDnsZoneIds)))
      scopes.push({
        scope: zone,
        what: "a hub private DNS zone",
        actions: ["Microsoft.Network/privateDnsZones/join/action"],
      });
    if (net.privateEndpointResourceGroupId !== undefined)
      scopes.push({
        scope: net.privateEndpointResourceGroupId,
        what: "the private endpoints' resource group",
        actions: [
          "Microsoft.Network/privateEndpoints/write",
          "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/write",
        ],
      });
  }
  if (config.audit.workspaceId !== undefined)
    scopes.push({
      scope: config.audit.workspaceId,
      what: "the hub Log Analytics workspace",
      actions: [
        "Microsoft.OperationalInsights/workspaces/read",
        "Microsoft.OperationalInsights/workspaces/sharedKeys/action",
      ],
    });
  if (config.budget.actionGroupId !== undefined)
    scopes.push({
      scope: config.budget.actionGroupId,
      what: "the budget's action group",
      actions: ["Microsoft.Insights/actionGroups/read"],
    });
  const exemption = config.policy.keyAuthExemption;
  if (keys && exemption !== undefined)
    scopes.push({
      scope:
        exemption.policyAssignmentId.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, "") ||
        "/",
      what: "the key-auth policy assignment's scope",
      actions: ["Microsoft.Authorization/policyAssignments/exempt/action"],
    });
  return scopes;
}
