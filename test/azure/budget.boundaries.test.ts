import { expect, test } from "vitest";
import { BUDGET_NOTIFICATIONS, newBudgetStartProblem } from "../../lib/azure/budget";

const NOW = new Date("2026-11-25T10:00:00Z");

test("the start month: this month and twelve ahead pass, one before and thirteen ahead fail", () => {
  expect(newBudgetStartProblem("2026-11", NOW)).toBeUndefined();
  expect(newBudgetStartProblem("2027-11", NOW)).toBeUndefined();
  expect(newBudgetStartProblem("2026-10", NOW)).toMatch(/before the current month \(2026-11\)/);
  expect(newBudgetStartProblem("2027-12", NOW)).toMatch(/at most 12 months ahead \(2027-11 at the latest\)/);
  // Month text across a year end, and December itself.
  expect(newBudgetStartProblem("2026-01", new Date("2026-12-31T23:00:00Z"))).toBe("must not be before the current month (2026-12): a new budget cannot start in the past");
  expect(newBudgetStartProblem("2026-01", new Date("2026-03-01T00:00:00Z"))).toBe("must not be before the current month (2026-03): a new budget cannot start in the past");
});

test("only a whole YYYY-MM is judged: junk before or after, month 00 and 13 are left to the parser", () => {
  for (const value of ["x2026-11", "2026-11x", "2026-00", "2026-13", "26-11", "2026-1"]) {
    expect(newBudgetStartProblem(value, NOW), value).toBeUndefined();
  }
  // The same junk around a past month would otherwise be reported: the anchors are what keeps it silent.
  expect(newBudgetStartProblem("2020-01", NOW)).toBeDefined();
  expect(newBudgetStartProblem("x2020-01", NOW)).toBeUndefined();
  expect(newBudgetStartProblem("2020-01x", NOW)).toBeUndefined();
  expect(newBudgetStartProblem("2020-10", NOW)).toBeDefined();
  expect(newBudgetStartProblem("2020-12", NOW)).toBeDefined();
});

test("the notifications (known answers): actual 80 and 100, forecast 100", () => {
  expect(BUDGET_NOTIFICATIONS).toEqual([
    { key: "actual-80-percent", operator: "GreaterThanOrEqualTo", threshold: 80, thresholdType: "Actual" },
    { key: "actual-100-percent", operator: "GreaterThanOrEqualTo", threshold: 100, thresholdType: "Actual" },
    { key: "forecast-100-percent", operator: "GreaterThanOrEqualTo", threshold: 100, thresholdType: "Forecasted" },
  ]);
});
