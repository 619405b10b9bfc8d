import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
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
}

/** Private endpoints for the account and the vault, each with a DNS zone group over its privatelink zones. */
export class PrivateEndpoints extends pulumi.ComponentResource {
  readonly endpoints: network.PrivateEndpoint[] = [];

  constructor(name: string, args: PrivateEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:PrivateEndpoints", name, {}, opts);
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
            { name: `${target.endpointName}-connection`, privateLinkServiceId: target.resourceId, groupIds: [target.groupId] },
          ],
          tags: args.tags,
        },
        { parent: this, dependsOn: target.dependsOn, ...formerlyNamed(`pe-${target.label}`, endpointResourceName) },
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
        { parent: this, ...formerlyNamed(`pe-${target.label}-dns`, `${endpointResourceName}-dns`) },
      );
      this.endpoints.push(endpoint);
    }
    this.registerOutputs({ endpointIds: this.endpoints.map((e) => e.id) });
  }
}
