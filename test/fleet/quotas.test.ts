import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPLOYMENT_SKUS } from "../../lib/config/schema";
import { MODEL_CATALOG } from "../../lib/models/modelCatalog";
import { dataZoneOf, DATA_ZONE_REGIONS } from "../../lib/fleet/dataZones";
import { EMPTY_FLEET_FILE, type FleetFile } from "../../lib/fleet/fleetFile";
import {
  buildPools,
  poolQuota,
  poolScope,
  ACCOUNTS_PER_SUBSCRIPTION,
  DEPLOYMENTS_PER_ACCOUNT,
  poolScopeKind,
  TIER1_QUOTAS,
} from "../../lib/fleet/quotas";
import { deployment, facts, SUB_A, SUB_B } from "./support";

describe("pool scope", () => {
  test("GlobalStandard is one pool per subscription, DataZone one per zone, Standard one per region", () => {
    expect(poolScope("GlobalStandard", "eastus2")).toBe("subscription");
    expect(poolScope("GlobalStandard", "swedencentral")).toBe("subscription");
    expect(poolScope("DataZoneStandard", "swedencentral")).toBe("eu");
    expect(poolScope("DataZoneStandard", "westeurope")).toBe("eu");
    expect(poolScope("DataZoneStandard", "eastus2")).toBe("us");
    expect(poolScope("DataZoneStandard", "uksouth")).toBeUndefined();
    expect(poolScope("Standard", "EastUS2")).toBe("eastus2");
  });

  test("every listed region belongs to exactly one zone", () => {
    const all = [...DATA_ZONE_REGIONS.eu, ...DATA_ZONE_REGIONS.us];
    expect(new Set(all).size).toBe(all.length);
    for (const region of DATA_ZONE_REGIONS.eu) expect(dataZoneOf(region)).toBe("eu");
  });
});

describe("quotas", () => {
  const fleet: FleetFile = {
    defaults: { "gpt-5.3-codex": { GlobalStandard: 1500, DataZoneStandard: { us: 400 } } },
    subscriptions: { [SUB_B]: { quotas: { "gpt-5.3-codex": { GlobalStandard: 3000 } } } },
  };

  test("tier-1 defaults when fleet.yaml says nothing", () => {
    expect(poolQuota(EMPTY_FLEET_FILE, SUB_A, "gpt-5-nano", "DataZoneStandard", "eu")).toEqual({
      quota: 2000,
      source: "tier-1 default",
    });
    expect(poolQuota(EMPTY_FLEET_FILE, SUB_A, "gpt-5.3-codex", "DataZoneStandard", "eu")).toBeUndefined();
  });

  test("the most specific value wins: subscription, then fleet defaults (per pool or per model and SKU), then tier 1", () => {
    expect(poolQuota(fleet, SUB_B, "gpt-5.3-codex", "GlobalStandard", "subscription")?.quota).toBe(3000);
    expect(poolQuota(fleet, SUB_A, "gpt-5.3-codex", "GlobalStandard", "subscription")?.quota).toBe(1500);
    expect(poolQuota(fleet, SUB_A, "gpt-5.3-codex", "DataZoneStandard", "us")?.quota).toBe(400);
    expect(poolQuota(fleet, SUB_A, "gpt-5.3-codex", "DataZoneStandard", "eu")).toBeUndefined();
    expect(poolQuota(fleet, SUB_B, "gpt-5-mini", "GlobalStandard", "subscription")?.source).toBe("tier-1 default");
  });
});

describe("pools", () => {
  test("GlobalStandard deployments in different regions of one subscription share a pool; other subscriptions do not", () => {
    const pools = buildPools(
      [
        facts("a", { region: "eastus2", deployments: [deployment({ capacity: 600 })] }),
        facts("b", { region: "swedencentral", deployments: [deployment({ capacity: 500 })] }),
        facts("c", { subscription: SUB_B, deployments: [deployment({ capacity: 700 })] }),
      ],
      EMPTY_FLEET_FILE,
    );
    expect(pools.map((p) => [p.subscription, p.capacity, p.stacks])).toEqual([
      [SUB_A, 1100, ["a", "b"]],
      [SUB_B, 700, ["c"]],
    ]);
    expect(pools[0]?.quota).toBe(1000);
  });

  test("DataZone pools split by zone, Standard pools by region", () => {
    const dz = (region: string) =>
      facts(region, {
        region,
        deployments: [deployment({ model: "gpt-5-mini", sku: "DataZoneStandard", capacity: 100 })],
      });
    const pools = buildPools([dz("swedencentral"), dz("westeurope"), dz("eastus2")], EMPTY_FLEET_FILE);
    expect(pools.map((p) => [p.scope, p.capacity])).toEqual([
      ["eu", 200],
      ["us", 100],
    ]);
    const std = (region: string) => facts(region, { region, deployments: [deployment({ sku: "Standard" })] });
    expect(buildPools([std("eastus2"), std("eastus")], EMPTY_FLEET_FILE).map((p) => p.scope)).toEqual([
      "eastus",
      "eastus2",
    ]);
  });

  const regions = [...DATA_ZONE_REGIONS.eu, ...DATA_ZONE_REGIONS.us];
  const arbDeployment = fc.record({
    model: fc.constantFrom("gpt-5", "gpt-5-mini", "gpt-5.3-codex"),
    sku: fc.constantFrom(...DEPLOYMENT_SKUS),
    capacity: fc.integer({ min: 1, max: 5000 }),
  });
  const arbStack = fc.record({
    region: fc.constantFrom(...regions),
    subscription: fc.constantFrom(SUB_A, SUB_B),
    deployments: fc.array(arbDeployment, { maxLength: 5 }),
  });

  test("property: pools conserve capacity, each pool's use adds up, and pool keys are unique", () => {
    fc.assert(
      fc.property(fc.array(arbStack, { maxLength: 12 }), (stacks) => {
        const all = stacks.map((s, i) =>
          facts(`s${i}`, { ...s, deployments: s.deployments.map((d) => deployment(d)) }),
        );
        const pools = buildPools(all, EMPTY_FLEET_FILE);
        const planned = all.flatMap((s) => s.deployments).reduce((sum, d) => sum + d.capacity, 0);
        expect(pools.reduce((sum, p) => sum + p.capacity, 0)).toBe(planned);
        for (const p of pools) expect(p.use.reduce((sum, u) => sum + u.capacity, 0)).toBe(p.capacity);
        const keys = pools.map((p) => JSON.stringify([p.subscription, p.model, p.sku, p.scope]));
        expect(new Set(keys).size).toBe(keys.length);
        for (const p of pools.filter((p) => p.sku.startsWith("Global"))) expect(p.scope).toBe("subscription");
      }),
    );
  });
});

describe("pools: scope kinds, limits, tier-1 quotas and quota sources", () => {
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

    test("tier-1 quotas: each names a catalog model and known deployment types, with a positive whole quota", () => {
      // The values are Microsoft's (quoted in issue 14, lib/fleet/quotas.ts); what a test can hold is their shape.
      const catalogModels = new Set(MODEL_CATALOG.models.map((e) => e.model));
      expect(Object.keys(TIER1_QUOTAS).length).toBeGreaterThan(0);
      for (const [model, bySku] of Object.entries(TIER1_QUOTAS)) {
        expect(catalogModels, model).toContain(model);
        for (const [sku, quota] of Object.entries(bySku)) {
          expect(DEPLOYMENT_SKUS, `${model} ${sku}`).toContain(sku);
          // A quota is one number, or one per region.
          for (const value of typeof quota === "number" ? [quota] : Object.values(quota)) {
            expect(Number.isInteger(value) && value > 0, `${model} ${sku}: ${value}`).toBe(true);
          }
        }
      }
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
      expect(poolQuota(fleet, SUB_A, "gpt-5-mini", "GlobalStandard", "subscription")).toEqual({
        quota: 0,
        source: `fleet.yaml subscriptions.${SUB_A}`,
      });
      expect(poolQuota(fleet, SUB_A, "gpt-5-mini", "DataZoneStandard", "us")).toEqual({
        quota: 70,
        source: `fleet.yaml subscriptions.${SUB_A}`,
      });
    });

    test("a per-scope map that lacks the scope falls through to fleet defaults, then tier 1", () => {
      expect(poolQuota(fleet, SUB_A, "gpt-5-mini", "DataZoneStandard", "eu")).toEqual({
        quota: 50,
        source: "fleet.yaml defaults",
      });
      expect(poolQuota(fleet, SUB_B, "gpt-5-mini", "DataZoneStandard", "us")).toEqual({
        quota: 300,
        source: "tier-1 default",
      });
      expect(poolQuota(fleet, SUB_B, "gpt-5-mini", "GlobalStandard", "subscription")).toEqual({
        quota: 1000,
        source: "tier-1 default",
      });
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
          facts("b", {
            team: "team-b",
            deployments: [deployment({ capacity: 10 }), deployment({ name: "second", capacity: 5 })],
          }),
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
      expect(
        buildPools(
          [facts("a", { region: "uksouth", deployments: [deployment({ sku: "DataZoneStandard" })] })],
          EMPTY_FLEET_FILE,
        ),
      ).toEqual([]);
    });

    test("pools sort by subscription, then model, then SKU, then scope", () => {
      const d = (model: string, sku: string) => deployment({ model, sku, capacity: 1 });
      const pools = buildPools(
        [
          facts("x", { subscription: SUB_B, deployments: [d("gpt-5", "GlobalStandard")] }),
          facts("y", {
            region: "westus",
            deployments: [d("gpt-5-mini", "Standard"), d("gpt-5-mini", "GlobalStandard"), d("gpt-5", "Standard")],
          }),
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
});
