/**
 * The properties of the resource types a team stack creates that a live resource cannot take a new value for: either
 * azure-native replaces the resource (delete, then create: the stack's names are fixed, so a create-first replace
 * would collide with itself) or Azure refuses the update. Read against azure-native 3.28 (the API versions its
 * default modules use) and the Azure REST specs. The provider decides replacement in three places:
 *
 * - PATH: every parameter of the resource's URL path (names, resource group, scope) forces a replacement
 *   (pulumi/pulumi-azure-native provider/pkg/provider/diff.go, calculateDetailedDiff);
 * - MUTABILITY: a body property whose `x-ms-mutability` lists `create` but not `update` is force-new
 *   (provider/pkg/gen/properties.go, forceNew / propChangeForcesRecreate); common-types' TrackedResource.location
 *   is `["read", "create"]` (Azure/azure-rest-api-specs specification/common-types/resource-management/v5/types.json);
 * - FORCE_NEW_MAP: the provider's own list (provider/pkg/gen/replacement.go, forceNewMap): Resources.ResourceGroup
 *   location, Network.VirtualNetwork location, Authorization.RoleAssignment principalId and scope.
 *
 * Everything else is sent as an in-place PUT, which Azure answers with an error for the values marked `refused`.
 * `guard` names how the stack keeps a deployed value: `record` (lib/azure/createOnly.ts: recorded in the stack output
 * createOnlyValues, a changed config value stops the run at plan), `ignoreChanges` (the component never sends a new
 * value), `fixed` (the code sets it; no config key decides it) or `identity` (a changed value is a new resource with
 * its own name: another list item, not a replacement, see lib/azure/roles.ts and components/formerNames.ts).
 */

const PATH = "azure-native provider/pkg/provider/diff.go: a URL path parameter forces replacement";
const MUTABILITY = "azure-native provider/pkg/gen/properties.go: x-ms-mutability without update is force-new";
const TRACKED_LOCATION = `${MUTABILITY}; common-types v5 TrackedResource.location is [read, create]`;
const FORCE_NEW_MAP = "azure-native provider/pkg/gen/replacement.go forceNewMap";
const ARM_LOCATION =
  "ARM refuses a PUT of an existing resource with another location (InvalidResourceLocation): not force-new in the spec";

export type CreateOnlyEffect = "replaced" | "refused";
export type CreateOnlyGuard = "record" | "ignoreChanges" | "fixed" | "identity";

export interface CreateOnlyProperty {
  /** The azure-native (or random) type token. */
  type: string;
  /** The input property, as the SDK names it. */
  property: string;
  effect: CreateOnlyEffect;
  /** The team config key that decides the value (lib/config/schema.ts), or null when the code fixes it. */
  configKey: string | null;
  guard: CreateOnlyGuard;
  source: string;
}

function pathNames(type: string, properties: readonly string[], configKey: string | null): CreateOnlyProperty[] {
  return properties.map((property) => ({
    type,
    property,
    effect: "replaced",
    configKey,
    guard: configKey === "team" ? "record" : "fixed",
    source: PATH,
  }));
}

export const CREATE_ONLY_PROPERTIES: readonly CreateOnlyProperty[] = [
  ...pathNames("azure-native:resources:ResourceGroup", ["resourceGroupName"], "team"),
  {
    type: "azure-native:resources:ResourceGroup",
    property: "location",
    effect: "replaced",
    configKey: "location",
    guard: "record",
    source: `${FORCE_NEW_MAP} (Resources.ResourceGroup: location); deleting the group deletes everything in it`,
  },
  ...pathNames("azure-native:cognitiveservices:Account", ["accountName", "resourceGroupName"], "team"),
  {
    type: "azure-native:cognitiveservices:Account",
    property: "location",
    effect: "replaced",
    configKey: "location",
    guard: "record",
    source: `${MUTABILITY} (Cognitive Services 2025-06-01 Account.location is [read, create])`,
  },
  {
    type: "azure-native:cognitiveservices:Account",
    property: "kind",
    effect: "refused",
    configKey: "account.kind",
    guard: "record",
    source:
      "Cognitive Services 2025-06-01 Account.kind has no x-ms-mutability, so azure-native sends it in place; Azure " +
      "converts an OpenAI account only through its Foundry upgrade, outside the stack",
  },
  {
    type: "azure-native:cognitiveservices:Account",
    property: "properties.customSubDomainName",
    effect: "refused",
    configKey: "team",
    guard: "record",
    source:
      "Cognitive Services 2025-06-01 AccountProperties.customSubDomainName has no x-ms-mutability (sent in place); " +
      "Azure refuses to change a set subdomain (the endpoint's host). It derives from team and the random suffix",
  },
  ...pathNames("azure-native:cognitiveservices:Deployment", ["deploymentName"], "models[].name").map((p) => ({
    ...p,
    guard: "identity" as const,
  })),
  ...pathNames("azure-native:keyvault:Vault", ["vaultName", "resourceGroupName"], "team"),
  {
    type: "azure-native:keyvault:Vault",
    property: "location",
    effect: "replaced",
    configKey: "location",
    guard: "record",
    source: `${MUTABILITY} (KeyVault 2024-11-01 VaultCreateOrUpdateParameters.location is [read, create])`,
  },
  {
    type: "azure-native:keyvault:Vault",
    property: "properties.softDeleteRetentionInDays",
    effect: "refused",
    configKey: "keyVault.softDeleteRetentionDays",
    guard: "record",
    source: "Azure sets a vault's soft-delete retention at creation only (components/keyVault.ts ignoreChanges too)",
  },
  {
    type: "azure-native:keyvault:Vault",
    property: "properties.enablePurgeProtection",
    effect: "refused",
    configKey: null,
    guard: "fixed",
    source: "Azure refuses turning purge protection off once on (always true here)",
  },
  ...pathNames("azure-native:keyvault:Secret", ["secretName", "vaultName", "resourceGroupName"], null),
  ...pathNames("azure-native:network:VirtualNetwork", ["virtualNetworkName", "resourceGroupName"], "team"),
  {
    type: "azure-native:network:VirtualNetwork",
    property: "location",
    effect: "replaced",
    configKey: "location",
    guard: "record",
    source: `${FORCE_NEW_MAP} (Network.VirtualNetwork: location)`,
  },
  {
    type: "azure-native:network:VirtualNetwork",
    property: "addressSpace.addressPrefixes",
    effect: "refused",
    configKey: "networking.addressSpace",
    guard: "record",
    source:
      "sent in place (not force-new); Azure refuses an address space that leaves out a subnet in use " +
      "(the private-endpoint subnet): a larger space that still holds it is accepted",
  },
  ...pathNames("azure-native:network:Subnet", ["subnetName", "virtualNetworkName", "resourceGroupName"], null),
  {
    type: "azure-native:network:Subnet",
    property: "addressPrefix",
    effect: "refused",
    configKey: "networking.privateEndpointSubnet",
    guard: "record",
    source:
      "sent in place (network Subnet has no force-new, forceNewMap says so); Azure refuses a new prefix for a " +
      "subnet with private endpoints in it (InUseSubnetCannotBeUpdated)",
  },
  // No row for Subnet.networkSecurityGroup: network 2024-05-01 SubnetPropertiesFormat gives it no x-ms-mutability and
  // forceNewMap lists no Subnet property, so a live subnet takes the NSG added in issue 26 in one in-place PUT.
  ...pathNames("azure-native:network:NetworkSecurityGroup", ["networkSecurityGroupName", "resourceGroupName"], "team"),
  {
    type: "azure-native:network:NetworkSecurityGroup",
    property: "location",
    effect: "refused",
    configKey: "location",
    guard: "record",
    source: `${ARM_LOCATION} (network 2024-05-01 Resource.location has no x-ms-mutability; not in forceNewMap)`,
  },
  ...pathNames("azure-native:network:PrivateEndpoint", ["privateEndpointName"], "team"),
  ...pathNames(
    "azure-native:network:PrivateEndpoint",
    ["resourceGroupName"],
    "networking.privateEndpointResourceGroupId",
  ),
  {
    type: "azure-native:network:PrivateEndpoint",
    property: "location",
    effect: "refused",
    configKey: "location",
    guard: "record",
    source: ARM_LOCATION,
  },
  {
    type: "azure-native:network:PrivateEndpoint",
    property: "subnet.id",
    effect: "refused",
    configKey: "networking.mode",
    guard: "record",
    source:
      "refused whichever way azure-native sends it (two readings of its gen/replacement.go forceNewMap disagree on " +
      "whether PrivateEndpoint subnet is listed: unchecked); Azure keeps an endpoint in the subnet it was created in " +
      "(terraform azurerm marks private_endpoint.subnet_id ForceNew) and deletes no subnet with endpoints in it",
  },
  ...pathNames("azure-native:network:PrivateDnsZoneGroup", ["privateDnsZoneGroupName", "privateEndpointName"], null),
  ...pathNames("azure-native:privatedns:PrivateZone", ["privateZoneName", "resourceGroupName"], null),
  ...pathNames("azure-native:privatedns:VirtualNetworkLink", ["virtualNetworkLinkName", "privateZoneName"], "team"),
  ...pathNames("azure-native:consumption:Budget", ["budgetName", "scope"], "team"),
  {
    type: "azure-native:consumption:Budget",
    property: "timePeriod.startDate",
    effect: "refused",
    configKey: "budget.startMonth",
    guard: "record",
    source:
      "Azure refuses a changed start date of an existing budget (and a new one before the current month); " +
      "lib/azure/createOnly.ts budgetStart keeps the recorded month, components/teamBudget.ts ignoreChanges too",
  },
  ...pathNames("azure-native:operationalinsights:Workspace", ["workspaceName", "resourceGroupName"], "team"),
  {
    type: "azure-native:operationalinsights:Workspace",
    property: "location",
    effect: "replaced",
    configKey: "location",
    guard: "record",
    source: TRACKED_LOCATION,
  },
  ...pathNames("azure-native:monitor:DiagnosticSetting", ["name", "resourceUri"], null),
  ...pathNames("azure-native:authorization:RoleAssignment", ["roleAssignmentName", "scope"], null),
  {
    type: "azure-native:authorization:RoleAssignment",
    property: "principalId",
    effect: "replaced",
    configKey: "access.userGroupIds / access.adminGroupIds",
    guard: "identity",
    source: `${FORCE_NEW_MAP} (Authorization.RoleAssignment: principalId, scope)`,
  },
  ...pathNames("azure-native:authorization:PolicyExemption", ["policyExemptionName", "scope"], null),
  ...pathNames("azure-native:managedidentity:UserAssignedIdentity", ["resourceName", "resourceGroupName"], "team"),
  {
    type: "azure-native:managedidentity:UserAssignedIdentity",
    property: "location",
    effect: "replaced",
    configKey: "location",
    guard: "record",
    source: TRACKED_LOCATION,
  },
  ...pathNames(
    "azure-native:managedidentity:FederatedIdentityCredential",
    ["federatedIdentityCredentialResourceName"],
    null,
  ),
  {
    type: "random:index/randomString:RandomString",
    property: "length, lower, upper, numeric, special",
    effect: "replaced",
    configKey: null,
    guard: "fixed",
    source: "pulumi-random: every argument of RandomString is force-new (a new suffix renames the subdomain and vault)",
  },
];

/** The config keys whose change on a deployed stack is refused at plan (the table's `record` guard). */
export function recordedConfigKeys(): string[] {
  return [...new Set(CREATE_ONLY_PROPERTIES.filter((p) => p.guard === "record").map((p) => p.configKey ?? ""))]
    .filter((key) => key !== "")
    .sort();
}
