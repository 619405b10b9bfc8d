import { dataZoneOf } from "./dataZones";
import type { FleetFile, ModelQuotas } from "./fleetFile";
import type { StackFacts } from "./types";

/** Where a SKU's quota pool lives. Since 2026-05: Global* one pool per subscription, DataZone* per data zone, others per region. */
export type PoolScopeKind = "subscription" | "dataZone" | "region";

export function poolScopeKind(sku: string): PoolScopeKind {
  if (sku.startsWith("Global")) return "subscription";
  if (sku.startsWith("DataZone")) return "dataZone";
  return "region";
}

/** The pool's scope as the report writes it: `subscription`, the data zone (`eu`, `us`) or the region; undefined: no known zone. */
export function poolScope(sku: string, region: string): string | undefined {
  const kind = poolScopeKind(sku);
  if (kind === "subscription") return "subscription";
  if (kind === "dataZone") return dataZoneOf(region);
  return region.toLowerCase();
}

export const TIER1_SOURCE =
  "Microsoft's Azure OpenAI quotas and limits page, default (tier 1) quotas, as quoted in issue 14";

/** Default (tier 1) quotas in capacity units (1 = 1K tokens per minute). Real quotas rise with usage: set them in fleet.yaml. */
export const TIER1_QUOTAS: ModelQuotas = {
  "gpt-5.3-codex": { GlobalStandard: 1000 },
  "gpt-5.2-codex": { GlobalStandard: 1000 },
  "gpt-5.1-codex-max": { GlobalStandard: 1000 },
  "gpt-5-codex": { GlobalStandard: 1000 },
  "gpt-5": { GlobalStandard: 1000, DataZoneStandard: 300 },
  "gpt-5-mini": { GlobalStandard: 1000, DataZoneStandard: 300 },
  "gpt-5-nano": { GlobalStandard: 5000, DataZoneStandard: 2000 },
};

/** Limits from the same page. */
export const ACCOUNTS_PER_SUBSCRIPTION = 30;
export const DEPLOYMENTS_PER_ACCOUNT = 32;

export interface PoolUse {
  stack: string;
  team: string;
  capacity: number;
}

export interface Pool {
  subscription: string;
  model: string;
  sku: string;
  scope: string;
  capacity: number;
  quota: number | null;
  quotaSource: string | null;
  stacks: string[];
  use: PoolUse[];
}

function lookup(quotas: ModelQuotas | undefined, model: string, sku: string, scope: string): number | undefined {
  const value = (quotas?.[model] as Partial<Record<string, number | Record<string, number>>> | undefined)?.[sku];
  if (typeof value === "number") return value;
  return value?.[scope];
}

/** The most specific quota for a pool: the subscription's in fleet.yaml, fleet.yaml's defaults, then tier 1. */
export function poolQuota(
  fleet: FleetFile,
  subscription: string,
  model: string,
  sku: string,
  scope: string,
): { quota: number; source: string } | undefined {
  const candidates: Array<[ModelQuotas | undefined, string]> = [
    [fleet.subscriptions[subscription]?.quotas, `fleet.yaml subscriptions.${subscription}`],
    [fleet.defaults, "fleet.yaml defaults"],
    [TIER1_QUOTAS, "tier-1 default"],
  ];
  for (const [quotas, source] of candidates) {
    const quota = lookup(quotas, model, sku, scope);
    if (quota !== undefined) return { quota, source };
  }
  return undefined;
}

/** Every deployment's capacity summed into its pool. Deployments in a region with no known data zone are left out (and reported). */
export function buildPools(stacks: readonly StackFacts[], fleet: FleetFile): Pool[] {
  const pools = new Map<string, Pool>();
  for (const stack of stacks) {
    for (const d of stack.deployments) {
      const scope = poolScope(d.sku, stack.region);
      if (scope === undefined) continue;
      const key = JSON.stringify([stack.subscription, d.model, d.sku, scope]);
      let pool = pools.get(key);
      if (pool === undefined) {
        const quota = poolQuota(fleet, stack.subscription, d.model, d.sku, scope);
        pool = {
          subscription: stack.subscription,
          model: d.model,
          sku: d.sku,
          scope,
          capacity: 0,
          quota: quota?.quota ?? null,
          quotaSource: quota?.source ?? null,
          stacks: [],
          use: [],
        };
        pools.set(key, pool);
      }
      pool.capacity += d.capacity;
      const use = pool.use.find((u) => u.stack === stack.stack);
      if (use) use.capacity += d.capacity;
      else pool.use.push({ stack: stack.stack, team: stack.team, capacity: d.capacity });
      if (!pool.stacks.includes(stack.stack)) pool.stacks.push(stack.stack);
    }
  }
  return [...pools.values()].sort(
    (a, b) =>
      a.subscription.localeCompare(b.subscription) ||
      a.model.localeCompare(b.model) ||
      a.sku.localeCompare(b.sku) ||
      a.scope.localeCompare(b.scope),
  );
}
