import { describe, expect, test } from "vitest";
import { endpointPlacement, PlacementError } from "../../lib/azure/placement";
import type { NetworkingConfig } from "../../lib/config/schema";

const HUB = "11111111-2222-4333-8444-555555555555";
const SPOKE = "22222222-3333-4444-8555-666666666666";
const STACK = "33333333-4444-4555-8666-777777777777";
const subnet = (subscription: string) =>
  `/subscriptions/${subscription}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`;
const zone = (name: string) => `/subscriptions/${HUB}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
const ZONES = {
  cognitiveServices: zone("privatelink.cognitiveservices.azure.com"),
  openAi: zone("privatelink.openai.azure.com"),
  aiServices: zone("privatelink.services.ai.azure.com"),
  keyVault: zone("privatelink.vaultcore.azure.net"),
};

function existing(subscription: string, groupId?: string): NetworkingConfig {
  return { mode: "existing", subnetId: subnet(subscription), privateDnsZoneIds: ZONES, ...(groupId !== undefined ? { privateEndpointResourceGroupId: groupId } : {}) };
}

describe("where the private endpoints go (pure)", () => {
  test("a created network, or a subnet in the stack's subscription: the team's resource group, through the default provider", () => {
    expect(endpointPlacement({ mode: "create", addressSpace: "10.60.0.0/24" }, STACK)).toEqual({ kind: "team-group" });
    expect(endpointPlacement(existing(STACK), STACK.toUpperCase())).toEqual({ kind: "team-group" });
  });

  test("a subnet in another subscription: the configured group there, marked cross-subscription", () => {
    expect(endpointPlacement(existing(SPOKE, `/subscriptions/${SPOKE}/resourceGroups/rg-pe`), STACK)).toEqual({
      kind: "configured-group",
      subscriptionId: SPOKE,
      resourceGroupName: "rg-pe",
      crossSubscription: true,
    });
    expect(endpointPlacement(existing(STACK, `/subscriptions/${STACK}/resourceGroups/rg-pe`), STACK)).toMatchObject({ crossSubscription: false });
  });

  test("a subnet in another subscription without a group: an error naming the key, both subscriptions and the fix", () => {
    expect(() => endpointPlacement(existing(SPOKE), STACK)).toThrow(PlacementError);
    expect(() => endpointPlacement(existing(SPOKE), STACK)).toThrow(
      new RegExp(`^codex-boundary:networking\\.privateEndpointResourceGroupId: required: .*subscription ${SPOKE}, but this stack deploys to subscription ${STACK}.*/subscriptions/${SPOKE}/resourceGroups/<rg>`),
    );
  });
});
