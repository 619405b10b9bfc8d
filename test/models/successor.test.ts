import { describe, expect, it } from "vitest";
import { successorFor } from "../../lib/models/successor";
import { catalog, entry, midnight } from "./syntheticCatalog";

const where = { location: "regiona", sku: "GlobalStandard" as const, nowMs: midnight("2026-12-01"), minDays: 60 };

describe("successorFor", () => {
  it("takes Microsoft's named replacement, its newest version that lives long enough there", () => {
    const c = catalog([
      entry({ model: "gpt-a", version: "2026-01-01", retirementDate: "2027-01-10", replacement: "gpt-b" }),
      entry({ model: "gpt-b", version: "2026-03-01", retirementDate: "2027-12-01" }),
      entry({ model: "gpt-b", version: "2026-06-01", retirementDate: "2028-01-01" }),
      entry({ model: "gpt-c", version: "2026-06-01", retirementDate: "2029-01-01" }),
    ]);
    const s = successorFor({ model: "gpt-a", version: "2026-01-01" }, where, c);
    expect(s).toMatchObject({ reason: "named-by-microsoft", liveUntil: "2028-01-01" });
    expect(s?.entry).toMatchObject({ model: "gpt-b", version: "2026-06-01" });
  });

  it("passes over a named replacement that is not offered there and picks the closest live model", () => {
    const c = catalog([
      entry({ model: "gpt-a-mini", version: "2026-01-01", retirementDate: "2027-01-10", replacement: "gpt-b" }),
      entry({
        model: "gpt-b",
        version: "2026-03-01",
        retirementDate: "2028-01-01",
        skus: { GlobalStandard: ["regionb"] },
      }),
      entry({ model: "gpt-x-codex", version: "2026-03-01", retirementDate: "2029-01-01" }),
      entry({ model: "gpt-c", version: "2026-03-01", retirementDate: "2028-06-01" }),
      entry({ model: "gpt-c-mini", version: "2026-03-01", retirementDate: "2027-12-01" }),
    ]);
    const s = successorFor({ model: "gpt-a-mini", version: "2026-01-01" }, where, c);
    expect(s).toMatchObject({ reason: "closest-live", entry: { model: "gpt-c-mini" } });
  });

  it("keeps a Codex model on a Codex model before anything longer-lived", () => {
    const c = catalog([
      entry({ model: "gpt-1-codex", version: "2026-01-01", retirementDate: "2027-01-10" }),
      entry({ model: "gpt-2", version: "2026-03-01", retirementDate: "2029-01-01" }),
      entry({ model: "gpt-2-codex", version: "2026-03-01", retirementDate: "2027-06-01" }),
    ]);
    expect(successorFor({ model: "gpt-1-codex", version: "2026-01-01" }, where, c)?.entry.model).toBe("gpt-2-codex");
  });

  it("refuses models that retire within minDays, are deprecated, or are not offered as the SKU; none left is undefined", () => {
    const c = catalog([
      entry({ model: "gpt-a", version: "2026-01-01", retirementDate: "2027-01-10" }),
      entry({ model: "gpt-b", version: "2026-03-01", retirementDate: "2027-01-20" }),
      entry({ model: "gpt-c", version: "2026-03-01", retirementDate: "2028-01-20", lifecycle: "Deprecated" }),
      entry({
        model: "gpt-d",
        version: "2026-03-01",
        retirementDate: "2028-01-20",
        skus: { DataZoneStandard: ["regiona"] },
      }),
    ]);
    expect(successorFor({ model: "gpt-a", version: "2026-01-01" }, where, c)).toBeUndefined();
    expect(
      successorFor({ model: "gpt-a", version: "2026-01-01" }, { ...where, sku: "DataZoneStandard" }, c)?.entry.model,
    ).toBe("gpt-d");
  });

  it("a model with no retirement date outranks every dated one of the same class, and never succeeds itself", () => {
    const c = catalog([
      entry({ model: "gpt-a", version: "2026-01-01", retirementDate: null }),
      entry({ model: "gpt-b", version: "2026-03-01", retirementDate: "2030-01-01" }),
      entry({ model: "gpt-c", version: "2026-03-01", retirementDate: null }),
    ]);
    expect(successorFor({ model: "gpt-a", version: "2026-01-01" }, where, c)).toMatchObject({
      entry: { model: "gpt-c" },
      liveUntil: null,
    });
  });
});
