import { describe, expect, test } from "vitest";
import {
  type CategoryGroup,
  categoryGroupLogs,
  type DiagnosticLog,
  PRIVATE_WORKSPACE,
} from "../../lib/azure/diagnostics";
import { CREATE_ONLY_PROPERTIES } from "../../lib/azure/createOnlyProperties";

/**
 * The existence condition of 55d1f543 / 6b359d8f 1.1.0 (Azure/azure-policy f4a50bac), written out: exactly one audit
 * entry enabled iff the assignment's group is audit, exactly one allLogs entry enabled iff it is allLogs.
 */
function dineAccepts(logs: readonly DiagnosticLog[], assigned: CategoryGroup): boolean {
  const count = (group: CategoryGroup): number =>
    logs.filter((l) => l.categoryGroup === group && l.enabled === (assigned === group)).length;
  return count("audit") === 1 && count("allLogs") === 1;
}

describe("diagnostic settings in the category-group shape", () => {
  test("the shape for a group satisfies an assignment of that group, not of the other", () => {
    expect(dineAccepts(categoryGroupLogs("allLogs"), "allLogs")).toBe(true);
    expect(dineAccepts(categoryGroupLogs("allLogs"), "audit")).toBe(false);
    expect(dineAccepts(categoryGroupLogs("audit"), "audit")).toBe(true);
  });

  test("a lone allLogs entry (the shape before issue 26) is what the remediation would add a second setting for", () => {
    expect(dineAccepts([{ categoryGroup: "allLogs", enabled: true }], "allLogs")).toBe(false);
  });
});

describe("the settings issue 26 adds apply in place to a live stack", () => {
  test("none of them is a create-only property", () => {
    const changed = [
      ["azure-native:operationalinsights:Workspace", "publicNetworkAccessForIngestion"],
      ["azure-native:operationalinsights:Workspace", "publicNetworkAccessForQuery"],
      ["azure-native:operationalinsights:Workspace", "features.disableLocalAuth"],
      ["azure-native:operationalinsights:Workspace", "forceCmkForQuery"],
      ["azure-native:monitor:DiagnosticSetting", "logs"],
      ["azure-native:keyvault:Secret", "properties.attributes.expires"],
      ["azure-native:keyvault:Secret", "tags"],
    ];
    for (const [type, property] of changed) {
      expect(CREATE_ONLY_PROPERTIES.filter((p) => p.type === type && p.property === property)).toEqual([]);
    }
    expect(Object.keys(PRIVATE_WORKSPACE).sort()).toEqual([
      "features",
      "forceCmkForQuery",
      "publicNetworkAccessForIngestion",
      "publicNetworkAccessForQuery",
    ]);
  });
});
