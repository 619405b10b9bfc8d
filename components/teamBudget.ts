import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import { BUDGET_NOTIFICATIONS, budgetStartDate } from "../lib/azure/budget";
import { formerlyNamed } from "./formerNames";

export interface TeamBudgetArgs {
  budgetName: string;
  resourceGroupId: pulumi.Input<string>;
  amount: number;
  /** The month the budget starts (lib/azure/createOnly.ts budgetStart: the config's, or the one Azure accepts). */
  startMonth: string;
  /** Why the budget does not start on the configured month (a plan advisory), or null. */
  startAdvice?: string | null;
  contactEmails: readonly string[];
  actionGroupId?: string;
}

/** A monthly cost budget on the team's resource group with actual 80%/100% and forecast 100% alerts. */
export class TeamBudget extends pulumi.ComponentResource {
  readonly budget: consumption.Budget;

  constructor(name: string, args: TeamBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:TeamBudget", name, {}, opts);
    const notifications = Object.fromEntries(
      BUDGET_NOTIFICATIONS.map((n) => [
        n.key,
        {
          enabled: true,
          operator: n.operator,
          threshold: n.threshold,
          thresholdType: n.thresholdType,
          contactEmails: [...args.contactEmails],
          ...(args.actionGroupId !== undefined ? { contactGroups: [args.actionGroupId] } : {}),
        },
      ]),
    );
    this.budget = new consumption.Budget(
      name,
      {
        budgetName: args.budgetName,
        scope: args.resourceGroupId,
        amount: args.amount,
        category: "Cost",
        timeGrain: "Monthly",
        // Fixed by config: Azure rejects a changed or past start date when the budget is redeployed.
        timePeriod: { startDate: budgetStartDate(args.startMonth) },
        notifications,
      },
      // A budget kept from a failed first update keeps its start when a retry in a later month computes another.
      { parent: this, ignoreChanges: ["timePeriod.startDate"], ...formerlyNamed("budget", name) },
    );
    this.registerOutputs({
      budgetId: this.budget.id,
      startMonth: args.startMonth,
      startAdvice: args.startAdvice ?? null,
    });
  }
}
