import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE, type FleetFile } from "../../lib/fleet/fleetFile";
import { ACCOUNTS_PER_SUBSCRIPTION, buildPools, DEPLOYMENTS_PER_ACCOUNT, poolQuota, poolScope, poolScopeKind, TIER1_QUOTAS } from "../../lib/fleet/quotas";
import { deployment, facts, SUB_A, SUB_B } from "./support";

describe("pool scope kinds", () => {
  test("the SKU's prefix decides: Global* per subscription, DataZone* per zone, anything else per region", () => {
    expect(poolScopeKind("GlobalStandard")).toBe("subscription");
    expect(poolScopeKind("GlobalProvisionedManaged")).toBe("subscription");
    expect(poolScopeKind("DataZoneStandard")).toBe("dataZone");
    expect(poolScopeKind("DataZoneProvisionedManaged")).toBe("dataZone");
    expect(poolScopeKind("Standard")).toBe("region");
    // The prefix, not a substring: a SKU that only ends in or contains the word is regional.
    expect(poolScopeKind("StandardGlobal")).toBe("region");
    expect(poolScopeKind("StandardDataZone")).toBe("region");
  });

  test("a regional pool is named by the lower-case region; a DataZone pool by its zone, whatever the region's case", () => {
    expect(poolScope("ProvisionedManaged", "SwedenCentral")).toBe("swedencentral");
    expect(poolScope("DataZoneStandard", "SwedenCentral")).toBe("eu");
    expect(poolScope("GlobalStandard", "nowhere")).toBe("subscription");
  });
});

describe("limits and tier-1 quotas (known answers)", () => {
  test("30 accounts per subscription, 32 deployments per account", () => {
    expect(ACCOUNTS_PER_SUBSCRIPTION).toBe(30);
    expect(DEPLOYMENTS_PER_ACCOUNT).toBe(32);
  });

  test("tier-1 quotas as quoted in issue 14", () => {
    expect(TIER1_QUOTAS).toEqual({
      "gpt-5.3-codex": { GlobalStandard: 1000 },
      "gpt-5.2-codex": { GlobalStandard: 1000 },
      "gpt-5.1-codex-max": { GlobalStandard: 1000 },
      "gpt-5-codex": { GlobalStandard: 1000 },
      "gpt-5": { GlobalStandard: 1000, DataZoneStandard: 300 },
      "gpt-5-mini": { GlobalStandard: 1000, DataZoneStandard: 300 },
      "gpt-5-nano": { GlobalStandard: 5000, DataZoneStandard: 2000 },
    });
  });
});

describe("pool quota sources", () => {
  const fleet: FleetFile = {
    defaults: { "gpt-5-mini": { DataZoneStandard: { eu: 50 } } },
    subscriptions: {
      [SUB_A]: { quotas: { "gpt-5-mini": { GlobalStandard: 0, DataZoneStandard: { us: 70 } } } },
      [SUB_B]: { quotas: {} },
    },
  };

  test("the subscription's own value, even 0, names the subscription as its source", () => {
    expect(poolQuota(fleet, SUB_A, "gpt-5-mini", "GlobalStandard", "subscription")).toEqual({ quota: 0, source: `fleet.yaml subscriptions.${SUB_A}` });
    expect(poolQuota(fleet, SUB_A, "gpt-5-mini", "DataZoneStandard", "us")).toEqual({ quota: 70, source: `fleet.yaml subscriptions.${SUB_A}` });
  });

  test("a per-scope map that lacks the scope falls through to fleet defaults, then tier 1", () => {
    expect(poolQuota(fleet, SUB_A, "gpt-5-mini", "DataZoneStandard", "eu")).toEqual({ quota: 50, source: "fleet.yaml defaults" });
    expect(poolQuota(fleet, SUB_B, "gpt-5-mini", "DataZoneStandard", "us")).toEqual({ quota: 300, source: "tier-1 default" });
    expect(poolQuota(fleet, SUB_B, "gpt-5-mini", "GlobalStandard", "subscription")).toEqual({ quota: 1000, source: "tier-1 default" });
  });

  test("an unknown model or SKU has no quota", () => {
    expect(poolQuota(fleet, SUB_A, "unknown-model", "GlobalStandard", "subscription")).toBeUndefined();
    expect(poolQuota(EMPTY_FLEET_FILE, SUB_A, "gpt-5-mini", "Standard", "eastus2")).toBeUndefined();
  });
});

describe("building pools", () => {
  test("a pool records its key, capacity, quota and source, and each stack's use once, summed", () => {
    const pools = buildPools(
      [
        facts("b", { team: "team-b", deployments: [deployment({ capacity: 10 }), deployment({ name: "second", capacity: 5 })] }),
        facts("a", { team: "team-a", deployments: [deployment({ capacity: 1 })] }),
      ],
      EMPTY_FLEET_FILE,
    );
    expect(pools).toEqual([
      {
        subscription: SUB_A,
        model: "gpt-5.3-codex",
        sku: "GlobalStandard",
        scope: "subscription",
        capacity: 16,
        quota: 1000,
        quotaSource: "tier-1 default",
        stacks: ["b", "a"],
        use: [
          { stack: "b", team: "team-b", capacity: 15 },
          { stack: "a", team: "team-a", capacity: 1 },
        ],
      },
    ]);
  });

  test("a pool with no quota carries null quota and source", () => {
    const [pool] = buildPools([facts("a", { deployments: [deployment({ sku: "Standard" })] })], EMPTY_FLEET_FILE);
    expect(pool).toMatchObject({ scope: "eastus2", quota: null, quotaSource: null });
  });

  test("a DataZone deployment in a region with no zone makes no pool", () => {
    expect(buildPools([facts("a", { region: "uksouth", deployments: [deployment({ sku: "DataZoneStandard" })] })], EMPTY_FLEET_FILE)).toEqual([]);
  });

  test("pools sort by subscription, then model, then SKU, then scope", () => {
    const d = (model: string, sku: string) => deployment({ model, sku, capacity: 1 });
    const pools = buildPools(
      [
        facts("x", { subscription: SUB_B, deployments: [d("gpt-5", "GlobalStandard")] }),
        facts("y", { region: "westus", deployments: [d("gpt-5-mini", "Standard"), d("gpt-5-mini", "GlobalStandard"), d("gpt-5", "Standard")] }),
        facts("z", { region: "eastus", deployments: [d("gpt-5-mini", "Standard")] }),
      ],
      EMPTY_FLEET_FILE,
    );
    expect(pools.map((p) => [p.subscription === SUB_A ? "A" : "B", p.model, p.sku, p.scope])).toEqual([
      ["A", "gpt-5", "Standard", "westus"],
      ["A", "gpt-5-mini", "GlobalStandard", "subscription"],
      ["A", "gpt-5-mini", "Standard", "eastus"],
      ["A", "gpt-5-mini", "Standard", "westus"],
      ["B", "gpt-5", "GlobalStandard", "subscription"],
    ]);
  });
});
