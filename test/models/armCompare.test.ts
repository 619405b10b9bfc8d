import { describe, expect, test } from "vitest";
import { type ArmModel, compareWithArm, renderDifferences } from "../../lib/models/armCompare";
import { MODEL_CATALOG, skusOfferedIn } from "../../lib/models/modelCatalog";
import { catalog, entry } from "./syntheticCatalog";

function arm(
  name: string,
  version: string,
  skus: Array<string | { name?: string; deprecationDate?: string | Date }>,
  extra: Partial<NonNullable<ArmModel["model"]>> = {},
): ArmModel {
  return {
    kind: "OpenAI",
    skuName: "S0",
    model: {
      format: "OpenAI",
      name,
      version,
      lifecycleStatus: "GenerallyAvailable",
      deprecation: { inference: "2027-01-31T00:00:00Z" },
      skus: skus.map((s) => (typeof s === "string" ? { name: s, deprecationDate: "2027-01-31T00:00:00Z" } : s)),
      ...extra,
    },
  };
}

// m-one 2026-01-01: GA, retires 2027-01-31, GlobalStandard in regiona and regionb, DataZoneStandard in regiona.
const c = catalog([entry()]);
const agreeing = () => [arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"])];

describe("comparing the catalog with ARM's Models - List", () => {
  test("an answer that agrees gives no difference; non-OpenAI formats, nameless items and foreign models are ignored", () => {
    expect(compareWithArm(agreeing(), "regiona", c)).toEqual([]);
    const noise: ArmModel[] = [
      arm("m-one", "2099-01-01", ["GlobalStandard"], { format: "Microsoft" }),
      { kind: "OpenAI" },
      { model: { version: "1" } },
      { model: { name: "m-one" } },
      arm("embedding", "1", ["Standard"]),
    ];
    expect(compareWithArm([...agreeing(), ...noise], "regiona", c)).toEqual([]);
  });

  test("an item without a format is read as OpenAI", () => {
    expect(
      compareWithArm(
        [arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], { format: undefined })],
        "regiona",
        c,
      ),
    ).toEqual([]);
  });

  test("a catalog version ARM does not list: what the catalog says it offers here", () => {
    expect(compareWithArm([], "regiona", c)).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "offered",
        catalog: "offered as GlobalStandard, DataZoneStandard",
        arm: "not listed for this subscription and location",
      },
    ]);
    expect(compareWithArm([], "regionc", c)).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "offered",
        catalog: "not offered here",
        arm: "not listed for this subscription and location",
      },
    ]);
  });

  test("lifecycle status: every matching ARM status passes, one other is reported; no status is not compared", () => {
    const status = (lifecycle: "GA" | "Preview" | "Deprecated" | "Retired", statuses: string[]) =>
      compareWithArm(
        statuses.map((s) => arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], { lifecycleStatus: s })),
        "regiona",
        catalog([entry({ lifecycle })]),
      );
    expect(status("GA", ["GenerallyAvailable", "Stable"])).toEqual([]);
    expect(status("Preview", ["Preview"])).toEqual([]);
    expect(status("Deprecated", ["Deprecating", "Legacy"])).toEqual([]);
    expect(status("Retired", ["Deprecated"])).toEqual([]);
    expect(status("GA", ["GenerallyAvailable", "Preview"])).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "lifecycleStatus",
        catalog: "GA",
        arm: "GenerallyAvailable, Preview",
      },
    ]);
    expect(status("Preview", ["GenerallyAvailable"])).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "lifecycleStatus",
        catalog: "Preview",
        arm: "GenerallyAvailable",
      },
    ]);
    expect(
      compareWithArm(
        [arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], { lifecycleStatus: undefined })],
        "regiona",
        c,
      ),
    ).toEqual([]);
  });

  test("retirement date: another inference deprecation day is reported; none in the catalog shows as none", () => {
    expect(
      compareWithArm(
        [
          arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], {
            deprecation: { inference: "2027-02-01T00:00:00Z" },
          }),
        ],
        "regiona",
        c,
      ),
    ).toEqual([
      { model: "m-one", version: "2026-01-01", field: "retirementDate", catalog: "2027-01-31", arm: "2027-02-01" },
    ]);
    const undated = catalog([entry({ retirementDate: null })]);
    expect(
      compareWithArm(
        [arm("m-one", "2026-01-01", [{ name: "GlobalStandard" }, { name: "DataZoneStandard" }])],
        "regiona",
        undated,
      ),
    ).toEqual([{ model: "m-one", version: "2026-01-01", field: "retirementDate", catalog: "none", arm: "2027-01-31" }]);
    expect(
      compareWithArm(
        [arm("m-one", "2026-01-01", [{ name: "GlobalStandard" }, { name: "DataZoneStandard" }], { deprecation: {} })],
        "regiona",
        undated,
      ),
    ).toEqual([]);
    expect(
      compareWithArm(
        [arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], { deprecation: undefined })],
        "regiona",
        c,
      ),
    ).toEqual([]);
  });

  test("dates: a Date object and an ISO string of the same day agree; an unparseable date is shown as given", () => {
    expect(
      compareWithArm(
        [
          arm("m-one", "2026-01-01", [
            { name: "GlobalStandard", deprecationDate: new Date("2027-01-31T00:00:00Z") },
            "DataZoneStandard",
          ]),
        ],
        "regiona",
        c,
      ),
    ).toEqual([]);
    expect(
      compareWithArm(
        [arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"], { deprecation: { inference: "soon" } })],
        "regiona",
        c,
      ),
    ).toEqual([{ model: "m-one", version: "2026-01-01", field: "retirementDate", catalog: "2027-01-31", arm: "soon" }]);
  });

  test("merged per model version: statuses, dates and SKUs of several items are combined", () => {
    const items = [
      arm("m-one", "2026-01-01", ["GlobalStandard"]),
      arm("m-one", "2026-01-01", ["DataZoneStandard"], {
        lifecycleStatus: "Deprecating",
        deprecation: { inference: "2027-03-01T00:00:00Z" },
      }),
    ];
    expect(compareWithArm(items, "regiona", c)).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "lifecycleStatus",
        catalog: "GA",
        arm: "GenerallyAvailable, Deprecating",
      },
      {
        model: "m-one",
        version: "2026-01-01",
        field: "retirementDate",
        catalog: "2027-01-31",
        arm: "2027-01-31, 2027-03-01",
      },
    ]);
  });

  test("SKUs: one only ARM lists and one only the catalog lists, sorted; non-deployment SKUs and nameless SKUs ignored", () => {
    const items = [
      arm("m-one", "2026-01-01", [
        "GlobalStandard",
        "GlobalBatch",
        "DataZoneBatch",
        "Standard-Legacy",
        { deprecationDate: "2020-01-01" },
      ]),
    ];
    expect(compareWithArm(items, "regiona", c)).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "sku",
        catalog: "not offered as DataZoneBatch in regiona",
        arm: "offers DataZoneBatch",
      },
      {
        model: "m-one",
        version: "2026-01-01",
        field: "sku",
        catalog: "not offered as GlobalBatch in regiona",
        arm: "offers GlobalBatch",
      },
      {
        model: "m-one",
        version: "2026-01-01",
        field: "sku",
        catalog: "offered as DataZoneStandard in regiona",
        arm: "does not list DataZoneStandard",
      },
    ]);
  });

  test("SKUs only ARM lists are reported in name order, whatever order ARM lists them in", () => {
    const items = [arm("m-one", "2026-01-01", ["GlobalStandard", "DataZoneBatch", "GlobalBatch", "DataZoneStandard"])];
    expect(compareWithArm(items, "regiona", c).map((d) => d.arm)).toEqual([
      "offers DataZoneBatch",
      "offers GlobalBatch",
    ]);
  });

  test("SKU deprecation dates other than the retirement day are reported per SKU", () => {
    const items = [
      arm("m-one", "2026-01-01", [
        { name: "GlobalStandard", deprecationDate: "2027-02-01" },
        { name: "DataZoneStandard", deprecationDate: "2027-01-31" },
      ]),
    ];
    expect(compareWithArm(items, "regiona", c)).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "skuDeprecationDate",
        catalog: "GlobalStandard: 2027-01-31",
        arm: "GlobalStandard: 2027-02-01",
      },
    ]);
    const undated = catalog([entry({ retirementDate: null })]);
    expect(
      compareWithArm(
        [
          arm(
            "m-one",
            "2026-01-01",
            [{ name: "GlobalStandard", deprecationDate: "2027-02-01" }, { name: "DataZoneStandard" }],
            { deprecation: {} },
          ),
        ],
        "regiona",
        undated,
      ),
    ).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "skuDeprecationDate",
        catalog: "GlobalStandard: none",
        arm: "GlobalStandard: 2027-02-01",
      },
    ]);
  });

  test("a version of a catalog model ARM offers that the catalog lacks, with its SKUs sorted or none", () => {
    const items = [
      ...agreeing(),
      arm("m-one", "2026-06-01", ["GlobalStandard", "DataZoneStandard"]),
      arm("m-one", "2026-07-01", []),
      { model: { format: "OpenAI", name: "m-one", version: "2026-09-01" } },
    ];
    expect(compareWithArm(items, "regiona", c)).toEqual([
      {
        model: "m-one",
        version: "2026-06-01",
        field: "version",
        catalog: "not in the catalog",
        arm: "offered (DataZoneStandard, GlobalStandard)",
      },
      {
        model: "m-one",
        version: "2026-07-01",
        field: "version",
        catalog: "not in the catalog",
        arm: "offered (no SKU listed)",
      },
      {
        model: "m-one",
        version: "2026-09-01",
        field: "version",
        catalog: "not in the catalog",
        arm: "offered (no SKU listed)",
      },
    ]);
  });

  test("a nameless SKU of an unknown version is not listed among its SKUs", () => {
    expect(
      compareWithArm(
        [...agreeing(), arm("m-one", "2026-08-01", [{ deprecationDate: "2027-01-31" }, "GlobalStandard"])],
        "regiona",
        c,
      ),
    ).toEqual([
      {
        model: "m-one",
        version: "2026-08-01",
        field: "version",
        catalog: "not in the catalog",
        arm: "offered (GlobalStandard)",
      },
    ]);
  });

  test("a version is known only under its own model: another catalog model's version does not count", () => {
    const two = catalog([entry(), entry({ model: "m-two", version: "2026-06-01" })]);
    const items = [
      ...agreeing(),
      arm("m-two", "2026-06-01", ["GlobalStandard", "DataZoneStandard"]),
      arm("m-one", "2026-06-01", ["GlobalStandard"]),
    ];
    expect(compareWithArm(items, "regiona", two)).toEqual([
      {
        model: "m-one",
        version: "2026-06-01",
        field: "version",
        catalog: "not in the catalog",
        arm: "offered (GlobalStandard)",
      },
    ]);
  });

  test("a SKU with two deprecation days in merged items lists both", () => {
    const items = [
      arm("m-one", "2026-01-01", [{ name: "GlobalStandard", deprecationDate: "2027-02-01" }, "DataZoneStandard"]),
      arm("m-one", "2026-01-01", [{ name: "GlobalStandard", deprecationDate: "2027-03-01" }]),
    ];
    expect(compareWithArm(items, "regiona", c)).toEqual([
      {
        model: "m-one",
        version: "2026-01-01",
        field: "skuDeprecationDate",
        catalog: "GlobalStandard: 2027-01-31",
        arm: "GlobalStandard: 2027-02-01, 2027-03-01",
      },
    ]);
  });

  test("the shipped catalog is the default", () => {
    const answer = MODEL_CATALOG.models
      .map((e) =>
        arm(e.model, e.version, skusOfferedIn(e, "swedencentral"), {
          deprecation: { inference: `${e.retirementDate}T00:00:00Z` },
          lifecycleStatus: e.lifecycle === "Retired" ? "Deprecated" : "GenerallyAvailable",
        }),
      )
      .map((item) => ({ ...item, model: { ...item.model, skus: item.model!.skus!.map((s) => ({ name: s.name })) } }));
    expect(compareWithArm(answer, "swedencentral")).toEqual([]);
  });
});

describe("rendering the differences", () => {
  test("none: one line saying the catalog matches", () => {
    expect(renderDifferences([], "sub-1", "regiona")).toBe(
      "The model catalog matches what ARM reports for subscription sub-1 in regiona.\n",
    );
  });

  test("some: a count, one line each, and how to update the catalog", () => {
    const text = renderDifferences(
      [
        { model: "m-one", version: "1", field: "offered", catalog: "offered as GlobalStandard", arm: "not listed" },
        {
          model: "m-two",
          version: "2",
          field: "version",
          catalog: "not in the catalog",
          arm: "offered (GlobalStandard)",
        },
      ],
      "sub-1",
      "regiona",
    );
    expect(text).toBe(
      "2 difference(s) between lib/models/catalog.json and ARM for subscription sub-1 in regiona:\n" +
        "  - m-one 1 offered: catalog offered as GlobalStandard; ARM not listed\n" +
        "  - m-two 2 version: catalog not in the catalog; ARM offered (GlobalStandard)\n" +
        "ARM's answer is for this subscription (a version launched over 12 months ago is not listed for a subscription that never deployed it).\n" +
        "To update the catalog, check the published sources and follow docs/models.md.\n",
    );
  });
});
