import { DEPLOYMENT_SKUS, type DeploymentSku } from "../config/schema";
import { type ArmModel, armDay, MODELS_LIST_API_VERSION, mergeArm, type MergedArmModel, stageOfArmStatus } from "./armCompare";
import type { CatalogEntry, CatalogSource, ModelCatalog } from "./modelCatalog";

/** ARM's Models - List answer for one region of the fleet. */
export interface RegionAnswer {
  location: string;
  models: readonly ArmModel[];
}

export interface RefreshRequest {
  catalog: ModelCatalog;
  answers: readonly RegionAnswer[];
  subscriptionId: string;
  /** The day of the refresh (YYYY-MM-DD): names the source and becomes `reviewed`. */
  day: string;
}

type Stage = CatalogEntry["lifecycle"];
type SkuRegions = Partial<Record<DeploymentSku, string[]>>;

/** One fact of the catalog that the refresh changed, with the source it now cites. */
export type CatalogChange =
  | { kind: "lifecycle"; model: string; version: string; from: Stage; to: Stage; source: string }
  | { kind: "retirementDate"; model: string; version: string; from: string | null; to: string; source: string }
  | { kind: "regions"; model: string; version: string; sku: DeploymentSku; added: string[]; removed: string[]; source: string }
  /** A version ARM offers that the catalog lacks: a new version of a catalog model, or a new model whose name says Codex. */
  | { kind: "newVersion" | "newCodexModel"; model: string; version: string; skus: SkuRegions; source: string };

/** What ARM said that the refresh could not turn into a fact: left for the person reviewing the pull request. */
export type RefreshNote =
  /** Not listed for this subscription there: not offered, or a version past its 12 months that the subscription never deployed. */
  | { kind: "notListed"; model: string; version: string; location: string }
  /** Regions disagree (or one region lists several values): the catalog keeps its value. */
  | { kind: "conflict"; model: string; version: string; field: "lifecycle" | "retirementDate"; values: string[] };

export interface RefreshResult {
  catalog: ModelCatalog;
  changes: CatalogChange[];
  notes: RefreshNote[];
  sourceId: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Fields another part of the project records per model that ARM does not give: a new version inherits them from its model's newest entry. */
const CARRIED_FIELDS = ["registration", "codex"] as const;

export function armSourceId(day: string): string {
  return `arm-models-${day}`;
}

export function armSource(subscriptionId: string, day: string): CatalogSource {
  return {
    document: `Azure Resource Manager Models - List (subscription ${subscriptionId}, api-version ${MODELS_LIST_API_VERSION})`,
    url: `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices/locations/{location}/models?api-version=${MODELS_LIST_API_VERSION}`,
    revised: day,
  };
}

/** A name that says Codex. The spec types `capabilities` as a free-form string map with no documented Responses or agents key, so the name is the only documented sign. */
export function isCodexModel(name: string): boolean {
  return name.toLowerCase().includes("codex");
}

interface Found {
  location: string;
  arm: MergedArmModel;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The one stage every listed status maps to, or every distinct value when they do not agree (an unknown status counts as its own). */
function stageOf(found: readonly Found[]): { stage?: Stage; values: string[] } {
  const values = unique(found.flatMap((f) => [...f.arm.statuses].map((s) => stageOfArmStatus(s) ?? `unknown status ${s}`)));
  const stage = values.length === 1 ? stageOfArmStatus([...(found.find((f) => f.arm.statuses.size > 0)?.arm.statuses ?? [])][0] ?? "") : undefined;
  return { stage, values };
}

function retirementsOf(found: readonly Found[]): string[] {
  return unique(found.flatMap((f) => [...f.arm.inference].filter((d) => ISO_DAY.test(d))));
}

function sortedSkus(skus: Map<DeploymentSku, Set<string>>): SkuRegions {
  const out: SkuRegions = {};
  for (const sku of DEPLOYMENT_SKUS) {
    const regions = skus.get(sku);
    if (regions !== undefined && regions.size > 0) out[sku] = [...regions].sort();
  }
  return out;
}

function isSku(value: string): value is DeploymentSku {
  return (DEPLOYMENT_SKUS as readonly string[]).includes(value);
}

/** Where ARM lists an entry it can speak for, each deployment type ARM offers there is in the catalog, and no other. */
function refreshRegions(entry: CatalogEntry, found: readonly Found[], source: string, changes: CatalogChange[]): SkuRegions {
  const skus = new Map<DeploymentSku, Set<string>>(DEPLOYMENT_SKUS.map((sku) => [sku, new Set(entry.skus[sku] ?? [])]));
  for (const sku of DEPLOYMENT_SKUS) {
    const regions = skus.get(sku) ?? new Set<string>();
    const added = found.filter((f) => f.arm.skus.has(sku) && !regions.has(f.location)).map((f) => f.location).sort();
    const removed = found.filter((f) => !f.arm.skus.has(sku) && regions.has(f.location)).map((f) => f.location).sort();
    added.forEach((r) => regions.add(r));
    removed.forEach((r) => regions.delete(r));
    if (added.length + removed.length > 0) changes.push({ kind: "regions", model: entry.model, version: entry.version, sku, added, removed, source });
  }
  return sortedSkus(skus);
}

function refreshEntry(entry: CatalogEntry, perRegion: ReadonlyArray<{ location: string; merged: Map<string, MergedArmModel> }>, source: string, changes: CatalogChange[], notes: RefreshNote[]): CatalogEntry {
  const base = { model: entry.model, version: entry.version };
  const found: Found[] = [];
  for (const region of perRegion) {
    const arm = region.merged.get(`${entry.model}@${entry.version}`);
    if (arm === undefined) notes.push({ kind: "notListed", ...base, location: region.location });
    else found.push({ location: region.location, arm });
  }
  if (found.length === 0) return entry;
  let next: CatalogEntry = { ...entry, sources: { ...entry.sources } };
  const { stage, values: stages } = stageOf(found);
  if (stages.length > 0 && stage === undefined) notes.push({ kind: "conflict", ...base, field: "lifecycle", values: stages });
  else if (stage !== undefined && stage !== entry.lifecycle) {
    changes.push({ kind: "lifecycle", ...base, from: entry.lifecycle, to: stage, source });
    next = { ...next, lifecycle: stage, sources: { ...next.sources, lifecycle: source } };
  }
  const retirements = retirementsOf(found);
  const retirement = retirements.length === 1 ? retirements[0] : undefined;
  if (retirements.length > 1) notes.push({ kind: "conflict", ...base, field: "retirementDate", values: retirements });
  else if (retirement !== undefined && retirement !== entry.retirementDate) {
    changes.push({ kind: "retirementDate", ...base, from: entry.retirementDate, to: retirement, source });
    next = { ...next, retirementDate: retirement, sources: { ...next.sources, retirementDate: source } };
  }
  const before = changes.length;
  const skus = refreshRegions(entry, found, source, changes);
  if (changes.length === before) return next;
  const skuSources = next.sources.skus.includes(source) ? next.sources.skus : [...next.sources.skus, source];
  return { ...next, skus, sources: { ...next.sources, skus: skuSources } };
}

interface NewVersion {
  name: string;
  version: string;
  found: Found[];
}

/** Versions ARM offers in the fleet's regions that the catalog lacks, of catalog models or of models whose name says Codex. */
function newVersions(catalog: ModelCatalog, perRegion: ReadonlyArray<{ location: string; merged: Map<string, MergedArmModel> }>): NewVersion[] {
  const names = new Set(catalog.models.map((e) => e.model));
  const known = new Set(catalog.models.map((e) => `${e.model}@${e.version}`));
  const found = new Map<string, NewVersion>();
  for (const region of perRegion) {
    for (const [key, arm] of region.merged) {
      if (known.has(key) || !(names.has(arm.name) || isCodexModel(arm.name))) continue;
      const item = found.get(key) ?? { name: arm.name, version: arm.version, found: [] };
      item.found.push({ location: region.location, arm });
      found.set(key, item);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || b.version.localeCompare(a.version));
}

/** The fields a new version keeps from the newest catalog entry of its model (ARM does not tell them). */
function carriedFrom(catalog: ModelCatalog, model: string): Record<string, unknown> {
  const sibling = catalog.models.find((e) => e.model === model) as (CatalogEntry & Record<string, unknown>) | undefined;
  if (sibling === undefined) return {};
  return Object.fromEntries(CARRIED_FIELDS.filter((f) => sibling[f] !== undefined).map((f) => [f, sibling[f]]));
}

function newEntry(item: NewVersion, request: RefreshRequest, source: string): CatalogEntry {
  const { stage } = stageOf(item.found);
  const retirements = retirementsOf(item.found);
  const skus = new Map<DeploymentSku, Set<string>>();
  for (const f of item.found) {
    for (const sku of f.arm.skus.keys()) if (isSku(sku)) skus.set(sku, (skus.get(sku) ?? new Set<string>()).add(f.location));
  }
  const datedVersion = ISO_DAY.test(item.version) && request.catalog.sources.version !== undefined;
  const regions = unique(item.found.map((f) => f.location)).join(", ");
  return {
    model: item.name,
    version: item.version,
    lifecycle: stage ?? "Preview",
    launchDate: ISO_DAY.test(item.version) ? item.version : request.day,
    retirementDate: retirements.length === 1 ? (retirements[0] ?? null) : null,
    replacement: null,
    ...carriedFrom(request.catalog, item.name),
    sources: { lifecycle: source, retirementDate: source, replacement: source, launchDate: datedVersion ? "version" : source, skus: [source] },
    skus: sortedSkus(skus),
    availabilityUnverified:
      `added by the refresh of ${request.day} from ARM Models - List for ${regions} only; the Foundry model matrix, the retirement schedule ` +
      "(replacement) and the registration terms were not read for this version: review them as docs/models.md describes",
  } as CatalogEntry;
}

/** Drops ARM sources no entry cites any more (an older refresh whose facts were all replaced). */
function citedSources(sources: ModelCatalog["sources"], models: readonly CatalogEntry[]): ModelCatalog["sources"] {
  const cited = new Set(models.flatMap((e) => [e.sources.lifecycle, e.sources.retirementDate, e.sources.replacement, e.sources.launchDate, ...e.sources.skus]));
  return Object.fromEntries(Object.entries(sources).filter(([id]) => !id.startsWith("arm-models-") || cited.has(id)));
}

/**
 * Rebuilds the catalog from ARM's answers for the fleet's regions: lifecycle and retirement date where every
 * region that lists the version agrees, each deployment type's regions where ARM lists the version, and new
 * versions (appended, so `new-team`'s default does not move). Each changed fact cites `arm-models-<day>`.
 * Registration, replacement and the regions ARM was not asked about keep their committed values. Pure.
 */
export function refreshCatalog(request: RefreshRequest): RefreshResult {
  const source = armSourceId(request.day);
  const perRegion = request.answers.map((a) => ({ location: a.location, merged: mergeArm(a.models) }));
  const changes: CatalogChange[] = [];
  const notes: RefreshNote[] = [];
  const refreshed = request.catalog.models.map((entry) => refreshEntry(entry, perRegion, source, changes, notes));
  const added = newVersions(request.catalog, perRegion).map((item) => {
    const entry = newEntry(item, request, source);
    changes.push({ kind: request.catalog.models.some((e) => e.model === item.name) ? "newVersion" : "newCodexModel", model: entry.model, version: entry.version, skus: entry.skus, source });
    return entry;
  });
  const models = [...refreshed, ...added];
  const sources = citedSources({ ...request.catalog.sources, ...(changes.length > 0 ? { [source]: armSource(request.subscriptionId, request.day) } : {}) }, models);
  return { catalog: { ...request.catalog, reviewed: request.day, sources, models }, changes, notes, sourceId: source };
}
