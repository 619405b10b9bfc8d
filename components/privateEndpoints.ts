import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { Provider } from "@pulumi/azure-native/provider";
import { ACCOUNT_ZONE_KEYS, PRIVATE_DNS_ZONES, type PrivateDnsZoneKey, VAULT_ZONE_KEYS } from "../lib/azure/network";
import { formerlyNamed } from "./formerNames";

export interface PrivateEndpointTarget {
  /** Pulumi name stem below the component's name, e.g. "account". */
  label: string;
  endpointName: string;
  resourceId: pulumi.Input<string>;
  /** Private link sub-resource: `account` for Cognitive Services, `vault` for Key Vault. */
  groupId: "account" | "vault";
  /** Resources the endpoint must wait for (the account's last deployment: an endpoint on a busy account fails). */
  dependsOn: pulumi.Resource[];
}

export interface PrivateEndpointsArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  subnetId: pulumi.Input<string>;
  zoneIds: Record<PrivateDnsZoneKey, pulumi.Input<string>>;
  targets: readonly PrivateEndpointTarget[];
  tags: Record<string, string>;
  /**
   * Set when the endpoints go to another subscription than the stack's (hub and spoke across subscriptions):
   * they are created through an explicit provider for it.
   */
  subscriptionId?: string;
}

/**
 * The explicit provider sees none of the stack's `azure-native:*` config: the sign-in settings are carried over
 * (the rest comes from the same ARM_* environment variables or Azure CLI sign-in as the default provider).
 */
function providerArgs(subscriptionId: string): pulumi.Inputs {
  const config = new pulumi.Config("azure-native");
  const carried: pulumi.Inputs = { subscriptionId };
  for (const key of ["tenantId", "clientId", "environment"]) {
    const value = config.get(key);
    if (value !== undefined) carried[key] = value;
  }
  for (const key of ["useOidc", "useMsi"]) {
    const value = config.getBoolean(key);
    if (value !== undefined) carried[key] = value;
  }
  const secret = config.getSecret("clientSecret");
  if (secret !== undefined) carried.clientSecret = secret;
  return carried;
}

/** Private endpoints for the account and the vault, each with a DNS zone group over its privatelink zones. */
export class PrivateEndpoints extends pulumi.ComponentResource {
  readonly endpoints: network.PrivateEndpoint[] = [];
  /** The endpoints by target label (the account's endpoint is one of the account's serialized operations). */
  readonly byLabel = new Map<string, network.PrivateEndpoint>();

  constructor(name: string, args: PrivateEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:PrivateEndpoints", name, {}, opts);
    const provider =
      args.subscriptionId === undefined
        ? undefined
        : new Provider(`${name}-provider`, providerArgs(args.subscriptionId), { parent: this });
    const placed = provider === undefined ? {} : { provider };
    for (const target of args.targets) {
      const endpointResourceName = `${name}-${target.label}`;
      const endpoint = new network.PrivateEndpoint(
        endpointResourceName,
        {
          privateEndpointName: target.endpointName,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          subnet: { id: args.subnetId },
          privateLinkServiceConnections: [
            {
              name: `${target.endpointName}-connection`,
              privateLinkServiceId: target.resourceId,
              groupIds: [target.groupId],
            },
          ],
          tags: args.tags,
        },
        {
          parent: this,
          ...placed,
          dependsOn: target.dependsOn,
          ...formerlyNamed(`pe-${target.label}`, endpointResourceName),
        },
      );
      const zoneKeys = target.groupId === "account" ? ACCOUNT_ZONE_KEYS : VAULT_ZONE_KEYS;
      new network.PrivateDnsZoneGroup(
        `${endpointResourceName}-dns`,
        {
          privateDnsZoneGroupName: "default",
          privateEndpointName: endpoint.name,
          resourceGroupName: args.resourceGroupName,
          privateDnsZoneConfigs: zoneKeys.map((key) => ({
            name: PRIVATE_DNS_ZONES[key].replace(/\./g, "-"),
            privateDnsZoneId: args.zoneIds[key],
          })),
        },
        { parent: this, ...placed, ...formerlyNamed(`pe-${target.label}-dns`, `${endpointResourceName}-dns`) },
      );
      this.endpoints.push(endpoint);
      this.byLabel.set(target.label, endpoint);
    }
    this.registerOutputs({ endpointIds: this.endpoints.map((e) => e.id) });
  }
}
