import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  BUDGET_NOTIFICATIONS,
  budgetStartDate,
  MAX_BUDGET_START_MONTHS_AHEAD,
  newBudgetStartProblem,
} from "../../lib/azure/budget";

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
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.integer({ min: -30, max: 30 }),
        (now, offset) => {
          const problem = newBudgetStartProblem(monthsFrom(now, offset), now);
          const acceptable = offset >= 0 && offset <= MAX_BUDGET_START_MONTHS_AHEAD;
          expect(problem === undefined).toBe(acceptable);
        },
      ),
    );
  });

  test("the message names the current month or the latest month allowed, across a year end and in December", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    expect(newBudgetStartProblem("2026-10", now)).toContain("before the current month (2026-11)");
    expect(newBudgetStartProblem("2027-12", now)).toContain("at most 12 months ahead (2027-11 at the latest)");
    expect(newBudgetStartProblem("2026-01", new Date("2026-12-31T23:00:00Z"))).toContain("(2026-12)");
    expect(newBudgetStartProblem("2026-01", new Date("2026-03-01T00:00:00Z"))).toContain("(2026-03)");
  });

  test("only a whole YYYY-MM is judged: junk before or after, month 00 and 13 are left to the parser", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    for (const value of ["x2026-11", "2026-11x", "2026-00", "2026-13", "26-11", "2026-1"]) {
      expect(newBudgetStartProblem(value, now), value).toBeUndefined();
    }
    // The same junk around a past month would otherwise be reported: the anchors are what keeps it silent.
    expect(newBudgetStartProblem("2020-01", now)).toBeDefined();
    expect(newBudgetStartProblem("x2020-01", now)).toBeUndefined();
    expect(newBudgetStartProblem("2020-01x", now)).toBeUndefined();
    expect(newBudgetStartProblem("2020-10", now)).toBeDefined();
    expect(newBudgetStartProblem("2020-12", now)).toBeDefined();
  });
});

test("the budget alerts at 80% and 100% of actual spend and at 100% forecast", () => {
  expect(BUDGET_NOTIFICATIONS).toEqual([
    { key: "actual-80-percent", operator: "GreaterThanOrEqualTo", threshold: 80, thresholdType: "Actual" },
    { key: "actual-100-percent", operator: "GreaterThanOrEqualTo", threshold: 100, thresholdType: "Actual" },
    { key: "forecast-100-percent", operator: "GreaterThanOrEqualTo", threshold: 100, thresholdType: "Forecasted" },
  ]);
});
