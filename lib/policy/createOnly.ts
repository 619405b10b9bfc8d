import { type BoundaryPolicy, ofType, text, TYPES } from "./types";

/**
 * Azure takes a budget's start month only when the budget is created, and only from the current month to twelve
 * months ahead. The stack never sends a start Azure would refuse (lib/azure/createOnly.ts budgetStart): it keeps a
 * deployed budget's month and moves a new budget's month into the window; this advisory names what it did.
 */
const budgetStartWindow: BoundaryPolicy = {
  name: "budget-start-as-configured",
  description:
    "The budget starts on the configured budget.startMonth. Azure refuses a new budget starting before the current month or more than 12 months ahead, and a changed start of a deployed budget; the stack then uses the month Azure accepts.",
  remediation: "Set budget.startMonth to the month the finding names, so the config says what is deployed.",
  enforcement: "advisory",
  scope: "stack",
  appliesTo: [TYPES.teamBudget],
  check(resources) {
    return ofType(resources, TYPES.teamBudget)
      .filter((budget) => text(budget.props.startAdvice) !== "")
      .map((budget) => ({ urn: budget.urn, message: text(budget.props.startAdvice) }));
  },
};

export const CREATE_ONLY_POLICIES: readonly BoundaryPolicy[] = [budgetStartWindow];
