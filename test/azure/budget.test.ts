import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { budgetStartDate, MAX_BUDGET_START_MONTHS_AHEAD, newBudgetStartProblem } from "../../lib/azure/budget";

function monthsFrom(now: Date, offset: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

describe("budget start", () => {
  test("the start date is the first of the configured month, whatever today is", () => {
    expect(budgetStartDate("2027-01")).toBe("2027-01-01T00:00:00Z");
  });

  test("a new budget may start this month or up to twelve months ahead, never earlier or later", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-12-31T23:59:59Z"), noInvalidDate: true }), fc.integer({ min: -30, max: 30 }), (now, offset) => {
        const problem = newBudgetStartProblem(monthsFrom(now, offset), now);
        const acceptable = offset >= 0 && offset <= MAX_BUDGET_START_MONTHS_AHEAD;
        expect(problem === undefined).toBe(acceptable);
      }),
    );
  });

  test("the message names the limit", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    expect(newBudgetStartProblem("2026-10", now)).toBe("must not be before the current month (2026-11): a new budget cannot start in the past");
    expect(newBudgetStartProblem("2027-12", now)).toBe("must be at most 12 months ahead (2027-11 at the latest)");
    expect(newBudgetStartProblem("2026-13", now)).toBeUndefined();
  });
});
