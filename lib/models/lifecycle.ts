import type { DeploymentSku } from "../config/schema";
import {
  type CatalogEntry,
  daysUntilRetirement,
  dayStartMs,
  MODEL_CATALOG,
  type ModelCatalog,
  offeredRegions,
  regionCovered,
} from "./modelCatalog";

/** Retirement this close fails a mandatory control (the plan exits 3): GA models get 60 days' notice at least. */
export const RETIREMENT_FAIL_DAYS = 30;
/** Retirement this close is an advisory finding. */
export const RETIREMENT_ADVISE_DAYS = 120;
/** What `new-team` offers must live at least this long after the day it runs. */
export const NEW_TEAM_MIN_LIFE_DAYS = 60;
/** A GA version is offered to subscriptions that never deployed it for this many months after launch. */
export const NEW_CUSTOMER_MONTHS = 12;

export type RetirementStage = "retired" | "imminent" | "soon" | "live";

export function retirementStage(entry: CatalogEntry, nowMs: number): RetirementStage {
  if (entry.lifecycle === "Retired") return "retired";
  const days = daysUntilRetirement(entry, nowMs);
  if (days === undefined) return "live";
  if (days <= 0) return "retired";
  if (days <= RETIREMENT_FAIL_DAYS) return "imminent";
  if (days <= RETIREMENT_ADVISE_DAYS) return "soon";
  return "live";
}

export function replacementText(entry: CatalogEntry): string {
  return entry.replacement === null ? "none named by Microsoft" : entry.replacement;
}

/** Launch + 12 months: how the catalog derives `newCustomerCutoff` for a GA version from its launch date. */
export function cutoffAfterLaunch(launchDate: string): string {
  const launch = new Date(dayStartMs(launchDate));
  launch.setUTCMonth(launch.getUTCMonth() + NEW_CUSTOMER_MONTHS);
  return launch.toISOString().slice(0, 10);
}

/** The day from which a subscription that never deployed the version may be refused it, as the catalog records it. */
export function newCustomerCutoff(entry: CatalogEntry): string | null {
  return entry.newCustomerCutoff;
}

export function pastNewCustomerWindow(entry: CatalogEntry, nowMs: number): boolean {
  return entry.newCustomerCutoff !== null && nowMs >= dayStartMs(entry.newCustomerCutoff);
}

/** Usable by Codex, open to new deployments (GA or preview) and not retiring within `minDays`. */
export function livesFor(entry: CatalogEntry, nowMs: number, minDays: number): boolean {
  if (!entry.codex) return false;
  if (entry.lifecycle !== "GA" && entry.lifecycle !== "Preview") return false;
  const days = daysUntilRetirement(entry, nowMs);
  return days === undefined || days >= minDays;
}

/**
 * Catalog entries a team can deploy as `sku` in `location` that live at least `minDays` more days, in catalog
 * order (newest Codex model first). In a region the catalog's sources do not list, availability cannot be
 * checked here, so every entry offering the SKU somewhere qualifies (the plan then advises).
 */
export function liveModelsFor(
  location: string,
  sku: DeploymentSku,
  nowMs: number,
  minDays: number = NEW_TEAM_MIN_LIFE_DAYS,
  catalog: ModelCatalog = MODEL_CATALOG,
): CatalogEntry[] {
  const covered = regionCovered(location, catalog);
  return catalog.models.filter((entry) => {
    if (!livesFor(entry, nowMs, minDays)) return false;
    const regions = offeredRegions(entry, sku);
    return covered && entry.availabilityUnverified === undefined
      ? regions.includes(location)
      : regions.length > 0 || entry.availabilityUnverified !== undefined;
  });
}

/** Regions where at least one catalog model is deployable as `sku` and lives `minDays` more days. */
export function regionsWithLiveModels(
  sku: DeploymentSku,
  nowMs: number,
  minDays: number = NEW_TEAM_MIN_LIFE_DAYS,
  catalog: ModelCatalog = MODEL_CATALOG,
): string[] {
  const regions = new Set<string>();
  for (const entry of catalog.models) {
    if (!livesFor(entry, nowMs, minDays)) continue;
    for (const region of offeredRegions(entry, sku)) regions.add(region);
  }
  return [...regions].sort();
}
