import { describe, expect, test } from "vitest";
import { DEPLOYMENT_SKUS } from "../../lib/config/schema";
import { availabilityOf, modelProblems } from "../../lib/models/availability";
import {
  catalogEntry,
  MODEL_CATALOG,
  type ModelCatalog,
  readCatalog,
  regionCovered,
  retirementOf,
} from "../../lib/models/modelCatalog";
import {
  cutoffAfterLaunch,
  liveModelsFor,
  newCustomerCutoff,
  pastNewCustomerWindow,
  retirementStage,
} from "../../lib/models/lifecycle";

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

function entryOf(model: string, version: string) {
  const entry = catalogEntry(model, version);
  if (entry === undefined) throw new Error(`${model} ${version} missing from the catalog`);
  return entry;
}

describe("the model catalog", () => {
  test("every source an entry cites is listed: a document read at a commit has its URL at that commit, any other says how it was derived", () => {
    for (const entry of MODEL_CATALOG.models) {
      const { skus, ...fields } = entry.sources;
      for (const id of [...Object.values(fields), ...skus]) {
        const source = MODEL_CATALOG.sources[id];
        expect(source, `${entry.model}: ${id}`).toBeDefined();
        if (source?.commit === undefined) expect(source?.document, id).toMatch(/^derived: /);
        else
          expect(source.url, id).toMatch(
            new RegExp(`^https://github\\.com/MicrosoftDocs/azure-ai-docs/blob/${source.commit}/`),
          );
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
      ["gpt-5.2", "2025-12-11", "2026-12-12"],
      ["gpt-5.2-codex", "2026-01-14", "2027-01-14"],
      ["gpt-5", "2025-08-07", "2027-02-06"],
      ["gpt-5-mini", "2025-08-07", "2027-02-06"],
      ["gpt-5-nano", "2025-08-07", "2027-02-06"],
      ["gpt-5.3-codex", "2026-02-24", "2027-02-25"],
      ["gpt-5.4", "2026-03-05", "2027-03-05"],
      ["gpt-5-codex", "2025-09-15", "2027-03-17"],
      ["gpt-5.4-mini", "2026-03-17", "2027-03-18"],
      ["gpt-5.4-nano", "2026-03-17", "2027-03-18"],
      ["gpt-5.5", "2026-04-24", "2027-04-23"],
      ["gpt-5.1-codex", "2025-11-13", "2027-05-15"],
      ["gpt-5.1-codex-mini", "2025-11-13", "2027-05-15"],
    ];
    for (const [model, version, day] of expected)
      expect(retirementOf(model, version)?.toISOString(), model).toBe(`${day}T00:00:00.000Z`);
    expect(MODEL_CATALOG.models).toHaveLength(expected.length);
    expect(retirementOf("gpt-5-codex", "2025-09-11")).toBeUndefined();
    expect(MODEL_CATALOG.models.filter((e) => e.replacement !== null)).toEqual([]);
  });

  test("gpt-5.1-codex-max is recorded Retired: its scheduled day passed before the review, which says so", () => {
    const max = entryOf("gpt-5.1-codex-max", "2025-12-04");
    expect(max.lifecycle).toBe("Retired");
    expect(MODEL_CATALOG.sources[max.sources.lifecycle]?.document).toMatch(/^derived: .*passed/);
    expect(MODEL_CATALOG.models.filter((e) => e.lifecycle !== "GA").map((e) => e.model)).toEqual(["gpt-5.1-codex-max"]);
  });

  test("registration as the reasoning-models page gives it (gpt-5.5: the models page names no application)", () => {
    const required = MODEL_CATALOG.models.filter((e) => e.registration === "required").map((e) => e.model);
    expect(required).toEqual(["gpt-5.4", "gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.2"]);
    expect(entryOf("gpt-5.5", "2026-04-24").sources.registration).toBe("models-page");
    for (const entry of MODEL_CATALOG.models.filter((e) => e.model !== "gpt-5.5"))
      expect(entry.sources.registration, entry.model).toBe("reasoning-access");
  });

  test("the new-customer cutoff is launch + 12 months for every GA version, from the derivation source", () => {
    for (const entry of MODEL_CATALOG.models) {
      expect(entry.newCustomerCutoff, entry.model).toBe(cutoffAfterLaunch(entry.launchDate));
      expect(entry.sources.newCustomerCutoff).toBe("new-customer-cutoff");
    }
    expect(entryOf("gpt-5.5", "2026-04-24").newCustomerCutoff).toBe("2027-04-24");
    expect(MODEL_CATALOG.sources["new-customer-cutoff"]?.document).toContain("lifecycle-policy");
  });

  test("every entry is usable by the Codex CLI: the Codex page names the older ones, the models page lists the newer with the Responses API", () => {
    expect(MODEL_CATALOG.models.every((e) => e.codex)).toBe(true);
    const fromModelsPage = MODEL_CATALOG.models.filter((e) => e.sources.codex === "models-page").map((e) => e.model);
    expect(fromModelsPage).toEqual(["gpt-5.5", "gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "gpt-5.2"]);
    for (const model of fromModelsPage) expect(MODEL_CATALOG.sources["models-page"]?.document).toContain(model);
  });

  test("the newest models' data-zone offers per region, as the matrices list them", () => {
    const dz = (model: string, version: string) => entryOf(model, version).skus.DataZoneStandard;
    expect(dz("gpt-5.5", "2026-04-24")).toEqual(["eastus2", "polandcentral", "southcentralus", "swedencentral"]);
    expect(dz("gpt-5.4", "2026-03-05")).toEqual(
      expect.arrayContaining(["eastus2", "swedencentral", "francecentral", "westeurope", "westus3"]),
    );
    expect(dz("gpt-5.4", "2026-03-05")).toHaveLength(14);
    expect(dz("gpt-5.4-mini", "2026-03-17")).toEqual([
      "centralus",
      "eastus",
      "eastus2",
      "northcentralus",
      "southcentralus",
      "westus",
      "westus3",
    ]);
    expect(dz("gpt-5.4-nano", "2026-03-17")).toEqual(dz("gpt-5.4-mini", "2026-03-17"));
    expect(entryOf("gpt-5.5", "2026-04-24").skus.GlobalStandard).toEqual([
      "eastus2",
      "polandcentral",
      "southcentralus",
      "swedencentral",
    ]);
  });

  test("gpt-5.3-codex is DataZoneStandard in US regions only; GlobalStandard also in Europe", () => {
    const codex = entryOf("gpt-5.3-codex", "2026-02-24");
    expect(availabilityOf(codex, "DataZoneStandard", "eastus2").kind).toBe("offered");
    expect(availabilityOf(codex, "DataZoneStandard", "swedencentral")).toMatchObject({
      kind: "not-offered",
      skusHere: ["GlobalStandard", "GlobalProvisionedManaged"],
    });
    expect(availabilityOf(codex, "GlobalStandard", "swedencentral").kind).toBe("offered");
  });

  test("a region the sources do not list, or an entry without region lists, is unverified rather than refused", () => {
    const codex = entryOf("gpt-5.3-codex", "2026-02-24");
    expect(availabilityOf(codex, "DataZoneStandard", "westcentralus")).toMatchObject({ kind: "unverified" });
    const unverified: ModelCatalog = {
      ...MODEL_CATALOG,
      models: [{ ...codex, skus: {}, availabilityUnverified: "no region list published yet" }],
    };
    expect(availabilityOf(unverified.models[0]!, "DataZoneStandard", "swedencentral", unverified)).toEqual({
      kind: "unverified",
      reason: "no region list published yet",
    });
    expect(
      modelProblems(
        {
          location: "swedencentral",
          models: [{ model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard" }],
        },
        at("2026-11-25"),
        unverified,
      ),
    ).toEqual([]);
  });

  test("a catalog citing a source it does not list is refused", () => {
    const raw = structuredClone(MODEL_CATALOG);
    raw.models[0]!.sources.retirementDate = "hearsay";
    expect(() => readCatalog(raw)).toThrow(/cites unknown source\(s\) hearsay/);
  });
});

describe("lifecycle arithmetic", () => {
  test("retirement stages: retired from the retirement day, imminent within 30 days, soon within 120; a Retired entry on any day", () => {
    const gpt52 = entryOf("gpt-5.2", "2025-12-11");
    expect(retirementStage(gpt52, at("2026-12-07"))).toBe("imminent");
    expect(retirementStage(gpt52, Date.parse("2026-12-11T23:59:59Z"))).toBe("imminent");
    expect(retirementStage(gpt52, Date.parse("2026-12-12T00:00:00Z"))).toBe("retired");
    expect(retirementStage(gpt52, at("2026-10-01"))).toBe("soon");
    expect(retirementStage(gpt52, at("2026-08-01"))).toBe("live");
    expect(retirementStage(entryOf("gpt-5.1-codex-max", "2025-12-04"), at("2026-11-25"))).toBe("retired");
  });

  test("from the recorded cutoff a version is no longer offered to subscriptions that never deployed it", () => {
    const gpt5 = entryOf("gpt-5", "2025-08-07");
    expect(newCustomerCutoff(gpt5)).toBe("2026-08-07");
    expect(pastNewCustomerWindow(gpt5, at("2026-08-06"))).toBe(false);
    expect(pastNewCustomerWindow(gpt5, at("2026-08-07"))).toBe(true);
    expect(pastNewCustomerWindow(entryOf("gpt-5.5", "2026-04-24"), at("2026-12-07"))).toBe(false);
    expect(pastNewCustomerWindow(entryOf("gpt-5.1-codex", "2025-11-13"), at("2026-12-07"))).toBe(true);
  });

  test("live models for a region keep the catalog order and drop those retiring within the minimum life", () => {
    expect(liveModelsFor("swedencentral", "GlobalStandard", at("2026-12-07"), 60).map((e) => e.model)).toEqual([
      "gpt-5.5",
      "gpt-5.4",
      "gpt-5.4-mini",
      "gpt-5.4-nano",
      "gpt-5.3-codex",
      "gpt-5.1-codex",
      "gpt-5.1-codex-mini",
      "gpt-5-codex",
      "gpt-5",
      "gpt-5-mini",
      "gpt-5-nano",
    ]);
    expect(liveModelsFor("swedencentral", "GlobalStandard", at("2026-12-07"), 0).map((e) => e.model)).toContain(
      "gpt-5.2",
    );
    expect(liveModelsFor("swedencentral", "GlobalStandard", at("2026-12-07"), 0).map((e) => e.model)).not.toContain(
      "gpt-5.1-codex-max",
    );
    expect(liveModelsFor("swedencentral", "DataZoneStandard", at("2026-12-07"), 60).map((e) => e.model)).toEqual([
      "gpt-5.5",
      "gpt-5.4",
      "gpt-5",
      "gpt-5-mini",
      "gpt-5-nano",
    ]);
    expect(liveModelsFor("japaneast", "DataZoneStandard", at("2026-12-07"), 0)).toEqual([]);
  });
});
