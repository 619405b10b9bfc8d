import { describe, expect, test } from "vitest";
import {
  budgetStart,
  CREATE_ONLY_OUTPUT,
  DEPLOYED_MARKER_OUTPUT,
  readCreateOnlyValues,
  retentionProblem,
} from "../../lib/azure/createOnly";

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
    expect(past.advice).toMatch(
      /budget\.startMonth 2026-03 must not be before the current month .*starts 2026-11 instead; set budget\.startMonth: "2026-11"/,
    );
    const far = budgetStart("2028-05", null, false, NOW);
    expect(far.startMonth).toBe("2027-11");
    expect(far.advice).toMatch(/set budget\.startMonth: "2027-11"/);
  });
});

describe("create-only values at their edges", () => {
  const NOON = new Date("2026-11-25T12:00:00Z");
  const said = (result: unknown) => JSON.stringify(result);

  test("the outputs the record and the deployed marker are read from", () => {
    expect([CREATE_ONLY_OUTPUT, DEPLOYED_MARKER_OUTPUT]).toEqual(["createOnlyValues", "resourceGroupName"]);
  });

  test("a record reads back only with an integer retention and a YYYY-MM month", () => {
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" })).toEqual({
      keyVaultSoftDeleteRetentionDays: 90,
      budgetStartMonth: "2026-12",
    });
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-10" })).not.toBeNull();
    for (const month of ["2026-13", "2026-00", "x2026-12", "2026-12x", "2026-1"])
      expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: month }), month).toBeNull();
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90.5, budgetStartMonth: "2026-12" })).toBeNull();
  });

  test("a retention different from the vault's names the key, both values and the fix", () => {
    const problem = said(retentionProblem(7, { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" }));
    for (const fact of ["keyVault.softDeleteRetentionDays", "is 7", "created with 90 days", "set it back to 90"])
      expect(problem, fact).toContain(fact);
  });

  test("a deployed budget keeps its month, advising the configured one back", () => {
    const recorded = { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-05" };
    expect(budgetStart("2026-05", recorded, true, NOON)).toEqual({ startMonth: "2026-05", advice: null });
    const moved = budgetStart("2026-12", recorded, true, NOON);
    expect(moved.startMonth).toBe("2026-05");
    for (const fact of ["budget.startMonth is 2026-12", "starts 2026-05", 'set budget.startMonth: "2026-05"'])
      expect(moved.advice, fact).toContain(fact);
  });

  test("a new budget: this month and 12 ahead are used as is; before or after moves to the nearest edge, across year ends", () => {
    expect(budgetStart("2026-11", null, false, NOON)).toEqual({ startMonth: "2026-11", advice: null });
    expect(budgetStart("2027-11", null, false, NOON)).toEqual({ startMonth: "2027-11", advice: null });
    const early = budgetStart("2026-10", null, false, NOON);
    expect(early.startMonth).toBe("2026-11");
    for (const fact of ["budget.startMonth 2026-10", "(2026-11)", 'set budget.startMonth: "2026-11"'])
      expect(early.advice, fact).toContain(fact);
    const late = budgetStart("2027-12", null, false, NOON);
    expect(late.startMonth).toBe("2027-11");
    for (const fact of ["budget.startMonth 2027-12", "12 months ahead", 'set budget.startMonth: "2027-11"'])
      expect(late.advice, fact).toContain(fact);
    expect(budgetStart("2026-01", null, false, new Date("2026-12-31T23:59:59Z")).startMonth).toBe("2026-12");
    expect(budgetStart("2030-01", null, false, new Date("2026-01-01T00:00:00Z")).startMonth).toBe("2027-01");
    expect(budgetStart("2030-01", null, false, new Date("2026-02-01T00:00:00Z")).startMonth).toBe("2027-02");
  });
});
