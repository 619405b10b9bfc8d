import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** Fixed identities the offline plan pretends to deploy as. Obviously fake, stable across runs. */
export const MOCK_SUBSCRIPTION_ID = "00000000-0000-4000-8000-00000000c0de";
export const MOCK_TENANT_ID = "00000000-0000-4000-8000-0000000c0de1";
export const MOCK_DEPLOYER_OBJECT_ID = "00000000-0000-4000-8000-0000000c0de2";
export const MOCK_DEPLOYER_CLIENT_ID = "00000000-0000-4000-8000-0000000c0de3";

/** Fake account keys: short and plainly fake, so nothing key-shaped is ever committed or printed. */
export function mockAccountKeys(accountName: string): { key1: string; key2: string } {
  return { key1: `mock-key1-${accountName}`, key2: `mock-key2-${accountName}` };
}

const PROVIDER_NAMESPACES: Record<string, string> = {
  authorization: "Microsoft.Authorization",
  cognitiveservices: "Microsoft.CognitiveServices",
  consumption: "Microsoft.Consumption",
  insights: "Microsoft.Insights",
  keyvault: "Microsoft.KeyVault",
  managedidentity: "Microsoft.ManagedIdentity",
  monitor: "Microsoft.Insights",
  network: "Microsoft.Network",
  operationalinsights: "Microsoft.OperationalInsights",
  privatedns: "Microsoft.Network",
  resources: "Microsoft.Resources",
};

/** ARM path segments for child and extension resources: where they hang below their parent or scope. */
const ARM_SHAPES: Record<string, (inputs: Record<string, unknown>, name: string) => string> = {
  "azure-native:resources:ResourceGroup": (i, n) => `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${n}`,
  "azure-native:cognitiveservices:Deployment": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.CognitiveServices/accounts/${str(i.accountName)}/deployments/${n}`,
  "azure-native:network:Subnet": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.Network/virtualNetworks/${str(i.virtualNetworkName)}/subnets/${n}`,
  "azure-native:network:PrivateZone": (i, n) => `${rgPrefix(i)}/providers/Microsoft.Network/privateDnsZones/${n}`,
  "azure-native:privatedns:PrivateZone": (i, n) => `${rgPrefix(i)}/providers/Microsoft.Network/privateDnsZones/${n}`,
  "azure-native:network:VirtualNetworkLink": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.Network/privateDnsZones/${str(i.privateZoneName)}/virtualNetworkLinks/${n}`,
  "azure-native:privatedns:VirtualNetworkLink": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.Network/privateDnsZones/${str(i.privateZoneName)}/virtualNetworkLinks/${n}`,
  "azure-native:network:PrivateDnsZoneGroup": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.Network/privateEndpoints/${str(i.privateEndpointName)}/privateDnsZoneGroups/${n}`,
  "azure-native:keyvault:Secret": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.KeyVault/vaults/${str(i.vaultName)}/secrets/${n}`,
  "azure-native:authorization:RoleAssignment": (i, n) =>
    `${str(i.scope)}/providers/Microsoft.Authorization/roleAssignments/${n}`,
  "azure-native:authorization:PolicyExemption": (i, n) =>
    `${str(i.scope)}/providers/Microsoft.Authorization/policyExemptions/${n}`,
  "azure-native:monitor:DiagnosticSetting": (i, n) =>
    `${str(i.resourceUri)}/providers/Microsoft.Insights/diagnosticSettings/${n}`,
  "azure-native:managedidentity:UserAssignedIdentity": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`,
  "azure-native:managedidentity:FederatedIdentityCredential": (i, n) =>
    `${rgPrefix(i)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${str(i.resourceName)}/federatedIdentityCredentials/${n}`,
  "azure-native:consumption:Budget": (i, n) => `${str(i.scope)}/providers/Microsoft.Consumption/budgets/${n}`,
};

function str(value: unknown): string {
  return typeof value === "string" ? value : "unknown";
}

function rgPrefix(inputs: Record<string, unknown>): string {
  return `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${str(inputs.resourceGroupName)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A stable fake GUID derived from text, for principal IDs and the like. */
export function fakeGuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** azure-native takes the Azure name from `<type>Name` (accountName, vaultName, ...), or `name`. */
function azureName(type: string, inputs: Record<string, unknown>, logicalName: string): string {
  const typeName = type.split(":")[2] ?? "";
  const candidates = [`${lowerFirst(typeName)}Name`, "name"];
  if (typeName === "PrivateZone") candidates.unshift("privateZoneName");
  // Managed identities take their own name as resourceName, and a federated credential its own under a long key.
  if (typeName === "UserAssignedIdentity") candidates.unshift("resourceName");
  if (typeName === "FederatedIdentityCredential") candidates.unshift("federatedIdentityCredentialResourceName");
  for (const key of candidates) {
    if (typeof inputs[key] === "string") return inputs[key];
  }
  return logicalName;
}

function azureState(
  type: string,
  inputs: Record<string, unknown>,
  logicalName: string,
): { id: string; state: Record<string, unknown> } {
  const [, module = "", typeName = ""] = type.split(":");
  const name = azureName(type, inputs, logicalName);
  const shape = ARM_SHAPES[type];
  const namespace = PROVIDER_NAMESPACES[module] ?? `Microsoft.${module}`;
  const id = shape
    ? shape(inputs, name)
    : `${rgPrefix(inputs)}/providers/${namespace}/${lowerFirst(typeName)}s/${name}`;
  const state: Record<string, unknown> = { ...inputs, name, id, azureApiVersion: "mock" };
  const properties =
    typeof inputs.properties === "object" && inputs.properties !== null
      ? (inputs.properties as Record<string, unknown>)
      : {};
  switch (type) {
    case "azure-native:cognitiveservices:Account": {
      const subdomain = str(properties.customSubDomainName);
      state.properties = {
        ...properties,
        endpoint: `https://${subdomain}.cognitiveservices.azure.com/`,
        endpoints: { "OpenAI Language Model Instance API": `https://${subdomain}.openai.azure.com/` },
        provisioningState: "Succeeded",
      };
      state.identity = { type: "SystemAssigned", principalId: fakeGuid(`${id}/identity`), tenantId: MOCK_TENANT_ID };
      break;
    }
    case "azure-native:keyvault:Vault":
      state.properties = {
        ...properties,
        vaultUri: `https://${name}.vault.azure.net/`,
        provisioningState: "Succeeded",
      };
      break;
    case "azure-native:keyvault:Secret":
      state.properties = {
        ...properties,
        secretUri: `https://${str(inputs.vaultName)}.vault.azure.net/secrets/${name}`,
        secretUriWithVersion: `https://${str(inputs.vaultName)}.vault.azure.net/secrets/${name}/${fakeGuid(JSON.stringify(inputs)).replace(/-/g, "")}`,
      };
      break;
    case "azure-native:managedidentity:UserAssignedIdentity":
      state.clientId = fakeGuid(`${id}/clientId`);
      state.principalId = fakeGuid(`${id}/principalId`);
      state.tenantId = MOCK_TENANT_ID;
      break;
    case "azure-native:operationalinsights:Workspace":
      state.customerId = fakeGuid(`${id}/customerId`);
      break;
    case "azure-native:network:PrivateEndpoint":
      state.networkInterfaces = [
        { id: `${rgPrefix(inputs)}/providers/Microsoft.Network/networkInterfaces/${name}.nic` },
      ];
      break;
    default:
      break;
  }
  return { id, state };
}

/** Deterministic stand-ins for @pulumi/random: same name, same value, every run. */
function randomState(type: string, inputs: Record<string, unknown>, logicalName: string): Record<string, unknown> {
  const digest = createHash("sha256").update(`${type}/${logicalName}`).digest();
  if (type === "random:index/randomString:RandomString" || type === "random:index/randomPassword:RandomPassword") {
    const length = typeof inputs.length === "number" ? inputs.length : 8;
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    const result = Array.from({ length }, (_, i) => alphabet[(digest[i % digest.length] ?? 0) % alphabet.length]).join(
      "",
    );
    return { ...inputs, result };
  }
  if (type === "random:index/randomId:RandomId") {
    const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 4;
    const hex = digest.subarray(0, bytes).toString("hex");
    return {
      ...inputs,
      hex,
      dec: BigInt(`0x${hex}`).toString(),
      b64Url: digest.subarray(0, bytes).toString("base64url"),
    };
  }
  if (type === "random:index/randomUuid:RandomUuid") return { ...inputs, result: fakeGuid(`${type}/${logicalName}`) };
  if (type === "random:index/randomInteger:RandomInteger") {
    const min = Number(inputs.min ?? 0);
    const max = Number(inputs.max ?? 100);
    return { ...inputs, result: min + (digest.readUInt32BE(0) % (max - min + 1)) };
  }
  return { ...inputs };
}

/** The subscription getClientConfig answers: the stack's azure-native:subscriptionId when it is one, as the provider would. */
export function mockDeployingSubscription(values: Record<string, string>): string {
  const configured = values["azure-native:subscriptionId"] ?? "";
  return /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(configured) ? configured : MOCK_SUBSCRIPTION_ID;
}

/** The mocks the offline plan and the tests run the real program with. */
export function createPlanMocks(
  options: { stackOutputs?: Record<string, unknown>; subscriptionId?: string } = {},
): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
      const inputs = args.inputs as Record<string, unknown>;
      // The stack reading its own previous outputs: none by default (a first deployment).
      if (args.type === "pulumi:pulumi:StackReference") {
        return {
          id: args.id ?? args.name,
          state: { name: inputs.name, outputs: options.stackOutputs ?? {}, secretOutputNames: [] },
        };
      }
      if (args.type.startsWith("azure-native:")) return azureState(args.type, inputs, args.name);
      if (args.type.startsWith("random:"))
        return { id: `${args.name}-id`, state: randomState(args.type, inputs, args.name) };
      if (args.type.startsWith("github:")) {
        const repo = typeof inputs.repository === "string" ? `${inputs.repository}:` : "";
        return { id: `${repo}${args.name}`, state: { ...inputs } };
      }
      return { id: `${args.name}-id`, state: { ...inputs } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      const inputs = args.inputs as Record<string, unknown>;
      switch (args.token) {
        case "azure-native:cognitiveservices:listAccountKeys":
          return mockAccountKeys(str(inputs.accountName));
        case "azure-native:authorization:getClientConfig":
          return {
            clientId: MOCK_DEPLOYER_CLIENT_ID,
            objectId: MOCK_DEPLOYER_OBJECT_ID,
            subscriptionId: options.subscriptionId ?? MOCK_SUBSCRIPTION_ID,
            tenantId: MOCK_TENANT_ID,
          };
        default:
          throw new Error(`the offline plan has no mock for the invoke ${args.token}; add one in tools/plan/mocks.ts`);
      }
    },
  };
}
