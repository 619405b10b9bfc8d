/**
 * Writes a generated fleet of team stacks (Pulumi.team-<n>.yaml) into a folder, for npm run bench and the tests.
 * Each team gets its own name, repository and /24; teams are spread over `subscriptions` subscriptions,
 * at most 25 per subscription, so a default fleet stays within the account limit and the tier-1 quotas.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { GUID_PATTERN, REGION_NAME_PATTERN, TEAM_NAME_PATTERN } from "../../lib/config/patterns";
import { DATA_BOUNDARIES } from "../../lib/config/schema";
import { boundaryRegionProblems } from "../../lib/config/geography";
import { PLATFORM_FILE_NAME, type PlatformConfigInput } from "../../lib/platform/schema";
import { MOCK_DEPLOYER_OBJECT_ID } from "../../tools/plan/mocks";

export interface GeneratedTeam {
  /** Overrides of `codex-boundary:<key>` (whole values) or any full config key. */
  overrides?: Record<string, unknown>;
}

export const TEAMS_PER_SUBSCRIPTION = 25;

/** A subscription ID for the n-th generated subscription (plainly fake). */
export function generatedSubscription(n: number): string {
  return `00000000-0000-4000-8000-${String(n + 1).padStart(12, "0")}`;
}

export function generatedTeamConfig(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const team = `team-${index}`;
  const config: Record<string, unknown> = {
    "azure-native:location": "eastus2",
    "azure-native:subscriptionId": generatedSubscription(Math.floor(index / TEAMS_PER_SUBSCRIPTION)),
    "codex-boundary:team": team,
    "codex-boundary:costCenter": `CC-${1000 + index}`,
    "codex-boundary:location": "eastus2",
    "codex-boundary:dataBoundary": "global",
    "codex-boundary:models": [
      { name: "codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "GlobalStandard", capacity: 20 },
      { name: "gpt-5-mini", model: "gpt-5-mini", version: "2025-08-07", sku: "GlobalStandard", capacity: 20 },
    ],
    "codex-boundary:codex": { defaultModel: "codex", runnerLabels: ["self-hosted", "codex-runner"] },
    "codex-boundary:github": {
      owner: "contoso",
      repositories: [{ name: `${team}-app` }],
      reviewers: { teamIds: [4242] },
    },
    "codex-boundary:access": {
      userGroupIds: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"],
      adminGroupIds: ["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"],
    },
    "codex-boundary:budget": { amount: 500, contactEmails: [`${team}@contoso.com`], startMonth: "2027-01" },
    "codex-boundary:networking": {
      mode: "create",
      addressSpace: `10.${64 + Math.floor(index / 256)}.${index % 256}.0/24`,
      privateEndpointSubnet: `10.${64 + Math.floor(index / 256)}.${index % 256}.0/27`,
    },
    "codex-boundary:tags": { owner: `${team}@contoso.com` },
  };
  for (const [key, value] of Object.entries(overrides))
    config[key.includes(":") ? key : `codex-boundary:${key}`] = value;
  return config;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * A platform.yaml admitting the generated teams as written: their owners, repositories, subscriptions, regions and
 * data boundaries (values the platform schema refuses are left out, so such a team is refused by its stack's plan).
 */
export function generatedPlatformConfig(configs: readonly Record<string, unknown>[]): PlatformConfigInput {
  const teams: NonNullable<PlatformConfigInput["teams"]> = {};
  const boundaries: Record<string, { subscriptionIds: string[]; regions: string[] }> = {};
  const owners: string[] = [];
  for (const config of configs) {
    const github = record(config["codex-boundary:github"]);
    const owner = text(github.owner);
    if (owner !== "") owners.push(owner);
    const repositories = (Array.isArray(github.repositories) ? github.repositories : [])
      .map((repo) => `${owner}/${text(record(repo).name)}`)
      .filter((repo) => /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(repo));
    const team = text(config["codex-boundary:team"]);
    if (TEAM_NAME_PATTERN.test(team)) teams[team] = { owners: [`@contoso/${team}-leads`], repositories };
    const boundary = text(config["codex-boundary:dataBoundary"]);
    if (!(DATA_BOUNDARIES as readonly string[]).includes(boundary)) continue;
    const target = (boundaries[boundary] ??= { subscriptionIds: [], regions: [] });
    const subscription = text(config["azure-native:subscriptionId"]);
    if (GUID_PATTERN.test(subscription)) target.subscriptionIds.push(subscription);
    const region = text(config["codex-boundary:location"]);
    // A region outside the boundary's geography stays out: that team is then refused by its own plan.
    if (REGION_NAME_PATTERN.test(region) && boundaryRegionProblems(boundary, [region]).length === 0)
      target.regions.push(region);
  }
  const dataBoundaries = Object.fromEntries(
    Object.entries(boundaries)
      .filter(([, t]) => t.subscriptionIds.length > 0 && t.regions.length > 0)
      .map(([name, t]) => [name, { subscriptionIds: unique(t.subscriptionIds), regions: unique(t.regions) }]),
  );
  return {
    github: {
      host: "github.com",
      organizations: owners.length > 0 ? unique(owners) : ["contoso"],
      platformRepository: "contoso/codex-boundary",
      runnerLabels: ["codex-runner"],
    },
    // The offline plan's mock identity deploys the generated fleet (tools/plan/mocks.ts), as in platform.yaml.
    azure: { deployer: { objectId: MOCK_DEPLOYER_OBJECT_ID, principalType: "ServicePrincipal" }, dataBoundaries },
    stackFiles: { providerKeys: ["azure-native:location", "azure-native:subscriptionId"] },
    owners: { platform: ["@contoso/platform-team"], security: ["@contoso/security"] },
    teams,
  };
}

/** Writes the platform file of a generated fleet beside its stack files. */
export function writeGeneratedPlatform(dir: string, configs: readonly Record<string, unknown>[]): void {
  writeFileSync(
    join(dir, PLATFORM_FILE_NAME),
    `# Generated by scripts/fleet/generateFleet.ts\n${stringify(generatedPlatformConfig(configs))}`,
  );
}

/** Writes `count` stack files and a platform.yaml admitting them; returns their stack names. */
export function writeGeneratedFleet(dir: string, count: number, teams: Record<number, GeneratedTeam> = {}): string[] {
  const stacks: string[] = [];
  const configs: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const stack = `team-${i}`;
    const config = generatedTeamConfig(i, teams[i]?.overrides);
    writeFileSync(
      join(dir, `Pulumi.${stack}.yaml`),
      `# Generated by scripts/fleet/generateFleet.ts\n${stringify({ config })}`,
    );
    configs.push(config);
    stacks.push(stack);
  }
  writeGeneratedPlatform(dir, configs);
  return stacks;
}
