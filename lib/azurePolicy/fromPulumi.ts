import { ENGINE_SIGNATURES } from "../plan/redact";
import type { CapturedResource } from "../plan/types";
import type { ArmResource } from "./types";
import { isRecord } from "../isRecord";

/** How an azure-native resource's inputs become the ARM request body Azure Policy evaluates. */
interface ArmShape {
  armType: string;
  /** The input holding the resource's own name. */
  nameInput: string;
  /** Inputs naming the parents, outermost first, each with the ARM segment it stands for. */
  parents?: Array<[input: string, segment: string]>;
  /** Inputs that are top-level ARM fields; the rest (minus names) go under `properties` unless `properties` is given. */
  topLevel?: string[];
  /** An extension resource: its id hangs under the input naming its target. */
  extensionOf?: string;
}

const TRACKED = ["location", "tags", "identity", "sku", "kind", "etag", "zones", "extendedLocation"];

const SHAPES: Readonly<Record<string, ArmShape>> = {
  "azure-native:resources:ResourceGroup": {
    armType: "Microsoft.Resources/resourceGroups",
    nameInput: "resourceGroupName",
    topLevel: TRACKED,
  },
  "azure-native:cognitiveservices:Account": {
    armType: "Microsoft.CognitiveServices/accounts",
    nameInput: "accountName",
    topLevel: TRACKED,
  },
  "azure-native:cognitiveservices:Deployment": {
    armType: "Microsoft.CognitiveServices/accounts/deployments",
    nameInput: "deploymentName",
    parents: [["accountName", "accounts"]],
    topLevel: ["sku"],
  },
  "azure-native:operationalinsights:Workspace": {
    armType: "Microsoft.OperationalInsights/workspaces",
    nameInput: "workspaceName",
    // A workspace's sku sits under properties in ARM.
    topLevel: ["location", "tags", "identity", "etag"],
  },
  "azure-native:monitor:DiagnosticSetting": {
    armType: "Microsoft.Insights/diagnosticSettings",
    nameInput: "name",
    extensionOf: "resourceUri",
  },
  "azure-native:keyvault:Vault": { armType: "Microsoft.KeyVault/vaults", nameInput: "vaultName", topLevel: TRACKED },
  "azure-native:network:VirtualNetwork": {
    armType: "Microsoft.Network/virtualNetworks",
    nameInput: "virtualNetworkName",
    topLevel: TRACKED,
  },
  "azure-native:network:Subnet": {
    armType: "Microsoft.Network/virtualNetworks/subnets",
    nameInput: "subnetName",
    parents: [["virtualNetworkName", "virtualNetworks"]],
  },
  "azure-native:network:NetworkSecurityGroup": {
    armType: "Microsoft.Network/networkSecurityGroups",
    nameInput: "networkSecurityGroupName",
    topLevel: TRACKED,
  },
  "azure-native:network:RouteTable": {
    armType: "Microsoft.Network/routeTables",
    nameInput: "routeTableName",
    topLevel: TRACKED,
  },
  "azure-native:network:PrivateEndpoint": {
    armType: "Microsoft.Network/privateEndpoints",
    nameInput: "privateEndpointName",
    topLevel: TRACKED,
  },
  "azure-native:network:PrivateDnsZoneGroup": {
    armType: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
    nameInput: "privateDnsZoneGroupName",
    parents: [["privateEndpointName", "privateEndpoints"]],
  },
  "azure-native:privatedns:PrivateZone": {
    armType: "Microsoft.Network/privateDnsZones",
    nameInput: "privateZoneName",
    topLevel: TRACKED,
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    armType: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    nameInput: "virtualNetworkLinkName",
    parents: [["privateZoneName", "privateDnsZones"]],
    topLevel: TRACKED,
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    armType: "Microsoft.ManagedIdentity/userAssignedIdentities",
    nameInput: "resourceName",
    topLevel: TRACKED,
  },
  "azure-native:managedidentity:FederatedIdentityCredential": {
    armType: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
    nameInput: "federatedIdentityCredentialResourceName",
    parents: [["resourceName", "userAssignedIdentities"]],
  },
};

const SECRET_TYPE = "azure-native:keyvault:Secret";

/** The engine's value with secrets unwrapped, references as URNs and unknowns dropped (evaluation only, never printed). */
function reveal(value: unknown): unknown {
  const { specialSigKey, specialSecretSig, specialResourceSig, unknownValue } = ENGINE_SIGNATURES;
  if (value === unknownValue) return undefined;
  if (Array.isArray(value)) return value.map(reveal);
  if (!isRecord(value)) return value;
  if (value[specialSigKey] === specialSecretSig) return reveal(value.value);
  if (value[specialSigKey] === specialResourceSig) return value.urn;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function providerSegment(armType: string): { namespace: string; types: string[] } {
  const [namespace = "", ...types] = armType.split("/");
  return { namespace, types };
}

/** A planned resource as Azure Policy sees it, with the URN it came from. */
export interface PlannedArmResource extends ArmResource {
  urn: string;
  pulumiName: string;
}

/**
 * The key rotation's secret is judged as Key Vault's data plane reports it (mode Microsoft.KeyVault.Data): only its
 * attributes; the value is never carried.
 */
function secretResource(resource: CapturedResource, groupId: string): PlannedArmResource {
  const inputs = reveal(resource.inputs) as Record<string, unknown>;
  const properties = isRecord(inputs.properties) ? inputs.properties : {};
  const attributes = isRecord(properties.attributes) ? properties.attributes : {};
  const expires =
    typeof attributes.expires === "number" ? new Date(attributes.expires * 1000).toISOString() : undefined;
  const name = text(inputs.secretName);
  return {
    urn: resource.urn,
    pulumiName: resource.name,
    id: `${groupId}/providers/Microsoft.KeyVault/vaults/${text(inputs.vaultName)}/secrets/${name}`,
    type: "Microsoft.KeyVault.Data/vaults/secrets",
    name,
    properties: {},
    attributes: { enabled: attributes.enabled, ...(expires === undefined ? {} : { expiresOn: expires }) },
  };
}

/**
 * The private endpoint connection Azure creates on the target of each planned private endpoint: a
 * privateLinkServiceConnections entry (not a manual one) asks for automatic approval, which Azure grants when the
 * deployer may approve connections on the target (the stack's deployer owns the account and the vault it connects).
 * An IfNotExists definition looking for an Approved connection (db630ad5) finds it; a manual request stays Pending.
 */
function endpointConnections(planned: readonly PlannedArmResource[]): PlannedArmResource[] {
  const byId = new Map(planned.map((r) => [r.id.toLowerCase(), r]));
  const out: PlannedArmResource[] = [];
  for (const endpoint of planned.filter((r) => r.type === "Microsoft.Network/privateEndpoints")) {
    const automatic = Array.isArray(endpoint.properties.privateLinkServiceConnections)
      ? (endpoint.properties.privateLinkServiceConnections as unknown[])
      : [];
    for (const connection of automatic.filter(isRecord)) {
      const target = byId.get(text(connection.privateLinkServiceId).toLowerCase());
      if (target === undefined) continue;
      out.push({
        urn: endpoint.urn,
        pulumiName: endpoint.pulumiName,
        id: `${target.id}/privateEndpointConnections/${endpoint.name}`,
        type: `${target.type}/privateEndpointConnections`,
        name: endpoint.name,
        properties: {
          privateEndpoint: { id: endpoint.id },
          groupIds: connection.groupIds,
          privateLinkServiceConnectionState: { status: "Approved", description: "Auto-Approved" },
        },
      });
    }
  }
  return out;
}

/** The planned azure-native resources Azure Policy would see, as ARM bodies; other types are left out. */
export function toArmResources(resources: readonly CapturedResource[], subscriptionId: string): PlannedArmResource[] {
  const planned = plannedArmResources(resources, subscriptionId);
  return [...planned, ...endpointConnections(planned)];
}

function plannedArmResources(resources: readonly CapturedResource[], subscriptionId: string): PlannedArmResource[] {
  const out: PlannedArmResource[] = [];
  for (const resource of resources) {
    const inputs = reveal(resource.inputs) as Record<string, unknown>;
    const groupId = `/subscriptions/${subscriptionId}/resourceGroups/${text(inputs.resourceGroupName)}`;
    if (resource.type === SECRET_TYPE) {
      out.push(secretResource(resource, groupId));
      continue;
    }
    const shape = SHAPES[resource.type];
    if (shape === undefined) continue;
    const name = text(inputs[shape.nameInput]);
    const { namespace, types } = providerSegment(shape.armType);
    let id: string;
    if (shape.extensionOf !== undefined) {
      id = `${text(inputs[shape.extensionOf])}/providers/${shape.armType}/${name}`;
    } else if (shape.armType === "Microsoft.Resources/resourceGroups") {
      id = groupId;
    } else {
      const parents = (shape.parents ?? []).map(([input, segment]) => `${segment}/${text(inputs[input])}`);
      id = `${groupId}/providers/${namespace}/${[...parents, `${types[types.length - 1]}/${name}`].join("/")}`;
    }
    const skip = new Set([
      "resourceGroupName",
      shape.nameInput,
      ...(shape.parents ?? []).map(([input]) => input),
      ...(shape.extensionOf === undefined ? [] : [shape.extensionOf]),
    ]);
    const top: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(inputs)) {
      if (skip.has(key) || value === undefined) continue;
      if ((shape.topLevel ?? []).includes(key)) top[key] = value;
      else rest[key] = value;
    }
    const properties = isRecord(inputs.properties) ? inputs.properties : rest;
    out.push({
      ...top,
      urn: resource.urn,
      pulumiName: resource.name,
      id,
      type: shape.armType,
      name,
      properties,
    } as PlannedArmResource);
  }
  return out;
}

/** A policy exemption the stack plans (components/keyAuthExemption.ts), as far as offline evaluation can use it. */
export interface PlannedExemption {
  name: string;
  scope: string;
  policyAssignmentId: string;
  /** The resource types its resource selectors keep (every type when it has none). */
  resourceTypes?: string[];
  /** The initiative members it exempts from (every member when it names none). */
  policyDefinitionReferenceIds?: string[];
  expiresOn?: string;
}

const EXEMPTION_TYPE = "azure-native:authorization:PolicyExemption";

export function toPlannedExemptions(resources: readonly CapturedResource[]): PlannedExemption[] {
  return resources
    .filter((r) => r.type === EXEMPTION_TYPE)
    .map((r) => {
      const inputs = reveal(r.inputs) as Record<string, unknown>;
      const selectors = Array.isArray(inputs.resourceSelectors) ? (inputs.resourceSelectors as unknown[]) : [];
      const types = selectors.flatMap((s) =>
        isRecord(s) && Array.isArray(s.selectors)
          ? (s.selectors as unknown[]).flatMap((x) =>
              isRecord(x) && x.kind === "resourceType" && Array.isArray(x.in) ? x.in.map(String) : [],
            )
          : [],
      );
      return {
        name: text(inputs.policyExemptionName),
        scope: text(inputs.scope),
        policyAssignmentId: text(inputs.policyAssignmentId),
        ...(types.length > 0 ? { resourceTypes: types } : {}),
        ...(Array.isArray(inputs.policyDefinitionReferenceIds) && inputs.policyDefinitionReferenceIds.length > 0
          ? { policyDefinitionReferenceIds: inputs.policyDefinitionReferenceIds.map(String) }
          : {}),
        ...(typeof inputs.expiresOn === "string" ? { expiresOn: inputs.expiresOn } : {}),
      };
    });
}
