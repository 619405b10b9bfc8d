import { describe, expect, test } from "vitest";
import { endpointPlacement } from "../../lib/azure/placement";
import { problemLine } from "../../lib/config/problem";
import { existing, SPOKE, STACK } from "./placementFixtures";

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
    expect(endpointPlacement(existing(STACK, `/subscriptions/${STACK}/resourceGroups/rg-pe`), STACK)).toMatchObject({
      crossSubscription: false,
    });
  });

  test("a subnet in another subscription without a group: an error naming the key, both subscriptions and the fix", () => {
    const placement = endpointPlacement(existing(SPOKE), STACK);
    expect(placement).toHaveProperty("problem.path", "networking.privateEndpointResourceGroupId");
    expect("problem" in placement ? problemLine(placement.problem) : "").toMatch(
      new RegExp(
        `^codex-boundary:networking\\.privateEndpointResourceGroupId: required: .*subscription ${SPOKE}, but this stack deploys to subscription ${STACK}.*/subscriptions/${SPOKE}/resourceGroups/<rg>`,
      ),
    );
  });
});

describe("where the private endpoints go: the configured group's name and subscription case", () => {
  const STACK = "33333333-4444-4555-8666-777777777777";
  const SPOKE = "22222222-3333-4444-8555-666666666666";
  const zones = { cognitiveServices: "z1", openAi: "z2", aiServices: "z3", keyVault: "z4" };
  const subnet = `/subscriptions/${SPOKE.toUpperCase()}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s`;

  test("a configured group's name is its last segment (any case of the key); subscriptions compare in lower case", () => {
    expect(
      endpointPlacement(
        {
          mode: "existing",
          subnetId: subnet,
          privateDnsZoneIds: zones,
          privateEndpointResourceGroupId: `/subscriptions/${STACK.toUpperCase()}/RESOURCEGROUPS/rg-pe`,
        },
        STACK.toUpperCase(),
      ),
    ).toEqual({
      kind: "configured-group",
      subscriptionId: STACK,
      resourceGroupName: "rg-pe",
      crossSubscription: false,
    });
    expect(
      endpointPlacement(
        {
          mode: "existing",
          subnetId: subnet,
          privateDnsZoneIds: zones,
          privateEndpointResourceGroupId: `/subscriptions/${SPOKE}/resourceGroups/rg-pe/x`,
        },
        STACK,
      ),
    ).toMatchObject({
      resourceGroupName: "",
      crossSubscription: true,
    });
    expect(endpointPlacement({ mode: "existing", subnetId: subnet, privateDnsZoneIds: zones }, SPOKE)).toEqual({
      kind: "team-group",
    });
  });
});
