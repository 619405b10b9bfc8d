import type { DeploymentSku } from "../config/schema";
import { dataZoneOf } from "../fleet/dataZones";
import { DAY_MS, utcDay } from "../days";
import { liveModelsFor, NEW_TEAM_MIN_LIFE_DAYS, regionsWithLiveModels } from "../models/lifecycle";
import { type CatalogEntry, daysUntilRetirement, MODEL_CATALOG, type ModelCatalog } from "../models/modelCatalog";

/**
 * What `new-team` may offer: codex-capable catalog models offered in the team's region as its boundary's SKU that live
 * at least NEW_TEAM_MIN_LIFE_DAYS from the day it runs (docs/models.md). Where there is none it refuses, so no team
 * starts on a stack its own models block within weeks.
 */

export interface OfferedModel {
  entry: CatalogEntry;
  /** Its retirement day (YYYY-MM-DD); null when none is scheduled. */
  liveUntil: string | null;
  /** Days from the run to the retirement (daysUntilRetirement); undefined when none is scheduled. */
  daysLeft: number | undefined;
}

export type ModelOffer =
  { ok: true; sku: DeploymentSku; models: OfferedModel[] } | { ok: false; sku: DeploymentSku; message: string };

/** Global processing for `global` teams; data-zone deployments keep prompts inside the EU or US zone. */
export function skuFor(boundary: string): "GlobalStandard" | "DataZoneStandard" {
  return boundary === "global" ? "GlobalStandard" : "DataZoneStandard";
}

function offered(
  location: string,
  sku: DeploymentSku,
  nowMs: number,
  minDays: number,
  catalog: ModelCatalog,
): OfferedModel[] {
  return liveModelsFor(location, sku, nowMs, minDays, catalog).map((entry) => ({
    entry,
    liveUntil: entry.retirementDate,
    daysLeft: daysUntilRetirement(entry, nowMs),
  }));
}

/** "until 2027-03-05, 88 days", or that no retirement is scheduled. */
export function lifeText(model: { liveUntil: string | null; daysLeft: number | undefined }): string {
  return model.liveUntil === null ? "no retirement scheduled" : `until ${model.liveUntil}, ${model.daysLeft ?? 0} days`;
}

/** Regions (sorted) where the offer rule finds at least one model for `sku`, limited to one data zone when given. */
function regionsWithOffer(
  sku: DeploymentSku,
  nowMs: number,
  catalog: ModelCatalog,
  zone: string | undefined,
): string[] {
  return regionsWithLiveModels(sku, nowMs, NEW_TEAM_MIN_LIFE_DAYS, catalog).filter(
    (r) => zone === undefined || dataZoneOf(r) === zone,
  );
}

function refusal(location: string, boundary: string, sku: DeploymentSku, nowMs: number, catalog: ModelCatalog): string {
  const zone = boundary === "global" ? undefined : boundary;
  const outside = zone !== undefined && dataZoneOf(location) === undefined;
  const where =
    zone === undefined
      ? `in ${location}`
      : `in ${location} (data zone ${zone}${outside ? `; ${location} is not a known region of it` : ""})`;
  // What is there but dies too soon: the reason a region that "has models" is still refused.
  const shortLived = offered(location, sku, nowMs, 0, catalog).filter(
    (m) => m.daysLeft !== undefined && m.daysLeft > 0,
  );
  const fixes: string[] = [];
  const sameZone = regionsWithOffer(sku, nowMs, catalog, zone);
  fixes.push(
    sameZone.length > 0
      ? `pick another region${zone === undefined ? "" : ` of the ${zone} data zone`} (--location): ${sameZone.join(", ")}`
      : `no region${zone === undefined ? "" : ` of the ${zone} data zone`} has one in the catalog`,
  );
  if (zone !== undefined) {
    const global = regionsWithOffer("GlobalStandard", nowMs, catalog, undefined);
    if (global.length > 0) {
      fixes.push(
        `only if the team's prompts may leave the ${zone} data zone (dataBoundary global is an opt-out the plan reports): --data-boundary global, GlobalStandard in ${global.includes(location) ? location : global.join(", ")}`,
      );
    }
  }
  fixes.push(
    "or refresh the catalog if Microsoft has added a model there (npm run models -- --refresh, docs/models.md)",
  );
  return (
    `no codex-capable model of the catalog (lib/models/catalog.json) is offered as ${sku} ${where} that lives ${NEW_TEAM_MIN_LIFE_DAYS} more days ` +
    `(to ${utcDay(nowMs + NEW_TEAM_MIN_LIFE_DAYS * DAY_MS)})` +
    (shortLived.length > 0
      ? `; there but retiring sooner: ${shortLived.map((m) => `${m.entry.model} ${m.entry.version} (${lifeText(m)})`).join(", ")}`
      : "") +
    `; a stack written now would be blocked within weeks. Fix: ${fixes.join("; ")} (got ${JSON.stringify(location)})`
  );
}

/** The models a new team in `location` with `boundary` (global, eu, us) starts with, newest Codex model first; or why none. */
export function newTeamModelOffer(
  location: string,
  boundary: string,
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): ModelOffer {
  const sku = skuFor(boundary);
  const zone = dataZoneOf(location);
  // Only for a boundary the parser accepts: it names any other value itself.
  if ((boundary === "eu" || boundary === "us") && zone !== undefined && zone !== boundary) {
    const there = regionsWithOffer(sku, nowMs, catalog, boundary);
    return {
      ok: false,
      sku,
      message:
        `${location} is in the ${zone} data zone, not ${boundary}: its ${sku} deployments would keep prompts in ${zone}. Fix: ` +
        `${there.length > 0 ? `pick a region of the ${boundary} data zone (--location): ${there.join(", ")}` : `no region of the ${boundary} data zone has a model in the catalog`}; ` +
        `or --data-boundary ${zone} if the team's prompts belong there (got ${JSON.stringify(location)})`,
    };
  }
  const models = offered(location, sku, nowMs, NEW_TEAM_MIN_LIFE_DAYS, catalog);
  return models.length > 0
    ? { ok: true, sku, models }
    : { ok: false, sku, message: refusal(location, boundary, sku, nowMs, catalog) };
}

/** What new-team prints about the models it wrote: one line each, with how long it lives. */
export function describeOffer(offer: { sku: DeploymentSku; models: readonly OfferedModel[] }, nowMs: number): string[] {
  return [
    `Models (${offer.sku}; each lives at least ${NEW_TEAM_MIN_LIFE_DAYS} days from ${utcDay(nowMs)}; docs/models.md):`,
    ...offer.models.map((m) => `  ${m.entry.model} ${m.entry.version}: ${lifeText(m)}`),
  ];
}
