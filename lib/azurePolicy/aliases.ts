/**
 * Azure Policy aliases → ARM property paths (each alias's default path, as `Get-AzPolicyAlias` lists it), for the
 * resource types this stack plans and the aliases the baseline's rules name. A rule naming an alias missing here is
 * reported as not evaluated, never guessed. Keys are compared case-insensitively.
 */
export const ALIAS_PATHS: Readonly<Record<string, string>> = {
  // Microsoft.CognitiveServices
  "Microsoft.CognitiveServices/accounts/disableLocalAuth": "properties.disableLocalAuth",
  "Microsoft.CognitiveServices/accounts/publicNetworkAccess": "properties.publicNetworkAccess",
  "Microsoft.CognitiveServices/accounts/customSubDomainName": "properties.customSubDomainName",
  "Microsoft.CognitiveServices/accounts/restrictOutboundNetworkAccess": "properties.restrictOutboundNetworkAccess",
  "Microsoft.CognitiveServices/accounts/networkAcls.defaultAction": "properties.networkAcls.defaultAction",
  "Microsoft.CognitiveServices/accounts/encryption.keySource": "properties.encryption.keySource",
  "Microsoft.CognitiveServices/accounts/userOwnedStorage": "properties.userOwnedStorage",
  "Microsoft.CognitiveServices/accounts/sku.name": "sku.name",
  "Microsoft.CognitiveServices/accounts/privateEndpointConnections/privateLinkServiceConnectionState.status":
    "properties.privateLinkServiceConnectionState.status",
  "Microsoft.Search/searchServices/disableLocalAuth": "properties.disableLocalAuth",
  // Microsoft.OperationalInsights
  "Microsoft.OperationalInsights/workspaces/publicNetworkAccessForIngestion":
    "properties.publicNetworkAccessForIngestion",
  "Microsoft.OperationalInsights/workspaces/publicNetworkAccessForQuery": "properties.publicNetworkAccessForQuery",
  "Microsoft.OperationalInsights/workspaces/features.disableLocalAuth": "properties.features.disableLocalAuth",
  "Microsoft.OperationalInsights/workspaces/forceCmkForQuery": "properties.forceCmkForQuery",
  "Microsoft.OperationalInsights/workspaces/retentionInDays": "properties.retentionInDays",
  "Microsoft.OperationalInsights/workspaces/sku.name": "properties.sku.name",
  // Microsoft.Insights
  "Microsoft.Insights/diagnosticSettings/logs": "properties.logs",
  "Microsoft.Insights/diagnosticSettings/logs[*]": "properties.logs[*]",
  "Microsoft.Insights/diagnosticSettings/logs[*].enabled": "properties.logs[*].enabled",
  "Microsoft.Insights/diagnosticSettings/logs[*].category": "properties.logs[*].category",
  "Microsoft.Insights/diagnosticSettings/logs[*].categoryGroup": "properties.logs[*].categoryGroup",
  "Microsoft.Insights/diagnosticSettings/metrics[*].enabled": "properties.metrics[*].enabled",
  "Microsoft.Insights/diagnosticSettings/workspaceId": "properties.workspaceId",
  // Microsoft.KeyVault
  "Microsoft.KeyVault/vaults/enableRbacAuthorization": "properties.enableRbacAuthorization",
  "Microsoft.KeyVault/vaults/enablePurgeProtection": "properties.enablePurgeProtection",
  "Microsoft.KeyVault/vaults/enableSoftDelete": "properties.enableSoftDelete",
  "Microsoft.KeyVault/vaults/publicNetworkAccess": "properties.publicNetworkAccess",
  "Microsoft.KeyVault/vaults/networkAcls.defaultAction": "properties.networkAcls.defaultAction",
  // Key Vault's data plane (mode Microsoft.KeyVault.Data): the secret's attributes as the data plane reports them
  "Microsoft.KeyVault.Data/vaults/secrets/attributes.expiresOn": "attributes.expiresOn",
  "Microsoft.KeyVault.Data/vaults/secrets/attributes.createdOn": "attributes.createdOn",
  // Microsoft.Network
  "Microsoft.Network/virtualNetworks/subnets[*]": "properties.subnets[*]",
  "Microsoft.Network/virtualNetworks/subnets[*].name": "properties.subnets[*].name",
  "Microsoft.Network/virtualNetworks/subnets[*].networkSecurityGroup.id":
    "properties.subnets[*].properties.networkSecurityGroup.id",
  "Microsoft.Network/virtualNetworks/subnets[*].routeTable.id": "properties.subnets[*].properties.routeTable.id",
  "Microsoft.Network/virtualNetworks/subnets[*].routeTable": "properties.subnets[*].properties.routeTable",
  "Microsoft.Network/virtualNetworks/subnets[*].ipConfigurations[*]":
    "properties.subnets[*].properties.ipConfigurations[*]",
  "Microsoft.Network/virtualNetworks/subnets[*].ipConfigurations[*].id":
    "properties.subnets[*].properties.ipConfigurations[*].id",
  "Microsoft.Network/virtualNetworks/flowLogs[*]": "properties.flowLogs[*]",
  "Microsoft.Network/virtualNetworks/enableDdosProtection": "properties.enableDdosProtection",
  "Microsoft.Network/virtualNetworks/ddosProtectionPlan": "properties.ddosProtectionPlan",
  "Microsoft.Network/virtualNetworks/ddosProtectionPlan.id": "properties.ddosProtectionPlan.id",
  "Microsoft.Network/azureFirewalls/ipConfigurations[*]": "properties.ipConfigurations[*]",
  "Microsoft.Network/azureFirewalls/ipConfigurations[*].subnet.id":
    "properties.ipConfigurations[*].properties.subnet.id",
  "Microsoft.Network/virtualNetworks/subnets/networkSecurityGroup.id": "properties.networkSecurityGroup.id",
  "Microsoft.Network/virtualNetworks/subnets/routeTable.id": "properties.routeTable.id",
  "Microsoft.Network/virtualNetworks/subnets/addressPrefix": "properties.addressPrefix",
  "Microsoft.Network/privateEndpoints/subnet.id": "properties.subnet.id",
  // Microsoft.ManagedIdentity
  "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/issuer": "properties.issuer",
  "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/subject": "properties.subject",
};

const BY_LOWER = new Map(Object.entries(ALIAS_PATHS).map(([alias, path]) => [alias.toLowerCase(), path]));

/** The ARM path of an alias, or undefined when the table does not know it. */
export function aliasPath(alias: string): string | undefined {
  return BY_LOWER.get(alias.toLowerCase());
}
