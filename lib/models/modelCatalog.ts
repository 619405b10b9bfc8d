import { z } from "zod";
import { DEPLOYMENT_SKUS, type DeploymentSku } from "../config/schema";
// The data file and this module must not share a base name: a require() hook resolves ".json" before ".ts".
import catalogJson from "./catalog.json";
import { dayStartMs, daysUntil } from "../days";

export { dayStartMs } from "../days";

/**
 * The model catalog (catalog.json): which Azure OpenAI model versions exist, where each deployment type (SKU) is
 * offered, and when each retires, every fact with the document it came from. Data, not code: refresh it as
 * docs/models.md describes; `npm run models -- --check` compares it with what ARM reports for a subscription.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const sourceId = z.string().min(1);

const sourceSchema = z.strictObject({
  document: z.string().min(1),
  url: z.string(),
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  revised: z.string().min(1),
});

const entrySchema = z.strictObject({
  model: z.string().min(1),
  version: z.string().min(1),
  /** The schedule's lifecycle column: GA, Preview, Deprecated (no new customers), Retired. */
  lifecycle: z.enum(["GA", "Preview", "Deprecated", "Retired"]),
  launchDate: isoDay,
  retirementDate: isoDay.nullable(),
  /** The replacement Microsoft names; null when the schedule names none. */
  replacement: z.string().min(1).nullable(),
  /** "required": a subscription must apply for limited access before it can deploy the model. */
  registration: z.enum(["required", "none"]),
  /** The last day a subscription that never deployed this version is offered it; null when no rule gives one. */
  newCustomerCutoff: isoDay.nullable(),
  /** The Codex CLI can use it: Responses API with reasoning, tools and streaming. */
  codex: z.boolean(),
  sources: z.strictObject({
    lifecycle: sourceId,
    retirementDate: sourceId,
    replacement: sourceId,
    launchDate: sourceId,
    registration: sourceId,
    newCustomerCutoff: sourceId,
    codex: sourceId,
    skus: z.array(sourceId).min(1),
  }),
  /** Regions per deployment type. A type that is missing is offered in none of the covered regions. */
  skus: z.partialRecord(z.enum(DEPLOYMENT_SKUS), z.array(z.string().regex(/^[a-z0-9]+$/))),
  /**
   * Set when no published region list was found for this model: the region check then only advises (the plan
   * names it) instead of failing, and the text says what is missing.
   */
  availabilityUnverified: z.string().min(1).optional(),
});

const catalogSchema = z.strictObject({
  about: z.string(),
  reviewed: isoDay,
  sources: z.record(z.string(), sourceSchema),
  /** The regions each matrix document lists: for these, an absent region in an entry means "not offered". */
  coveredRegions: z.record(z.string(), z.array(z.string())),
  models: z.array(entrySchema).min(1),
});

export type CatalogEntry = z.infer<typeof entrySchema>;
export type ModelCatalog = z.infer<typeof catalogSchema>;
export type CatalogSource = z.infer<typeof sourceSchema>;

/** Validates a catalog document (the shipped one at load; tests feed others). */
export function readCatalog(raw: unknown): ModelCatalog {
  const catalog = catalogSchema.parse(raw);
  const problems = catalog.models.flatMap((entry) => {
    const { skus, ...fields } = entry.sources;
    const missing = [...Object.values(fields), ...skus].filter((id) => catalog.sources[id] === undefined);
    const found: string[] = [];
    if (missing.length > 0)
      found.push(`${entry.model} ${entry.version} cites unknown source(s) ${[...new Set(missing)].join(", ")}`);
    if (entry.newCustomerCutoff !== null && entry.newCustomerCutoff <= entry.launchDate) {
      found.push(
        `${entry.model} ${entry.version} newCustomerCutoff ${entry.newCustomerCutoff} must come after its launchDate ${entry.launchDate}`,
      );
    }
    return found;
  });
  if (problems.length > 0) throw new Error(`model catalog: ${problems.join("; ")}`);
  return catalog;
}

export const MODEL_CATALOG: ModelCatalog = readCatalog(catalogJson);

export function catalogEntry(
  model: string,
  version: string,
  catalog: ModelCatalog = MODEL_CATALOG,
): CatalogEntry | undefined {
  return catalog.models.find((e) => e.model === model && e.version === version);
}

/** Versions the catalog knows of a model (for "did you mean" messages). */
export function knownVersions(model: string, catalog: ModelCatalog = MODEL_CATALOG): string[] {
  return catalog.models.filter((e) => e.model === model).map((e) => e.version);
}

export function knownModels(catalog: ModelCatalog = MODEL_CATALOG): string[] {
  return [...new Set(catalog.models.map((e) => e.model))];
}

/** The day Azure retires the model version (deployments answer 410 Gone from then on), if the catalog knows it. */
export function retirementOf(model: string, version: string, catalog: ModelCatalog = MODEL_CATALOG): Date | undefined {
  const day = catalogEntry(model, version, catalog)?.retirementDate;
  return day ? new Date(dayStartMs(day)) : undefined;
}

/** Whole days from today (UTC) to the retirement day, as lib/days.ts counts them (0 or less: retired). */
export function daysUntilRetirement(entry: CatalogEntry, nowMs: number): number | undefined {
  return entry.retirementDate === null ? undefined : daysUntil(entry.retirementDate, nowMs);
}

/** True when the catalog's sources list the region at all (only then does "not listed" mean "not offered"). */
export function regionCovered(location: string, catalog: ModelCatalog = MODEL_CATALOG): boolean {
  return Object.values(catalog.coveredRegions).some((regions) => regions.includes(location));
}

export function offeredRegions(entry: CatalogEntry, sku: DeploymentSku): readonly string[] {
  return entry.skus[sku] ?? [];
}

/** The deployment types the entry offers in a region. */
export function skusOfferedIn(entry: CatalogEntry, location: string): DeploymentSku[] {
  return DEPLOYMENT_SKUS.filter((sku) => offeredRegions(entry, sku).includes(location));
}

export function describeSource(id: string, catalog: ModelCatalog = MODEL_CATALOG): string {
  const source = catalog.sources[id];
  return source === undefined ? id : `${source.document}, revised ${source.revised}`;
}
