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
