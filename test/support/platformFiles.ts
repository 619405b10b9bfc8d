import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { parseTeamConfig, type PlatformContext } from "../../lib/config/parse";
import { TEAM_NAME_PATTERN } from "../../lib/config/patterns";
import type { TeamConfig } from "../../lib/config/schema";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { PLATFORM_FILE_NAME, type PlatformConfig, type PlatformConfigInput } from "../../lib/platform/schema";
import { readPlatformFile } from "../../stacks/platformFile";
import { MOCK_DEPLOYER_OBJECT_ID } from "../../tools/plan/mocks";
import { FIXTURES_DIR, PROJECT_DIR } from "./stackFiles";

/** The deployer of the sample platforms: the offline plan's mock identity (tools/plan/mocks.ts), as in platform.yaml. */
const MOCK_DEPLOYER = { objectId: MOCK_DEPLOYER_OBJECT_ID, principalType: "ServicePrincipal" } as const;

/** platform.yaml of the project (the dev estate) and of test/fixtures, parsed. */
export const projectPlatform = (): PlatformConfig => readPlatformFile(PROJECT_DIR);
export const fixturesPlatform = (): PlatformConfig => readPlatformFile(FIXTURES_DIR);

/** Writes a platform file beside the stack files of a temp folder (YAML of the input as given). */
export function writePlatformFile(dir: string, platform: PlatformConfigInput | string): void {
  writeFileSync(join(dir, PLATFORM_FILE_NAME), typeof platform === "string" ? platform : stringify(platform));
}

/** platform.yaml of the project (or of test/fixtures) as written (YAML parsed, not validated), to patch in a test. */
export function projectPlatformInput(dir = PROJECT_DIR): PlatformConfigInput {
  return parse(readFileSync(join(dir, PLATFORM_FILE_NAME), "utf8")) as PlatformConfigInput;
}

/** A platform file's input with another GitHub host, parsed. */
export function onGithubHost(input: PlatformConfigInput, host: string): PlatformConfig {
  return parsePlatformConfig({ ...input, github: { ...input.github, host } });
}

/**
 * A temp folder of stack files (name -> text) with a platform.yaml beside them: the project's unless given; `null`
 * writes none.
 */
export function tempStackDir(
  files: Record<string, string>,
  platform: PlatformConfigInput | string | null = projectPlatformInput(),
  prefix = "cb-stacks-",
): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (platform !== null) writePlatformFile(dir, platform);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * A small valid platform for CLI tests: teams `payments` and `billing` (each may claim contoso/api and contoso/web),
 * every boundary on the offline mock's subscription.
 */
export function samplePlatform(patch: Partial<PlatformConfigInput> = {}): PlatformConfigInput {
  const subscriptionIds = ["00000000-0000-4000-8000-00000000c0de"];
  return {
    github: {
      host: "github.com",
      organizations: ["contoso"],
      platformRepository: "contoso/codex-boundary",
      runnerLabels: ["codex-runner"],
    },
    azure: {
      deployer: MOCK_DEPLOYER,
      dataBoundaries: {
        global: { subscriptionIds, regions: ["eastus2", "swedencentral"] },
        eu: { subscriptionIds, regions: ["swedencentral"] },
        us: { subscriptionIds, regions: ["eastus2"] },
      },
    },
    owners: { platform: ["@contoso/platform-team"], security: ["@contoso/security"] },
    teams: {
      payments: { owners: ["@contoso/payments-leads"], repositories: ["contoso/api", "contoso/web"] },
      billing: { owners: ["@contoso/billing-leads"], repositories: ["contoso/api", "contoso/web"] },
    },
    ...patch,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
const text = (value: unknown) => (typeof value === "string" ? value : "");
const REGION = /^[a-z][a-z0-9]+$/;
const BASE_REGIONS: Record<string, string[]> = {
  global: ["eastus2", "swedencentral"],
  eu: ["swedencentral", "westeurope"],
  us: ["eastus2", "westus3"],
};

/**
 * A platform that admits whatever the config chooses (its team, owner, repositories, region, hub, workspace,
 * exemption, runner labels), for the tests of the config schema itself: the platform rules have their own tests
 * (test/platform/teamRules.test.ts).
 */
export function platformAdmitting(raw: Record<string, unknown>): PlatformConfig {
  const github = record(raw.github);
  const owner = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(text(github.owner)) ? text(github.owner) : "contoso";
  const repositories = (Array.isArray(github.repositories) ? github.repositories : [])
    .map((repo) => `${owner}/${text(record(repo).name)}`)
    .filter((repo) => /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(repo));
  const team = TEAM_NAME_PATTERN.test(text(raw.team)) ? text(raw.team) : "payments";
  const location = text(raw.location);
  const dataBoundaries = Object.fromEntries(
    Object.entries(BASE_REGIONS).map(([boundary, regions]) => [
      boundary,
      {
        subscriptionIds: ["00000000-0000-4000-8000-00000000c0de"],
        regions:
          boundary === raw.dataBoundary && REGION.test(location) ? [...new Set([...regions, location])] : regions,
      },
    ]),
  );
  const labels = Array.isArray(record(raw.codex).runnerLabels) ? (record(raw.codex).runnerLabels as unknown[]) : [];
  const runnerLabels = [
    ...new Set(["codex-runner", ...labels.filter((l): l is string => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text(l)))]),
  ];
  const networking = record(raw.networking);
  const vnet =
    /^(\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(
      text(networking.subnetId),
    )?.[1];
  const known = ["cognitiveServices", "openAi", "aiServices", "keyVault"];
  const zones = Object.fromEntries(
    Object.entries(record(networking.privateDnsZoneIds)).filter(([k]) => known.includes(k)),
  );
  const hubs =
    networking.mode === "existing" && vnet !== undefined
      ? [{ name: "hub", virtualNetworkIds: [vnet], privateDnsZoneIds: zones }]
      : [];
  const workspace = text(record(raw.audit).workspaceId);
  const assignment = text(record(record(raw.policy).keyAuthExemption).policyAssignmentId);
  const input: PlatformConfigInput = {
    github: { host: "github.com", organizations: [owner], platformRepository: "contoso/codex-boundary", runnerLabels },
    azure: {
      deployer: MOCK_DEPLOYER,
      dataBoundaries,
      hubs: hubs as PlatformConfigInput["azure"]["hubs"],
      auditWorkspaceIds:
        /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i.test(
          workspace,
        )
          ? [workspace]
          : [],
    },
    policy: {
      keyAuthExemption: {
        policyAssignmentId: /\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i.test(assignment)
          ? assignment
          : "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth",
        maxDays: 366,
      },
    },
    stackFiles: { providerKeys: ["azure-native:location", "azure-native:subscriptionId"] },
    owners: { platform: ["@contoso/platform-team"], security: ["@contoso/security"] },
    teams: { [team]: { owners: ["@contoso/leads"], repositories } },
  };
  // Fallbacks, each only where the first is not a valid platform: a hub whose zone IDs the config gets wrong (the
  // schema's own problem is what such a test is about) takes the fixtures' zones; a region outside its boundary's
  // geography (the geography rule's problem) is left out of the boundary.
  const fixtureZones = fixturesPlatform().azure.hubs[0]?.privateDnsZoneIds;
  const fixedHubs = hubs.map((h) => ({
    ...h,
    privateDnsZoneIds: fixtureZones,
  })) as PlatformConfigInput["azure"]["hubs"];
  const baseBoundaries = Object.fromEntries(
    Object.entries(BASE_REGIONS).map(([b, regions]) => [
      b,
      { subscriptionIds: ["00000000-0000-4000-8000-00000000c0de"], regions },
    ]),
  );
  const candidates: PlatformConfigInput[] = [
    input,
    { ...input, azure: { ...input.azure, hubs: fixedHubs } },
    { ...input, azure: { ...input.azure, dataBoundaries: baseBoundaries } },
    { ...input, azure: { ...input.azure, hubs: fixedHubs, dataBoundaries: baseBoundaries } },
  ];
  for (const candidate of candidates.slice(0, -1)) {
    try {
      return parsePlatformConfig(candidate);
    } catch {
      // the next candidate
    }
  }
  return parsePlatformConfig(candidates[candidates.length - 1]);
}

/** The context of platformAdmitting(raw), with no provider keys. */
export function admittingContext(raw: Record<string, unknown>): PlatformContext {
  return { platform: platformAdmitting(raw), providerKeys: {} };
}

/** parseTeamConfig within a platform that admits the config (tests of the schema, not of the platform tier). */
export function parseAdmitted(raw: Record<string, unknown>, source: string | undefined, nowMs: number): TeamConfig {
  return parseTeamConfig(raw, source, nowMs, admittingContext(raw));
}
