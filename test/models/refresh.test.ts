import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCatalog } from "../../lib/models/modelCatalog";
import { ARM_SOURCE_ID, catalogText, refreshCatalog, renderRefresh } from "../../lib/models/refresh";
import { PROJECT_DIR } from "../support/stackFiles";
import { armItem } from "./armItems";
import { catalog, entry, midnight } from "./syntheticCatalog";

const SUB = "00000000-0000-4000-8000-00000000c0de";
const NOW = midnight("2026-12-07") + 5 * 3_600_000;

/** m-one as the synthetic entry has it: GlobalStandard in regiona and regionb, DataZoneStandard in regiona. */
const agreeing = (location: "regiona" | "regionb") =>
  armItem("m-one", "2026-01-01", location === "regiona" ? ["GlobalStandard", "DataZoneStandard"] : ["GlobalStandard"], {
    retires: "2027-01-31",
  });

function refresh(answers: Array<{ location: string; models: ReturnType<typeof armItem>[] }>, models = [entry()]) {
  return refreshCatalog({ catalog: catalog(models), answers, subscriptionId: SUB, nowMs: NOW });
}

describe("refreshCatalog: ARM's answer merged into the catalog", () => {
  test("when ARM agrees nothing but reviewed moves, to the UTC day of the injected clock, and no ARM source is added", () => {
    const result = refresh([
      { location: "regiona", models: [agreeing("regiona")] },
      { location: "regionb", models: [agreeing("regionb")] },
    ]);
    expect(result.changes).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.catalog).toEqual({ ...catalog([entry()]), reviewed: "2026-12-07" });
    const lateEvening = refreshCatalog({
      catalog: catalog([entry()]),
      answers: [],
      subscriptionId: SUB,
      nowMs: midnight("2026-12-08") - 1,
    });
    expect(lateEvening.catalog.reviewed).toBe("2026-12-07");
  });

  test("a new lifecycle and retirement date cite arm-models-api, dated by the clock; every other source, the replacement and the notes stay", () => {
    const original = entry({ replacement: "m-two", availabilityUnverified: "no matrix lists regionc" });
    const result = refresh(
      [
        {
          location: "regiona",
          models: [
            armItem("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], {
              status: "Deprecating",
              retires: "2026-12-31",
            }),
          ],
        },
      ],
      [original],
    );
    expect(result.changes).toEqual([
      { kind: "lifecycle", model: "m-one", version: "2026-01-01", from: "GA", to: "Deprecated" },
      { kind: "retirementDate", model: "m-one", version: "2026-01-01", from: "2027-01-31", to: "2026-12-31" },
    ]);
    const [refreshed] = result.catalog.models;
    expect(refreshed).toEqual({
      ...original,
      lifecycle: "Deprecated",
      retirementDate: "2026-12-31",
      sources: { ...original.sources, lifecycle: ARM_SOURCE_ID, retirementDate: ARM_SOURCE_ID },
    });
    const source = result.catalog.sources[ARM_SOURCE_ID];
    expect(source?.revised).toBe("2026-12-07");
    expect(source?.url).toContain(
      `/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/locations/{location}/models?api-version=2024-10-01`,
    );
    expect(Object.keys(result.catalog.sources)).toEqual([...Object.keys(catalog([]).sources), ARM_SOURCE_ID]);
    expect(() => readCatalog(result.catalog)).not.toThrow();
  });

  test("deployment types follow ARM in the regions it was asked about, and only there", () => {
    // regiona: DataZoneStandard gone, ProvisionedManaged new; regionc: new for GlobalStandard; regionb not asked.
    const result = refresh([
      {
        location: "regiona",
        models: [armItem("m-one", "2026-01-01", ["GlobalStandard", "ProvisionedManaged"], { retires: "2027-01-31" })],
      },
      { location: "regionc", models: [armItem("m-one", "2026-01-01", ["GlobalStandard"], { retires: "2027-01-31" })] },
    ]);
    const skus = result.catalog.models[0]?.skus;
    expect(skus?.GlobalStandard).toEqual(["regiona", "regionb", "regionc"]);
    expect(skus?.ProvisionedManaged).toEqual(["regiona"]);
    expect(skus?.DataZoneStandard).toBeUndefined();
    expect(result.catalog.models[0]?.sources.skus).toEqual(["matrix-a", "matrix-b", ARM_SOURCE_ID]);
    expect(
      result.changes
        .map((c) => (c.kind === "regions" ? `${c.sku}:+${c.added.join()}:-${c.removed.join()}` : c.kind))
        .sort(),
    ).toEqual(["DataZoneStandard:+:-regiona", "GlobalStandard:+regionc:-", "ProvisionedManaged:+regiona:-"]);
  });

  test("versions ARM lists that the catalog lacks are notes, never entries: of catalog models and of models named codex, not others", () => {
    const result = refresh([
      {
        location: "regiona",
        models: [
          agreeing("regiona"),
          armItem("m-one", "2026-09-01", ["GlobalStandard"]),
          armItem("gpt-9-codex", "2026-11-01", ["DataZoneStandard", "Batch-ish"]),
          armItem("text-embedding-9", "1", ["Standard"]),
        ],
      },
      { location: "regionb", models: [agreeing("regionb"), armItem("gpt-9-codex", "2026-11-01", ["GlobalStandard"])] },
    ]);
    expect(result.catalog.models).toEqual([entry()]);
    expect(result.changes).toEqual([]);
    expect(result.notes).toEqual([
      {
        kind: "newVersion",
        model: "gpt-9-codex",
        version: "2026-11-01",
        locations: ["regiona", "regionb"],
        skus: ["DataZoneStandard", "GlobalStandard"],
      },
      { kind: "newVersion", model: "m-one", version: "2026-09-01", locations: ["regiona"], skus: ["GlobalStandard"] },
    ]);
  });

  test("a version not listed in a region, regions that disagree and a SKU retiring on another day are notes; the catalog keeps its values", () => {
    const two = entry({ model: "m-two", version: "2026-02-01" });
    const result = refresh(
      [
        {
          location: "regiona",
          models: [
            armItem("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], {
              retires: "2027-01-31",
              status: "Preview",
            }),
          ],
        },
        {
          location: "regionb",
          models: [
            armItem("m-one", "2026-01-01", ["GlobalStandard"], {
              retires: "2027-02-28",
              skuRetires: { GlobalStandard: "2027-01-15" },
            }),
            armItem("m-two", "2026-02-01", ["GlobalStandard"], { retires: "2027-01-31" }),
          ],
        },
      ],
      [entry(), two],
    );
    expect(result.changes).toEqual([]);
    expect(result.catalog.models).toEqual([entry(), two]);
    expect(result.notes).toEqual([
      { kind: "conflict", model: "m-one", version: "2026-01-01", field: "lifecycle", values: ["GA", "Preview"] },
      {
        kind: "conflict",
        model: "m-one",
        version: "2026-01-01",
        field: "retirementDate",
        values: ["2027-01-31", "2027-02-28"],
      },
      {
        kind: "skuRetirement",
        model: "m-one",
        version: "2026-01-01",
        sku: "GlobalStandard",
        location: "regionb",
        date: "2027-01-15",
        catalog: "2027-01-31",
      },
      { kind: "notListed", model: "m-two", version: "2026-02-01", locations: ["regiona"] },
    ]);
  });

  test("an unknown lifecycle status is a conflict note, not a guess", () => {
    const result = refresh([
      {
        location: "regiona",
        models: [
          armItem("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], {
            retires: "2027-01-31",
            status: "Sunsetting",
          }),
        ],
      },
    ]);
    expect(result.changes).toEqual([]);
    expect(result.notes).toEqual([
      {
        kind: "conflict",
        model: "m-one",
        version: "2026-01-01",
        field: "lifecycle",
        values: ["unknown status Sunsetting"],
      },
    ]);
  });

  test("an ARM source no entry cites any more is dropped; one still cited is re-dated", () => {
    const withOld = {
      ...catalog([entry()]),
      sources: { ...catalog([]).sources, [ARM_SOURCE_ID]: { document: "old refresh", url: "", revised: "2026-10-01" } },
    };
    const dropped = refreshCatalog({
      catalog: withOld,
      answers: [{ location: "regiona", models: [agreeing("regiona")] }],
      subscriptionId: SUB,
      nowMs: NOW,
    });
    expect(dropped.catalog.sources[ARM_SOURCE_ID]).toBeUndefined();
    const cited = { ...withOld, models: [entry({ sources: { ...entry().sources, lifecycle: ARM_SOURCE_ID } })] };
    const redated = refreshCatalog({
      catalog: cited,
      answers: [
        {
          location: "regiona",
          models: [armItem("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], { retires: "2027-03-01" })],
        },
      ],
      subscriptionId: SUB,
      nowMs: NOW,
    });
    expect(redated.catalog.sources[ARM_SOURCE_ID]?.revised).toBe("2026-12-07");
  });

  test("the rendered diff names each change and each note with what to do", () => {
    const result = refresh([
      {
        location: "regiona",
        models: [
          armItem("m-one", "2026-01-01", ["GlobalStandard"], { retires: "2026-12-31" }),
          armItem("m-one", "2026-09-01", ["GlobalStandard"]),
        ],
      },
    ]);
    const text = renderRefresh(result, "2026-07-07");
    expect(text).toContain("reviewed 2026-07-07 -> 2026-12-07");
    expect(text).toContain("m-one 2026-01-01: retirementDate 2027-01-31 -> 2026-12-31");
    expect(text).toContain("m-one 2026-01-01: DataZoneStandard regions -regiona");
    expect(text).toMatch(
      /m-one 2026-09-01: ARM lists it in regiona .*the catalog does not: add it from Microsoft's model tables/,
    );
    expect(renderRefresh(refresh([{ location: "regiona", models: [agreeing("regiona")] }]), "2026-07-07")).toBe(
      "No catalog fact changed; reviewed 2026-07-07 -> 2026-12-07.\n",
    );
  });
});

describe("catalogText", () => {
  test("writes the shipped catalog byte for byte, so a refresh's diff is only what changed", () => {
    const text = readFileSync(join(PROJECT_DIR, "lib", "models", "catalog.json"), "utf8");
    expect(catalogText(readCatalog(JSON.parse(text)))).toBe(text);
  });
});
