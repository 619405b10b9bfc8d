import { describe, expect, test } from "vitest";
import type { PlannedArmResource } from "../../lib/azurePolicy/fromPulumi";
import type { NetworkingConfig } from "../../lib/config/schema";
import {
  notScopeManagementGroups,
  notScopesDecision,
  placeOnScopes,
  subscriptionScopes,
  writeScopes,
} from "../../lib/preflight/policyScopes";

const SPOKE = "00000000-0000-4000-8000-00000000c0de";
const HUB = "22222222-3333-4444-8555-666666666666";
const zone = (name: string) =>
  `/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
const existing = (more: Partial<Extract<NetworkingConfig, { mode: "existing" }>> = {}): NetworkingConfig => ({
  mode: "existing",
  subnetId: `/subscriptions/${HUB}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`,
  privateDnsZoneIds: {
    cognitiveServices: zone("privatelink.cognitiveservices.azure.com"),
    openAi: zone("privatelink.openai.azure.com"),
    aiServices: zone("privatelink.services.ai.azure.com"),
    keyVault: zone("privatelink.vaultcore.azure.net"),
  },
  ...more,
});
const resource = (id: string, type: string): PlannedArmResource => ({
  urn: `urn:pulumi:hub::codex-boundary::x::${id}`,
  pulumiName: id.split("/").pop() ?? "",
  id,
  type,
  name: id.split("/").pop() ?? "",
  properties: {},
});

describe("the resource groups the stack writes into", () => {
  test("a created network: the team's group only", () => {
    const scopes = writeScopes(
      { team: "dev", networking: { mode: "create", addressSpace: "10.40.0.0/24" } },
      SPOKE.toUpperCase(),
    );
    expect(scopes).toEqual([
      {
        subscriptionId: SPOKE,
        resourceGroup: "rg-codex-dev",
        id: `/subscriptions/${SPOKE}/resourceGroups/rg-codex-dev`,
        what: "the team's resources",
      },
    ]);
  });

  test("hub and spoke across subscriptions: the endpoints' group in the hub's subscription too, each subscription once", () => {
    const groupId = `/subscriptions/${HUB}/resourceGroups/rg-endpoints`;
    const scopes = writeScopes(
      { team: "payments-eu", networking: existing({ privateEndpointResourceGroupId: groupId }) },
      SPOKE,
    );
    expect(scopes.map((s) => [s.id, s.what])).toEqual([
      [`/subscriptions/${SPOKE}/resourceGroups/rg-codex-payments-eu`, "the team's resources"],
      [groupId, "the private endpoints and their DNS zone groups"],
    ]);
    expect(subscriptionScopes(scopes)).toEqual([`/subscriptions/${SPOKE}`, `/subscriptions/${HUB}`]);
    // The subnet in the stack's own subscription and no group named: the endpoints stay in the team's group.
    const same = existing({
      subnetId: `/subscriptions/${SPOKE}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
    });
    expect(writeScopes({ team: "dev", networking: same }, SPOKE)).toHaveLength(1);
  });

  test("the planned endpoints and zone groups move to the hub's subscription; a same-named group's other types stay", () => {
    const scopes = writeScopes(
      {
        team: "dev",
        networking: existing({ privateEndpointResourceGroupId: `/subscriptions/${HUB}/resourceGroups/rg-shared` }),
      },
      SPOKE,
    );
    const planned = `/subscriptions/${SPOKE}/resourceGroups/rg-shared/providers/Microsoft.Network/privateEndpoints/pe-a`;
    const placed = placeOnScopes(
      [
        resource(planned, "Microsoft.Network/privateEndpoints"),
        resource(`${planned}/privateDnsZoneGroups/default`, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"),
        resource(
          `/subscriptions/${SPOKE}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv`,
          "Microsoft.KeyVault/vaults",
        ),
        resource(
          `/subscriptions/${SPOKE}/resourceGroups/rg-codex-dev/providers/Microsoft.Network/privateEndpoints/pe-b`,
          "Microsoft.Network/privateEndpoints",
        ),
      ],
      scopes,
      SPOKE,
    );
    expect(placed.map((r) => r.id)).toEqual([
      `/subscriptions/${HUB}/resourceGroups/rg-shared/providers/Microsoft.Network/privateEndpoints/pe-a`,
      `/subscriptions/${HUB}/resourceGroups/rg-shared/providers/Microsoft.Network/privateEndpoints/pe-a/privateDnsZoneGroups/default`,
      `/subscriptions/${SPOKE}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv`,
      `/subscriptions/${SPOKE}/resourceGroups/rg-codex-dev/providers/Microsoft.Network/privateEndpoints/pe-b`,
    ]);
  });
});

describe("notScopes", () => {
  const mg = (name: string) => `/providers/Microsoft.Management/managementGroups/${name}`;
  const account = `/subscriptions/${SPOKE}/resourceGroups/rg-codex-dev/providers/Microsoft.CognitiveServices/accounts/a`;
  const hierarchy = new Map([
    [mg("corp").toLowerCase(), { ok: true as const, value: [mg("corp-eu"), `/subscriptions/${SPOKE.toUpperCase()}`] }],
    [mg("online").toLowerCase(), { ok: true as const, value: [`/subscriptions/${HUB}`] }],
    [mg("sandbox").toLowerCase(), { ok: false as const, status: 403, message: "AuthorizationFailed" }],
  ]);

  test("a management group excludes the subscriptions under it, at any depth; a sibling's exclude nothing", () => {
    expect(notScopesDecision([mg("Corp")], account, hierarchy)).toEqual({ excluded: true });
    expect(notScopesDecision([mg("online")], account, hierarchy)).toEqual({ excluded: false });
    expect(notScopesDecision([], account, hierarchy)).toEqual({ excluded: false });
  });

  test("subscription, group and resource entries by ID; an unreadable group leaves it open unless another entry decides", () => {
    expect(notScopesDecision([`/subscriptions/${SPOKE}/resourceGroups/RG-CODEX-DEV`], account, hierarchy)).toEqual({
      excluded: true,
    });
    expect(notScopesDecision([`/subscriptions/${SPOKE}/resourceGroups/rg-codex`], account, hierarchy)).toEqual({
      excluded: false,
    });
    expect(notScopesDecision([mg("sandbox"), mg("online")], account, hierarchy)).toEqual({
      unreadable: [mg("sandbox")],
    });
    expect(notScopesDecision([mg("never-read")], account, hierarchy)).toEqual({ unreadable: [mg("never-read")] });
    expect(notScopesDecision([mg("sandbox"), mg("corp")], account, hierarchy)).toEqual({ excluded: true });
  });

  test("the management groups to read: those notScopes name, each once", () => {
    const a = (notScopes: string[]) => ({ properties: { notScopes } });
    expect(
      notScopeManagementGroups([
        a([mg("corp"), `/subscriptions/${SPOKE}`]),
        a([mg("CORP"), mg("online")]),
        { properties: {} },
      ]),
    ).toEqual([mg("corp"), mg("online")]);
  });
});
