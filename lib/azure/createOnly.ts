import type { ConfigProblem } from "../config/problem";
import type { TeamConfig } from "../config/schema";
import { z } from "zod";
import { cidrContains } from "../net/cidr";
import { MAX_BUDGET_START_MONTHS_AHEAD, newBudgetStartProblem } from "./budget";
import { customSubdomain, teamNames, UNIQUE_SUFFIX_LENGTH, vaultName } from "./naming";
import { privateEndpointSubnetPrefix } from "./network";

/**
 * Values Azure takes only when a resource is created, or that azure-native replaces the resource for (the table in
 * lib/azure/createOnlyProperties.ts, with its sources). The stack exports what it deployed (output
 * `createOnlyValues`) and reads it back on the next run through its own stack reference, so a config change Azure
 * would refuse, or that would replace a live resource, is caught before anything is sent.
 */
export const CREATE_ONLY_OUTPUT = "createOnlyValues";
/** An output every deployed version of the stack has: present means the stack was deployed before. */
export const DEPLOYED_MARKER_OUTPUT = "resourceGroupName";

/** Where the docs say what to do instead of editing a create-only value. */
export const RECREATE_RUNBOOK = 'docs/operations.md, "Changing a create-only value: offboard and recreate"';

/** What the config decides of the create-only values (the rest of the record comes from the deployed resources). */
export interface ConfiguredCreateOnly {
  team: string;
  location: string;
  accountKind: TeamConfig["account"]["kind"];
  /** networking.mode create: the VNet's address space and the private-endpoint subnet; null for an existing subnet. */
  virtualNetworkAddressSpace: string | null;
  privateEndpointSubnetPrefix: string | null;
}

/**
 * The record. Fields after budgetStartMonth came with issue 25: a stack deployed before has none of them, and each
 * one missing is simply not checked (its resources exist with the values the config still has).
 */
export interface CreateOnlyValues extends Partial<ConfiguredCreateOnly> {
  keyVaultSoftDeleteRetentionDays: number;
  budgetStartMonth: string;
  customSubDomainName?: string;
  vaultName?: string;
}

const recordSchema = z.object({
  keyVaultSoftDeleteRetentionDays: z.number().int(),
  budgetStartMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  team: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  accountKind: z.enum(["AIServices", "OpenAI"]).optional(),
  virtualNetworkAddressSpace: z.string().min(1).nullable().optional(),
  privateEndpointSubnetPrefix: z.string().min(1).nullable().optional(),
  customSubDomainName: z.string().min(1).optional(),
  vaultName: z.string().min(1).optional(),
});

/** What the last successful update deployed, or null (first deployment, or a stack from before the record). */
export function readCreateOnlyValues(output: unknown): CreateOnlyValues | null {
  const parsed = recordSchema.safeParse(output);
  if (!parsed.success) return null;
  const record: CreateOnlyValues = {
    keyVaultSoftDeleteRetentionDays: parsed.data.keyVaultSoftDeleteRetentionDays,
    budgetStartMonth: parsed.data.budgetStartMonth,
  };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  }
  return record;
}

/**
 * A record from before issue 25 completed with what the stack's older outputs already tell: the team (from the
 * resource group's name, rg-codex-<team>) and the vault's name, so a rename is refused on those stacks too.
 */
export function withDeployedNames(
  recorded: CreateOnlyValues | null,
  outputs: { resourceGroupName: unknown; vaultName: unknown },
): CreateOnlyValues | null {
  if (recorded === null) return null;
  const team =
    typeof outputs.resourceGroupName === "string" ? /^rg-codex-(.+)$/.exec(outputs.resourceGroupName)?.[1] : undefined;
  const vault = typeof outputs.vaultName === "string" && outputs.vaultName !== "" ? outputs.vaultName : undefined;
  return {
    ...(team === undefined ? {} : { team }),
    ...(vault === undefined ? {} : { vaultName: vault }),
    ...recorded,
  };
}

/** The create-only values the config decides. */
export function configuredCreateOnly(config: TeamConfig): ConfiguredCreateOnly {
  const created = config.networking.mode === "create" ? config.networking : null;
  return {
    team: config.team,
    location: config.location,
    accountKind: config.account.kind,
    virtualNetworkAddressSpace: created?.addressSpace ?? null,
    privateEndpointSubnetPrefix: created === null ? null : privateEndpointSubnetPrefix(created),
  };
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

function locationProblem(configured: string, recorded: string | undefined): ConfigProblem | undefined {
  if (recorded === undefined || recorded === configured) return undefined;
  return {
    path: "location",
    message:
      `is ${configured}, but the team's resources were created in ${recorded}: azure-native replaces the resource ` +
      `group, the account and the vault for a new location (deleting the group deletes everything in it, and the ` +
      `account and vault names stay soft-deleted); set location: ${recorded}. To move the team to ${configured}, ` +
      `offboard and recreate it (${RECREATE_RUNBOOK}).`,
  };
}

function suffixOf(name: string): string {
  return name.slice(-UNIQUE_SUFFIX_LENGTH);
}

/** The deployed names a changed team would replace, "old -> new" each (the suffix stays in state). */
function renamed(recorded: CreateOnlyValues, team: string): string[] {
  const before = recorded.team === undefined ? undefined : teamNames(recorded.team);
  const after = teamNames(team);
  const names: string[] = [];
  if (before !== undefined) {
    names.push(`resource group ${before.resourceGroup} -> ${after.resourceGroup}`);
    names.push(`account ${before.account} -> ${after.account}`);
  }
  if (recorded.customSubDomainName !== undefined) {
    const next = customSubdomain(team, suffixOf(recorded.customSubDomainName));
    names.push(`subdomain ${recorded.customSubDomainName} -> ${next}`);
  }
  if (recorded.vaultName !== undefined) {
    names.push(`vault ${recorded.vaultName} -> ${vaultName(team, suffixOf(recorded.vaultName))}`);
  }
  return names;
}

function teamProblem(configured: string, recorded: CreateOnlyValues): ConfigProblem | undefined {
  if (recorded.team === undefined || recorded.team === configured) return undefined;
  return {
    path: "team",
    message:
      `is ${configured}, but the stack was deployed as team ${recorded.team}, and every resource name derives from ` +
      `it (${renamed(recorded, configured).join(", ")}): a new name replaces the resource group with everything ` +
      `in it, and Azure refuses a new subdomain on the account; set team: ${recorded.team}. For a team of another ` +
      `name, offboard and recreate it (${RECREATE_RUNBOOK}).`,
  };
}

function kindProblem(configured: string, recorded: string | undefined): ConfigProblem | undefined {
  if (recorded === undefined || recorded === configured) return undefined;
  return {
    path: "account.kind",
    message:
      `is ${configured}, but the team's account was created as ${recorded} and the stack does not change an ` +
      `account's kind in place (Azure refuses it, or converts the account outside the stack); set account.kind: ` +
      `${recorded}. For an account of kind ${configured}, offboard and recreate the team (${RECREATE_RUNBOOK}).`,
  };
}

function networkProblems(configured: ConfiguredCreateOnly, recorded: CreateOnlyValues): ConfigProblem[] {
  const subnet = recorded.privateEndpointSubnetPrefix;
  if (subnet === undefined) return [];
  const space = configured.virtualNetworkAddressSpace;
  if (subnet === null || space === null || configured.privateEndpointSubnetPrefix === null) {
    if ((subnet === null) === (space === null)) return [];
    const [was, now] = subnet === null ? ["existing", "create"] : ["create", "existing"];
    return [
      {
        path: "networking.mode",
        message:
          `is ${now}, but the stack was deployed with mode ${was} and its private endpoints are in ` +
          `${subnet === null ? "the hub's subnet" : `its own VNet's subnet ${subnet}`}: Azure moves no private ` +
          `endpoint to another subnet and deletes no subnet with endpoints in it; set networking.mode: ${was} as ` +
          `deployed. To move the team's endpoints, offboard and recreate it (${RECREATE_RUNBOOK}).`,
      },
    ];
  }
  const problems: ConfigProblem[] = [];
  if (configured.privateEndpointSubnetPrefix !== subnet) {
    problems.push({
      path: "networking.privateEndpointSubnet",
      message:
        `is ${configured.privateEndpointSubnetPrefix}, but the private-endpoint subnet was created as ${subnet} and ` +
        `Azure refuses a new prefix for a subnet with endpoints in it (InUseSubnetCannotBeUpdated); set ` +
        `networking.privateEndpointSubnet: ${subnet}.`,
    });
  }
  if (!cidrContains(space, subnet)) {
    problems.push({
      path: "networking.addressSpace",
      message:
        `is ${space}, which leaves out the deployed private-endpoint subnet ${subnet}, and Azure refuses an ` +
        `address space without a subnet in use; keep an address space that contains ${subnet} (the deployed one is ` +
        `${recorded.virtualNetworkAddressSpace ?? "unknown"}). To renumber the network, offboard and recreate the ` +
        `team (${RECREATE_RUNBOOK}).`,
    });
  }
  return problems;
}

/**
 * Every create-only value the config changes on a deployed stack (the table's `record` guard), with the key, both
 * values and what to do instead; none for a first deployment or a record from before a value was recorded.
 */
export function createOnlyProblems(
  configured: ConfiguredCreateOnly,
  retentionDays: number,
  recorded: CreateOnlyValues | null,
): ConfigProblem[] {
  if (recorded === null) return [];
  return [
    teamProblem(configured.team, recorded),
    locationProblem(configured.location, recorded.location),
    kindProblem(configured.accountKind, recorded.accountKind),
    retentionProblem(retentionDays, recorded),
    ...networkProblems(configured, recorded),
  ].filter((p): p is ConfigProblem => p !== undefined);
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
