/**
 * Which spec operation defines each azure-native resource this stack creates, at the API version
 * azure-native 3.28.0 uses by default (its doc comment "Uses Azure REST API version ..." per resource).
 * Refresh this table with the azure-native version (docs/azure-contract.md).
 */
export interface ResourceTarget {
  /** The Pulumi type token, e.g. azure-native:keyvault:Vault. */
  token: string;
  apiVersion: string;
  /** Spec file path in Azure/azure-rest-api-specs. */
  specPath: string;
  /** The PUT path template as written in the spec. */
  operationPath: string;
  method: "put" | "post";
  /** Set when the spec file of apiVersion could not be read and another version's file stands in (see SPEC_SUBSTITUTIONS). */
  specApiVersion?: string;
}

/** Request bodies sent outside azure-native (the key-regeneration provider's ARM call), keyed by a name. */
export interface RequestTarget extends Omit<ResourceTarget, "token"> {
  name: string;
}

const CS_2025_06_01 =
  "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json";
const CS_2025_09_01 =
  "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-09-01/cognitiveservices.json";
const NETWORK = "specification/network/resource-manager/Microsoft.Network/stable/2024-05-01";
const NETWORK_2024_03_01 = "specification/network/resource-manager/Microsoft.Network/stable/2024-03-01";

/**
 * Spec files read in place of others. privateEndpoint.json of 2024-05-01 (the version azure-native uses for
 * PrivateEndpoint and PrivateDnsZoneGroup) is not in the index the cache was filled from; the 2024-03-01 file stands
 * in, and its references to sibling files resolve to the 2024-05-01 ones. Visible in the contract and its test.
 */
export const SPEC_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  [`${NETWORK_2024_03_01}/virtualNetwork.json`]: `${NETWORK}/virtualNetwork.json`,
  [`${NETWORK_2024_03_01}/network.json`]: `${NETWORK}/network.json`,
};
const MSI = "specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/ManagedIdentity.json";
const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";

export const RESOURCE_TARGETS: readonly ResourceTarget[] = [
  {
    token: "azure-native:resources:ResourceGroup",
    apiVersion: "2024-03-01",
    specPath: "specification/resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json",
    // The spec spells this path with a lower-case "resourcegroups".
    operationPath: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}",
    method: "put",
  },
  {
    token: "azure-native:cognitiveservices:Account",
    apiVersion: "2025-06-01",
    specPath: CS_2025_06_01,
    operationPath: `${RG}/providers/Microsoft.CognitiveServices/accounts/{accountName}`,
    method: "put",
  },
  {
    token: "azure-native:cognitiveservices:Deployment",
    apiVersion: "2025-06-01",
    specPath: CS_2025_06_01,
    operationPath: `${RG}/providers/Microsoft.CognitiveServices/accounts/{accountName}/deployments/{deploymentName}`,
    method: "put",
  },
  {
    token: "azure-native:keyvault:Vault",
    apiVersion: "2024-11-01",
    specPath: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/keyvault.json",
    operationPath: `${RG}/providers/Microsoft.KeyVault/vaults/{vaultName}`,
    method: "put",
  },
  {
    token: "azure-native:keyvault:Secret",
    apiVersion: "2024-11-01",
    specPath: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/secrets.json",
    operationPath: `${RG}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}`,
    method: "put",
  },
  {
    token: "azure-native:authorization:RoleAssignment",
    apiVersion: "2022-04-01",
    specPath:
      "specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json",
    operationPath: "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
    method: "put",
  },
  {
    token: "azure-native:authorization:PolicyExemption",
    apiVersion: "2022-07-01-preview",
    specPath:
      "specification/resources/resource-manager/Microsoft.Authorization/preview/2022-07-01-preview/policyExemptions.json",
    operationPath: "/{scope}/providers/Microsoft.Authorization/policyExemptions/{policyExemptionName}",
    method: "put",
  },
  {
    token: "azure-native:monitor:DiagnosticSetting",
    apiVersion: "2021-05-01-preview",
    specPath:
      "specification/monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json",
    operationPath: "/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
    method: "put",
  },
  {
    token: "azure-native:operationalinsights:Workspace",
    apiVersion: "2023-09-01",
    specPath:
      "specification/operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json",
    // Spelled with a lower-case "resourcegroups" in this spec.
    operationPath:
      "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}",
    method: "put",
  },
  {
    token: "azure-native:consumption:Budget",
    apiVersion: "2024-08-01",
    specPath: "specification/consumption/resource-manager/Microsoft.Consumption/stable/2024-08-01/consumption.json",
    operationPath: "/{scope}/providers/Microsoft.Consumption/budgets/{budgetName}",
    method: "put",
  },
  {
    token: "azure-native:privatedns:PrivateZone",
    apiVersion: "2024-06-01",
    specPath: "specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json",
    operationPath: `${RG}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}`,
    method: "put",
  },
  {
    token: "azure-native:privatedns:VirtualNetworkLink",
    apiVersion: "2024-06-01",
    specPath: "specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json",
    operationPath: `${RG}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}`,
    method: "put",
  },
  {
    token: "azure-native:network:VirtualNetwork",
    apiVersion: "2024-05-01",
    specPath: `${NETWORK}/virtualNetwork.json`,
    operationPath: `${RG}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}`,
    method: "put",
  },
  {
    token: "azure-native:network:Subnet",
    apiVersion: "2024-05-01",
    specPath: `${NETWORK}/virtualNetwork.json`,
    operationPath: `${RG}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}`,
    method: "put",
  },
  {
    token: "azure-native:network:NetworkSecurityGroup",
    apiVersion: "2024-05-01",
    specPath: `${NETWORK}/networkSecurityGroup.json`,
    operationPath: `${RG}/providers/Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}`,
    method: "put",
  },
  {
    token: "azure-native:network:PrivateEndpoint",
    apiVersion: "2024-05-01",
    specApiVersion: "2024-03-01",
    specPath: `${NETWORK_2024_03_01}/privateEndpoint.json`,
    operationPath: `${RG}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}`,
    method: "put",
  },
  {
    token: "azure-native:network:PrivateDnsZoneGroup",
    apiVersion: "2024-05-01",
    specApiVersion: "2024-03-01",
    specPath: `${NETWORK_2024_03_01}/privateEndpoint.json`,
    operationPath: `${RG}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}`,
    method: "put",
  },
  {
    token: "azure-native:managedidentity:UserAssignedIdentity",
    apiVersion: "2023-01-31",
    specPath: MSI,
    operationPath: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}`,
    method: "put",
  },
  {
    token: "azure-native:managedidentity:FederatedIdentityCredential",
    apiVersion: "2023-01-31",
    specPath: MSI,
    operationPath: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}/federatedIdentityCredentials/{federatedIdentityCredentialResourceName}`,
    method: "put",
  },
];

/** The ARM call the key-regeneration provider makes through @azure/arm-cognitiveservices 8.1.0 (api-version 2025-09-01). */
export const REQUEST_TARGETS: readonly RequestTarget[] = [
  {
    name: "Microsoft.CognitiveServices/accounts/regenerateKey",
    apiVersion: "2025-09-01",
    specPath: CS_2025_09_01,
    operationPath: `${RG}/providers/Microsoft.CognitiveServices/accounts/{accountName}/regenerateKey`,
    method: "post",
  },
];
