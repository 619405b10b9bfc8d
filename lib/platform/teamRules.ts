import { DEFAULT_RUNNER_LABELS, existingNetworkingSchema, repositorySchema, teamConfigSchema } from "../config/schema";
import type { ConfigProblem } from "../config/problem";
import { isCalendarDate } from "../config/dates";
import { exemptionExpiryProblem } from "../config/exemption";
import { geographyProblems } from "../config/geography";
import { editDistance } from "../editDistance";
import { PROJECT_NAME } from "../names";
import { GITHUB_OWNER_PATTERN, GUID_PATTERN } from "../config/patterns";
import { PLATFORM_FILE_NAME, type PlatformConfig } from "./schema";
import { isRecord } from "../isRecord";

/**
 * The platform tier: what a team's stack file may choose is bounded by platform.yaml. Each problem names the key, the
 * value and the platform setting it must lie within. Works on the raw config (before or beside the schema), so a
 * value of the wrong type is left to the schema's own problem.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const fold = (text: string) => text.toLowerCase();
/** A value the schema refuses gets the schema's problem only. */
const valid = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;
const quote = (value: unknown) => JSON.stringify(value);
const listed = (values: readonly string[]) => `[${values.join(", ")}]`;
const setting = (path: string, values?: readonly string[]) =>
  `${PLATFORM_FILE_NAME} ${path}${values === undefined ? "" : ` ${listed(values)}`}`;
const FIX = `a platform pull request must change ${PLATFORM_FILE_NAME} first (docs/platform.md)`;

function includesFolded(values: readonly string[], value: string): boolean {
  return values.some((v) => fold(v) === fold(value));
}

/** `<owner>/<name>` case-folded: how the platform compares repositories (one GitHub host per platform). */
export function repositoryKey(owner: string, name: string): string {
  return fold(`${owner}/${name}`);
}

/** The vnet ID of a subnet ID (everything before /subnets/), or undefined. */
function vnetOfSubnet(subnetId: string): string | undefined {
  const match = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId);
  return match?.[1];
}

function teamProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const team = raw.team;
  if (!valid(teamConfigSchema.shape.team, team) || platform.teams[String(team)] !== undefined) return [];
  return [
    {
      path: "team",
      message: `${quote(team)} is not admitted: ${setting("teams", Object.keys(platform.teams))} has no entry for it; ${FIX}, then the team's stack file`,
    },
  ];
}

function githubProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const github = raw.github;
  if (!isRecord(github)) return [];
  const problems: ConfigProblem[] = [];
  if (github.baseUrl !== undefined) {
    problems.push({
      path: "github.baseUrl",
      message: `is not set in a stack file (got ${quote(github.baseUrl)}): the GitHub host of every team is ${setting("github.host")} (${platform.github.host}); remove the key`,
    });
  }
  const owner = github.owner;
  if (
    typeof owner === "string" &&
    GITHUB_OWNER_PATTERN.test(owner) &&
    !includesFolded(platform.github.organizations, owner)
  ) {
    problems.push({
      path: "github.owner",
      message: `${quote(owner)} is not in ${setting("github.organizations", platform.github.organizations)}`,
    });
  }
  const team = typeof raw.team === "string" ? platform.teams[raw.team] : undefined;
  const repositories = Array.isArray(github.repositories) ? github.repositories : [];
  if (typeof owner !== "string" || !GITHUB_OWNER_PATTERN.test(owner) || team === undefined) return problems;
  repositories.forEach((repo, i) => {
    const name = isRecord(repo) ? repo.name : undefined;
    if (typeof name !== "string" || !valid(repositorySchema.in.shape.name, name)) return;
    const full = `${owner}/${name}`;
    const path = `github.repositories[${i}].name`;
    if (repositoryKey(owner, name) === fold(platform.github.platformRepository)) {
      problems.push({
        path,
        message: `${quote(full)} is ${setting("github.platformRepository")}: no team may claim the platform's own repository`,
      });
    } else if (!team.repositories.some((r) => fold(r) === repositoryKey(owner, name))) {
      problems.push({
        path,
        message: `${quote(full)} is not in ${setting(`teams.${String(raw.team)}.repositories`, team.repositories)}; ${FIX}`,
      });
    }
  });
  return problems;
}

function namespaceOf(key: string): string {
  return key.split(":", 1)[0] ?? key;
}

/** `codexboundary:`, `codex_boundary:`, `Codex-Boundary:`: a misspelt project namespace, not a provider's. */
function isNamespaceTypo(namespace: string): boolean {
  return namespace !== PROJECT_NAME && editDistance(namespace.toLowerCase(), PROJECT_NAME) <= 2;
}

/** One problem per misspelt namespace, naming its keys, instead of one "not allowed" line per key. */
function namespaceTypoProblems(providerKeys: Record<string, unknown>): ConfigProblem[] {
  const byNamespace = new Map<string, string[]>();
  for (const key of Object.keys(providerKeys)) {
    const namespace = namespaceOf(key);
    if (!isNamespaceTypo(namespace)) continue;
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), key.slice(namespace.length + 1)]);
  }
  return [...byNamespace].map(([namespace, keys]) => ({
    path: `${namespace}:*`,
    message: `is not this project's namespace (${keys.length} key${keys.length === 1 ? "" : "s"}: ${keys.join(", ")}), so none of them is read: did you mean ${PROJECT_NAME}:? Rename each key to ${PROJECT_NAME}:<key>`,
  }));
}

function providerKeyProblems(
  raw: Record<string, unknown>,
  providerKeys: Record<string, unknown>,
  platform: PlatformConfig,
): ConfigProblem[] {
  const allowed: readonly string[] = platform.stackFiles.providerKeys;
  const problems: ConfigProblem[] = [...namespaceTypoProblems(providerKeys)];
  for (const [key, value] of Object.entries(providerKeys)) {
    if (key.startsWith(`${PROJECT_NAME}:`) || isNamespaceTypo(namespaceOf(key))) continue;
    if (!allowed.includes(key)) {
      problems.push({
        path: key,
        message: `is not allowed in a stack file (got ${quote(value)}): only ${setting("stackFiles.providerKeys", allowed)} may be set; a provider setting can move an endpoint or a token, so the platform sets it`,
      });
      continue;
    }
    if (key !== "azure-native:subscriptionId" || typeof value !== "string") continue;
    if (!GUID_PATTERN.test(value)) {
      problems.push({ path: key, message: `must be a subscription ID (a GUID) (got ${quote(value)})` });
      continue;
    }
    const boundary = typeof raw.dataBoundary === "string" ? raw.dataBoundary : undefined;
    const target = boundary === undefined ? undefined : boundaryTarget(platform, boundary);
    if (target !== undefined && !includesFolded(target.subscriptionIds, value)) {
      problems.push({
        path: key,
        message: `${quote(value)} is not in ${setting(`azure.dataBoundaries.${String(boundary)}.subscriptionIds`, target.subscriptionIds)}`,
      });
    }
  }
  return problems;
}

function boundaryTarget(platform: PlatformConfig, boundary: string) {
  const targets = platform.azure.dataBoundaries as Record<string, PlatformConfig["azure"]["dataBoundaries"]["eu"]>;
  return Object.hasOwn(targets, boundary) ? targets[boundary] : undefined;
}

function boundaryProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const boundary = raw.dataBoundary;
  if (typeof boundary !== "string" || !valid(teamConfigSchema.shape.dataBoundary, boundary)) return [];
  const target = boundaryTarget(platform, boundary);
  if (target === undefined) {
    const offered = Object.entries(platform.azure.dataBoundaries)
      .filter(([, t]) => t !== undefined)
      .map(([name]) => name);
    return [
      {
        path: "dataBoundary",
        message: `${quote(boundary)} is not offered: ${setting("azure.dataBoundaries", offered)} has no entry for it; ${FIX}`,
      },
    ];
  }
  const location = raw.location;
  if (typeof location !== "string" || !valid(teamConfigSchema.shape.location, location)) return [];
  // An unknown region, or one outside the boundary's geography, has that problem only (lib/config/geography.ts).
  if (geographyProblems(raw).length > 0) return [];
  if (target.regions.includes(fold(location))) return [];
  return [
    {
      path: "location",
      message: `${quote(location)} is not in ${setting(`azure.dataBoundaries.${boundary}.regions`, target.regions)}`,
    },
  ];
}

function centralDnsProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const networking = raw.networking;
  if (!platform.azure.centralPrivateDns || !isRecord(networking) || networking.mode !== "create") return [];
  const hubs = platform.azure.hubs.map((h) => h.name);
  return [
    {
      path: "networking.mode",
      message: `"create" is refused: ${setting("azure.centralPrivateDns")} is true, so private endpoints resolve through the hub's private DNS zones and a spoke may not create its own (landing zones deny them: ALZ Deny-Private-DNS-Zones); set networking.mode: existing with a subnet of a hub virtual network and that hub's privateDnsZoneIds (${setting("azure.hubs", hubs)}, docs/platform.md)`,
    },
  ];
}

function networkingProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const networking = raw.networking;
  if (!isRecord(networking) || networking.mode !== "existing" || typeof networking.subnetId !== "string") return [];
  if (!valid(existingNetworkingSchema.shape.subnetId, networking.subnetId)) return [];
  const vnet = vnetOfSubnet(networking.subnetId);
  const hub =
    vnet === undefined ? undefined : platform.azure.hubs.find((h) => includesFolded(h.virtualNetworkIds, vnet));
  if (hub === undefined) {
    const vnets = platform.azure.hubs.flatMap((h) => h.virtualNetworkIds);
    return [
      {
        path: "networking.subnetId",
        message: `${quote(networking.subnetId)} is not in a virtual network of ${setting("azure.hubs[].virtualNetworkIds", vnets)}`,
      },
    ];
  }
  const zones = isRecord(networking.privateDnsZoneIds) ? networking.privateDnsZoneIds : {};
  const problems: ConfigProblem[] = [];
  for (const [key, expected] of Object.entries(hub.privateDnsZoneIds)) {
    const got = zones[key];
    const zoneSchema =
      existingNetworkingSchema.shape.privateDnsZoneIds.shape[key as keyof typeof hub.privateDnsZoneIds];
    if (!valid(zoneSchema, got) || fold(String(got)) === fold(expected)) continue;
    problems.push({
      path: `networking.privateDnsZoneIds.${key}`,
      message: `${quote(got)} is not the zone of the subnet's hub: ${setting(`azure.hubs[${hub.name}].privateDnsZoneIds.${key}`)} is ${expected}`,
    });
  }
  return problems;
}

function auditProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const workspaceId = isRecord(raw.audit) ? raw.audit.workspaceId : undefined;
  if (typeof workspaceId !== "string" || includesFolded(platform.azure.auditWorkspaceIds, workspaceId)) return [];
  return [
    {
      path: "audit.workspaceId",
      message: `${quote(workspaceId)} is not in ${setting("azure.auditWorkspaceIds", platform.azure.auditWorkspaceIds)}`,
    },
  ];
}

/** The last day (YYYY-MM-DD, UTC) an exemption may run to: maxDays after the day of nowMs. */
export function latestPlatformExpiry(nowMs: number, maxDays: number): string {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return new Date(today + maxDays * DAY_MS).toISOString().slice(0, 10);
}

function exemptionProblems(raw: Record<string, unknown>, platform: PlatformConfig, nowMs: number): ConfigProblem[] {
  const exemption = isRecord(raw.policy) ? raw.policy.keyAuthExemption : undefined;
  if (!isRecord(exemption)) return [];
  const allowed = platform.policy.keyAuthExemption;
  if (allowed === undefined) {
    return [
      {
        path: "policy.keyAuthExemption",
        message: `is not offered: ${setting("policy.keyAuthExemption")} is not set, so no team may take a key-auth exemption; remove it (or use auth.mode entra)`,
      },
    ];
  }
  const problems: ConfigProblem[] = [];
  const base = "policy.keyAuthExemption";
  const assignment = exemption.policyAssignmentId;
  if (typeof assignment === "string" && fold(assignment) !== fold(allowed.policyAssignmentId)) {
    problems.push({
      path: `${base}.policyAssignmentId`,
      message: `${quote(assignment)} is not ${setting("policy.keyAuthExemption.policyAssignmentId")} (${allowed.policyAssignmentId}): the exemption may only waive that assignment`,
    });
  }
  const allowedRefs = allowed.policyDefinitionReferenceIds;
  const refs = exemption.policyDefinitionReferenceIds;
  if (allowedRefs !== undefined) {
    const refSetting = setting("policy.keyAuthExemption.policyDefinitionReferenceIds", allowedRefs);
    if (refs === undefined) {
      problems.push({
        path: `${base}.policyDefinitionReferenceIds`,
        message: `is required: the assignment is an initiative, and without reference IDs the whole initiative is waived; name some of ${refSetting}`,
      });
    } else if (Array.isArray(refs)) {
      refs.forEach((ref, i) => {
        if (typeof ref === "string" && !allowedRefs.includes(ref)) {
          problems.push({
            path: `${base}.policyDefinitionReferenceIds[${i}]`,
            message: `${quote(ref)} is not in ${refSetting}`,
          });
        }
      });
    }
  }
  const expiresOn = exemption.expiresOn;
  const latest = latestPlatformExpiry(nowMs, allowed.maxDays);
  // Within the schema's own limit (12 months, lib/config/exemption.ts): beyond it, that problem is the one to read.
  const judged =
    typeof expiresOn === "string" && isCalendarDate(expiresOn) && !exemptionExpiryProblem(expiresOn, nowMs);
  if (judged && expiresOn > latest) {
    problems.push({
      path: `${base}.expiresOn`,
      message: `${quote(expiresOn)} is later than ${setting("policy.keyAuthExemption.maxDays")} (${allowed.maxDays} days from today: ${latest} at the latest)`,
    });
  }
  return problems;
}

function runnerProblems(raw: Record<string, unknown>, platform: PlatformConfig): ConfigProblem[] {
  const labels = isRecord(raw.codex) && raw.codex.runnerLabels !== undefined ? raw.codex.runnerLabels : undefined;
  const effective: unknown[] = labels === undefined ? [...DEFAULT_RUNNER_LABELS] : Array.isArray(labels) ? labels : [];
  if ((!Array.isArray(labels) && labels !== undefined) || effective.length === 0) return [];
  const dedicated = platform.github.runnerLabels;
  if (effective.some((label) => typeof label === "string" && includesFolded(dedicated, label))) return [];
  return [
    {
      path: "codex.runnerLabels",
      message: `${quote(effective)}${labels === undefined ? " (the default)" : ""} carries none of ${setting("github.runnerLabels", dedicated)}: the Codex job (and its key) must run on the platform's dedicated runners; add one of them`,
    },
  ];
}

/**
 * Every way a team's stack file steps outside platform.yaml. `raw` is the team's `codex-boundary:` keys (without the
 * prefix), `providerKeys` the stack file's other keys, as written (`azure-native:location` -> value).
 */
export function platformProblems(
  raw: Record<string, unknown>,
  providerKeys: Record<string, unknown>,
  platform: PlatformConfig,
  nowMs: number,
): ConfigProblem[] {
  return [
    ...teamProblems(raw, platform),
    ...boundaryProblems(raw, platform),
    ...providerKeyProblems(raw, providerKeys, platform),
    ...githubProblems(raw, platform),
    ...runnerProblems(raw, platform),
    ...centralDnsProblems(raw, platform),
    ...networkingProblems(raw, platform),
    ...auditProblems(raw, platform),
    ...exemptionProblems(raw, platform, nowMs),
  ];
}

/**
 * At deployment: the subscription the run signs in to (getClientConfig) must be one the team's data boundary may use.
 * The stack file cannot name it when azure-native:subscriptionId is not allowed, so this is checked on the identity.
 */
export function deploySubscriptionProblem(
  subscriptionId: string,
  dataBoundary: string,
  platform: PlatformConfig,
): ConfigProblem | undefined {
  const target = boundaryTarget(platform, dataBoundary);
  const allowed = target?.subscriptionIds ?? [];
  if (includesFolded(allowed, subscriptionId)) return undefined;
  return {
    path: "dataBoundary",
    message:
      `the run deploys into subscription ${subscriptionId}, which is not in ` +
      `${setting(`azure.dataBoundaries.${dataBoundary}.subscriptionIds`, allowed)}: sign in to one of those ` +
      `(az account set --subscription <id>, or the CI identity's ARM_SUBSCRIPTION_ID), or ${FIX}`,
  };
}
