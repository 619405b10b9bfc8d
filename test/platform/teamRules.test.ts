import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { ConfigError, parseTeamConfig } from "../../lib/config/parse";
import { parsePlatformConfig } from "../../lib/platform/parse";
import type { PlatformConfig, PlatformConfigInput } from "../../lib/platform/schema";
import { deploySubscriptionProblem, latestPlatformExpiry, platformProblems } from "../../lib/platform/teamRules";
import { FIXTURE_NOW_MS } from "../support/clock";
import { devTeamKeys, FIXTURES_DIR, PROJECT_DIR } from "../support/stackFiles";

const rawPlatform = (dir: string) => parse(readFileSync(join(dir, "platform.yaml"), "utf8")) as PlatformConfigInput;
/** The project's platform.yaml (the dev estate), with top-level sections replaced. */
const platform = (patch: Partial<PlatformConfigInput> = {}): PlatformConfig =>
  parsePlatformConfig({ ...rawPlatform(PROJECT_DIR), ...patch });
const FIXTURES = rawPlatform(FIXTURES_DIR);
const HUB = FIXTURES.azure.hubs?.[0];
const SUBNET = `${HUB?.virtualNetworkIds[0] ?? ""}/subnets/snet-codex`;
const WORKSPACE = FIXTURES.azure.auditWorkspaceIds?.[0] ?? "";
const ASSIGNMENT =
  "/providers/Microsoft.Management/managementGroups/contoso-eu/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";
const SUBSCRIPTION = "00000000-0000-4000-8000-00000000c0de";

/** The problems of dev's keys with a patch, as `path: message`. */
function lines(
  patch: Record<string, unknown>,
  within = platform(),
  providerKeys: Record<string, unknown> = {},
): string[] {
  return platformProblems({ ...devTeamKeys(), ...patch }, providerKeys, within, FIXTURE_NOW_MS).map(
    (p) => `${p.path}: ${p.message}`,
  );
}

const devGithub = (patch: Record<string, unknown>) => ({
  github: { ...(devTeamKeys().github as Record<string, unknown>), ...patch },
});

describe("a stack file chooses within platform.yaml", () => {
  test("dev's stack file is within the project's platform.yaml", () => {
    expect(lines({}, platform(), { "azure-native:location": "eastus2" })).toEqual([]);
  });

  test("a team the platform has not admitted is refused, naming platform.yaml teams", () => {
    expect(lines({ team: "intruder" })).toEqual([
      'team: "intruder" is not admitted: platform.yaml teams [dev] has no entry for it; a platform pull request must change platform.yaml first (docs/platform.md), then the team\'s stack file',
    ]);
  });

  test("github.owner must be one of github.organizations (ignoring case)", () => {
    expect(lines(devGithub({ owner: "attacker", repositories: [] }))).toEqual([
      'github.owner: "attacker" is not in platform.yaml github.organizations [contoso]',
    ]);
    expect(lines(devGithub({ owner: "Contoso" }))).toEqual([]);
  });

  test("repositories: only the team's own, compared case-folded as <owner>/<name>; never the platform repository", () => {
    expect(lines(devGithub({ repositories: [{ name: "other-team-api" }] }))).toEqual([
      'github.repositories[0].name: "contoso/other-team-api" is not in platform.yaml teams.dev.repositories [contoso/platform-tools, contoso/payments-api]; a platform pull request must change platform.yaml first (docs/platform.md)',
    ]);
    expect(lines(devGithub({ owner: "CONTOSO", repositories: [{ name: "Payments-API" }] }))).toEqual([]);
    const listed = platform({
      teams: { dev: { owners: ["@contoso/platform-team"], repositories: ["contoso/codex-boundary"] } },
    });
    expect(lines(devGithub({ repositories: [{ name: "Codex-Boundary", environment: "production" }] }), listed)).toEqual(
      [
        'github.repositories[0].name: "contoso/Codex-Boundary" is platform.yaml github.platformRepository: no team may claim the platform\'s own repository',
      ],
    );
  });

  test("github.baseUrl is refused whatever it says: the host is platform.yaml github.host", () => {
    for (const baseUrl of ["https://github-enterprise.attacker.example/api/v3", "https://api.github.com"]) {
      expect(lines(devGithub({ baseUrl }))).toEqual([
        `github.baseUrl: is not set in a stack file (got ${JSON.stringify(baseUrl)}): the GitHub host of every team is platform.yaml github.host (github.com); remove the key`,
      ]);
    }
  });

  test("keys of other providers are refused unless stackFiles.providerKeys lists them", () => {
    const keys = {
      "azure-native:location": "eastus2",
      "azure-native:oidcRequestUrl": "https://evil.example/idtoken",
      "azure-native:metadataHost": "evil.example",
      "azure-native:subscriptionId": SUBSCRIPTION,
      "github:baseUrl": "https://evil.example/api/v3",
      "github:token": "x",
    };
    const refused = lines({}, platform(), keys).map((line) => line.slice(0, line.indexOf(": ")));
    expect(refused).toEqual([
      "azure-native:oidcRequestUrl",
      "azure-native:metadataHost",
      "azure-native:subscriptionId",
      "github:baseUrl",
      "github:token",
    ]);
    expect(lines({}, platform(), { "github:token": "ghp" })).toEqual([
      'github:token: is not allowed in a stack file (got "ghp"): only platform.yaml stackFiles.providerKeys [azure-native:location] may be set; a provider setting can move an endpoint or a token, so the platform sets it',
    ]);
  });

  test("a misspelt project namespace is one problem naming its keys and the right namespace, not one line per key", () => {
    const keys = {
      "codexboundary:team": "dev",
      "codexboundary:budget": {},
      "Codex_Boundary:tags": {},
      "codexbnd:x": 1,
    };
    const found = lines({}, platform(), keys);
    expect(found.filter((line) => line.startsWith("codexboundary:*: "))).toHaveLength(1);
    const [typo] = found.filter((line) => line.startsWith("codexboundary:*: "));
    expect(typo).toContain("2 keys: team, budget");
    expect(typo).toContain("did you mean codex-boundary:?");
    expect(found.some((line) => line.startsWith("Codex_Boundary:*: ") && line.includes("1 key: tags"))).toBe(true);
    expect(found.some((line) => line.startsWith("codexboundary:team:"))).toBe(false);
    // Further than two edits away it is some other provider's key, refused as such.
    expect(found.some((line) => line.startsWith("codexbnd:x: is not allowed in a stack file"))).toBe(true);
  });

  test("an allowed azure-native:subscriptionId must be one of the boundary's subscriptionIds", () => {
    const both = platform({ stackFiles: { providerKeys: ["azure-native:location", "azure-native:subscriptionId"] } });
    expect(lines({}, both, { "azure-native:subscriptionId": SUBSCRIPTION.toUpperCase() })).toEqual([]);
    expect(lines({}, both, { "azure-native:subscriptionId": "11111111-2222-4333-8444-555555555555" })).toEqual([
      `azure-native:subscriptionId: "11111111-2222-4333-8444-555555555555" is not in platform.yaml azure.dataBoundaries.global.subscriptionIds [${SUBSCRIPTION}]`,
    ]);
  });

  test("the location must be one of the boundary's regions; a boundary platform.yaml leaves out is refused", () => {
    expect(lines({ location: "westeurope" })).toEqual([
      'location: "westeurope" is not in platform.yaml azure.dataBoundaries.global.regions [eastus2, swedencentral]',
    ]);
    expect(lines({ dataBoundary: "us" })).toEqual([
      'dataBoundary: "us" is not offered: platform.yaml azure.dataBoundaries [global] has no entry for it; a platform pull request must change platform.yaml first (docs/platform.md)',
    ]);
  });

  test("networking.mode existing: the subnet in a hub's virtual network, the zones exactly that hub's", () => {
    const withHub = platform({ azure: { ...rawPlatform(PROJECT_DIR).azure, hubs: FIXTURES.azure.hubs } });
    const existing = (subnetId: string, zones = HUB?.privateDnsZoneIds) => ({
      networking: { mode: "existing", subnetId, privateDnsZoneIds: zones },
    });
    expect(lines(existing(SUBNET.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/")), withHub)).toEqual([]);
    const elsewhere =
      "/subscriptions/33333333-3333-4333-8333-333333333333/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s";
    expect(lines(existing(elsewhere), withHub)).toEqual([
      `networking.subnetId: "${elsewhere}" is not in a virtual network of platform.yaml azure.hubs[].virtualNetworkIds [${HUB?.virtualNetworkIds[0] ?? ""}]`,
    ]);
    const ownZone =
      "/subscriptions/33333333-3333-4333-8333-333333333333/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net";
    const zones = { ...(HUB?.privateDnsZoneIds ?? {}), keyVault: ownZone } as NonNullable<
      typeof HUB
    >["privateDnsZoneIds"];
    expect(lines(existing(SUBNET, zones), withHub)).toEqual([
      `networking.privateDnsZoneIds.keyVault: "${ownZone}" is not the zone of the subnet's hub: platform.yaml azure.hubs[hub-eu].privateDnsZoneIds.keyVault is ${HUB?.privateDnsZoneIds.keyVault ?? ""}`,
    ]);
  });

  test("azure.centralPrivateDns: networking.mode create (zones in the spoke) is refused, naming the hub to use; existing is not", () => {
    const central = platform({
      azure: { ...rawPlatform(PROJECT_DIR).azure, hubs: FIXTURES.azure.hubs, centralPrivateDns: true },
    });
    expect(lines({}, central)).toEqual([
      "networking.mode: \"create\" is refused: platform.yaml azure.centralPrivateDns is true, so private endpoints resolve through the hub's private DNS zones and a spoke may not create its own (landing zones deny them: ALZ Deny-Private-DNS-Zones); set networking.mode: existing with a subnet of a hub virtual network and that hub's privateDnsZoneIds (platform.yaml azure.hubs [hub-eu], docs/platform.md)",
    ]);
    const existing = { networking: { mode: "existing", subnetId: SUBNET, privateDnsZoneIds: HUB?.privateDnsZoneIds } };
    expect(lines(existing, central)).toEqual([]);
    expect(platform().azure.centralPrivateDns).toBe(false);
    expect(lines({}, platform())).toEqual([]);
  });

  test("audit.workspaceId must be one of azure.auditWorkspaceIds", () => {
    expect(lines({ audit: { workspaceId: WORKSPACE } })).toEqual([
      `audit.workspaceId: "${WORKSPACE}" is not in platform.yaml azure.auditWorkspaceIds []`,
    ]);
    const listed = platform({ azure: { ...rawPlatform(PROJECT_DIR).azure, auditWorkspaceIds: [WORKSPACE] } });
    expect(lines({ audit: { workspaceId: WORKSPACE.toLowerCase() } }, listed)).toEqual([]);
  });

  test("codex.runnerLabels must carry one of github.runnerLabels; the default labels too", () => {
    expect(lines({ codex: { runnerLabels: ["self-hosted"] } })).toEqual([
      'codex.runnerLabels: ["self-hosted"] carries none of platform.yaml github.runnerLabels [codex-boundary]: the Codex job (and its key) must run on the platform\'s dedicated runners; add one of them',
    ]);
    expect(lines({ codex: {} })[0]).toMatch(
      /^codex\.runnerLabels: \["self-hosted","codex-runner"\] \(the default\) carries none/,
    );
    expect(lines({ codex: { runnerLabels: ["self-hosted", "Codex-Boundary"] } })).toEqual([]);
  });
});

describe("the key-auth exemption within platform.yaml policy.keyAuthExemption", () => {
  const exemption = (patch: Record<string, unknown>) => ({
    auth: { mode: "key" },
    policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: "2027-06-01", ...patch } },
  });
  const offered = (patch: Record<string, unknown> = {}) =>
    platform({ policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, ...patch } } });

  test("without a platform exemption, any exemption is refused", () => {
    expect(lines(exemption({}))).toEqual([
      "policy.keyAuthExemption: is not offered: platform.yaml policy.keyAuthExemption is not set, so no team may take a key-auth exemption; remove it (or use auth.mode entra)",
    ]);
  });

  test("only the platform's assignment (ignoring case): a management-group initiative is refused", () => {
    expect(lines(exemption({ policyAssignmentId: ASSIGNMENT.toUpperCase() }), offered())).toEqual([]);
    const root =
      "/providers/Microsoft.Management/managementGroups/contoso-root/providers/Microsoft.Authorization/policyAssignments/corp-security-baseline";
    expect(lines(exemption({ policyAssignmentId: root }), offered())).toEqual([
      `policy.keyAuthExemption.policyAssignmentId: "${root}" is not platform.yaml policy.keyAuthExemption.policyAssignmentId (${ASSIGNMENT}): the exemption may only waive that assignment`,
    ]);
  });

  test("reference IDs: required and a subset when the platform lists them", () => {
    const refs = offered({ policyDefinitionReferenceIds: ["aiLocalAuth", "kvLocalAuth"] });
    expect(lines(exemption({}), refs)).toEqual([
      "policy.keyAuthExemption.policyDefinitionReferenceIds: is required: the assignment is an initiative, and without reference IDs the whole initiative is waived; name some of platform.yaml policy.keyAuthExemption.policyDefinitionReferenceIds [aiLocalAuth, kvLocalAuth]",
    ]);
    expect(lines(exemption({ policyDefinitionReferenceIds: ["aiLocalAuth", "storageHttps"] }), refs)).toEqual([
      'policy.keyAuthExemption.policyDefinitionReferenceIds[1]: "storageHttps" is not in platform.yaml policy.keyAuthExemption.policyDefinitionReferenceIds [aiLocalAuth, kvLocalAuth]',
    ]);
    expect(lines(exemption({ policyDefinitionReferenceIds: ["kvLocalAuth"] }), refs)).toEqual([]);
  });

  test("expiresOn at most maxDays after today", () => {
    const latest = latestPlatformExpiry(FIXTURE_NOW_MS, 90);
    expect(lines(exemption({ expiresOn: latest }), offered({ maxDays: 90 }))).toEqual([]);
    const dayAfter = latestPlatformExpiry(FIXTURE_NOW_MS, 91);
    expect(lines(exemption({ expiresOn: dayAfter }), offered({ maxDays: 90 }))).toEqual([
      `policy.keyAuthExemption.expiresOn: "${dayAfter}" is later than platform.yaml policy.keyAuthExemption.maxDays (90 days from today: ${latest} at the latest)`,
    ]);
  });
});

describe("parseTeamConfig checks within the platform", () => {
  test("one ConfigError with the schema's and the platform's problems; the provider key keeps its namespace", () => {
    const run = () =>
      parseTeamConfig(
        { ...devTeamKeys(), ...devGithub({ baseUrl: "https://api.github.com" }) },
        "stack 'x'",
        FIXTURE_NOW_MS,
        {
          platform: platform(),
          providerKeys: { "azure-native:oidcRequestUrl": "https://evil.example/idtoken" },
        },
      );
    expect(run).toThrow(ConfigError);
    const message = (() => {
      try {
        run();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("2 problems in stack 'x'");
    expect(message).toContain("  - codex-boundary:github.baseUrl: is not set in a stack file");
    expect(message).toContain("  - azure-native:oidcRequestUrl: is not allowed in a stack file");
    expect(message).not.toContain("unknown key");
  });
});

describe("the deploying subscription", () => {
  test("must be one of the boundary's subscriptionIds (ignoring case), with the fix", () => {
    expect(deploySubscriptionProblem(SUBSCRIPTION.toUpperCase(), "global", platform())).toBeUndefined();
    expect(deploySubscriptionProblem("11111111-2222-4333-8444-555555555555", "global", platform())).toEqual({
      path: "dataBoundary",
      message: `the run deploys into subscription 11111111-2222-4333-8444-555555555555, which is not in platform.yaml azure.dataBoundaries.global.subscriptionIds [${SUBSCRIPTION}]: sign in to one of those (az account set --subscription <id>, or the CI identity's ARM_SUBSCRIPTION_ID), or a platform pull request must change platform.yaml first (docs/platform.md)`,
    });
    expect(deploySubscriptionProblem(SUBSCRIPTION, "eu", platform())?.message).toContain(
      "azure.dataBoundaries.eu.subscriptionIds []",
    );
  });
});
