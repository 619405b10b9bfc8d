import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import type { NetworkingConfig } from "../lib/config/schema";
import { PRIVATE_DNS_ZONES, type PrivateDnsZoneKey, privateEndpointSubnetPrefix } from "../lib/azure/network";
import { formerlyNamed } from "./formerNames";

export interface PrivateNetworkArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  networking: NetworkingConfig;
  virtualNetworkName: string;
  subnetName: string;
  networkSecurityGroupName: string;
  tags: Record<string, string>;
}

/**
 * Where the private endpoints live. "create": a VNet, a private-endpoint subnet with its own NSG, the four private DNS
 * zones linked to the VNet. "existing" (hub and spoke): the subnet and zone IDs come from config; nothing is created.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
  readonly subnetId: pulumi.Output<string>;
  readonly zoneIds: Record<PrivateDnsZoneKey, pulumi.Output<string>>;

  constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:PrivateNetwork", name, {}, opts);
    const { networking } = args;

    if (networking.mode === "existing") {
      this.subnetId = pulumi.output(networking.subnetId);
      this.zoneIds = {
        cognitiveServices: pulumi.output(networking.privateDnsZoneIds.cognitiveServices),
        openAi: pulumi.output(networking.privateDnsZoneIds.openAi),
        aiServices: pulumi.output(networking.privateDnsZoneIds.aiServices),
        keyVault: pulumi.output(networking.privateDnsZoneIds.keyVault),
      };
    } else {
      const vnet = new network.VirtualNetwork(
        `${name}-vnet`,
        {
          virtualNetworkName: args.virtualNetworkName,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          addressSpace: { addressPrefixes: [networking.addressSpace] },
          tags: args.tags,
        },
        // Subnets are managed as their own resources below; keep the VNet from fighting over them.
        { parent: this, ignoreChanges: ["subnets"], ...formerlyNamed("vnet", `${name}-vnet`) },
      );
      // Azure's default rules only: inbound from the VNet (and what is peered to it), nothing from the internet. The
      // subnet holds private endpoints alone, which start no connections. Landing zones deny a subnet without an NSG.
      const nsg = new network.NetworkSecurityGroup(
        `${name}-nsg`,
        {
          networkSecurityGroupName: args.networkSecurityGroupName,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          tags: args.tags,
        },
        { parent: this },
      );
      const subnet = new network.Subnet(
        `${name}-subnet`,
        {
          subnetName: args.subnetName,
          virtualNetworkName: vnet.name,
          resourceGroupName: args.resourceGroupName,
          addressPrefix: privateEndpointSubnetPrefix(networking),
          privateEndpointNetworkPolicies: "Enabled",
          defaultOutboundAccess: false,
          networkSecurityGroup: { id: nsg.id },
        },
        { parent: this, ...formerlyNamed("private-endpoints", `${name}-subnet`) },
      );
      this.subnetId = subnet.id;
      const zoneIds = {} as Record<PrivateDnsZoneKey, pulumi.Output<string>>;
      for (const [key, zoneName] of Object.entries(PRIVATE_DNS_ZONES) as Array<[PrivateDnsZoneKey, string]>) {
        const zone = new privatedns.PrivateZone(
          `${name}-zone-${key}`,
          { privateZoneName: zoneName, resourceGroupName: args.resourceGroupName, location: "global", tags: args.tags },
          { parent: this, ...formerlyNamed(`zone-${key}`, `${name}-zone-${key}`) },
        );
        new privatedns.VirtualNetworkLink(
          `${name}-zone-${key}-link`,
          {
            virtualNetworkLinkName: `link-${args.virtualNetworkName}`,
            privateZoneName: zone.name,
            resourceGroupName: args.resourceGroupName,
            location: "global",
            virtualNetwork: { id: vnet.id },
            registrationEnabled: false,
            tags: args.tags,
          },
          { parent: this, ...formerlyNamed(`zone-${key}-link`, `${name}-zone-${key}-link`) },
        );
        zoneIds[key] = zone.id;
      }
      this.zoneIds = zoneIds;
    }
    this.registerOutputs({ subnetId: this.subnetId, zoneIds: this.zoneIds });
  }
}
