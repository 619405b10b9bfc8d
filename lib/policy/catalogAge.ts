import { daysSince } from "../days";
import { MODEL_CATALOG, type ModelCatalog } from "../models/modelCatalog";
import { type BoundaryPolicy, ofType, TYPES } from "./types";

/**
 * Past this many days since lib/models/catalog.json was last reviewed (`reviewed`), the plan advises a refresh:
 * Microsoft announces retirements at least 60 days ahead for GA models, so a catalog reviewed within 45 days still
 * holds every retirement that can land inside the 30-day window, with two weeks to act. docs/models.md.
 */
export const CATALOG_MAX_AGE_DAYS = 45;

/** Whole UTC calendar days from the catalog's `reviewed` day to the day `nowMs` falls in (the same all day long). */
export function catalogAgeDays(catalog: ModelCatalog, nowMs: number): number {
  return daysSince(catalog.reviewed, nowMs);
}

/** The plan's line about the catalog it judged models with: its date, its age, and what to do once it is old. */
export function catalogAgeText(catalog: ModelCatalog, nowMs: number): string {
  const days = catalogAgeDays(catalog, nowMs);
  const age =
    days === 0
      ? "today"
      : days > 0
        ? `${days} day${days === 1 ? "" : "s"} ago`
        : `${-days} day(s) after the plan's day`;
  const advice =
    days > CATALOG_MAX_AGE_DAYS
      ? `older than ${CATALOG_MAX_AGE_DAYS} days: refresh it (npm run models -- --refresh, docs/models.md)`
      : `current (advisory past ${CATALOG_MAX_AGE_DAYS} days)`;
  return `Model catalog: lib/models/catalog.json, reviewed ${catalog.reviewed} (${age}); ${advice}.`;
}

/** The advisory, judged against `catalog` (the shipped one in the pack; tests pass others). Never blocks. */
export function catalogAgePolicy(catalog: ModelCatalog): BoundaryPolicy {
  return {
    name: "model-catalog-current",
    description: `Recommendation: the model catalog that retirement and availability are judged with was reviewed within ${CATALOG_MAX_AGE_DAYS} days; an older one may miss a retirement Microsoft announced since.`,
    remediation:
      "Refresh the catalog: npm run models -- --refresh --write (or merge the models-refresh workflow's pull request), then review it as docs/models.md describes.",
    enforcement: "advisory",
    scope: "stack",
    appliesTo: [TYPES.deployment],
    check(resources, context) {
      const days = catalogAgeDays(catalog, context.nowMs);
      const [first] = ofType(resources, TYPES.deployment);
      if (first === undefined || days <= CATALOG_MAX_AGE_DAYS) return [];
      return [
        {
          urn: first.urn,
          message: `lib/models/catalog.json was reviewed on ${catalog.reviewed}, ${days} days ago (more than ${CATALOG_MAX_AGE_DAYS}): model retirements and offers may have changed since`,
        },
      ];
    },
  };
}

export const CATALOG_AGE_POLICIES: readonly BoundaryPolicy[] = [catalogAgePolicy(MODEL_CATALOG)];
