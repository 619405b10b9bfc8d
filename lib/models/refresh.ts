import { utcDay } from "../days";
import { DEPLOYMENT_SKUS, type DeploymentSku, isDeploymentSku } from "../config/schema";
import { type ArmModel, MODELS_LIST_API_VERSION, mergeArm, type MergedArmModel, stageOfArmStatus } from "./armCompare";
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
  /** The instant of the refresh (the injected clock): its UTC day dates the source and becomes `reviewed`. */
  nowMs: number;
}

type Stage = CatalogEntry["lifecycle"];

/** The catalog source every fact the refresh changed cites; its `revised` is the day of the last refresh. */
export const ARM_SOURCE_ID = "arm-models-api";

/** One fact of the catalog that the refresh changed; the entry's sources now cite ARM_SOURCE_ID for it. */
export type CatalogChange =
  | { kind: "lifecycle"; model: string; version: string; from: Stage; to: Stage }
  | { kind: "retirementDate"; model: string; version: string; from: string | null; to: string }
  | { kind: "regions"; model: string; version: string; sku: DeploymentSku; added: string[]; removed: string[] };

/** What ARM said that the refresh does not turn into a catalog fact: for the person reviewing the pull request. */
export type RefreshNote =
  /** A version of a catalog model, or a model whose name says Codex, that the catalog lacks: add it from Microsoft's tables. */
  | { kind: "newVersion"; model: string; version: string; locations: string[]; skus: string[] }
  /** Not listed for this subscription there: not offered, registration missing, or past the new-customer cutoff. */
  | { kind: "notListed"; model: string; version: string; locations: string[] }
  /** Regions disagree (or one region lists several values): the catalog keeps its value. */
  | { kind: "conflict"; model: string; version: string; field: "lifecycle" | "retirementDate"; values: string[] }
  /** A deployment type ARM retires on another day than the model version. */
  | {
      kind: "skuRetirement";
      model: string;
      version: string;
      sku: string;
      location: string;
      date: string;
      catalog: string | null;
    };

export interface RefreshResult {
  catalog: ModelCatalog;
  changes: CatalogChange[];
  notes: RefreshNote[];
  day: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function armSource(subscriptionId: string, day: string): CatalogSource {
  return {
    document: `Azure Resource Manager Models - List (subscription ${subscriptionId}, api-version ${MODELS_LIST_API_VERSION}), read by npm run models -- --refresh`,
    url: `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices/locations/{location}/models?api-version=${MODELS_LIST_API_VERSION}`,
    revised: day,
  };
}

/** A name that says Codex: the spec types `capabilities` as a free-form string map with no documented Codex key. */
export function isCodexModel(name: string): boolean {
  return name.toLowerCase().includes("codex");
}

interface Found {
  location: string;
  arm: MergedArmModel;
}

type PerRegion = ReadonlyArray<{ location: string; merged: Map<string, MergedArmModel> }>;

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The stage every listed status maps to, and every distinct value (an unknown status counts as its own). */
function stageOf(found: readonly Found[]): { stage?: Stage; values: string[] } {
  const statuses = unique(found.flatMap((f) => [...f.arm.statuses]));
  const values = unique(statuses.map((s) => stageOfArmStatus(s) ?? `unknown status ${s}`));
  const stage = values.length === 1 ? stageOfArmStatus(statuses[0] ?? "") : undefined;
  return stage === undefined ? { values } : { stage, values };
}

/** Where ARM lists the version, each deployment type ARM offers there is in the catalog, and no other. */
function refreshRegions(entry: CatalogEntry, found: readonly Found[], changes: CatalogChange[]): CatalogEntry["skus"] {
  const skus: CatalogEntry["skus"] = {};
  for (const sku of DEPLOYMENT_SKUS) {
    const regions = new Set(entry.skus[sku] ?? []);
    const added = found
      .filter((f) => f.arm.skus.has(sku) && !regions.has(f.location))
      .map((f) => f.location)
      .sort();
    const removed = found
      .filter((f) => !f.arm.skus.has(sku) && regions.has(f.location))
      .map((f) => f.location)
      .sort();
    added.forEach((r) => regions.add(r));
    removed.forEach((r) => regions.delete(r));
    if (added.length + removed.length > 0)
      changes.push({ kind: "regions", model: entry.model, version: entry.version, sku, added, removed });
    if (regions.size > 0) skus[sku] = [...regions].sort();
  }
  return skus;
}

function skuRetirements(entry: CatalogEntry, found: readonly Found[]): RefreshNote[] {
  return found.flatMap((f) =>
    [...f.arm.skus].flatMap(([sku, dates]) =>
      [...dates]
        .filter((d) => ISO_DAY.test(d) && d !== entry.retirementDate)
        .map((date): RefreshNote => ({
          kind: "skuRetirement",
          model: entry.model,
          version: entry.version,
          sku,
          location: f.location,
          date,
          catalog: entry.retirementDate,
        })),
    ),
  );
}

function refreshEntry(
  entry: CatalogEntry,
  perRegion: PerRegion,
  changes: CatalogChange[],
  notes: RefreshNote[],
): CatalogEntry {
  const base = { model: entry.model, version: entry.version };
  const found: Found[] = perRegion.flatMap((r) => {
    const arm = r.merged.get(`${entry.model}@${entry.version}`);
    return arm === undefined ? [] : [{ location: r.location, arm }];
  });
  const missing = perRegion.filter((r) => !found.some((f) => f.location === r.location)).map((r) => r.location);
  if (missing.length > 0) notes.push({ kind: "notListed", ...base, locations: missing });
  if (found.length === 0) return entry;
  const before = changes.length;
  const sources = { ...entry.sources };
  let next: CatalogEntry = { ...entry };
  const { stage, values: stages } = stageOf(found);
  if (stage === undefined && stages.length > 0)
    notes.push({ kind: "conflict", ...base, field: "lifecycle", values: stages });
  else if (stage !== undefined && stage !== entry.lifecycle) {
    changes.push({ kind: "lifecycle", ...base, from: entry.lifecycle, to: stage });
    next = { ...next, lifecycle: stage };
    sources.lifecycle = ARM_SOURCE_ID;
  }
  const retirements = unique(found.flatMap((f) => [...f.arm.inference].filter((d) => ISO_DAY.test(d))));
  const retirement = retirements[0];
  if (retirements.length > 1) notes.push({ kind: "conflict", ...base, field: "retirementDate", values: retirements });
  else if (retirement !== undefined && retirement !== entry.retirementDate) {
    changes.push({ kind: "retirementDate", ...base, from: entry.retirementDate, to: retirement });
    next = { ...next, retirementDate: retirement };
    sources.retirementDate = ARM_SOURCE_ID;
  }
  const regionChanges = changes.length;
  const skus = refreshRegions(entry, found, changes);
  if (changes.length > regionChanges && !sources.skus.includes(ARM_SOURCE_ID))
    sources.skus = [...sources.skus, ARM_SOURCE_ID];
  notes.push(...skuRetirements(next, found));
  return changes.length === before ? entry : { ...next, skus, sources };
}

/** Versions ARM lists in the fleet's regions that the catalog lacks, of catalog models or of models whose name says Codex. */
function newVersions(catalog: ModelCatalog, perRegion: PerRegion): RefreshNote[] {
  const names = new Set(catalog.models.map((e) => e.model));
  const known = new Set(catalog.models.map((e) => `${e.model}@${e.version}`));
  const found = new Map<string, { model: string; version: string; locations: Set<string>; skus: Set<string> }>();
  for (const region of perRegion) {
    for (const [key, arm] of region.merged) {
      if (known.has(key) || !(names.has(arm.name) || isCodexModel(arm.name))) continue;
      const item = found.get(key) ?? {
        model: arm.name,
        version: arm.version,
        locations: new Set<string>(),
        skus: new Set<string>(),
      };
      item.locations.add(region.location);
      [...arm.skus.keys()].filter(isDeploymentSku).forEach((s) => item.skus.add(s));
      found.set(key, item);
    }
  }
  return [...found.values()]
    .sort((a, b) => a.model.localeCompare(b.model) || b.version.localeCompare(a.version))
    .map((v) => ({
      kind: "newVersion",
      model: v.model,
      version: v.version,
      locations: unique(v.locations),
      skus: unique(v.skus),
    }));
}

/** Drops the ARM source when no entry cites it any more. */
function citedSources(sources: ModelCatalog["sources"], models: readonly CatalogEntry[]): ModelCatalog["sources"] {
  const cited = new Set(
    models.flatMap((e) => [
      e.sources.lifecycle,
      e.sources.retirementDate,
      e.sources.replacement,
      e.sources.launchDate,
      e.sources.registration,
      e.sources.newCustomerCutoff,
      e.sources.codex,
      ...e.sources.skus,
    ]),
  );
  return Object.fromEntries(Object.entries(sources).filter(([id]) => id !== ARM_SOURCE_ID || cited.has(id)));
}

/**
 * Merges ARM's answers for the fleet's regions into the catalog: lifecycle and retirement date where every region
 * that lists the version agrees, and each deployment type's regions where ARM lists the version. Each changed fact
 * cites ARM_SOURCE_ID, revised on the refresh day, which also becomes `reviewed`; every other fact, source and note
 * stays. What ARM alone says (versions the catalog lacks, conflicts, SKU dates) is returned as notes, never written.
 * Pure.
 */
export function refreshCatalog(request: RefreshRequest): RefreshResult {
  const day = utcDay(request.nowMs);
  const perRegion = request.answers.map((a) => ({ location: a.location, merged: mergeArm(a.models) }));
  const changes: CatalogChange[] = [];
  const notes: RefreshNote[] = [];
  const models = request.catalog.models.map((entry) => refreshEntry(entry, perRegion, changes, notes));
  notes.push(...newVersions(request.catalog, perRegion));
  const sources = citedSources(
    {
      ...request.catalog.sources,
      ...(changes.length > 0 ? { [ARM_SOURCE_ID]: armSource(request.subscriptionId, day) } : {}),
    },
    models,
  );
  return { catalog: { ...request.catalog, reviewed: day, sources, models }, changes, notes, day };
}

function describeChange(c: CatalogChange): string {
  if (c.kind === "lifecycle") return `${c.model} ${c.version}: lifecycle ${c.from} -> ${c.to}`;
  if (c.kind === "retirementDate") return `${c.model} ${c.version}: retirementDate ${c.from ?? "none"} -> ${c.to}`;
  const parts = [
    c.added.length > 0 ? `+${c.added.join(", +")}` : "",
    c.removed.length > 0 ? `-${c.removed.join(", -")}` : "",
  ].filter(Boolean);
  return `${c.model} ${c.version}: ${c.sku} regions ${parts.join(" ")}`;
}

function describeNote(n: RefreshNote): string {
  switch (n.kind) {
    case "newVersion":
      return `${n.model} ${n.version}: ARM lists it in ${n.locations.join(", ")} (${n.skus.join(", ") || "no deployment type of this project"}), the catalog does not: add it from Microsoft's model tables and retirement schedule (docs/models.md), not from ARM alone`;
    case "notListed":
      return `${n.model} ${n.version}: not listed for this subscription in ${n.locations.join(", ")} (not offered, registration missing, or past the new-customer cutoff): the catalog keeps its regions; npm run models -- --access says which`;
    case "conflict":
      return `${n.model} ${n.version}: the regions disagree on ${n.field} (${n.values.join(" / ")}): the catalog keeps its value; check the retirement schedule`;
    case "skuRetirement":
      return `${n.model} ${n.version}: ARM retires ${n.sku} in ${n.location} on ${n.date}, the catalog's retirementDate is ${n.catalog ?? "none"}: check the retirement schedule`;
  }
}

/** The refresh as a person reads it: what changed (the diff) and what to review by hand. */
export function renderRefresh(result: RefreshResult, previousReviewed: string): string {
  const lines = [
    result.changes.length === 0
      ? `No catalog fact changed; reviewed ${previousReviewed} -> ${result.day}.`
      : `${result.changes.length} change(s) to lib/models/catalog.json (source ${ARM_SOURCE_ID}, ${result.day}; reviewed ${previousReviewed} -> ${result.day}):`,
    ...result.changes.map((c) => `  ~ ${describeChange(c)}`),
  ];
  if (result.notes.length > 0)
    lines.push(
      `${result.notes.length} note(s) for the reviewer (not written to the catalog):`,
      ...result.notes.map((n) => `  ! ${describeNote(n)}`),
    );
  return `${lines.join("\n")}\n`;
}

function formatJson(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object"))
      return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    const inner = `${indent}  `;
    return value.length === 0
      ? "[]"
      : `[\n${value.map((v) => `${inner}${formatJson(v, inner)}`).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const inner = `${indent}  `;
    return entries.length === 0
      ? "{}"
      : `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** catalog.json as the repository keeps it (two-space indent, lists of names on one line), so a refresh's diff shows only what changed. */
export function catalogText(catalog: ModelCatalog): string {
  return `${formatJson(catalog, "")}\n`;
}
