import { describe, expect, test } from "vitest";
import { budgetStart, CREATE_ONLY_OUTPUT, readCreateOnlyValues, retentionProblem } from "../../lib/azure/createOnly";
import type { PlanDocument } from "../../lib/plan/render";
import { ofType, planStack } from "../support/runStack";

const NOW = new Date(Date.UTC(2026, 10, 25));
const RECORD = { keyVaultSoftDeleteRetentionDays: 30, budgetStartMonth: "2026-06" };

function currentMonth(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

describe("create-only values (pure)", () => {
  test("a record reads back; anything else is no record", () => {
    expect(readCreateOnlyValues(RECORD)).toEqual(RECORD);
    expect(readCreateOnlyValues(undefined)).toBeNull();
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: "30" })).toBeNull();
  });

  test("a retention other than the deployed one is refused with the key, both values and the fix", () => {
    expect(retentionProblem(30, RECORD)).toBeUndefined();
    expect(retentionProblem(90, null)).toBeUndefined();
    expect(retentionProblem(90, RECORD)).toMatch(
      /^codex-boundary:keyVault\.softDeleteRetentionDays: is 90, but the team's Key Vault was created with 30 days .*set it back to 30/,
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

function advisory(doc: PlanDocument, name: string) {
  return doc.policies.find((p) => p.name === name);
}

function budgetStartDate(doc: PlanDocument): unknown {
  return (ofType(doc, "azure-native:consumption:Budget")[0]?.inputs.timePeriod as Record<string, unknown>).startDate;
}

describe("create-only values in a plan", () => {
  test("the stack exports what it deployed, for the next run to compare", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(doc.outputs[CREATE_ONLY_OUTPUT]).toEqual({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" });
    expect(advisory(doc, "budget-start-as-configured")?.verdict).toBe("pass");
  });

  test("a changed soft-delete retention stops the run before anything is sent", async () => {
    await expect(
      planStack({ stack: "dev", previousOutputs: { resourceGroupName: "rg-codex-platform", [CREATE_ONLY_OUTPUT]: { ...RECORD, budgetStartMonth: "2026-12" } } }),
    ).rejects.toThrow(/codex-boundary:keyVault\.softDeleteRetentionDays: is 90, but the team's Key Vault was created with 30 days/);
  });

  test("a changed budget start keeps the deployed month and is a plan advisory", async () => {
    const doc = await planStack({
      stack: "dev",
      previousOutputs: { resourceGroupName: "rg-codex-platform", [CREATE_ONLY_OUTPUT]: { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-06" } },
    });
    expect(budgetStartDate(doc)).toBe("2026-06-01T00:00:00Z");
    const finding = advisory(doc, "budget-start-as-configured");
    expect([finding?.enforcement, finding?.verdict]).toEqual(["advisory", "fail"]);
    expect(finding?.violations[0]?.message).toMatch(/set budget\.startMonth: "2026-06"/);
  });

  test("a new stack whose budget would start in the past starts this month instead, with the advisory", async () => {
    const doc = await planStack({ stack: "dev", overrides: { budget: { amount: 2000, contactEmails: ["a@contoso.example"], startMonth: "2024-01" } } });
    expect(budgetStartDate(doc)).toBe(`${currentMonth()}-01T00:00:00Z`);
    expect(advisory(doc, "budget-start-as-configured")?.violations[0]?.message).toMatch(/budget\.startMonth 2024-01 must not be before the current month/);
  });
});
