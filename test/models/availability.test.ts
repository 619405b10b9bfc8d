import { describe, expect, test } from "vitest";
import { availabilityOf, modelProblems } from "../../lib/models/availability";
import {
  catalogEntry,
  daysUntilRetirement,
  dayStartMs,
  describeSource,
  knownModels,
  knownVersions,
  MODEL_CATALOG,
  offeredRegions,
  readCatalog,
  regionCovered,
  retirementOf,
  skusOfferedIn,
} from "../../lib/models/modelCatalog";
import { catalog, DAY, entry, midnight } from "./syntheticCatalog";
import { expectProblemsAt } from "../support/problemText";

const NOW = midnight("2026-11-25");
const deploy = (model: string, version: string, sku: string) => ({ model, version, sku });

describe("availability of a model version in a region", () => {
  const c = catalog([entry()]);
  const e = c.models[0]!;

  test("offered where the SKU lists the region", () => {
    expect(availabilityOf(e, "GlobalStandard", "regionb", c)).toEqual({ kind: "offered" });
  });

  test("not offered in a covered region: names where the SKU is offered and what is offered here", () => {
    expect(availabilityOf(e, "DataZoneStandard", "regionb", c)).toEqual({
      kind: "not-offered",
      offeredIn: ["regiona"],
      skusHere: ["GlobalStandard"],
    });
    expect(availabilityOf(e, "GlobalBatch", "regionc", c)).toEqual({
      kind: "not-offered",
      offeredIn: [],
      skusHere: [],
    });
  });

  test("a region none of the sources list is unverified, with the region in the reason", () => {
    expect(availabilityOf(e, "GlobalStandard", "regionx", c)).toEqual({
      kind: "unverified",
      reason: "the catalog's sources (Foundry model matrix) do not list the region regionx",
    });
  });

  test("the shipped catalog is the default", () => {
    const codex = catalogEntry("gpt-5.3-codex", "2026-02-24")!;
    expect(availabilityOf(codex, "DataZoneStandard", "japaneast")).toMatchObject({ kind: "not-offered" });
  });
});

describe("model problems of a raw config", () => {
  test("an unknown model: path models[i].model, the known models, how to add one, and the value", () => {
    const c = catalog([
      entry({ model: "m-one" }),
      entry({ model: "m-two" }),
      entry({ model: "m-one", version: "2026-06-01" }),
    ]);
    expect(
      modelProblems(
        {
          location: "regiona",
          models: [deploy("m-one", "2026-01-01", "GlobalStandard"), deploy("gpt-9", "1", "GlobalStandard")],
        },
        NOW,
        c,
      ),
    ).toEqual([
      {
        path: "models[1].model",
        message:
          'is not in the model catalog (lib/models/catalog.json), so its versions, regions and retirement cannot be checked; known models: m-one, m-two. To use another model, add it with its sources as docs/models.md describes (got "gpt-9")',
      },
    ]);
  });

  test("an unknown version: path models[i].version, the known versions and the value", () => {
    const c = catalog([entry({ version: "2026-01-01" }), entry({ version: "2026-06-01" })]);
    expectProblemsAt(modelProblems({ models: [deploy("m-one", "2025-01-01", "GlobalStandard")] }, NOW, c), "path", [
      ["models[0].version", '(got "2025-01-01")', "known", "2026-01-01, 2026-06-01"],
    ]);
  });

  test("a retired version is no input error, from its retirement day, even where the matrix no longer lists it (the retirement gate judges it)", () => {
    const c = catalog([
      entry({ retirementDate: "2026-11-25", skus: {} }),
      entry({ model: "m-gone", lifecycle: "Retired", retirementDate: null, skus: {} }),
    ]);
    const raw = {
      location: "regiona",
      models: [deploy("m-one", "2026-01-01", "GlobalStandard"), deploy("m-gone", "2026-01-01", "GlobalStandard")],
    };
    expect(modelProblems(raw, NOW, c)).toEqual([]);
    // The day before, it is still live and must be offered there.
    expect(modelProblems(raw, NOW - DAY, c).map((p) => p.path)).toEqual(["models[0].sku"]);
  });

  test("not offered, with no live alternative in the region, says none is offered", () => {
    const c = catalog([entry({ skus: {} }), entry({ model: "short", retirementDate: "2026-11-25" })]);
    expect(
      modelProblems({ location: "regiona", models: [deploy("m-one", "2026-01-01", "GlobalStandard")] }, NOW, c)[0]
        ?.message,
    ).toContain("; no catalog model is offered as GlobalStandard in regiona (source:");
  });

  test("alternatives include a model retiring tomorrow (any life left) but not one retiring today", () => {
    const c = catalog([
      entry({ skus: {} }),
      entry({ model: "tomorrow", retirementDate: "2026-11-26" }),
      entry({ model: "today", retirementDate: "2026-11-25" }),
    ]);
    expect(
      modelProblems({ location: "regiona", models: [deploy("m-one", "2026-01-01", "GlobalStandard")] }, NOW, c)[0]
        ?.message,
    ).toContain("; catalog models offered as GlobalStandard in regiona: tomorrow 2026-01-01 (source:");
  });

  test("not offered as the SKU: path models[i].sku, where it is offered, what is offered here, alternatives, the newest matrix revision", () => {
    const c = catalog([
      entry({ skus: { GlobalStandard: ["regiona"], DataZoneStandard: ["regiona", "regionc"] } }),
      entry({ model: "m-two", skus: { GlobalStandard: ["regionb"] } }),
    ]);
    expect(
      modelProblems({ location: "regionb", models: [deploy("m-one", "2026-01-01", "DataZoneStandard")] }, NOW, c),
    ).toEqual([
      {
        path: "models[0].sku",
        message:
          'm-one 2026-01-01 is not offered as DataZoneStandard in regionb: as DataZoneStandard it is offered in regiona, regionc; in regionb it is offered as nothing; no catalog model is offered as DataZoneStandard in regionb (source: Foundry model matrix as recorded in lib/models/catalog.json, revised 2026-05-02) (got "DataZoneStandard")',
      },
    ]);
    expect(
      modelProblems({ location: "regionb", models: [deploy("m-two", "2026-01-01", "GlobalBatch")] }, NOW, c)[0]
        ?.message,
    ).toBe(
      'm-two 2026-01-01 is not offered as GlobalBatch in regionb: as GlobalBatch it is offered in no region; in regionb it is offered as GlobalStandard; no catalog model is offered as GlobalBatch in regionb (source: Foundry model matrix as recorded in lib/models/catalog.json, revised 2026-05-02) (got "GlobalBatch")',
    );
  });

  test("the matrix source names the latest valid revision date, or none when no date is a day", () => {
    const undated = catalog([entry({ sources: { ...entry().sources, skus: ["matrix-undated"] }, skus: {} })]);
    expect(
      modelProblems({ location: "regiona", models: [deploy("m-one", "2026-01-01", "GlobalStandard")] }, NOW, undated)[0]
        ?.message,
    ).toContain("(source: Foundry model matrix as recorded in lib/models/catalog.json) (got");
    const suffixed = catalog([
      entry({ sources: { ...entry().sources, skus: ["matrix-a", "draft", "rev"] }, skus: {} }),
    ]);
    suffixed.sources = {
      ...suffixed.sources,
      draft: { document: "D", url: "u", revised: "2026-05-09 (draft)" },
      rev: { document: "R", url: "u", revised: "rev 2026-05-10" },
    };
    expect(
      modelProblems(
        { location: "regiona", models: [deploy("m-one", "2026-01-01", "GlobalStandard")] },
        NOW,
        suffixed,
      )[0]?.message,
    ).toContain("(source: Foundry model matrix as recorded in lib/models/catalog.json, revised 2026-04-30) (got");
    const mixed = catalog([
      entry({ sources: { ...entry().sources, skus: ["matrix-b", "matrix-undated", "matrix-a", "missing"] }, skus: {} }),
    ]);
    expect(
      modelProblems({ location: "regiona", models: [deploy("m-one", "2026-01-01", "GlobalStandard")] }, NOW, mixed)[0]
        ?.message,
    ).toContain("(source: Foundry model matrix as recorded in lib/models/catalog.json, revised 2026-05-02) (got");
  });

  test("offered, unverified or without a location: no problem", () => {
    const c = catalog([entry()]);
    expect(
      modelProblems({ location: "regiona", models: [deploy("m-one", "2026-01-01", "GlobalStandard")] }, NOW, c),
    ).toEqual([]);
    expect(
      modelProblems({ location: "regionx", models: [deploy("m-one", "2026-01-01", "GlobalBatch")] }, NOW, c),
    ).toEqual([]);
    expect(modelProblems({ models: [deploy("m-one", "2026-01-01", "GlobalBatch")] }, NOW, c)).toEqual([]);
    expect(modelProblems({ location: 7, models: [deploy("m-one", "2026-01-01", "GlobalBatch")] }, NOW, c)).toEqual([]);
  });

  test("entries the schema must judge are skipped: non-objects, non-strings, empty strings, unknown SKUs", () => {
    const c = catalog([entry()]);
    const bad = [
      null,
      "x",
      3,
      deploy("", "1", "GlobalStandard"),
      deploy("gpt-9", "", "GlobalStandard"),
      { model: 1, version: "1", sku: "GlobalStandard" },
      { model: "gpt-9", version: 1, sku: "GlobalStandard" },
      { model: "gpt-9", version: "1", sku: 1 },
      deploy("gpt-9", "1", "Turbo"),
    ];
    expect(modelProblems({ location: "regiona", models: bad }, NOW, c)).toEqual([]);
    expect(modelProblems({ location: "regiona", models: "gpt-9" }, NOW, c)).toEqual([]);
    expect(modelProblems({ location: "regiona" }, NOW, c)).toEqual([]);
    // the index counts skipped entries
    expect(
      modelProblems({ location: "regiona", models: [null, deploy("gpt-9", "1", "GlobalStandard")] }, NOW, c).map(
        (p) => p.path,
      ),
    ).toEqual(["models[1].model"]);
  });

  test("the shipped catalog is the default", () => {
    expect(
      modelProblems({ location: "swedencentral", models: [deploy("gpt-9", "1", "GlobalStandard")] }, NOW).map(
        (p) => p.path,
      ),
    ).toEqual(["models[0].model"]);
  });
});

describe("catalog lookups", () => {
  const c = catalog([
    entry({ model: "a", version: "1" }),
    entry({ model: "b", version: "1" }),
    entry({ model: "a", version: "2", retirementDate: null }),
  ]);

  test("entry by model and version; versions and models in catalog order, without duplicates", () => {
    expect(catalogEntry("a", "2", c)?.retirementDate).toBeNull();
    expect(catalogEntry("a", "3", c)).toBeUndefined();
    expect(catalogEntry("c", "1", c)).toBeUndefined();
    expect(knownVersions("a", c)).toEqual(["1", "2"]);
    expect(knownVersions("c", c)).toEqual([]);
    expect(knownModels(c)).toEqual(["a", "b"]);
    expect(knownModels()).toEqual([
      "gpt-5.5",
      "gpt-5.4",
      "gpt-5.4-mini",
      "gpt-5.4-nano",
      "gpt-5.3-codex",
      "gpt-5.2-codex",
      "gpt-5.2",
      "gpt-5.1-codex-max",
      "gpt-5.1-codex",
      "gpt-5.1-codex-mini",
      "gpt-5-codex",
      "gpt-5",
      "gpt-5-mini",
      "gpt-5-nano",
    ]);
    expect(knownVersions("gpt-5")).toEqual(["2025-08-07"]);
  });

  test("retirement day as a Date at midnight UTC; none without a date or an entry", () => {
    expect(retirementOf("a", "1", c)?.toISOString()).toBe("2027-01-31T00:00:00.000Z");
    expect(retirementOf("a", "2", c)).toBeUndefined();
    expect(retirementOf("z", "1", c)).toBeUndefined();
  });

  test("whole days until retirement round up; none without a date", () => {
    const e = entry({ retirementDate: "2027-01-31" });
    expect(dayStartMs("2027-01-31")).toBe(Date.UTC(2027, 0, 31));
    expect(daysUntilRetirement(e, midnight("2027-01-31"))).toBe(0);
    expect(daysUntilRetirement(e, midnight("2027-01-31") - 1)).toBe(1);
    expect(daysUntilRetirement(e, midnight("2027-01-30"))).toBe(1);
    expect(daysUntilRetirement(e, midnight("2027-02-02"))).toBe(-2);
    expect(daysUntilRetirement(entry({ retirementDate: null }), 0)).toBeUndefined();
  });

  test("a region is covered when any matrix document lists it", () => {
    expect(regionCovered("regionb", c)).toBe(true);
    expect(regionCovered("regiond", c)).toBe(false);
    expect(regionCovered("swedencentral")).toBe(true);
    expect(regionCovered("westcentralus")).toBe(false);
  });

  test("offered regions per SKU (none when the SKU is missing) and SKUs offered in a region, in schema order", () => {
    const e = entry({ skus: { DataZoneStandard: ["regiona"], GlobalStandard: ["regiona", "regionb"] } });
    expect(offeredRegions(e, "GlobalStandard")).toEqual(["regiona", "regionb"]);
    expect(offeredRegions(e, "GlobalBatch")).toEqual([]);
    expect(skusOfferedIn(e, "regiona")).toEqual(["GlobalStandard", "DataZoneStandard"]);
    expect(skusOfferedIn(e, "regionc")).toEqual([]);
  });

  test("a source is described by its document and revision; an unknown id is shown as is", () => {
    expect(describeSource("schedule", c)).toBe("Retirement schedule, revised 2026-07-07");
    expect(describeSource("nope", c)).toBe("nope");
    expect(describeSource("retirement-schedule")).toBe("Azure OpenAI model retirement schedule, revised 2026-07-07");
  });
});

describe("reading a catalog document", () => {
  test("a valid document reads back equal", () => {
    const raw = structuredClone(MODEL_CATALOG);
    expect(readCatalog(raw)).toEqual(MODEL_CATALOG);
  });

  test.each([
    ["lifecycle", "schedule-x"],
    ["retirementDate", "schedule-x"],
    ["replacement", "schedule-x"],
    ["launchDate", "schedule-x"],
  ] as const)("an unknown %s source is named with the entry", (field, id) => {
    const raw = catalog([entry({ model: "m-one", version: "v1" })]);
    raw.models[0]!.sources[field] = id;
    expect(() => readCatalog(raw)).toThrow(new Error(`model catalog: m-one v1 cites unknown source(s) ${id}`));
  });

  test("every unknown SKU source is named, comma-separated", () => {
    const raw = catalog([entry({ model: "m-one", version: "v1" })]);
    raw.models[0]!.sources.skus = ["matrix-a", "x1", "x2"];
    expect(() => readCatalog(raw)).toThrow(new Error("model catalog: m-one v1 cites unknown source(s) x1, x2"));
  });

  test("malformed days, commits and region names are refused", () => {
    const bad = (mutate: (raw: ReturnType<typeof catalog>) => void) => {
      const raw = catalog([entry()]);
      mutate(raw);
      return () => readCatalog(raw);
    };
    expect(bad(() => undefined)).not.toThrow();
    expect(bad((r) => (r.reviewed = "x2026-07-07"))).toThrow(/must be YYYY-MM-DD/);
    expect(bad((r) => (r.reviewed = "2026-07-07x"))).toThrow(/must be YYYY-MM-DD/);
    expect(bad((r) => (r.models[0]!.retirementDate = "2027-1-31"))).toThrow(/must be YYYY-MM-DD/);
    expect(bad((r) => (r.sources.schedule!.commit = "a".repeat(40)))).not.toThrow();
    expect(bad((r) => (r.sources.schedule!.commit = `x${"a".repeat(40)}`))).toThrow();
    expect(bad((r) => (r.sources.schedule!.commit = `${"a".repeat(40)}x`))).toThrow();
    expect(bad((r) => (r.models[0]!.skus = { GlobalStandard: ["Region-A"] }))).toThrow();
    expect(bad((r) => (r.models[0]!.skus = { GlobalStandard: ["x regiona"] }))).toThrow();
    expect(bad((r) => (r.models[0]!.skus = { GlobalStandard: ["regiona x"] }))).toThrow();
    expect(bad((r) => (r.models[0]!.sources.skus = []))).toThrow();
    expect(bad((r) => (r.models = []))).toThrow();
    expect(bad((r) => (r.models[0]!.model = ""))).toThrow();
    expect(bad((r) => (r.models[0]!.replacement = ""))).toThrow();
    expect(bad((r) => (r.models[0]!.availabilityUnverified = ""))).toThrow();
    expect(bad((r) => (r.sources.schedule!.document = ""))).toThrow();
    expect(bad((r) => (r.sources.schedule!.revised = ""))).toThrow();
  });
});
