import { describe, expect, test } from "vitest";
import { DEPLOYMENT_SKUS } from "../../lib/config/schema";
import { availabilityOf, modelProblems } from "../../lib/models/availability";
import { catalogEntry, MODEL_CATALOG, type ModelCatalog, readCatalog, regionCovered, retirementOf } from "../../lib/models/modelCatalog";
import { liveModelsFor, newCustomerCutoff, pastNewCustomerWindow, retirementStage } from "../../lib/models/lifecycle";

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

function entryOf(model: string, version: string) {
  const entry = catalogEntry(model, version);
  if (entry === undefined) throw new Error(`${model} ${version} missing from the catalog`);
  return entry;
}

describe("the model catalog", () => {
  test("every entry cites sources the catalog lists, each with a document, a URL at a commit and a revision date", () => {
    for (const entry of MODEL_CATALOG.models) {
      for (const id of [entry.sources.retirementDate, entry.sources.lifecycle, ...entry.sources.skus]) {
        const source = MODEL_CATALOG.sources[id];
        expect(source, `${entry.model}: ${id}`).toBeDefined();
        expect(source?.url, id).toMatch(/^https:\/\/github\.com\/MicrosoftDocs\/azure-ai-docs\/blob\/[0-9a-f]{40}\//);
      }
    }
  });

  test("every region an entry lists is one its sources cover, and every SKU is one the config schema accepts", () => {
    for (const entry of MODEL_CATALOG.models) {
      for (const [sku, regions] of Object.entries(entry.skus)) {
        expect(DEPLOYMENT_SKUS, entry.model).toContain(sku);
        for (const region of regions) expect(regionCovered(region), `${entry.model} ${sku} ${region}`).toBe(true);
      }
    }
  });

  test("retirement dates of the schedule revised 2026-07-07, as the fleet reads them", () => {
    const expected: Array<[string, string, string]> = [
      ["gpt-5.1-codex-max", "2025-12-04", "2026-12-05"],
      ["gpt-5.2-codex", "2026-01-14", "2027-01-14"],
      ["gpt-5", "2025-08-07", "2027-02-06"],
      ["gpt-5-mini", "2025-08-07", "2027-02-06"],
      ["gpt-5-nano", "2025-08-07", "2027-02-06"],
      ["gpt-5.3-codex", "2026-02-24", "2027-02-25"],
      ["gpt-5-codex", "2025-09-15", "2027-03-17"],
      ["gpt-5.1-codex", "2025-11-13", "2027-05-15"],
      ["gpt-5.1-codex-mini", "2025-11-13", "2027-05-15"],
    ];
    for (const [model, version, day] of expected) expect(retirementOf(model, version)?.toISOString(), model).toBe(`${day}T00:00:00.000Z`);
    expect(retirementOf("gpt-5-codex", "2025-09-11")).toBeUndefined();
    expect(catalogEntry("gpt-5.1-codex-max", "2025-12-04")?.replacement).toBeNull();
  });

  test("gpt-5.3-codex is DataZoneStandard in US regions only; GlobalStandard also in Europe", () => {
    const codex = entryOf("gpt-5.3-codex", "2026-02-24");
    expect(availabilityOf(codex, "DataZoneStandard", "eastus2").kind).toBe("offered");
    expect(availabilityOf(codex, "DataZoneStandard", "swedencentral")).toMatchObject({ kind: "not-offered", skusHere: ["GlobalStandard", "GlobalProvisionedManaged"] });
    expect(availabilityOf(codex, "GlobalStandard", "swedencentral").kind).toBe("offered");
  });

  test("a region the sources do not list, or an entry without region lists, is unverified rather than refused", () => {
    const codex = entryOf("gpt-5.3-codex", "2026-02-24");
    expect(availabilityOf(codex, "DataZoneStandard", "westcentralus")).toMatchObject({ kind: "unverified" });
    const unverified: ModelCatalog = { ...MODEL_CATALOG, models: [{ ...codex, skus: {}, availabilityUnverified: "no region list published yet" }] };
    expect(availabilityOf(unverified.models[0]!, "DataZoneStandard", "swedencentral", unverified)).toEqual({ kind: "unverified", reason: "no region list published yet" });
    expect(modelProblems({ location: "swedencentral", models: [{ model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard" }] }, at("2026-11-25"), unverified)).toEqual([]);
  });

  test("a catalog citing a source it does not list is refused", () => {
    const raw = structuredClone(MODEL_CATALOG);
    raw.models[0]!.sources.retirementDate = "hearsay";
    expect(() => readCatalog(raw)).toThrow(/cites unknown source\(s\) hearsay/);
  });
});

describe("lifecycle arithmetic", () => {
  test("retirement stages: retired from the retirement day, imminent within 30 days, soon within 120", () => {
    const max = entryOf("gpt-5.1-codex-max", "2025-12-04");
    expect(retirementStage(max, at("2026-11-25"))).toBe("imminent");
    expect(retirementStage(max, Date.parse("2026-12-04T23:59:59Z"))).toBe("imminent");
    expect(retirementStage(max, Date.parse("2026-12-05T00:00:00Z"))).toBe("retired");
    expect(retirementStage(max, at("2026-09-01"))).toBe("soon");
    expect(retirementStage(max, at("2026-08-01"))).toBe("live");
  });

  test("12 months after launch a version is no longer offered to subscriptions that never deployed it", () => {
    const gpt5 = entryOf("gpt-5", "2025-08-07");
    expect(newCustomerCutoff(gpt5)).toBe("2026-08-07");
    expect(pastNewCustomerWindow(gpt5, at("2026-08-06"))).toBe(false);
    expect(pastNewCustomerWindow(gpt5, at("2026-08-07"))).toBe(true);
    expect(pastNewCustomerWindow(entryOf("gpt-5.3-codex", "2026-02-24"), at("2026-11-25"))).toBe(false);
  });

  test("live models for a region keep the catalog order and drop those retiring within the minimum life", () => {
    expect(liveModelsFor("swedencentral", "GlobalStandard", at("2026-11-25"), 60).map((e) => e.model)).toEqual(["gpt-5.3-codex", "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5-codex", "gpt-5", "gpt-5-mini", "gpt-5-nano"]);
    expect(liveModelsFor("swedencentral", "GlobalStandard", at("2026-11-25"), 0).map((e) => e.model)).toContain("gpt-5.1-codex-max");
    expect(liveModelsFor("japaneast", "DataZoneStandard", at("2026-11-25"), 0)).toEqual([]);
  });
});
