import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { stackNeeds } from "../../lib/preflight/requirements";
import { isGranted } from "../../lib/preflight/permissions";
import { parseAdmitted } from "../support/platformFiles";
import { dayMs } from "../support/clock";
import { FIXTURES_DIR } from "../support/stackFiles";
import { minimalConfig } from "../config/minimalConfig";

const NOW = dayMs("2026-12-07");
const SUB = "00000000-0000-4000-8000-00000000c0de";

function fixture(stack: string): Record<string, unknown> {
  const doc = parse(readFileSync(join(FIXTURES_DIR, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(doc.config)
      .filter(([k]) => k.startsWith("codex-boundary:"))
      .map(([k, v]) => [k.slice("codex-boundary:".length), v]),
  );
}

describe("what a stack needs of Azure before its first pulumi up", () => {
  test("key mode with a new VNet: every provider azure-native does not register, rights at subscription scope only", () => {
    const needs = stackNeeds(parseAdmitted(minimalConfig(), undefined, NOW), SUB);
    expect(needs.providers.map((p) => p.namespace)).toEqual([
      "Microsoft.CognitiveServices",
      "Microsoft.KeyVault",
      "Microsoft.Network",
      "Microsoft.Insights",
      "Microsoft.OperationalInsights",
      "Microsoft.Consumption",
      "Microsoft.Authorization",
    ]);
    expect(needs.scopes.map((s) => s.scope)).toEqual([`/subscriptions/${SUB}`]);
    const actions = needs.scopes[0]?.actions ?? [];
    for (const action of [
      "Microsoft.Resources/subscriptions/resourceGroups/write",
      "Microsoft.CognitiveServices/accounts/regenerateKey/action",
      "Microsoft.CognitiveServices/accounts/listKeys/action",
      "Microsoft.KeyVault/vaults/secrets/write",
      "Microsoft.Network/virtualNetworks/write",
      "Microsoft.Network/networkSecurityGroups/write",
      "Microsoft.Network/networkSecurityGroups/join/action",
      "Microsoft.OperationalInsights/workspaces/write",
      "Microsoft.Consumption/budgets/write",
      "Microsoft.Authorization/roleAssignments/write",
    ])
      expect(actions).toContain(action);
    expect(actions.some((a) => a.startsWith("Microsoft.ManagedIdentity/"))).toBe(false);
  });

  test("Owner holds everything a first deployment needs; Contributor alone lacks the role assignments", () => {
    const needs = stackNeeds(parseAdmitted(minimalConfig(), undefined, NOW), SUB);
    const actions = needs.scopes[0]?.actions ?? [];
    expect(actions.filter((a) => !isGranted(a, [{ actions: ["*"] }]))).toEqual([]);
    const contributor = [
      {
        actions: ["*"],
        notActions: [
          "Microsoft.Authorization/*/Delete",
          "Microsoft.Authorization/*/Write",
          "Microsoft.Authorization/elevateAccess/Action",
        ],
      },
    ];
    expect(actions.filter((a) => !isGranted(a, contributor))).toEqual([
      "Microsoft.Authorization/roleAssignments/write",
      "Microsoft.Authorization/roleAssignments/delete",
    ]);
  });

  test("entra mode: the CI identity's provider and actions, no key actions", () => {
    const needs = stackNeeds(parseAdmitted(fixture("entra"), undefined, NOW), SUB);
    expect(needs.providers.map((p) => p.namespace)).toContain("Microsoft.ManagedIdentity");
    const actions = needs.scopes[0]?.actions ?? [];
    expect(actions).toContain("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write");
    expect(actions).not.toContain("Microsoft.CognitiveServices/accounts/listKeys/action");
    expect(actions).not.toContain("Microsoft.KeyVault/vaults/secrets/write");
  });

  test("hub and spoke: no VNet or workspace of its own, the hub's subnet, zones, workspace and exemption scope checked too", () => {
    const config = parseAdmitted(fixture("hub"), undefined, NOW);
    const needs = stackNeeds(config, SUB);
    expect(needs.providers.map((p) => p.namespace)).not.toContain("Microsoft.OperationalInsights");
    expect(needs.scopes[0]?.actions).not.toContain("Microsoft.Network/virtualNetworks/write");
    const byWhat = Object.fromEntries(needs.scopes.slice(1).map((s) => [s.scope, s.actions]));
    if (config.networking.mode !== "existing") throw new Error("the hub fixture is in networking mode existing");
    expect(byWhat[config.networking.subnetId]).toEqual(["Microsoft.Network/virtualNetworks/subnets/join/action"]);
    for (const zone of Object.values(config.networking.privateDnsZoneIds))
      expect(byWhat[zone]).toEqual(["Microsoft.Network/privateDnsZones/join/action"]);
    expect(byWhat[config.audit.workspaceId ?? ""]).toContain(
      "Microsoft.OperationalInsights/workspaces/sharedKeys/action",
    );
    expect(byWhat["/providers/Microsoft.Management/managementGroups/contoso-eu"]).toEqual([
      "Microsoft.Authorization/policyAssignments/exempt/action",
    ]);
  });
});
