import { describe, expect, test } from "vitest";
import { actionMatches, isGranted, missingActions } from "../../lib/preflight/permissions";

describe("the deployer's effective permissions (Permissions - List entries)", () => {
  test("Azure's wildcards: * spans path segments, names ignore case, nothing else is a pattern", () => {
    expect(actionMatches("*", "Microsoft.KeyVault/vaults/write")).toBe(true);
    expect(actionMatches("Microsoft.Network/*", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/write")).toBe(
      true,
    );
    expect(actionMatches("*/read", "Microsoft.Consumption/budgets/read")).toBe(true);
    expect(actionMatches("*/read", "Microsoft.Consumption/budgets/write")).toBe(false);
    expect(actionMatches("microsoft.keyvault/VAULTS/write", "Microsoft.KeyVault/vaults/write")).toBe(true);
    expect(actionMatches("Microsoft.KeyVault/vaults/write", "MicrosoftXKeyVault/vaults/write")).toBe(false);
    expect(actionMatches("Microsoft.Network/privateEndpoints/*", "Microsoft.Network/privateEndpointsX/write")).toBe(
      false,
    );
  });

  test("a role's notActions take away only that role's grant", () => {
    const contributor = {
      actions: ["*"],
      notActions: [
        "Microsoft.Authorization/*/Delete",
        "Microsoft.Authorization/*/Write",
        "Microsoft.Authorization/elevateAccess/Action",
      ],
    };
    const rbacAdmin = { actions: ["Microsoft.Authorization/roleAssignments/*", "*/read"], notActions: [] };
    expect(isGranted("Microsoft.Authorization/roleAssignments/write", [contributor])).toBe(false);
    expect(isGranted("Microsoft.Authorization/roleAssignments/write", [contributor, rbacAdmin])).toBe(true);
    expect(isGranted("Microsoft.CognitiveServices/accounts/write", [contributor])).toBe(true);
    expect(isGranted("Microsoft.CognitiveServices/accounts/write", [rbacAdmin])).toBe(false);
    expect(isGranted("anything", [])).toBe(false);
  });

  test("missingActions keeps the needed order and drops what is granted", () => {
    const reader = [{ actions: ["*/read"] }];
    expect(
      missingActions(
        ["Microsoft.KeyVault/vaults/read", "Microsoft.KeyVault/vaults/write", "Microsoft.Consumption/budgets/write"],
        reader,
      ),
    ).toEqual(["Microsoft.KeyVault/vaults/write", "Microsoft.Consumption/budgets/write"]);
  });
});
