import ipaddr from "ipaddr.js";
import { dataBoundaryProblems, dataZoneOf } from "./dataZones";
import { naturalSort } from "./naturalOrder";
import { DEPLOYER_SUBSCRIPTION } from "./facts";
import { ACCOUNTS_PER_SUBSCRIPTION, DEPLOYMENTS_PER_ACCOUNT, type Pool, poolScopeKind } from "./quotas";
import { RETIREMENT_SOURCE, type RetirementLookup } from "./retirements";
import { daysUntil, utcDay } from "../days";
import { RETIREMENT_FAIL_DAYS } from "../models/lifecycle";
import { MODEL_CATALOG, type ModelCatalog } from "../models/modelCatalog";
import { successorText, upgradeCommand } from "../models/retirementNotice";
import type { FleetProblem, StackFacts } from "./types";

/** Within this many days a retiring model is named in the report (advisory). */
export const RETIREMENT_NOTICE_DAYS = 120;
/**
 * Within this many days (or past) `pulumi up` refuses adding or changing to the version (lib/models/retirementGate.ts).
 * The fleet only names it: it cannot see what each stack deployed, and one left as deployed must keep deploying.
 */
export const RETIREMENT_BLOCK_DAYS = RETIREMENT_FAIL_DAYS;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}

const names = (stacks: readonly StackFacts[]) => naturalSort(new Set(stacks.map((s) => s.stack)));

export function quotaProblems(pools: readonly Pool[]): FleetProblem[] {
  return pools.flatMap((pool): FleetProblem[] => {
    const where = `${pool.model} ${pool.sku} in subscription ${pool.subscription} (pool: ${pool.scope})`;
    if (pool.quota === null) {
      return [
        {
          rule: "quota-unknown",
          enforcement: "advisory",
          message: `no quota known for ${where}; ${pool.capacity} planned`,
          stacks: naturalSort(pool.stacks),
          fix:
            pool.subscription === DEPLOYER_SUBSCRIPTION
              ? `set the quota in fleet.yaml (defaults.${pool.model}.${pool.sku}), or name the subscription (azure-native:subscriptionId or fleet.yaml defaultSubscription) and set subscriptions.<id>.quotas.${pool.model}.${pool.sku}, from the Azure portal's Quotas page`
              : `set the subscription's quota in fleet.yaml (subscriptions.${pool.subscription}.quotas.${pool.model}.${pool.sku}) from the Azure portal's Quotas page`,
        },
      ];
    }
    if (pool.capacity <= pool.quota) return [];
    const byTeam = pool.use.map((u) => `${u.stack} ${u.capacity}`).join(", ");
    return [
      {
        rule: "quota-overflow",
        enforcement: "mandatory",
        message: `${where} needs ${pool.capacity} (${byTeam}) but the quota is ${pool.quota} (${pool.quotaSource ?? ""}); the deployment that crosses it fails at pulumi up`,
        stacks: naturalSort(pool.stacks),
        fix: "lower sku.capacity, move teams to another subscription (or, for DataZone/Standard, another zone or region), or raise the quota and record it in fleet.yaml",
      },
    ];
  });
}

export function dataZoneProblems(stacks: readonly StackFacts[]): FleetProblem[] {
  return stacks.flatMap((s) =>
    s.deployments
      .filter((d) => poolScopeKind(d.sku) === "dataZone" && dataZoneOf(s.region) === undefined)
      .map((d) => ({
        rule: "data-zone-unknown",
        enforcement: "mandatory" as const,
        message: `${s.stack}: deployment ${d.name} is ${d.sku} in ${s.region}, a region with no known data zone, so its quota pool is unknown`,
        stacks: [s.stack],
        fix: "use a region that offers DataZone deployments (lib/fleet/dataZones.ts lists them) or another SKU",
      })),
  );
}

export function accountProblems(stacks: readonly StackFacts[]): FleetProblem[] {
  const problems: FleetProblem[] = [];
  for (const [subscription, group] of groupBy(stacks, (s) => s.subscription)) {
    const accounts = group.reduce((sum, s) => sum + s.accounts.length, 0);
    if (accounts > ACCOUNTS_PER_SUBSCRIPTION) {
      problems.push({
        rule: "accounts-per-subscription",
        enforcement: "mandatory",
        message: `subscription ${subscription} would hold ${accounts} Azure OpenAI / AI Services accounts; the limit is ${ACCOUNTS_PER_SUBSCRIPTION}`,
        stacks: names(group),
        fix: "move teams to another subscription: set azure-native:subscriptionId in their Pulumi.<stack>.yaml (docs/fleet.md)",
      });
    }
  }
  for (const s of stacks) {
    for (const [account, deployments] of groupBy(s.deployments, (d) => d.account)) {
      if (deployments.length > DEPLOYMENTS_PER_ACCOUNT) {
        problems.push({
          rule: "deployments-per-account",
          enforcement: "mandatory",
          message: `${s.stack}: account ${account} would hold ${deployments.length} deployments; the limit is ${DEPLOYMENTS_PER_ACCOUNT}`,
          stacks: [s.stack],
          fix: "remove deployments from codex-boundary:models",
        });
      }
    }
  }
  return problems;
}

export function duplicateProblems(stacks: readonly StackFacts[]): FleetProblem[] {
  const problems: FleetProblem[] = [];
  for (const [team, group] of groupBy(stacks, (s) => s.team)) {
    if (group.length > 1) {
      problems.push({
        rule: "duplicate-team",
        enforcement: "mandatory",
        message: `team '${team}' is used by ${group.length} stacks; every resource name derives from it, so they collide`,
        stacks: names(group),
        fix: "give each stack its own codex-boundary:team",
      });
    }
  }
  // Stryker disable next-line MethodExpression: upper or lower case, the same names group together
  const claims = stacks.flatMap((s) =>
    s.generatedNames.map((n) => ({ stack: s, key: JSON.stringify([n.scope, n.type, n.name.toLowerCase()]), n })),
  );
  for (const group of groupBy(claims, (c) => c.key).values()) {
    const owners = names(group.map((c) => c.stack));
    const first = group[0];
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: two teams imply two owners, and a group is never empty
    if (owners.length > 1 && first !== undefined && new Set(group.map((c) => c.stack.team)).size > 1) {
      problems.push({
        rule: "duplicate-name",
        enforcement: "mandatory",
        message: `${first.n.type} '${first.n.name}' in ${first.n.scope} is planned by ${owners.join(", ")}`,
        stacks: owners,
        fix: "rename a team so the generated names differ",
      });
    }
  }
  const repos = stacks.flatMap((s) => s.repositories.map((repo) => ({ stack: s, repo })));
  for (const [repo, group] of groupBy(repos, (r) => r.repo.toLowerCase())) {
    const owners = names(group.map((r) => r.stack));
    if (owners.length > 1) {
      problems.push({
        rule: "repository-claimed-twice",
        enforcement: "mandatory",
        message: `repository ${repo} is listed by ${owners.join(", ")}; each would overwrite the other's Codex secret and variables`,
        stacks: owners,
        fix: "list each repository in exactly one stack's codex-boundary:github.repositories",
      });
    }
  }
  return problems;
}

function cidrRange(cidr: string): [bigint, bigint] | undefined {
  if (!ipaddr.isValidCIDR(cidr)) return undefined;
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  const bytes = address.toByteArray();
  const bits = bytes.length * 8;
  const value = bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  const size = 1n << BigInt(bits - prefix);
  const start = value - (value % size);
  return [start, start + size - 1n];
}

/** True when two CIDR blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const ra = cidrRange(a);
  const rb = cidrRange(b);
  if (ra === undefined || rb === undefined) return false;
  if (a.includes(":") !== b.includes(":")) return false;
  return ra[0] <= rb[1] && rb[0] <= ra[1];
}

export function addressSpaceProblems(stacks: readonly StackFacts[]): FleetProblem[] {
  const spaces = stacks.flatMap((s) => s.addressSpaces.map((cidr) => ({ stack: s.stack, cidr })));
  const problems: FleetProblem[] = [];
  // Stryker disable next-line EqualityOperator: the extra index reads undefined, which the guard below skips
  for (let i = 0; i < spaces.length; i++) {
    // Stryker disable next-line EqualityOperator: the extra index reads undefined, which the guard below skips
    for (let j = i + 1; j < spaces.length; j++) {
      const a = spaces[i];
      const b = spaces[j];
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a type guard: inside the loop bounds a and b are always defined
      if (a === undefined || b === undefined || a.stack === b.stack || !cidrsOverlap(a.cidr, b.cidr)) continue;
      problems.push({
        rule: "address-space-overlap",
        enforcement: "mandatory",
        message: `${a.stack} creates ${a.cidr} and ${b.stack} creates ${b.cidr}: overlapping virtual networks cannot be peered later`,
        stacks: naturalSort([a.stack, b.stack]),
        fix: "give each team its own address space (codex-boundary:networking.addressSpace); npm run new-team picks a free one",
      });
    }
  }
  return problems;
}

function ago(days: number): string {
  if (days === 0) return "today";
  return days < 0 ? `${-days} day${days === -1 ? "" : "s"} ago` : `in ${days} day${days === 1 ? "" : "s"}`;
}

/** The successor per region and SKU the version is deployed as (one line when every use is alike). */
function successors(
  model: string,
  version: string,
  places: ReadonlyArray<{ region: string; sku: string }>,
  nowMs: number,
  catalog: ModelCatalog,
): string {
  const unique = [...new Map(places.map((p) => [`${p.sku} ${p.region}`, p])).values()].sort((a, b) =>
    `${a.sku} ${a.region}`.localeCompare(`${b.sku} ${b.region}`),
  );
  const texts = unique.map((p) => ({
    p,
    text: successorText({ model, version, sku: p.sku }, p.region, nowMs, catalog),
  }));
  if (unique.length === 1) return `successor: ${texts[0]?.text ?? ""}`;
  return `successors: ${texts.map(({ p, text }) => `as ${p.sku} in ${p.region}: ${text}`).join("; ")}`;
}

export function retirementProblems(
  stacks: readonly StackFacts[],
  retirementDate: RetirementLookup,
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): FleetProblem[] {
  const uses = stacks.flatMap((s) =>
    s.deployments.map((d) => ({ stack: s.stack, region: s.region, model: d.model, version: d.version, sku: d.sku })),
  );
  const problems: FleetProblem[] = [];
  for (const group of groupBy(uses, (u) => `${u.model}@${u.version}`).values()) {
    const first = group[0];
    // Stryker disable next-line ConditionalExpression: groupBy never yields an empty group
    if (first === undefined) continue;
    const date = retirementDate(first.model, first.version);
    if (date === undefined) continue;
    const when = utcDay(date.getTime());
    const days = daysUntil(when, nowMs);
    if (days > RETIREMENT_NOTICE_DAYS) continue;
    const owners = naturalSort(new Set(group.map((u) => u.stack)));
    const refused =
      days <= RETIREMENT_BLOCK_DAYS
        ? `; pulumi up now refuses adding or changing to it, and leaves deployments of it as they are`
        : "";
    problems.push({
      rule: "model-retiring",
      enforcement: "advisory",
      message: `${first.model} ${first.version} ${days <= 0 ? "retired" : "retires"} on ${when} (${ago(days)}; ${RETIREMENT_SOURCE}); from then it answers 410 Gone; ${successors(first.model, first.version, group, nowMs, catalog)}${refused}`,
      stacks: owners,
      fix: `move these teams to the successor before the date: ${owners.map(upgradeCommand).join(", ")}`,
    });
  }
  return problems;
}

export function stackPolicyProblems(stacks: readonly StackFacts[]): FleetProblem[] {
  return stacks.flatMap((s) =>
    s.mandatoryFailures.map((f) => ({
      rule: "stack-policy",
      enforcement: "mandatory" as const,
      policy: f.policy,
      message: `${s.stack}: mandatory policy ${f.policy} fails${f.messages.length > 0 ? `: ${f.messages.join("; ")}` : ""}`,
      stacks: [s.stack],
      fix: `run npm run plan -- --stack ${s.stack} for the compliance report and its fix`,
    })),
  );
}

/** Every fleet rule over the planned stacks and their pools, in a stable order. */
export function fleetProblems(
  stacks: readonly StackFacts[],
  pools: readonly Pool[],
  retirementDate: RetirementLookup,
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): FleetProblem[] {
  return [
    ...stackPolicyProblems(stacks),
    ...quotaProblems(pools),
    ...dataZoneProblems(stacks),
    ...dataBoundaryProblems(stacks),
    ...accountProblems(stacks),
    ...duplicateProblems(stacks),
    ...addressSpaceProblems(stacks),
    ...retirementProblems(stacks, retirementDate, nowMs, catalog),
  ];
}
