import type { DeploymentSku } from "../config/schema";
import { availabilityOf } from "./availability";
import { livesFor, NEW_TEAM_MIN_LIFE_DAYS } from "./lifecycle";
import { type CatalogEntry, catalogEntry, daysUntilRetirement, MODEL_CATALOG, type ModelCatalog } from "./modelCatalog";

/** Where a deployment lives and how long its successor must live from `nowMs` on. */
export interface SuccessorQuery {
  location: string;
  sku: DeploymentSku;
  nowMs: number;
  minDays: number;
}

export interface Successor {
  entry: CatalogEntry;
  /** Microsoft names it as the replacement, or it is the closest catalog model that lives long enough there. */
  reason: "named-by-microsoft" | "closest-live";
  /** Its retirement day (YYYY-MM-DD), or null when none is scheduled. */
  liveUntil: string | null;
}

const SIZE_SUFFIX = /-(mini|nano|max|pro)$/;

/** The size class of a model name ("mini", "nano", ...; "" for the full model): a successor keeps it where it can. */
function sizeOf(model: string): string {
  return SIZE_SUFFIX.exec(model)?.[1] ?? "";
}

function isCodex(model: string): boolean {
  return model.includes("codex");
}

function deployableThere(entry: CatalogEntry, query: SuccessorQuery, catalog: ModelCatalog): boolean {
  return (
    livesFor(entry, query.nowMs, query.minDays) &&
    availabilityOf(entry, query.sku, query.location, catalog).kind === "offered"
  );
}

/**
 * How long a successor must live: what new-team offers must (NEW_TEAM_MIN_LIFE_DAYS), and past the version it
 * replaces (a move to one retiring the same day gains nothing). The upgrade and the plan's and fleet's notices use it.
 */
export function successorMinDays(
  current: { model: string; version: string },
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): number {
  const self = catalogEntry(current.model, current.version, catalog);
  const left = self === undefined ? undefined : daysUntilRetirement(self, nowMs);
  return Math.max(NEW_TEAM_MIN_LIFE_DAYS, (left ?? 0) + 1);
}

/** Later retirement first; none scheduled counts as latest. */
function byRetirement(a: CatalogEntry, b: CatalogEntry): number {
  const day = (e: CatalogEntry) => e.retirementDate ?? "9999-12-31";
  return day(b).localeCompare(day(a));
}

/**
 * The model version a deployment of `current` should move to, offered as the same SKU in the same region and live
 * at least `minDays` more: Microsoft's named replacement (its newest catalog version) when that qualifies, else the
 * closest live catalog model (same Codex-ness and size class first, then the longest-lived). Undefined when the
 * catalog has nothing that qualifies there.
 */
export function successorFor(
  current: { model: string; version: string },
  query: SuccessorQuery,
  catalog: ModelCatalog = MODEL_CATALOG,
): Successor | undefined {
  const self = catalogEntry(current.model, current.version, catalog);
  const candidates = catalog.models.filter(
    (e) => !(e.model === current.model && e.version === current.version) && deployableThere(e, query, catalog),
  );
  const named = self?.replacement ?? null;
  if (named !== null) {
    const versions = candidates.filter((e) => e.model === named).sort((a, b) => b.version.localeCompare(a.version));
    const pick = versions[0];
    if (pick !== undefined) return { entry: pick, reason: "named-by-microsoft", liveUntil: pick.retirementDate };
  }
  const ranked = [...candidates].sort((a, b) => {
    const rank = (e: CatalogEntry) =>
      (isCodex(e.model) === isCodex(current.model) ? 0 : 2) + (sizeOf(e.model) === sizeOf(current.model) ? 0 : 1);
    return rank(a) - rank(b) || byRetirement(a, b);
  });
  const pick = ranked[0];
  return pick === undefined ? undefined : { entry: pick, reason: "closest-live", liveUntil: pick.retirementDate };
}
