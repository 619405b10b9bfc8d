import { type DeploymentSku, isDeploymentSku } from "../config/schema";
import {
  type CatalogEntry,
  catalogEntry,
  knownModels,
  knownVersions,
  MODEL_CATALOG,
  type ModelCatalog,
  offeredRegions,
  regionCovered,
  skusOfferedIn,
} from "./modelCatalog";
import { liveModelsFor, retirementStage } from "./lifecycle";

/** Same shape as the parser's ConfigProblem: a config path (without the project prefix) and what is wrong. */
export interface ModelProblem {
  path: string;
  message: string;
}

export type Availability =
  | { kind: "offered" }
  | { kind: "not-offered"; offeredIn: readonly string[]; skusHere: DeploymentSku[] }
  /** The catalog cannot say: the region is not in its sources, or the entry has no published region list. */
  | { kind: "unverified"; reason: string };

export function availabilityOf(
  entry: CatalogEntry,
  sku: DeploymentSku,
  location: string,
  catalog: ModelCatalog = MODEL_CATALOG,
): Availability {
  if (entry.availabilityUnverified !== undefined) return { kind: "unverified", reason: entry.availabilityUnverified };
  if (!regionCovered(location, catalog)) {
    return {
      kind: "unverified",
      reason: `the catalog's sources (Foundry model matrix) do not list the region ${location}`,
    };
  }
  const offeredIn = offeredRegions(entry, sku);
  return offeredIn.includes(location)
    ? { kind: "offered" }
    : { kind: "not-offered", offeredIn, skusHere: skusOfferedIn(entry, location) };
}

function quoted(value: string): string {
  return JSON.stringify(value);
}

function alternatives(location: string, sku: DeploymentSku, nowMs: number, catalog: ModelCatalog): string {
  const live = liveModelsFor(location, sku, nowMs, 0, catalog).filter((e) => retirementStage(e, nowMs) !== "retired");
  return live.length === 0
    ? `no catalog model is offered as ${sku} in ${location}`
    : `catalog models offered as ${sku} in ${location}: ${live.map((e) => `${e.model} ${e.version}`).join(", ")}`;
}

/** The region facts' source, short: the matrix documents' latest revision date. */
function matrixSource(entry: CatalogEntry, catalog: ModelCatalog): string {
  const dates = entry.sources.skus
    .map((id) => catalog.sources[id]?.revised ?? "")
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  return `Foundry model matrix as recorded in lib/models/catalog.json${dates.length > 0 ? `, revised ${dates[dates.length - 1]}` : ""}`;
}

/** The problem with one deployment, if any: unknown model or version, or not offered as that SKU there. */
function deploymentProblem(
  index: number,
  model: string,
  version: string,
  sku: DeploymentSku,
  location: string | undefined,
  nowMs: number,
  catalog: ModelCatalog,
): ModelProblem | undefined {
  const at = (key: string) => `models[${index}].${key}`;
  if (!knownModels(catalog).includes(model)) {
    return {
      path: at("model"),
      message: `is not in the model catalog (lib/models/catalog.json), so its versions, regions and retirement cannot be checked; known models: ${knownModels(catalog).join(", ")}. To use another model, add it with its sources as docs/models.md describes (got ${quoted(model)})`,
    };
  }
  const entry = catalogEntry(model, version, catalog);
  if (entry === undefined) {
    return {
      path: at("version"),
      message: `${model} has no version ${version} in the model catalog; known: ${knownVersions(model, catalog).join(", ")} (got ${quoted(version)})`,
    };
  }
  // A retired version is no input error: left as deployed it must not stop the stack (its key still rotates), and
  // adding or changing to it is refused by the retirement gate (lib/models/retirementGate.ts), which knows which.
  if (retirementStage(entry, nowMs) === "retired") return undefined;
  // Stryker disable next-line ConditionalExpression: without a region no source covers it: "unverified", so no problem either way
  if (location === undefined) return undefined;
  const availability = availabilityOf(entry, sku, location, catalog);
  if (availability.kind !== "not-offered") return undefined;
  const where = availability.offeredIn.length === 0 ? "no region" : availability.offeredIn.join(", ");
  const here = availability.skusHere.length === 0 ? "nothing" : availability.skusHere.join(", ");
  return {
    path: at("sku"),
    message:
      `${model} ${version} is not offered as ${sku} in ${location}: as ${sku} it is offered in ${where}; in ${location} it is offered as ${here}; ` +
      `${alternatives(location, sku, nowMs, catalog)} (source: ${matrixSource(entry, catalog)}) (got ${quoted(sku)})`,
  };
}

/**
 * Checks every deployment of a raw (not yet validated) config against the catalog, so these problems are reported
 * together with the schema's. Entries whose fields are not plain strings are left to the schema.
 */
export function modelProblems(
  raw: Record<string, unknown>,
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): ModelProblem[] {
  const location = typeof raw.location === "string" ? raw.location : undefined;
  if (!Array.isArray(raw.models)) return [];
  return raw.models.flatMap((item: unknown, index) => {
    // Stryker disable next-line ConditionalExpression: a primitive item destructures to undefined fields, refused on the next line
    if (item === null || typeof item !== "object") return [];
    const { model, version, sku } = item as Record<string, unknown>;
    // Stryker disable next-line ConditionalExpression: a non-string sku is refused by isDeploymentSku too
    if (
      typeof model !== "string" ||
      typeof version !== "string" ||
      typeof sku !== "string" ||
      !isDeploymentSku(sku) ||
      model === "" ||
      version === ""
    )
      return [];
    const problem = deploymentProblem(index, model, version, sku, location, nowMs, catalog);
    return problem === undefined ? [] : [problem];
  });
}
