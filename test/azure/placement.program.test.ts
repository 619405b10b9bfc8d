import { describe, expect, test } from "vitest";
import { existing, HUB, SPOKE, subnet, ZONES } from "./placementFixtures";
import { MOCK_SUBSCRIPTION_ID } from "../../tools/plan/mocks";
import { FIXTURES_DIR, ofType, planStack } from "../support/runStack";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { projectPlatformInput } from "../support/platformFiles";
import { recordingMocks } from "../support/recordingMocks";

const ENDPOINT_TYPES = ["azure-native:network:PrivateEndpoint", "azure-native:network:PrivateDnsZoneGroup"];

/** The fixtures' platform.yaml, with a hub holding the virtual network of the subnet the overrides name. */
function platformFor(overrides: Record<string, unknown>) {
  const input = projectPlatformInput(FIXTURES_DIR);
  const subnetId = (overrides.networking as { subnetId?: string } | undefined)?.subnetId;
  if (subnetId === undefined) return parsePlatformConfig(input);
  const hub = {
    name: "hub-test",
    virtualNetworkIds: [subnetId.replace(/\/subnets\/[^/]+$/, "")],
    privateDnsZoneIds: ZONES,
  };
  return parsePlatformConfig({ ...input, azure: { ...input.azure, hubs: [...(input.azure.hubs ?? []), hub] } });
}

async function hubPlan(overrides: Record<string, unknown> = {}) {
  const { mocks, providerOf } = recordingMocks();
  const platform = platformFor(overrides);
  return { doc: await planStack({ stack: "hub", fixture: "Pulumi.hub.yaml", overrides, mocks, platform }), providerOf };
}

describe("hub and spoke in a plan", () => {
  test("subnet in another subscription (the hub fixture): endpoints and DNS zone groups in the configured group, through a provider for that subscription", async () => {
    const { doc, providerOf } = await hubPlan();
    const providers = ofType(doc, "pulumi:providers:azure-native");
    expect(providers.map((p) => p.inputs.subscriptionId)).toEqual([SPOKE]);
    const providerUrn = providers[0]?.urn ?? "";
    const placed = doc.resources.filter((r) => ENDPOINT_TYPES.includes(r.type));
    expect(placed).toHaveLength(4);
    for (const resource of placed) {
      expect(resource.inputs.resourceGroupName, resource.urn).toBe("rg-spoke-payments-endpoints");
      expect(providerOf.get(resource.name), resource.urn).toMatch(
        new RegExp(`^${providerUrn.replace(/[$]/g, "\\$")}::`),
      );
    }
    // Everything else stays in the team's group, through the default provider.
    const account = ofType(doc, "azure-native:cognitiveservices:Account")[0];
    expect(account?.inputs.resourceGroupName).toBe("rg-codex-payments-eu");
    expect(providerOf.get(account?.name ?? "") ?? "").toBe("");
  });

  test("subnet in the stack's subscription: as before, no extra provider, endpoints in the team's group", async () => {
    const { doc, providerOf } = await hubPlan({
      networking: { mode: "existing", subnetId: subnet(MOCK_SUBSCRIPTION_ID), privateDnsZoneIds: ZONES },
    });
    expect(ofType(doc, "pulumi:providers:azure-native")).toEqual([]);
    const placed = doc.resources.filter((r) => ENDPOINT_TYPES.includes(r.type));
    expect(placed).toHaveLength(4);
    for (const resource of placed) {
      expect(resource.inputs.resourceGroupName).toBe("rg-codex-payments-eu");
      expect(providerOf.get(resource.name) ?? "").toBe("");
    }
  });

  test("subnet in another subscription and no group: the run stops naming the key; a group in a third subscription is a config error", async () => {
    await expect(
      planStack({
        stack: "hub",
        fixture: "Pulumi.hub.yaml",
        overrides: { networking: existing(SPOKE) },
        platform: platformFor({ networking: existing(SPOKE) }),
      }),
    ).rejects.toThrow(/codex-boundary:networking\.privateEndpointResourceGroupId: required/);
    await expect(
      planStack({
        stack: "hub",
        fixture: "Pulumi.hub.yaml",
        overrides: { networking: existing(SPOKE, `/subscriptions/${HUB}/resourceGroups/rg-pe`) },
        platform: platformFor({ networking: existing(SPOKE) }),
      }),
    ).rejects.toThrow(
      new RegExp(
        `codex-boundary:networking\\.privateEndpointResourceGroupId: must be in the subnet's subscription \\(${SPOKE}\\)`,
      ),
    );
  });
});
