import { DEPLOYMENT_SKUS } from "../config/schema";
import { type CatalogEntry, MODEL_CATALOG, type ModelCatalog, skusOfferedIn } from "./modelCatalog";

/**
 * One item of ARM's Models - List (`GET /subscriptions/{s}/providers/Microsoft.CognitiveServices/locations/{l}/models`,
 * api-version 2024-10-01: ModelListResult.value[] of Model { kind, skuName, model: AccountModel }), reduced to what
 * the comparison reads. Dates arrive as ISO strings on the wire; the Azure SDK turns ModelSku.deprecationDate into a Date.
 */
export interface ArmModel {
  kind?: string;
  skuName?: string;
  model?: {
    format?: string;
    name?: string;
    version?: string;
    lifecycleStatus?: string;
    deprecation?: { fineTune?: string; inference?: string };
    skus?: Array<{
      name?: string;
      usageName?: string;
      deprecationDate?: string | Date;
      capacity?: { default?: number; maximum?: number };
    }>;
    /** A free-form map of strings in the spec (no key is documented), e.g. `{ chatCompletion: "true" }`. */
    capabilities?: Record<string, string>;
    isDefaultVersion?: boolean;
  };
}

/** The api-version of Microsoft.CognitiveServices whose published spec defines Models - List with lifecycleStatus, deprecation and SKU deprecation dates. */
export const MODELS_LIST_API_VERSION = "2024-10-01";

export interface CatalogDifference {
  model: string;
  version: string;
  field: "offered" | "lifecycleStatus" | "retirementDate" | "sku" | "skuDeprecationDate" | "version";
  catalog: string;
  arm: string;
}

/** ARM's lifecycleStatus values that match each lifecycle stage of the retirement schedule. */
export const ARM_STATUS: Record<CatalogEntry["lifecycle"], readonly string[]> = {
  GA: ["GenerallyAvailable", "Stable"],
  Preview: ["Preview"],
  Deprecated: ["Deprecating", "Legacy"],
  Retired: ["Deprecated"],
};

/** The catalog stage an ARM lifecycleStatus stands for, if it is one this project knows. */
export function stageOfArmStatus(status: string): CatalogEntry["lifecycle"] | undefined {
  return (Object.keys(ARM_STATUS) as Array<CatalogEntry["lifecycle"]>).find((stage) =>
    ARM_STATUS[stage].includes(status),
  );
}

/** The UTC day of an ARM date-time (or the text itself when it is not a date). */
export function armDay(value: string | Date): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString().slice(0, 10);
}

export interface MergedArmModel {
  name: string;
  version: string;
  statuses: Set<string>;
  inference: Set<string>;
  skus: Map<string, Set<string>>;
}

/** ARM lists one item per model version and account kind: merge the OpenAI-format ones per `name@version`. */
export function mergeArm(models: readonly ArmModel[]): Map<string, MergedArmModel> {
  const merged = new Map<string, MergedArmModel>();
  for (const item of models) {
    const m = item.model;
    if (m?.name === undefined || m.version === undefined || (m.format !== undefined && m.format !== "OpenAI")) continue;
    const key = `${m.name}@${m.version}`;
    const entry = merged.get(key) ?? {
      name: m.name,
      version: m.version,
      statuses: new Set(),
      inference: new Set(),
      skus: new Map(),
    };
    if (m.lifecycleStatus !== undefined) entry.statuses.add(m.lifecycleStatus);
    if (m.deprecation?.inference !== undefined) entry.inference.add(armDay(m.deprecation.inference));
    m.skus?.forEach((sku) => {
      if (sku.name === undefined) return;
      const dates = entry.skus.get(sku.name) ?? new Set<string>();
      if (sku.deprecationDate !== undefined) dates.add(armDay(sku.deprecationDate));
      entry.skus.set(sku.name, dates);
    });
    merged.set(key, entry);
  }
  return merged;
}

/**
 * Where the catalog and ARM's answer for one subscription and location differ: a catalog version ARM does not offer
 * there, another lifecycle status or retirement (inference deprecation) date, a deployment type one lists and the
 * other does not, and versions of catalog models ARM offers that the catalog lacks. Pure: the caller fetches.
 */
export function compareWithArm(
  armModels: readonly ArmModel[],
  location: string,
  catalog: ModelCatalog = MODEL_CATALOG,
): CatalogDifference[] {
  const arm = mergeArm(armModels);
  const differences: CatalogDifference[] = [];
  for (const entry of catalog.models) {
    const base = { model: entry.model, version: entry.version };
    const found = arm.get(`${entry.model}@${entry.version}`);
    const catalogSkus = skusOfferedIn(entry, location);
    if (found === undefined) {
      differences.push({
        ...base,
        field: "offered",
        catalog: catalogSkus.length > 0 ? `offered as ${catalogSkus.join(", ")}` : "not offered here",
        arm: "not listed for this subscription and location",
      });
      continue;
    }
    const statuses = [...found.statuses];
    // No status at all is not compared (every() of nothing holds).
    if (!statuses.every((s) => ARM_STATUS[entry.lifecycle].includes(s))) {
      differences.push({ ...base, field: "lifecycleStatus", catalog: entry.lifecycle, arm: statuses.join(", ") });
    }
    const inference = [...found.inference];
    const retirement = entry.retirementDate ?? "";
    if (inference.some((d) => d !== retirement))
      differences.push({ ...base, field: "retirementDate", catalog: retirement || "none", arm: inference.join(", ") });
    const armSkuDates = [...found.skus]
      .filter(([s]) => (DEPLOYMENT_SKUS as readonly string[]).includes(s))
      .sort(([a], [b]) => a.localeCompare(b));
    const armSkus = armSkuDates.map(([s]) => s);
    for (const sku of armSkus.filter((s) => !(catalogSkus as readonly string[]).includes(s))) {
      differences.push({
        ...base,
        field: "sku",
        catalog: `not offered as ${sku} in ${location}`,
        arm: `offers ${sku}`,
      });
    }
    for (const sku of catalogSkus.filter((s) => !armSkus.includes(s))) {
      differences.push({
        ...base,
        field: "sku",
        catalog: `offered as ${sku} in ${location}`,
        arm: `does not list ${sku}`,
      });
    }
    for (const [sku, skuDates] of armSkuDates) {
      const dates = [...skuDates].filter((d) => d !== retirement);
      if (dates.length > 0)
        differences.push({
          ...base,
          field: "skuDeprecationDate",
          catalog: `${sku}: ${retirement || "none"}`,
          arm: `${sku}: ${dates.join(", ")}`,
        });
    }
  }
  const names = new Set(catalog.models.map((e) => e.model));
  for (const found of arm.values()) {
    if (names.has(found.name) && !catalog.models.some((e) => e.model === found.name && e.version === found.version)) {
      differences.push({
        model: found.name,
        version: found.version,
        field: "version",
        catalog: "not in the catalog",
        arm: `offered (${[...found.skus.keys()].sort().join(", ") || "no SKU listed"})`,
      });
    }
  }
  return differences;
}

export function renderDifferences(
  differences: readonly CatalogDifference[],
  subscriptionId: string,
  location: string,
): string {
  if (differences.length === 0)
    return `The model catalog matches what ARM reports for subscription ${subscriptionId} in ${location}.\n`;
  const lines = differences.map((d) => `  - ${d.model} ${d.version} ${d.field}: catalog ${d.catalog}; ARM ${d.arm}`);
  return (
    `${differences.length} difference(s) between lib/models/catalog.json and ARM for subscription ${subscriptionId} in ${location}:\n${lines.join("\n")}\n` +
    "ARM's answer is for this subscription (a version launched over 12 months ago is not listed for a subscription that never deployed it).\n" +
    "To update the catalog, check the published sources and follow docs/models.md.\n"
  );
}
