/** Budget arithmetic: the start date comes from config, never from today (Azure rejects a changed start date). */

export function budgetStartDate(startMonth: string): string {
  return `${startMonth}-01T00:00:00Z`;
}

export interface BudgetNotificationPlan {
  key: string;
  operator: "GreaterThanOrEqualTo";
  threshold: number;
  thresholdType: "Actual" | "Forecasted";
}

/** Actual 80% and 100%, forecast 100%: early warning, the line itself, and the projection. */
export const BUDGET_NOTIFICATIONS: readonly BudgetNotificationPlan[] = [
  { key: "actual-80-percent", operator: "GreaterThanOrEqualTo", threshold: 80, thresholdType: "Actual" },
  { key: "actual-100-percent", operator: "GreaterThanOrEqualTo", threshold: 100, thresholdType: "Actual" },
  { key: "forecast-100-percent", operator: "GreaterThanOrEqualTo", threshold: 100, thresholdType: "Forecasted" },
];

/** How many months ahead Azure accepts a new budget's start (pitfall: start dates beyond it are refused). */
export const MAX_BUDGET_START_MONTHS_AHEAD = 12;

function monthIndex(year: number, monthZeroBased: number): number {
  return year * 12 + monthZeroBased;
}

function monthText(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * For a NEW budget only (onboarding): Azure wants the start month to be the current month or a later one, at most
 * twelve months ahead. Existing stacks keep their configured month forever, so the stack program never asks this.
 * Returns the problem, or undefined when the month is acceptable (or not a YYYY-MM the parser would accept anyway).
 */
export function newBudgetStartProblem(startMonth: string, now: Date): string | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(startMonth);
  if (!match) return undefined;
  const start = monthIndex(Number(match[1]), Number(match[2]) - 1);
  const current = monthIndex(now.getUTCFullYear(), now.getUTCMonth());
  if (start < current)
    return `must not be before the current month (${monthText(current)}): a new budget cannot start in the past`;
  if (start > current + MAX_BUDGET_START_MONTHS_AHEAD) {
    return `must be at most ${MAX_BUDGET_START_MONTHS_AHEAD} months ahead (${monthText(current + MAX_BUDGET_START_MONTHS_AHEAD)} at the latest)`;
  }
  return undefined;
}
