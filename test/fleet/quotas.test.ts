import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPLOYMENT_SKUS } from "../../lib/config/schema";
import { dataZoneOf, DATA_ZONE_REGIONS } from "../../lib/fleet/dataZones";
import { EMPTY_FLEET_FILE, type FleetFile } from "../../lib/fleet/fleetFile";
import { buildPools, poolQuota, poolScope } from "../../lib/fleet/quotas";
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
    expect(poolQuota(EMPTY_FLEET_FILE, SUB_A, "gpt-5-nano", "DataZoneStandard", "eu")).toEqual({ quota: 2000, source: "tier-1 default" });
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
    const dz = (region: string) => facts(region, { region, deployments: [deployment({ model: "gpt-5-mini", sku: "DataZoneStandard", capacity: 100 })] });
    const pools = buildPools([dz("swedencentral"), dz("westeurope"), dz("eastus2")], EMPTY_FLEET_FILE);
    expect(pools.map((p) => [p.scope, p.capacity])).toEqual([["eu", 200], ["us", 100]]);
    const std = (region: string) => facts(region, { region, deployments: [deployment({ sku: "Standard" })] });
    expect(buildPools([std("eastus2"), std("eastus")], EMPTY_FLEET_FILE).map((p) => p.scope)).toEqual(["eastus", "eastus2"]);
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
        const all = stacks.map((s, i) => facts(`s${i}`, { ...s, deployments: s.deployments.map((d) => deployment(d)) }));
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
