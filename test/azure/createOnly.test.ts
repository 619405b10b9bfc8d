import { describe, expect, test } from "vitest";
import { budgetStart, readCreateOnlyValues, retentionProblem } from "../../lib/azure/createOnly";

const NOW = new Date(Date.UTC(2026, 10, 25));
const RECORD = { keyVaultSoftDeleteRetentionDays: 30, budgetStartMonth: "2026-06" };

describe("create-only values (pure)", () => {
  test("a record reads back; anything else is no record", () => {
    expect(readCreateOnlyValues(RECORD)).toEqual(RECORD);
    expect(readCreateOnlyValues(undefined)).toBeNull();
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: "30" })).toBeNull();
  });

  test("a retention other than the deployed one is refused with the key, both values and the fix", () => {
    expect(retentionProblem(30, RECORD)).toBeUndefined();
    expect(retentionProblem(90, null)).toBeUndefined();
    expect(retentionProblem(90, RECORD)).toHaveProperty("path", "keyVault.softDeleteRetentionDays");
    expect(retentionProblem(90, RECORD)?.message).toMatch(
      /^is 90, but the team's Key Vault was created with 30 days .*set it back to 30/,
    );
  });

  test("a deployed budget keeps its start; a changed month is named with the fix", () => {
    expect(budgetStart("2026-06", RECORD, true, NOW)).toEqual({ startMonth: "2026-06", advice: null });
    const moved = budgetStart("2027-01", RECORD, true, NOW);
    expect(moved.startMonth).toBe("2026-06");
    expect(moved.advice).toMatch(/deployed budget starts 2026-06 .*set budget\.startMonth: "2026-06"/);
  });

  test("a stack deployed before the record keeps sending the configured month, even a past one", () => {
    expect(budgetStart("2026-01", null, true, NOW)).toEqual({ startMonth: "2026-01", advice: null });
  });

  test("a new budget outside Azure's window starts at the window's nearest edge, with an advisory naming the month", () => {
    expect(budgetStart("2026-12", null, false, NOW)).toEqual({ startMonth: "2026-12", advice: null });
    expect(budgetStart("2026-11", null, false, NOW)).toEqual({ startMonth: "2026-11", advice: null });
    const past = budgetStart("2026-03", null, false, NOW);
    expect(past.startMonth).toBe("2026-11");
    expect(past.advice).toMatch(/budget\.startMonth 2026-03 must not be before the current month .*starts 2026-11 instead; set budget\.startMonth: "2026-11"/);
    const far = budgetStart("2028-05", null, false, NOW);
    expect(far.startMonth).toBe("2027-11");
    expect(far.advice).toMatch(/set budget\.startMonth: "2027-11"/);
  });
});
