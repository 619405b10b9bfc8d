import type { ConfigProblem } from "../config/problem";
import { z } from "zod";
import { MAX_BUDGET_START_MONTHS_AHEAD, newBudgetStartProblem } from "./budget";

/**
 * Values Azure takes only when a resource is created: the Key Vault's soft-delete retention and the budget's start
 * month. The stack exports what it deployed (output `createOnlyValues`) and reads it back on the next run through
 * its own stack reference, so a config change Azure would refuse is caught before anything is sent.
 */
export const CREATE_ONLY_OUTPUT = "createOnlyValues";
/** An output every deployed version of the stack has: present means the stack was deployed before. */
export const DEPLOYED_MARKER_OUTPUT = "resourceGroupName";

export interface CreateOnlyValues {
  keyVaultSoftDeleteRetentionDays: number;
  budgetStartMonth: string;
}

const recordSchema = z.object({
  keyVaultSoftDeleteRetentionDays: z.number().int(),
  budgetStartMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

/** What the last successful update deployed, or null (first deployment, or a stack from before the record). */
export function readCreateOnlyValues(output: unknown): CreateOnlyValues | null {
  const parsed = recordSchema.safeParse(output);
  return parsed.success ? parsed.data : null;
}

/** Why the configured retention cannot be applied, or undefined. */
export function retentionProblem(configured: number, recorded: CreateOnlyValues | null): ConfigProblem | undefined {
  if (recorded === null || recorded.keyVaultSoftDeleteRetentionDays === configured) return undefined;
  const days = recorded.keyVaultSoftDeleteRetentionDays;
  return {
    path: "keyVault.softDeleteRetentionDays",
    message:
      `is ${configured}, but the team's Key Vault was created with ${days} days and ` +
      `Azure cannot change a vault's soft-delete retention after creation; set it back to ${days} (another retention needs a new vault).`,
  };
}

export interface BudgetStart {
  /** The month the budget is created or kept with (YYYY-MM). */
  startMonth: string;
  /** A plan advisory: why the budget does not start on the configured month, and the fix. Null when it does. */
  advice: string | null;
}

function monthText(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The budget's start month. A deployed budget keeps its start (Azure refuses a changed one); a new budget must start
 * between the current month and MAX_BUDGET_START_MONTHS_AHEAD ahead, so a configured month outside that window is
 * moved to its nearest edge and named in an advisory instead of failing the deployment.
 */
export function budgetStart(
  configured: string,
  recorded: CreateOnlyValues | null,
  deployedBefore: boolean,
  now: Date,
): BudgetStart {
  if (recorded !== null) {
    const kept = recorded.budgetStartMonth;
    if (kept === configured) return { startMonth: kept, advice: null };
    return {
      startMonth: kept,
      advice: `budget.startMonth is ${configured}, but the deployed budget starts ${kept} and Azure refuses a changed start date: it keeps ${kept}; set budget.startMonth: "${kept}"`,
    };
  }
  // Deployed before the record existed: the budget is there with the configured month; sending it unchanged is safe.
  if (deployedBefore) return { startMonth: configured, advice: null };
  const problem = newBudgetStartProblem(configured, now);
  if (problem === undefined) return { startMonth: configured, advice: null };
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const [year, month] = configured.split("-").map(Number) as [number, number];
  const wanted = year * 12 + month - 1;
  const used = monthText(Math.min(Math.max(wanted, current), current + MAX_BUDGET_START_MONTHS_AHEAD));
  return {
    startMonth: used,
    advice: `budget.startMonth ${configured} ${problem}; the new budget starts ${used} instead; set budget.startMonth: "${used}"`,
  };
}
