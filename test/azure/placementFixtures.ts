import type { NetworkingConfig } from "../../lib/config/schema";

/** Subscriptions and an existing hub-and-spoke network, shared by the unit and the plan tests of placement. */
export const HUB = "11111111-2222-4333-8444-555555555555";
export const SPOKE = "22222222-3333-4444-8555-666666666666";
export const STACK = "33333333-4444-4555-8666-777777777777";
export const subnet = (subscription: string) =>
  `/subscriptions/${subscription}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`;
export const zone = (name: string) =>
  `/subscriptions/${HUB}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
export const ZONES = {
  cognitiveServices: zone("privatelink.cognitiveservices.azure.com"),
  openAi: zone("privatelink.openai.azure.com"),
  aiServices: zone("privatelink.services.ai.azure.com"),
  keyVault: zone("privatelink.vaultcore.azure.net"),
};

export function existing(subscription: string, groupId?: string): NetworkingConfig {
  return {
    mode: "existing",
    subnetId: subnet(subscription),
    privateDnsZoneIds: ZONES,
    ...(groupId !== undefined ? { privateEndpointResourceGroupId: groupId } : {}),
  };
}
