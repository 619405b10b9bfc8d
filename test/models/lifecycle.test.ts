import { describe, expect, test } from "vitest";
import {
  cutoffAfterLaunch,
  liveModelsFor,
  NEW_CUSTOMER_MONTHS,
  NEW_TEAM_MIN_LIFE_DAYS,
  newCustomerCutoff,
  pastNewCustomerWindow,
  regionsWithLiveModels,
  replacementText,
  RETIREMENT_ADVISE_DAYS,
  RETIREMENT_FAIL_DAYS,
  retirementStage,
} from "../../lib/models/lifecycle";
import { MODEL_CATALOG } from "../../lib/models/modelCatalog";
import { FIXTURE_DAY } from "../support/clock";
import { catalog, DAY, entry, midnight } from "./syntheticCatalog";

const RETIRES = "2027-01-31";
const retireAt = midnight(RETIRES);

describe("retirement stage at the exact day edges", () => {
  test("the windows are 30 days (fail), 120 days (advise) and 60 days (new-team), 12 months for new customers", () => {
    expect([RETIREMENT_FAIL_DAYS, RETIREMENT_ADVISE_DAYS, NEW_TEAM_MIN_LIFE_DAYS, NEW_CUSTOMER_MONTHS]).toEqual([
      30, 120, 60, 12,
    ]);
  });

  test("retiring today is retired, from its first millisecond; the last millisecond of the day before is imminent", () => {
    const e = entry({ retirementDate: RETIRES });
    expect(retirementStage(e, retireAt)).toBe("retired");
    expect(retirementStage(e, retireAt + DAY - 1)).toBe("retired");
    expect(retirementStage(e, retireAt + 400 * DAY)).toBe("retired");
    expect(retirementStage(e, retireAt - 1)).toBe("imminent");
    // retiring tomorrow
    expect(retirementStage(e, retireAt - DAY)).toBe("imminent");
  });

  test("exactly 30 days out is imminent; 30 days and a millisecond is soon", () => {
    const e = entry({ retirementDate: RETIRES });
    expect(retirementStage(e, retireAt - 30 * DAY)).toBe("imminent");
    expect(retirementStage(e, retireAt - 30 * DAY - 1)).toBe("soon");
    expect(retirementStage(e, retireAt - 31 * DAY)).toBe("soon");
  });

  test("exactly 120 days out is soon; 120 days and a millisecond is live", () => {
    const e = entry({ retirementDate: RETIRES });
    expect(retirementStage(e, retireAt - 120 * DAY)).toBe("soon");
    expect(retirementStage(e, retireAt - 120 * DAY - 1)).toBe("live");
    expect(retirementStage(e, retireAt - 121 * DAY)).toBe("live");
  });

  test("no retirement date is live at any time; lifecycle Retired is retired even without a date or years before it", () => {
    expect(retirementStage(entry({ retirementDate: null }), retireAt + 1000 * DAY)).toBe("live");
    expect(retirementStage(entry({ lifecycle: "Retired", retirementDate: null }), retireAt)).toBe("retired");
    expect(retirementStage(entry({ lifecycle: "Retired", retirementDate: "2030-01-01" }), retireAt)).toBe("retired");
    // Deprecated (no new customers) still follows the date
    expect(retirementStage(entry({ lifecycle: "Deprecated" }), retireAt - 200 * DAY)).toBe("live");
  });
});

describe("replacement text", () => {
  test("names Microsoft's replacement, or says none is named", () => {
    expect(replacementText(entry({ replacement: "m-two 2026-06-01" }))).toBe("m-two 2026-06-01");
    expect(replacementText(entry({ replacement: null }))).toBe("none named by Microsoft");
  });
});

describe("the 12-month window for new customers", () => {
  test("the catalog derives the cutoff as launch plus 12 months, at month ends too", () => {
    expect(cutoffAfterLaunch("2025-08-07")).toBe("2026-08-07");
    expect(cutoffAfterLaunch("2025-12-31")).toBe("2026-12-31");
    expect(cutoffAfterLaunch("2024-02-29")).toBe("2025-03-01");
  });

  test("the cutoff is the one the entry records, not one recomputed from the launch date", () => {
    expect(newCustomerCutoff(entry({ launchDate: "2025-08-07", newCustomerCutoff: "2026-09-30" }))).toBe("2026-09-30");
    expect(newCustomerCutoff(entry({ newCustomerCutoff: null }))).toBeNull();
  });

  test("past the window from the cutoff's first millisecond, not one millisecond before; never without a cutoff", () => {
    const e = entry({ launchDate: "2025-08-07", newCustomerCutoff: "2026-08-07" });
    expect(pastNewCustomerWindow(e, midnight("2026-08-07"))).toBe(true);
    expect(pastNewCustomerWindow(e, midnight("2026-08-07") - 1)).toBe(false);
    expect(
      pastNewCustomerWindow(entry({ launchDate: "2020-01-01", newCustomerCutoff: null }), midnight("2030-01-01")),
    ).toBe(false);
  });
});

describe("live models for a region", () => {
  const now = midnight("2026-11-25");
  const cut = (days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);

  test("a model retiring exactly minDays days out qualifies; one day less does not", () => {
    const exactly = entry({ model: "exactly", retirementDate: cut(60) });
    const short = entry({ model: "short", retirementDate: cut(59) });
    const c = catalog([exactly, short]);
    expect(liveModelsFor("regiona", "GlobalStandard", now, 60, c).map((e) => e.model)).toEqual(["exactly"]);
    expect(liveModelsFor("regiona", "GlobalStandard", now, 59, c).map((e) => e.model)).toEqual(["exactly", "short"]);
  });

  test("the default minimum life is 60 days", () => {
    const c = catalog([
      entry({ model: "sixty", retirementDate: cut(60) }),
      entry({ model: "fiftynine", retirementDate: cut(59) }),
    ]);
    expect(liveModelsFor("regiona", "GlobalStandard", now, undefined, c).map((e) => e.model)).toEqual(["sixty"]);
    expect(regionsWithLiveModels("DataZoneStandard", now, undefined, c)).toEqual(["regiona"]);
  });

  test("the default catalog is the shipped one", () => {
    // What the shipped catalog offers is pinned in catalog.test.ts; here only that it is the default.
    const day = midnight(FIXTURE_DAY);
    expect(liveModelsFor("swedencentral", "GlobalStandard", day)).toEqual(
      liveModelsFor("swedencentral", "GlobalStandard", day, undefined, MODEL_CATALOG),
    );
    expect(regionsWithLiveModels("DataZoneStandard", day)).toEqual(
      regionsWithLiveModels("DataZoneStandard", day, undefined, MODEL_CATALOG),
    );
    expect(liveModelsFor("swedencentral", "GlobalStandard", day).length).toBeGreaterThan(0);
    expect(regionsWithLiveModels("DataZoneStandard", day).length).toBeGreaterThan(0);
  });

  test("only entries the Codex CLI can use qualify, for a region and for the region list", () => {
    const c = catalog([
      entry({ model: "codex" }),
      entry({
        model: "chat",
        codex: false,
        skus: { GlobalStandard: ["regiona", "regionb"], DataZoneStandard: ["regionb"] },
      }),
    ]);
    expect(liveModelsFor("regiona", "GlobalStandard", now, 0, c).map((e) => e.model)).toEqual(["codex"]);
    expect(liveModelsFor("elsewhere", "GlobalStandard", now, 0, c).map((e) => e.model)).toEqual(["codex"]);
    expect(regionsWithLiveModels("DataZoneStandard", now, 0, c)).toEqual(["regiona"]);
  });

  test("GA and Preview qualify; Deprecated and Retired never do; no retirement date always lives", () => {
    const c = catalog([
      entry({ model: "ga" }),
      entry({ model: "preview", lifecycle: "Preview" }),
      entry({ model: "deprecated", lifecycle: "Deprecated" }),
      entry({ model: "retired", lifecycle: "Retired" }),
      entry({ model: "forever", retirementDate: null }),
    ]);
    expect(liveModelsFor("regiona", "GlobalStandard", now, 60, c).map((e) => e.model)).toEqual([
      "ga",
      "preview",
      "forever",
    ]);
    expect(liveModelsFor("regiona", "GlobalStandard", retireAt + DAY, 60, c).map((e) => e.model)).toEqual(["forever"]);
  });

  test("in a covered region only entries listing that region for the SKU qualify", () => {
    const c = catalog([
      entry({ model: "a-only", skus: { GlobalStandard: ["regiona"] } }),
      entry({ model: "b-only", skus: { GlobalStandard: ["regionb"] } }),
    ]);
    expect(liveModelsFor("regionb", "GlobalStandard", now, 0, c).map((e) => e.model)).toEqual(["b-only"]);
    expect(liveModelsFor("regionc", "GlobalStandard", now, 0, c)).toEqual([]);
    expect(liveModelsFor("regiona", "DataZoneStandard", now, 0, c)).toEqual([]);
  });

  test("in a covered region an entry without region lists qualifies (the plan advises instead)", () => {
    const c = catalog([
      entry({ model: "unlisted", skus: {}, availabilityUnverified: "no list" }),
      entry({ model: "nowhere", skus: {} }),
    ]);
    expect(liveModelsFor("regiona", "GlobalStandard", now, 0, c).map((e) => e.model)).toEqual(["unlisted"]);
  });

  test("in a region the sources do not cover, every entry offering the SKU anywhere qualifies", () => {
    const c = catalog([
      entry({ model: "somewhere", skus: { GlobalStandard: ["regiona"] } }),
      entry({ model: "other-sku", skus: { DataZoneStandard: ["regiona"] } }),
      entry({ model: "unlisted", skus: {}, availabilityUnverified: "no list" }),
    ]);
    expect(liveModelsFor("elsewhere", "GlobalStandard", now, 0, c).map((e) => e.model)).toEqual([
      "somewhere",
      "unlisted",
    ]);
  });

  test("regions with live models: sorted, without duplicates, only from live entries of that SKU", () => {
    const c = catalog([
      entry({ model: "one", skus: { GlobalStandard: ["regionb", "regiona"] } }),
      entry({ model: "two", skus: { GlobalStandard: ["regionc", "regiona"], DataZoneStandard: ["regiond"] } }),
      entry({ model: "old", lifecycle: "Deprecated", skus: { GlobalStandard: ["regionz"] } }),
      entry({ model: "short", retirementDate: cut(10), skus: { GlobalStandard: ["regiony"] } }),
    ]);
    expect(regionsWithLiveModels("GlobalStandard", now, 60, c)).toEqual(["regiona", "regionb", "regionc"]);
    expect(regionsWithLiveModels("GlobalStandard", now, 10, c)).toEqual(["regiona", "regionb", "regionc", "regiony"]);
    expect(regionsWithLiveModels("DataZoneStandard", now, 60, c)).toEqual(["regiond"]);
  });
});
