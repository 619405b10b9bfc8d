import { describe, expect, test } from "vitest";
import { CREATE_ONLY_OUTPUT } from "../../lib/azure/createOnly";
import type { PlanDocument } from "../../lib/plan/render";
import { ofType, planStack } from "../support/runStack";
import { FIXTURE_DAY, monthAfter } from "../support/clock";

const RECORD = { keyVaultSoftDeleteRetentionDays: 30, budgetStartMonth: "2026-06" };

function advisory(doc: PlanDocument, name: string) {
  return doc.policies.find((p) => p.name === name);
}

function budgetStartDate(doc: PlanDocument): unknown {
  return (ofType(doc, "azure-native:consumption:Budget")[0]?.inputs.timePeriod as Record<string, unknown>).startDate;
}

describe("create-only values in a plan", () => {
  test("the stack exports what it deployed, for the next run to compare", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(doc.outputs[CREATE_ONLY_OUTPUT]).toEqual({
      keyVaultSoftDeleteRetentionDays: 90,
      budgetStartMonth: "2026-12",
    });
    expect(advisory(doc, "budget-start-as-configured")?.verdict).toBe("pass");
  });

  test("a changed soft-delete retention stops the run before anything is sent", async () => {
    await expect(
      planStack({
        stack: "dev",
        previousOutputs: {
          resourceGroupName: "rg-codex-platform",
          [CREATE_ONLY_OUTPUT]: { ...RECORD, budgetStartMonth: "2026-12" },
        },
      }),
    ).rejects.toThrow(
      /codex-boundary:keyVault\.softDeleteRetentionDays: is 90, but the team's Key Vault was created with 30 days/,
    );
  });

  test("a changed budget start keeps the deployed month and is a plan advisory", async () => {
    const doc = await planStack({
      stack: "dev",
      previousOutputs: {
        resourceGroupName: "rg-codex-platform",
        [CREATE_ONLY_OUTPUT]: { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-06" },
      },
    });
    expect(budgetStartDate(doc)).toBe("2026-06-01T00:00:00Z");
    const finding = advisory(doc, "budget-start-as-configured");
    expect([finding?.enforcement, finding?.verdict]).toEqual(["advisory", "fail"]);
    expect(finding?.violations[0]?.message).toMatch(/set budget\.startMonth: "2026-06"/);
  });

  test("a new stack whose budget would start in the past starts in the month it is planned in instead, with the advisory", async () => {
    const doc = await planStack({
      stack: "dev",
      overrides: { budget: { amount: 2000, contactEmails: ["a@contoso.example"], startMonth: "2024-01" } },
    });
    expect(budgetStartDate(doc)).toBe(`${monthAfter(FIXTURE_DAY, 0)}-01T00:00:00Z`);
    expect(advisory(doc, "budget-start-as-configured")?.violations[0]?.message).toMatch(
      /budget\.startMonth 2024-01 must not be before the current month/,
    );
  });
});
