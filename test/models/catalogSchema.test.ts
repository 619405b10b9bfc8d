import { describe, expect, test } from "vitest";
import { readCatalog } from "../../lib/models/modelCatalog";
import { entry } from "./syntheticCatalog";

// What a catalog document must look like: each field's rule at its edge, a valid value beside a refused one,
// junk before or after a patterned value refused (a lost ^ or $ anchor).

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function doc(
  entryOverrides: Record<string, unknown> = {},
  sourceOverrides: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    about: "edge cases",
    reviewed: "2026-07-07",
    sources: {
      schedule: {
        document: "Retirement schedule",
        url: "https://example.test/schedule",
        commit: COMMIT,
        revised: "2026-07-07",
        ...sourceOverrides,
      },
    },
    coveredRegions: { schedule: ["regiona"] },
    models: [
      {
        ...entry({
          sources: {
            lifecycle: "schedule",
            retirementDate: "schedule",
            replacement: "schedule",
            launchDate: "schedule",
            registration: "schedule",
            newCustomerCutoff: "schedule",
            codex: "schedule",
            skus: ["schedule"],
          },
          skus: { GlobalStandard: ["regiona"] },
        }),
        ...entryOverrides,
      },
    ],
    ...top,
  };
}

/** The Zod issues readCatalog refuses a document with, as `<path>: <message>`; [] when it is accepted. */
function problems(raw: unknown): string[] {
  try {
    readCatalog(raw);
    return [];
  } catch (error) {
    const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
    if (issues === undefined) throw error;
    return issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`);
  }
}

describe("model catalog documents: what readCatalog accepts and refuses", () => {
  test("the base document is accepted", () => {
    expect(problems(doc())).toEqual([]);
  });

  test.each([
    ["2026-01-01", true],
    ["x2026-01-01", false],
    ["2026-01-01x", false],
    ["2026-1-01", false],
    ["26-01-01", false],
  ])("a launch date %j: accepted %s, else refused as not YYYY-MM-DD", (launchDate, ok) => {
    expect(problems(doc({ launchDate }))).toEqual(ok ? [] : ["models.0.launchDate: must be YYYY-MM-DD"]);
  });

  test.each([
    ["2027-01-31", true],
    [null, true],
    ["2027-01-31 ", false],
    [" 2027-01-31", false],
  ])("a retirement date %j: accepted %s (null: none known)", (retirementDate, ok) => {
    expect(problems(doc({ retirementDate }))).toEqual(ok ? [] : ["models.0.retirementDate: must be YYYY-MM-DD"]);
  });

  test.each([
    ["2027-01-01", true],
    [null, true],
    ["2027-1-01", false],
    ["2027-01-01x", false],
  ])("a new-customer cutoff %j: accepted %s (null: no rule gives one)", (newCustomerCutoff, ok) => {
    expect(problems(doc({ newCustomerCutoff }))).toEqual(ok ? [] : ["models.0.newCustomerCutoff: must be YYYY-MM-DD"]);
  });

  test("a new-customer cutoff on or before the launch date is refused, naming the model, both dates and the field", () => {
    expect(() => readCatalog(doc({ launchDate: "2026-01-01", newCustomerCutoff: "2026-01-01" }))).toThrow(
      new Error(
        "model catalog: m-one 2026-01-01 newCustomerCutoff 2026-01-01 must come after its launchDate 2026-01-01",
      ),
    );
    expect(problems(doc({ launchDate: "2026-01-01", newCustomerCutoff: "2026-01-02" }))).toEqual([]);
  });

  test.each([
    ["required", true],
    ["none", true],
    ["Required", false],
    ["yes", false],
    [true, false],
    [null, false],
  ])("registration %j: accepted %s (required or none)", (registration, ok) => {
    expect(problems(doc({ registration }))).toHaveLength(ok ? 0 : 1);
  });

  test.each([
    [true, true],
    [false, true],
    ["true", false],
    [null, false],
  ])("codex %j: accepted %s (a boolean)", (codex, ok) => {
    expect(problems(doc({ codex }))).toHaveLength(ok ? 0 : 1);
  });

  test.each(["registration", "newCustomerCutoff", "codex"])(
    "an entry without %s, or without its source, is refused",
    (field) => {
      const base = doc();
      const [model] = base.models as Array<Record<string, unknown> & { sources: Record<string, unknown> }>;
      const { [field]: _field, ...withoutField } = model!;
      const { [field]: _source, ...sourcesWithout } = model!.sources;
      expect(problems({ ...base, models: [withoutField] })).toHaveLength(1);
      expect(problems({ ...base, models: [{ ...model, sources: sourcesWithout }] })).toHaveLength(1);
    },
  );

  test("every source an entry cites must be listed: all unknown ones named together, each once", () => {
    const sources = {
      lifecycle: "schedule",
      retirementDate: "schedule",
      replacement: "schedule",
      launchDate: "schedule",
      registration: "hearsay",
      newCustomerCutoff: "guess",
      codex: "hearsay",
      skus: ["schedule"],
    };
    expect(() => readCatalog(doc({ sources }))).toThrow(
      new Error("model catalog: m-one 2026-01-01 cites unknown source(s) hearsay, guess"),
    );
  });

  test.each([
    ["2026-07-07", true],
    ["2026-07-07T00:00Z", false],
    ["on 2026-07-07", false],
  ])("the reviewed day %j: accepted %s", (reviewed, ok) => {
    expect(problems(doc({}, {}, { reviewed }))).toEqual(ok ? [] : ["reviewed: must be YYYY-MM-DD"]);
  });

  test.each(["GA", "Preview", "Deprecated", "Retired"])("lifecycle %s is accepted", (lifecycle) => {
    expect(problems(doc({ lifecycle }))).toEqual([]);
  });

  test("a lifecycle the schedule does not use is refused", () => {
    expect(problems(doc({ lifecycle: "Beta" }))).toHaveLength(1);
    expect(problems(doc({ lifecycle: "ga" }))).toHaveLength(1);
  });

  test.each([
    [COMMIT, true],
    [COMMIT.slice(1), false],
    [`${COMMIT}0`, false],
    [`x${COMMIT.slice(1)}`, false],
    [`${COMMIT.slice(1)}x`, false],
    [COMMIT.toUpperCase(), false],
  ])("a source's commit %j: accepted %s (40 lowercase hex)", (commit, ok) => {
    expect(problems(doc({}, { commit }))).toHaveLength(ok ? 0 : 1);
  });

  test("a source without a commit is accepted; without a document or revision, or with an empty one, refused", () => {
    expect(problems(doc({}, { commit: undefined }))).toEqual([]);
    expect(problems(doc({}, { document: "" }))).toHaveLength(1);
    expect(problems(doc({}, { revised: "" }))).toHaveLength(1);
    expect(problems(doc({}, { url: 1 }))).toHaveLength(1);
    expect(problems(doc({}, { extra: "x" }))).toHaveLength(1);
  });

  test.each([
    ["regiona", true],
    ["eastus2", true],
    ["East US", false],
    ["east-us", false],
    ["Eastus", false],
    [" eastus", false],
    ["eastus ", false],
    ["", false],
  ])("a region name %j in an entry's SKU list: accepted %s (lowercase letters and digits)", (region, ok) => {
    expect(problems(doc({ skus: { GlobalStandard: [region] } }))).toHaveLength(ok ? 0 : 1);
  });

  test("an entry's SKU must be a deployment SKU; an entry with no SKU lists is accepted", () => {
    expect(problems(doc({ skus: { Premium: ["regiona"] } }))).toHaveLength(1);
    expect(problems(doc({ skus: { DataZoneStandard: ["regiona"], Standard: [] } }))).toEqual([]);
    expect(problems(doc({ skus: {} }))).toEqual([]);
  });

  test("empty names and lists are refused where a value is required", () => {
    expect(problems(doc({ model: "" }))).toHaveLength(1);
    expect(problems(doc({ version: "" }))).toHaveLength(1);
    expect(problems(doc({ replacement: "" }))).toHaveLength(1);
    expect(problems(doc({ replacement: "m-two" }))).toEqual([]);
    expect(problems(doc({ availabilityUnverified: "" }))).toHaveLength(1);
    expect(problems(doc({ availabilityUnverified: "no region list published yet" }))).toEqual([]);
    expect(
      problems(
        doc({
          sources: {
            lifecycle: "",
            retirementDate: "schedule",
            replacement: "schedule",
            launchDate: "schedule",
            registration: "schedule",
            newCustomerCutoff: "schedule",
            codex: "schedule",
            skus: ["schedule"],
          },
        }),
      ),
    ).toHaveLength(1);
    expect(
      problems(
        doc({
          sources: {
            lifecycle: "schedule",
            retirementDate: "schedule",
            replacement: "schedule",
            launchDate: "schedule",
            registration: "schedule",
            newCustomerCutoff: "schedule",
            codex: "schedule",
            skus: [],
          },
        }),
      ),
    ).toHaveLength(1);
    expect(problems(doc({}, {}, { models: [] }))).toHaveLength(1);
  });

  test("unknown keys are refused at every level (a typo is not silently dropped)", () => {
    expect(problems(doc({ retirmentDate: "2027-01-31" }))).toHaveLength(1);
    expect(problems(doc({}, {}, { note: "x" }))).toHaveLength(1);
    expect(
      problems(
        doc({
          sources: {
            lifecycle: "schedule",
            retirementDate: "schedule",
            replacement: "schedule",
            launchDate: "schedule",
            registration: "schedule",
            newCustomerCutoff: "schedule",
            codex: "schedule",
            skus: ["schedule"],
            extra: "schedule",
          },
        }),
      ),
    ).toHaveLength(1);
  });
});
