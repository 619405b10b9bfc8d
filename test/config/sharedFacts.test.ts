import { describe, expect, test } from "vitest";
import { type ConfigError } from "../../lib/config/parse";
import { DEPLOYMENT_NAME_PATTERN, ignoreCase } from "../../lib/config/patterns";
import { DEFAULT_RUNNER_LABELS, KEY_ROTATION_DEFAULTS } from "../../lib/config/schema";
import { validateDevKitInputs } from "../../lib/devkit/inputs";
import { newTeamConfig } from "../../lib/onboarding/teamFile";
import { devTeamKeys } from "../support/stackFiles";
import { FIXTURE_NOW_MS } from "../support/clock";
import { parseAdmitted } from "../support/platformFiles";

function problems(raw: Record<string, unknown>): string[] {
  try {
    parseAdmitted(raw, undefined, FIXTURE_NOW_MS);
    return [];
  } catch (error) {
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
}

const devKit = (deployment: string) => ({
  stack: "dev",
  team: "dev",
  baseUrl: "https://codex-dev-abc123.openai.azure.com/openai/v1",
  vaultName: "kv-dev-abc123",
  defaultModel: deployment,
  deployments: [deployment],
  reasoningEffort: "medium",
  allowFullAccess: false,
  runnerLabels: ["self-hosted", "codex-runner"],
});

describe("facts stated once", () => {
  test("a 64-character deployment name passes the config and the developer kit; 65 fails both, with the limit the message names", () => {
    const raw = devTeamKeys();
    const models = raw.models as Array<Record<string, unknown>>;
    const name64 = `d${"x".repeat(63)}`;
    expect(problems({ ...raw, models: [{ ...models[0], name: name64 }], codex: {} })).toEqual([]);
    expect(() => validateDevKitInputs(devKit(name64))).not.toThrow();
    const name65 = `${name64}x`;
    expect(problems({ ...raw, models: [{ ...models[0], name: name65 }], codex: {} })).toEqual([
      `models[0].name: must be a deployment name of 1-64 letters, digits, '.', '_' or '-' (got "${name65}")`,
    ]);
    expect(() => validateDevKitInputs(devKit(name65))).toThrow(/deployment name/);
    expect(DEPLOYMENT_NAME_PATTERN.test(name65)).toBe(false);
  });

  test("defaults come from the schema: an empty keyRotation and codex get them, and new-team writes the same schedule", () => {
    const raw = devTeamKeys();
    const config = parseAdmitted({ ...raw, keyRotation: undefined, codex: undefined }, undefined, FIXTURE_NOW_MS);
    expect(config.keyRotation).toEqual({ ...KEY_ROTATION_DEFAULTS, emergencies: [] });
    expect(config.codex.runnerLabels).toEqual([...DEFAULT_RUNNER_LABELS]);
    const answers = {
      name: "payments",
      costCenter: "CC-1",
      location: "swedencentral",
      dataBoundary: "eu",
      githubOwner: "contoso",
      repositories: [],
      userGroupIds: [],
      adminGroupIds: [],
      budgetAmount: 1,
      contactEmails: [],
      startMonth: "2027-01",
      addressSpace: "10.61.0.0/24",
      runnerLabels: ["self-hosted"],
    };
    expect(newTeamConfig({ ...answers, authMode: "key" }, new Date(Date.UTC(2026, 10, 25))).keyRotation).toEqual(
      KEY_ROTATION_DEFAULTS,
    );
    // entra mode has no key, so no schedule is written (a keyRotation there is a config error).
    expect(newTeamConfig(answers, new Date(Date.UTC(2026, 10, 25))).keyRotation).toBeUndefined();
  });

  test("an unknown key under networking lists the keys of the mode the value names", () => {
    const raw = devTeamKeys();
    const zone = (name: string) =>
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/privateDnsZones/${name}`;
    const existing = {
      mode: "existing",
      subnetId:
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
      privateDnsZoneIds: {
        cognitiveServices: zone("privatelink.cognitiveservices.azure.com"),
        openAi: zone("privatelink.openai.azure.com"),
        aiServices: zone("privatelink.services.ai.azure.com"),
        keyVault: zone("privatelink.vaultcore.azure.net"),
        blob: zone("privatelink.blob.core.windows.net"),
      },
      addressSpace: "10.60.0.0/24",
    };
    expect(problems({ ...raw, networking: existing }).sort()).toEqual([
      "networking.addressSpace: unknown key (a typo?); allowed here: mode, subnetId, privateDnsZoneIds, privateEndpointResourceGroupId",
      "networking.privateDnsZoneIds.blob: unknown key (a typo?); allowed here: cognitiveServices, openAi, aiServices, keyVault",
    ]);
    expect(problems({ ...raw, networking: { mode: "create", addressSpace: "10.60.0.0/24", subnetId: "x" } })).toEqual([
      "networking.subnetId: unknown key (a typo?); allowed here: mode, addressSpace, privateEndpointSubnet",
    ]);
  });

  test("ignoreCase matches letters in either case, without a regex flag the JSON Schema would lose", () => {
    const pattern = ignoreCase(/^\/subscriptions\/[0-9a-f]{2}\/providers\/Microsoft\.Network$/);
    expect(pattern.flags).toBe("");
    expect(pattern.test("/SUBSCRIPTIONS/aF/providers/microsoft.network")).toBe(true);
    expect(pattern.test("/subscriptions/ag/providers/Microsoft.Network")).toBe(false);
    expect(pattern.test("/subscriptions/af/providers/MicrosoftxNetwork")).toBe(false);
  });
});
