import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import type { CapturedResource } from "../../lib/plan/capture";
import { mockAccountKeys } from "../../lib/plan/mocks";
import { ofType, planStack, runStack } from "../support/runStack";

const ROTATION = { periodDays: 30, epoch: "2026-01-01" };
// The dev stack takes no allowRepositorySecret opt-out: every repository gets the key as an environment secret.
const KEY_BEARING = [
  "pulumi-nodejs:dynamic/keys:KeyRegeneration",
  "azure-native:keyvault:Secret",
  "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
];

function byUrn(resources: CapturedResource[]): Map<string, CapturedResource> {
  return new Map(resources.map((r) => [r.urn, r]));
}

/** Inputs with secrets unwrapped, so two runs can be compared value for value. */
function reveal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reveal);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return reveal(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

describe("the key lifecycle under the mock engine", () => {
  test("generation g to g+1 changes only the key-bearing resources, and all of them", async () => {
    const before = await runStack({ overrides: { keyRotation: { ...ROTATION, generation: 10 } } });
    const after = await runStack({ overrides: { keyRotation: { ...ROTATION, generation: 11 } } });
    const old = byUrn(before.resources);
    expect([...old.keys()].sort()).toEqual(after.resources.map((r) => r.urn).sort());
    const changed = after.resources.filter((r) => JSON.stringify(reveal(r.inputs)) !== JSON.stringify(reveal(old.get(r.urn)?.inputs)));
    const changedTypes = new Set(changed.map((r) => r.type));
    for (const type of changedTypes) expect(KEY_BEARING, `${type} changed between generations`).toContain(type);
    for (const type of KEY_BEARING) expect(changedTypes.has(type), `${type} did not change`).toBe(true);
    const keys = mockAccountKeys("aif-codex-dev");
    const secretValue = (run: typeof before) => (reveal(run.resources.find((r) => r.type === "azure-native:keyvault:Secret")?.inputs) as { properties: { value: string } }).properties.value;
    expect(secretValue(before)).toBe(keys.key1);
    expect(secretValue(after)).toBe(keys.key2);
  });

  test("the regeneration waits for the last deployment and the deployer's role; the secret write waits for the regeneration", async () => {
    const doc = await planStack({ overrides: { keyRotation: { ...ROTATION, generation: 4 } } });
    const regen = ofType(doc, "pulumi-nodejs:dynamic/keys:KeyRegeneration")[0];
    expect(regen?.inputs).toMatchObject({ keyName: "Key1", trigger: "scheduled:g4", accountName: "aif-codex-dev", armEndpoint: "https://management.azure.com" });
    const lastDeployment = ofType(doc, "azure-native:cognitiveservices:Deployment").find((d) => d.name === "deployment-gpt-5-nano");
    const deployerRole = ofType(doc, "azure-native:authorization:RoleAssignment").find((r) => r.name === "deployer-key-rotation");
    expect(regen?.dependsOn).toEqual(expect.arrayContaining([lastDeployment?.urn, deployerRole?.urn]));
    const secret = ofType(doc, "azure-native:keyvault:Secret")[0];
    // The key is written through ARM (control plane): the deployer holds no Key Vault data-plane role to wait for.
    expect(ofType(doc, "azure-native:authorization:RoleAssignment").map((r) => r.name)).not.toContain("deployer-secrets-officer");
    expect(secret?.dependsOn).toEqual(expect.arrayContaining([regen?.urn]));
    expect(secret?.inputs.tags).toMatchObject({ credentialId: "key1", generation: "4", ValidityPeriodDays: "60" });
    expect(secret?.inputs.secretName).toBe("azure-openai-api-key");
    expect(doc.outputs.keyRotation).toMatchObject({ generation: 4, activeSlot: "key1", keyExpiresOn: "2026-06-30T00:00:00.000Z" });
  });

  test("GitHub: the key is an environment secret (protected branches, reviewers); base URL and model are plain variables; nothing leaks", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(ofType(doc, "github:index/actionsSecret:ActionsSecret")).toEqual([]);
    const envSecrets = ofType(doc, "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret").map((s) => s.inputs);
    expect(envSecrets).toHaveLength(2);
    expect(envSecrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ repository: "platform-tools", environment: "codex", secretName: "AZURE_OPENAI_API_KEY", value: "[secret]" }),
        expect.objectContaining({ repository: "payments-api", environment: "codex", secretName: "AZURE_OPENAI_API_KEY", value: "[secret]" }),
      ]),
    );
    for (const environment of ofType(doc, "github:index/repositoryEnvironment:RepositoryEnvironment")) {
      expect(environment.inputs).toMatchObject({
        environment: "codex",
        deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
        canAdminsBypass: false,
        preventSelfReview: true,
        reviewers: [{ teams: [4242], users: [] }],
      });
    }
    const variables = Object.fromEntries(ofType(doc, "github:index/actionsVariable:ActionsVariable").map((v) => [`${String(v.inputs.repository)}/${String(v.inputs.variableName)}`, v.inputs.value]));
    expect(variables["platform-tools/AZURE_OPENAI_BASE_URL"]).toBe(doc.outputs.baseUrl);
    expect(variables["payments-api/CODEX_MODEL"]).toBe("gpt-5.3-codex");
    const provider = doc.resources.find((r) => r.type === "pulumi:providers:github");
    expect(provider?.inputs.owner).toBe("contoso");
    expect(provider?.inputs.token).toBeUndefined();
    const keys = mockAccountKeys("aif-codex-dev");
    expect(JSON.stringify(doc)).not.toContain(keys.key1);
    expect(JSON.stringify(doc)).not.toContain(keys.key2);
  });

  test("an emergency rotates to the standby now, and regenerates the leaked key only after the new one is handed out", async () => {
    const normal = await planStack({ overrides: { keyRotation: { ...ROTATION, generation: 6 } } });
    expect(ofType(normal, "pulumi-nodejs:dynamic/keys:KeyRegeneration")).toHaveLength(1);
    const doc = await planStack({ overrides: { keyRotation: { ...ROTATION, generation: 6, emergencies: ["key pasted in a CI log"] } } });
    const regenerations = ofType(doc, "pulumi-nodejs:dynamic/keys:KeyRegeneration");
    const scheduled = regenerations.find((r) => r.name === "regenerate-active-key");
    const leaked = regenerations.find((r) => r.name === "regenerate-leaked-key");
    // g6 handed out key1; the emergency moves to g7: key2 is regenerated and handed out, then key1 is revoked.
    expect(scheduled?.inputs).toMatchObject({ keyName: "Key2", trigger: "scheduled:g7" });
    expect(leaked?.inputs).toMatchObject({ keyName: "Key1", trigger: "emergency:1:key pasted in a CI log" });
    const distribution = [...ofType(doc, "azure-native:keyvault:Secret"), ...ofType(doc, "github:index/actionsSecret:ActionsSecret"), ...ofType(doc, "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret")];
    expect(distribution).toHaveLength(3);
    expect(leaked?.dependsOn).toEqual(expect.arrayContaining(distribution.map((d) => d.urn)));
    expect(doc.outputs.keyRotation).toMatchObject({ generation: 7, emergencies: 1, lastEmergencyReason: "key pasted in a CI log" });
  });
});
