import { describe, expect, test } from "vitest";
import { accessProblems, type PlannedDeployment, registrationOf, renderAccessProblem } from "../../lib/models/access";
import type { CatalogEntry } from "../../lib/models/modelCatalog";
import { armItem } from "./armItems";
import { catalog, entry, midnight } from "./syntheticCatalog";

const FORM = "https://example.test/limited-access-form";
const withRegistration = (source: string): CatalogEntry => {
  const model = entry();
  return { ...model, registration: "required", sources: { ...model.sources, registration: source } };
};

function deployment(overrides: Partial<PlannedDeployment> = {}): PlannedDeployment {
  return { index: 0, name: "m-one", model: "m-one", version: "2026-01-01", sku: "GlobalStandard", ...overrides };
}

function check(
  deployments: PlannedDeployment[],
  arm: ReturnType<typeof armItem>[],
  models: CatalogEntry[] = [entry()],
  day = "2026-12-07",
) {
  return accessProblems({ deployments, location: "regiona", arm, catalog: catalog(models), nowMs: midnight(day) });
}

describe("accessProblems: each deployment against the subscription's model list", () => {
  test("a model, version and SKU ARM lists for the subscription there passes; each problem is per deployment", () => {
    const arm = [armItem("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"])];
    expect(check([deployment(), deployment({ index: 1, sku: "DataZoneStandard" })], arm)).toEqual([]);
    const problems = check([deployment(), deployment({ index: 1, sku: "ProvisionedManaged" })], arm);
    expect(problems.map((p) => [p.path, p.kind])).toEqual([["codex-boundary:models[1].sku", "sku-not-offered"]]);
    expect(problems[0]?.fix).toContain("DataZoneStandard, GlobalStandard");
  });

  test("registration required and not listed: the fix links the catalog's registration form", () => {
    {
      const model = withRegistration("form");
      const cat = {
        ...catalog([model]),
        sources: {
          ...catalog([]).sources,
          form: { document: "Limited access form", url: FORM, revised: "2026-10-01" },
        },
      };
      const [problem, ...rest] = accessProblems({
        deployments: [deployment()],
        location: "regiona",
        arm: [],
        catalog: cat,
        nowMs: midnight("2026-06-01"),
      });
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({
        kind: "registration-required",
        path: "codex-boundary:models[0].model",
        model: "m-one",
        location: "regiona",
      });
      expect(problem?.fix).toContain(FORM);
    }
    const noForm = check([deployment()], [], [withRegistration("unknown-source")], "2026-06-01");
    expect(noForm[0]?.kind).toBe("registration-required");
    expect(noForm[0]?.fix).toContain("the catalog records no form address");
  });

  test("past the new-customer cutoff (launch + 12 months, or the catalog's own date): the fix names the newer versions ARM offers", () => {
    const arm = [
      armItem("m-one", "2026-09-01", ["GlobalStandard"]),
      armItem("m-one", "2026-11-01", ["GlobalStandard"]),
      armItem("m-one", "2026-10-01", ["DataZoneStandard"]),
    ];
    expect(check([deployment()], arm, [entry()], "2026-12-31")[0]?.kind).toBe("version-not-offered");
    const [late] = check([deployment()], arm, [entry()], "2027-01-01");
    expect(late).toMatchObject({ kind: "past-new-customer-cutoff", path: "codex-boundary:models[0].version" });
    expect(late?.problem).toContain("since 2027-01-01");
    expect(late?.fix).toContain("2026-11-01, 2026-09-01");
    expect(late?.fix).not.toContain("2026-10-01");
    const recorded = check(
      [deployment()],
      arm,
      [{ ...entry(), newCustomerCutoff: "2026-12-01" } as CatalogEntry],
      "2026-12-07",
    );
    expect(recorded[0]?.kind).toBe("past-new-customer-cutoff");
    expect(recorded[0]?.problem).toContain("since 2026-12-01");
  });

  test("another version offered: choose it; no version at all: choose another model or region", () => {
    const [version] = check(
      [deployment()],
      [armItem("m-one", "2026-09-01", ["GlobalStandard"])],
      [entry()],
      "2026-06-01",
    );
    expect(version).toMatchObject({ kind: "version-not-offered", path: "codex-boundary:models[0].version" });
    expect(version?.fix).toContain("2026-09-01");
    const [model] = check(
      [deployment()],
      [armItem("m-two", "1", ["GlobalStandard"]), armItem("m-three", "1", ["DataZoneStandard"])],
      [entry()],
      "2026-06-01",
    );
    expect(model).toMatchObject({ kind: "model-not-offered", path: "codex-boundary:models[0].model" });
    expect(model?.fix).toContain("m-two 1");
    expect(model?.fix).not.toContain("m-three");
    expect(model?.fix).toContain("another location");
    expect(check([deployment({ model: "unknown", version: "x" })], [], [entry()], "2026-06-01")[0]?.fix).toContain(
      "(none)",
    );
  });

  test("ARM items of another format do not count as offered", () => {
    expect(
      check(
        [deployment()],
        [armItem("m-one", "2026-01-01", ["GlobalStandard"], { format: "Microsoft" })],
        [entry()],
        "2026-06-01",
      )[0]?.kind,
    ).toBe("model-not-offered");
  });

  test("the rendered problem names the config path, the model, the SKU, the region and the fix", () => {
    const [problem] = check([deployment({ index: 2 })], [], [entry()], "2026-06-01");
    const text = renderAccessProblem(problem!);
    for (const part of ["codex-boundary:models[2].model", "m-one 2026-01-01", "GlobalStandard", "regiona", "fix: "])
      expect(text).toContain(part);
  });

  test("registrationOf: only an entry recorded as required needs one; the form is the page its registration fact cites", () => {
    const cat = {
      ...catalog([]),
      sources: { ...catalog([]).sources, form: { document: "Limited access form", url: FORM, revised: "2026-10-01" } },
    };
    expect(registrationOf(withRegistration("form"), cat)).toEqual({ required: true, url: FORM });
    expect(registrationOf(entry(), cat)).toEqual({ required: false });
  });
});
