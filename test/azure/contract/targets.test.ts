import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { AzureContract } from "../../../lib/azure/contract/extract";
import { REQUEST_TARGETS, RESOURCE_TARGETS, SPEC_SUBSTITUTIONS, type RequestTarget, type ResourceTarget } from "../../../lib/azure/contract/targets";

// Known answers: the spec operation and API version each Azure resource of the stack is checked against. A change here
// is a conscious one (a new azure-native version): extract the contract again (docs/azure-contract.md) and update this.
const EXPECTED_RESOURCES: ResourceTarget[] = [
  { token: "azure-native:resources:ResourceGroup", apiVersion: "2024-03-01", specPath: "specification/resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json", operationPath: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}", method: "put" },
  { token: "azure-native:cognitiveservices:Account", apiVersion: "2025-06-01", specPath: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}", method: "put" },
  { token: "azure-native:cognitiveservices:Deployment", apiVersion: "2025-06-01", specPath: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/deployments/{deploymentName}", method: "put" },
  { token: "azure-native:keyvault:Vault", apiVersion: "2024-11-01", specPath: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/keyvault.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}", method: "put" },
  { token: "azure-native:keyvault:Secret", apiVersion: "2024-11-01", specPath: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/secrets.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}", method: "put" },
  { token: "azure-native:authorization:RoleAssignment", apiVersion: "2022-04-01", specPath: "specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json", operationPath: "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}", method: "put" },
  { token: "azure-native:authorization:PolicyExemption", apiVersion: "2022-07-01-preview", specPath: "specification/resources/resource-manager/Microsoft.Authorization/preview/2022-07-01-preview/policyExemptions.json", operationPath: "/{scope}/providers/Microsoft.Authorization/policyExemptions/{policyExemptionName}", method: "put" },
  { token: "azure-native:monitor:DiagnosticSetting", apiVersion: "2021-05-01-preview", specPath: "specification/monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json", operationPath: "/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}", method: "put" },
  { token: "azure-native:operationalinsights:Workspace", apiVersion: "2023-09-01", specPath: "specification/operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json", operationPath: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}", method: "put" },
  { token: "azure-native:consumption:Budget", apiVersion: "2024-08-01", specPath: "specification/consumption/resource-manager/Microsoft.Consumption/stable/2024-08-01/consumption.json", operationPath: "/{scope}/providers/Microsoft.Consumption/budgets/{budgetName}", method: "put" },
  { token: "azure-native:privatedns:PrivateZone", apiVersion: "2024-06-01", specPath: "specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}", method: "put" },
  { token: "azure-native:privatedns:VirtualNetworkLink", apiVersion: "2024-06-01", specPath: "specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}", method: "put" },
  { token: "azure-native:network:VirtualNetwork", apiVersion: "2024-05-01", specPath: "specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/virtualNetwork.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}", method: "put" },
  { token: "azure-native:network:Subnet", apiVersion: "2024-05-01", specPath: "specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/virtualNetwork.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}", method: "put" },
  { token: "azure-native:network:PrivateEndpoint", apiVersion: "2024-05-01", specApiVersion: "2024-03-01", specPath: "specification/network/resource-manager/Microsoft.Network/stable/2024-03-01/privateEndpoint.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}", method: "put" },
  { token: "azure-native:network:PrivateDnsZoneGroup", apiVersion: "2024-05-01", specApiVersion: "2024-03-01", specPath: "specification/network/resource-manager/Microsoft.Network/stable/2024-03-01/privateEndpoint.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}", method: "put" },
  { token: "azure-native:managedidentity:UserAssignedIdentity", apiVersion: "2023-01-31", specPath: "specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/ManagedIdentity.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}", method: "put" },
  { token: "azure-native:managedidentity:FederatedIdentityCredential", apiVersion: "2023-01-31", specPath: "specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/ManagedIdentity.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}/federatedIdentityCredentials/{federatedIdentityCredentialResourceName}", method: "put" },
];

const EXPECTED_REQUESTS: RequestTarget[] = [
  { name: "Microsoft.CognitiveServices/accounts/regenerateKey", apiVersion: "2025-09-01", specPath: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-09-01/cognitiveservices.json", operationPath: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/regenerateKey", method: "post" },
];

const NETWORK_2024_03_01 = "specification/network/resource-manager/Microsoft.Network/stable/2024-03-01";
const NETWORK_2024_05_01 = "specification/network/resource-manager/Microsoft.Network/stable/2024-05-01";

function committedContract(): AzureContract {
  return JSON.parse(readFileSync(join(__dirname, "../../../lib/azure/contract/azure-contract.json"), "utf8")) as AzureContract;
}

describe("the resources and requests checked against Azure's published specs", () => {
  test("each azure-native resource type names its API version, spec file, PUT path and method", () => {
    expect(RESOURCE_TARGETS).toEqual(EXPECTED_RESOURCES);
  });

  test("the key-regeneration provider's ARM call names its API version, spec file, POST path and method", () => {
    expect(REQUEST_TARGETS).toEqual(EXPECTED_REQUESTS);
  });

  test("only the private endpoint's spec file is read at another version, and its sibling references resolve to the used version", () => {
    expect(SPEC_SUBSTITUTIONS).toEqual({
      [`${NETWORK_2024_03_01}/virtualNetwork.json`]: `${NETWORK_2024_05_01}/virtualNetwork.json`,
      [`${NETWORK_2024_03_01}/network.json`]: `${NETWORK_2024_05_01}/network.json`,
    });
    expect(RESOURCE_TARGETS.filter((t) => t.specApiVersion !== undefined).map((t) => [t.token, t.specApiVersion])).toEqual([
      ["azure-native:network:PrivateEndpoint", "2024-03-01"],
      ["azure-native:network:PrivateDnsZoneGroup", "2024-03-01"],
    ]);
  });

  test("each spec file is of the version the target reads, and each type token is listed once", () => {
    for (const target of [...RESOURCE_TARGETS, ...REQUEST_TARGETS]) {
      expect(target.specPath, target.operationPath).toMatch(new RegExp(`^specification/.+/(stable|preview)/${target.specApiVersion ?? target.apiVersion}/[^/]+\\.json$`));
    }
    expect(new Set(RESOURCE_TARGETS.map((t) => t.token)).size).toBe(RESOURCE_TARGETS.length);
  });

  test("the committed contract was extracted from this table (version, operation, source file and substitutions)", () => {
    const contract = committedContract();
    expect(Object.keys(contract.resources).sort()).toEqual(RESOURCE_TARGETS.map((t) => t.token).sort());
    expect(Object.keys(contract.requests)).toEqual(REQUEST_TARGETS.map((t) => t.name));
    for (const target of RESOURCE_TARGETS) {
      const entry = contract.resources[target.token];
      expect(entry?.apiVersion, target.token).toBe(target.apiVersion);
      expect(entry?.specApiVersion, target.token).toBe(target.specApiVersion);
      expect(entry?.operation, target.token).toBe(`${target.method.toUpperCase()} ${target.operationPath}`);
      expect(entry?.source.path, target.token).toBe(target.specPath);
    }
    for (const target of REQUEST_TARGETS) {
      const entry = contract.requests[target.name];
      expect(entry?.apiVersion, target.name).toBe(target.apiVersion);
      expect(entry?.operation, target.name).toBe(`POST ${target.operationPath}`);
      expect(entry?.source.path, target.name).toBe(target.specPath);
    }
    expect(contract.substitutions).toEqual(SPEC_SUBSTITUTIONS);
  });
});
