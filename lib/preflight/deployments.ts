import type { ArmModel } from "../models/armCompare";
import { type PreflightFinding, type Read, readFailure } from "./findings";

/** A model deployment as the stack file declares it (`codex-boundary:models[index]`). */
export interface DeclaredDeployment {
  index: number;
  name: string;
  model: string;
  version: string;
  sku: string;
  capacity: number;
  raiPolicyName?: string | undefined;
}

/** Deployments - List item (cognitiveservices 2025-06-01, Deployment): what the team's account holds today. */
export interface ArmDeployment {
  name?: string;
  sku?: { name?: string; capacity?: number };
  properties?: { model?: { name?: string; version?: string } };
}

/** Usages - List item (cognitiveservices 2025-06-01, Usage): `name.value` is the models' `skus[].usageName`. */
export interface ArmUsage {
  name?: { value?: string; localizedValue?: string };
  limit?: number;
  currentValue?: number;
  unit?: string;
}

/**
 * Content filters every account has without creating them (RaiPolicy `type: SystemManaged`). Microsoft.Default is the
 * `basePolicyName` of the spec's RaiPolicies examples (cognitiveservices 2025-06-01, GetRaiPolicy.json);
 * Microsoft.DefaultV2 is the default Azure AI Foundry shows for current models (not in the spec's examples: unverified
 * here). Any other name must exist as a raiPolicies child of the account, and this stack creates none.
 */
export const BUILT_IN_RAI_POLICIES: readonly string[] = ["Microsoft.Default", "Microsoft.DefaultV2"];

export function isBuiltInRaiPolicy(name: string): boolean {
  return BUILT_IN_RAI_POLICIES.some((b) => b.toLowerCase() === name.toLowerCase());
}

export interface RaiRequest {
  deployments: readonly DeclaredDeployment[];
  accountName: string;
  resourceGroup: string;
  /** Accounts - Get: true when the team's account exists (a later deployment), false on a first one. */
  account: Read<boolean>;
  /** RaiPolicies - Get per custom name asked (only when the account exists): true when found. */
  policies: ReadonlyMap<string, Read<boolean>>;
}

/** The custom policy names worth a GET: not built in, each once. */
export function customRaiPolicyNames(deployments: readonly DeclaredDeployment[]): string[] {
  return [
    ...new Set(
      deployments.flatMap((d) =>
        d.raiPolicyName !== undefined && !isBuiltInRaiPolicy(d.raiPolicyName) ? [d.raiPolicyName] : [],
      ),
    ),
  ];
}

export function raiPolicyFindings(request: RaiRequest): PreflightFinding[] {
  return request.deployments.flatMap((d): PreflightFinding[] => {
    const name = d.raiPolicyName;
    if (name === undefined || isBuiltInRaiPolicy(name)) return [];
    const subject = `codex-boundary:models[${d.index}].raiPolicyName`;
    const builtIns = BUILT_IN_RAI_POLICIES.join(" or ");
    const create = `create it on ${request.accountName} in ${request.resourceGroup} (Foundry portal, or PUT .../accounts/${request.accountName}/raiPolicies/${name})`;
    if (!request.account.ok)
      return [
        {
          check: "rai-policy",
          subject,
          problem: `could not read the account ${request.accountName} (${readFailure(request.account)})`,
          fix: create,
        },
      ];
    if (!request.account.value)
      return [
        {
          check: "rai-policy",
          subject,
          problem: `names the custom RAI policy '${name}', but ${request.accountName} does not exist yet and nothing in this stack creates RAI policies, so the deployment '${d.name}' would fail`,
          fix: `leave raiPolicyName out (or use ${builtIns}) for the first deployment, then ${create} and set it again`,
        },
      ];
    const read = request.policies.get(name);
    if (read !== undefined && read.ok && read.value) return [];
    return [
      {
        check: "rai-policy",
        subject,
        problem:
          read === undefined || read.ok
            ? `the RAI policy '${name}' does not exist on ${request.accountName}; the deployment '${d.name}' would fail`
            : `could not read the RAI policy '${name}' of ${request.accountName} (${readFailure(read)})`,
        fix: `${create}, or use ${builtIns}`,
      },
    ];
  });
}

export interface QuotaRequest {
  deployments: readonly DeclaredDeployment[];
  location: string;
  /** Models - List of the location: gives each (model, version, SKU) its usage name. */
  arm: readonly ArmModel[];
  usages: Read<ArmUsage[]>;
  /** What the team's account already holds (empty on a first deployment): its capacity is in currentValue already. */
  deployed: readonly ArmDeployment[];
}

function usageNameOf(arm: readonly ArmModel[], model: string, version: string, sku: string): string | undefined {
  for (const item of arm) {
    if (item.model?.name !== model || item.model.version !== version) continue;
    const found = item.model.skus?.find((s) => s.name === sku)?.usageName;
    if (found !== undefined && found !== "") return found;
  }
  return undefined;
}

/**
 * Per quota pool (usage name), the capacity the stack file asks for against what is free: limit - currentValue, plus
 * what this stack's own deployments hold today (an unchanged redeploy needs nothing new). A deployment ARM does not
 * offer has no usage name; the model check reports it.
 */
export function quotaFindings(request: QuotaRequest): PreflightFinding[] {
  if (!request.usages.ok)
    return [
      {
        check: "quota",
        subject: `quota in ${request.location}`,
        problem: `could not read the subscription's usages in ${request.location} (${readFailure(request.usages)})`,
        fix: "grant the deployer Reader on the subscription (Microsoft.CognitiveServices/locations/usages/read), then run preflight again",
      },
    ];
  const planned = new Map<string, DeclaredDeployment[]>();
  for (const d of request.deployments) {
    const usage = usageNameOf(request.arm, d.model, d.version, d.sku);
    if (usage !== undefined) planned.set(usage, [...(planned.get(usage) ?? []), d]);
  }
  const held = new Map<string, number>();
  for (const d of request.deployed) {
    const model = d.properties?.model;
    const usage =
      model?.name !== undefined && model.version !== undefined && d.sku?.name !== undefined
        ? usageNameOf(request.arm, model.name, model.version, d.sku.name)
        : undefined;
    if (usage !== undefined) held.set(usage, (held.get(usage) ?? 0) + (d.sku?.capacity ?? 0));
  }
  const usages = request.usages.value;
  return [...planned.entries()].flatMap(([usageName, ds]): PreflightFinding[] => {
    const need = ds.reduce((sum, d) => sum + d.capacity, 0);
    const subject = ds.map((d) => `codex-boundary:models[${d.index}].capacity`).join(", ");
    const names = ds.map((d) => `'${d.name}'`).join(", ");
    const usage = usages.find((u) => u.name?.value?.toLowerCase() === usageName.toLowerCase());
    const fix = `lower the capacity, or request more ${usageName} quota for the subscription (Azure AI Foundry, Quotas)`;
    if (usage === undefined || usage.limit === undefined)
      return [
        {
          check: "quota",
          subject,
          problem: `ARM lists no ${usageName} quota for this subscription in ${request.location}; ${names} need(s) ${need}`,
          fix,
        },
      ];
    const ownHeld = held.get(usageName) ?? 0;
    const free = usage.limit - (usage.currentValue ?? 0) + ownHeld;
    if (need <= free) return [];
    return [
      {
        check: "quota",
        subject,
        problem: `${names} need(s) ${need} of ${usageName} in ${request.location}, but only ${free} is free (limit ${usage.limit}, used ${usage.currentValue ?? 0}${ownHeld > 0 ? `, ${ownHeld} of it by this stack` : ""})`,
        fix,
      },
    ];
  });
}
