import { describe, expect, test } from "vitest";
import { retirementWhen, successorText } from "../../lib/models/retirementNotice";
import { catalog, entry } from "./syntheticCatalog";

const NOW = Date.parse("2026-12-01T15:00:00Z");
const current = { model: "m-old", version: "2026-01-01", sku: "GlobalStandard" };

describe("how a retiring deployment is worded", () => {
  test("the successor outlives what it replaces: one retiring the same day is passed over", () => {
    const c = catalog([
      entry({ model: "m-old", retirementDate: "2027-05-15" }),
      entry({ model: "m-same", retirementDate: "2027-05-15" }),
      entry({ model: "m-later", retirementDate: "2027-05-16" }),
    ]);
    expect(successorText(current, "regiona", NOW, c)).toBe(
      "m-later 2026-01-01 (the closest live catalog model, live until 2027-05-16)",
    );
    expect(
      successorText(
        current,
        "regiona",
        NOW,
        catalog([
          entry({ model: "m-old", retirementDate: "2027-05-15" }),
          entry({ model: "m-same", retirementDate: "2027-05-15" }),
        ]),
      ),
    ).toBe("none in the catalog offered as GlobalStandard in regiona");
  });

  test("an unknown region or SKU names none", () => {
    const c = catalog([entry({ model: "m-old" }), entry({ model: "m-new", retirementDate: "2029-01-01" })]);
    expect(successorText(current, "", NOW, c)).toBe(
      "none in the catalog offered as GlobalStandard in an unknown region",
    );
    expect(successorText({ ...current, sku: "Bogus" }, "regiona", NOW, c)).toBe(
      "none in the catalog offered as Bogus in regiona",
    );
  });

  test("the date counted in calendar days, singular on the last day, retired from the day itself", () => {
    expect(retirementWhen("2026-12-02", NOW)).toBe("retires on 2026-12-02 (in 1 day)");
    expect(retirementWhen("2027-01-20", NOW)).toBe("retires on 2027-01-20 (in 50 days)");
    expect(retirementWhen("2026-12-01", NOW)).toBe("retired on 2026-12-01");
    expect(retirementWhen(null, NOW)).toBe("is retired");
  });
});
