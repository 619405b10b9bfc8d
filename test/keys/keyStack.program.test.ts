import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import type { CapturedResource } from "../../lib/plan/types";
import { createPlanMocks, mockAccountKeys } from "../../tools/plan/mocks";
import { emergencyDigest, type DistributionRecord } from "../../lib/keys/record";
import { nextBoundaryAfter } from "../../lib/keys/rotation";
import { ofType, planStack, runStack } from "../support/runStack";
import { FIXTURE_NOW_MS } from "../support/clock";

const DAY = 24 * 60 * 60 * 1000;
const ROTATION = { periodDays: 30, epoch: "2026-01-01" };
// The dev stack takes no allowRepositorySecret opt-out: every repository gets the key as an environment secret.
const KEY_BEARING = [
  "pulumi-nodejs:dynamic/keys:KeyRegeneration",
  "azure-native:keyvault:Secret",
  "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
];
const REGENERATION = "pulumi-nodejs:dynamic/keys:KeyRegeneration";
const FAR = "2100-01-01T00:00:00.000Z";

/** A record as a previous successful run exported it; promises far ahead so the plan does not depend on today's date. */
function record(generation: number, patch: Partial<DistributionRecord> = {}): DistributionRecord {
  return {
    generation,
    slot: generation % 2 === 0 ? "key1" : "key2",
    offset: 0,
    emergencies: [],
    expiresOn: FAR,
    standbyExpiresOn: null,
    ...patch,
  };
}

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

/** The Key Vault secret's expiry (ms) as the engine received it. */
function vaultExpiry(run: Awaited<ReturnType<typeof runStack>>): number {
  const secret = run.resources.find((r) => r.type === "azure-native:keyvault:Secret");
  return (
    (reveal(secret?.inputs) as { properties: { attributes: { expires: number } } }).properties.attributes.expires * 1000
  );
}

/** The root stack's outputs as the mock engine stored them (what `pulumi stack output` would show after the run). */
function rootStackOutputs(): Record<string, unknown> {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    resources: Map<string, { urn: string; state?: { toJavaScript?: () => Record<string, unknown> } }>;
  };
  const root = [...monitor.resources.values()].find((r) => r.urn.endsWith("::pulumi:pulumi:Stack::codex-boundary-dev"));
  return root?.state?.toJavaScript?.() ?? {};
}

/** The plan's mocks, counting the invokes the program makes. */
function countingMocks(stackOutputs?: Record<string, unknown>): { mocks: pulumi.runtime.Mocks; calls: string[] } {
  const base = createPlanMocks({ stackOutputs });
  const calls: string[] = [];
  return {
    calls,
    mocks: {
      newResource: (args) => base.newResource(args),
      call: (args) => {
        calls.push(args.token);
        return base.call(args);
      },
    },
  };
}

describe("the key lifecycle under the mock engine", () => {
  test("the stack reads its own previous outputs through a reference to itself", async () => {
    const base = createPlanMocks();
    const reads: unknown[] = [];
    await runStack({
      mocks: {
        newResource: (args) => {
          if (args.type === "pulumi:pulumi:StackReference") reads.push(args.inputs.name);
          return base.newResource(args);
        },
        call: (args) => base.call(args),
      },
    });
    // The rotation record and the create-only values (lib/azure/createOnly.ts) are both read from the stack itself.
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set(["organization/codex-boundary/dev"]));
  });

  test("one step (g10 -> g11) changes only the key-bearing resources, and all of them", async () => {
    const previousOutputs = { keyRotationRecord: record(10) };
    const before = await runStack({ overrides: { keyRotation: { ...ROTATION, generation: 10 } }, previousOutputs });
    const after = await runStack({ overrides: { keyRotation: { ...ROTATION, generation: 11 } }, previousOutputs });
    const old = byUrn(before.resources);
    expect([...old.keys()].sort()).toEqual(after.resources.map((r) => r.urn).sort());
    const changed = after.resources.filter(
      (r) => JSON.stringify(reveal(r.inputs)) !== JSON.stringify(reveal(old.get(r.urn)?.inputs)),
    );
    const changedTypes = new Set(changed.map((r) => r.type));
    for (const type of changedTypes) expect(KEY_BEARING, `${type} changed between generations`).toContain(type);
    for (const type of KEY_BEARING) expect(changedTypes.has(type), `${type} did not change`).toBe(true);
    const keys = mockAccountKeys("aif-codex-dev");
    const secretValue = (run: typeof before) =>
      (
        reveal(run.resources.find((r) => r.type === "azure-native:keyvault:Secret")?.inputs) as {
          properties: { value: string };
        }
      ).properties.value;
    expect(secretValue(before)).toBe(keys.key1);
    expect(secretValue(after)).toBe(keys.key2);
    expect(before.outputs.keyRotationRecord).toEqual(record(10));
    expect(after.outputs.keyRotationRecord).toMatchObject({ generation: 11, slot: "key2", standbyExpiresOn: FAR });
  });

  test("an override jumping five generations ahead takes one step; one below the record regenerates nothing new", async () => {
    const previousOutputs = { keyRotationRecord: record(10) };
    const jump = await planStack({ overrides: { keyRotation: { ...ROTATION, generation: 15 } }, previousOutputs });
    expect(ofType(jump, REGENERATION)[0]?.inputs).toMatchObject({ keyName: "Key2", trigger: "scheduled:g11" });
    const below = await planStack({ overrides: { keyRotation: { ...ROTATION, generation: 3 } }, previousOutputs });
    expect(ofType(below, REGENERATION)[0]?.inputs).toMatchObject({ keyName: "Key1", trigger: "scheduled:g10" });
    expect(below.outputs.keyRotation).toMatchObject({ generation: 10, step: "hold", nextGenerationOverride: 4 });
  });

  test("the regeneration waits for the account's operation before it (its diagnostic setting) and the deployer's role; the secret write waits for the regeneration", async () => {
    const previousOutputs = { keyRotationRecord: record(4) };
    const doc = await planStack({ overrides: { keyRotation: { ...ROTATION, generation: 4 } }, previousOutputs });
    const regen = ofType(doc, REGENERATION)[0];
    expect(regen?.inputs).toMatchObject({
      keyName: "Key1",
      trigger: "scheduled:g4",
      accountName: "aif-codex-dev",
      armEndpoint: "https://management.azure.com",
    });
    // One operation on the account at a time (test/azure/boundary.program.test.ts asserts the whole chain).
    const accountDiagnostics = ofType(doc, "azure-native:monitor:DiagnosticSetting").find(
      (d) => d.name === "audit-diag-account",
    );
    const deployerRole = ofType(doc, "azure-native:authorization:RoleAssignment").find(
      (r) => r.name === "access-deployer-key-rotation",
    );
    expect(regen?.dependsOn).toEqual(expect.arrayContaining([accountDiagnostics?.urn, deployerRole?.urn]));
    const secret = ofType(doc, "azure-native:keyvault:Secret")[0];
    // The key is written through ARM (control plane): the deployer holds no Key Vault data-plane role to wait for.
    expect(ofType(doc, "azure-native:authorization:RoleAssignment").map((r) => r.name)).not.toContain(
      "access-deployer-secrets-officer",
    );
    expect(secret?.dependsOn).toEqual(expect.arrayContaining([regen?.urn]));
    expect(secret?.inputs.tags).toMatchObject({ credentialId: "key1", generation: "4", ValidityPeriodDays: "60" });
    expect(secret?.inputs.secretName).toBe("azure-openai-api-key");
    const run = await runStack({ overrides: { keyRotation: { ...ROTATION, generation: 4 } }, previousOutputs });
    expect(vaultExpiry(run)).toBe(Date.parse(FAR));
    expect(doc.outputs.keyRotation).toMatchObject({
      generation: 4,
      activeSlot: "key1",
      keyExpiresOn: FAR,
      step: "hold",
    });
  });

  test("GitHub: the key is an environment secret (the default branch only, reviewers); base URL and model are plain variables; nothing leaks", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(ofType(doc, "github:index/actionsSecret:ActionsSecret")).toEqual([]);
    const envSecrets = ofType(doc, "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret").map(
      (s) => s.inputs,
    );
    expect(envSecrets).toHaveLength(2);
    expect(envSecrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          repository: "platform-tools",
          environment: "codex",
          secretName: "AZURE_OPENAI_API_KEY",
          value: "[secret]",
        }),
        expect.objectContaining({
          repository: "payments-api",
          environment: "codex",
          secretName: "AZURE_OPENAI_API_KEY",
          value: "[secret]",
        }),
      ]),
    );
    for (const environment of ofType(doc, "github:index/repositoryEnvironment:RepositoryEnvironment")) {
      expect(environment.inputs).toMatchObject({
        environment: "codex",
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        canAdminsBypass: false,
        preventSelfReview: true,
        reviewers: [{ teams: [4242], users: [] }],
      });
    }
    const variables = Object.fromEntries(
      ofType(doc, "github:index/actionsVariable:ActionsVariable").map((v) => [
        `${String(v.inputs.repository)}/${String(v.inputs.variableName)}`,
        v.inputs.value,
      ]),
    );
    expect(variables["platform-tools/AZURE_OPENAI_BASE_URL"]).toBe(doc.outputs.baseUrl);
    expect(variables["payments-api/CODEX_MODEL"]).toBe("gpt-5.5");
    const provider = doc.resources.find((r) => r.type === "pulumi:providers:github");
    expect(provider?.inputs.owner).toBe("contoso");
    expect(provider?.inputs.token).toBeUndefined();
    const keys = mockAccountKeys("aif-codex-dev");
    expect(JSON.stringify(doc)).not.toContain(keys.key1);
    expect(JSON.stringify(doc)).not.toContain(keys.key2);
  });

  test("an emergency rotates to the standby now, revokes the leaked key after the new one is handed out, and dates the new key from the schedule", async () => {
    const reason = "key pasted in a CI log";
    const normal = await planStack({
      overrides: { keyRotation: { ...ROTATION } },
      previousOutputs: { keyRotationRecord: record(6) },
    });
    expect(ofType(normal, REGENERATION)).toHaveLength(1);
    // planStack runs on the fixture day (test/support/clock.ts).
    const now = FIXTURE_NOW_MS;
    const doc = await planStack({
      overrides: { keyRotation: { ...ROTATION, emergencies: [reason] } },
      previousOutputs: { keyRotationRecord: record(6) },
    });
    const regenerations = ofType(doc, REGENERATION);
    const scheduled = regenerations.find((r) => r.name === "key-rotation-regeneration");
    const leaked = regenerations.find((r) => r.name === "emergency-regeneration");
    // g6 handed out key1; the emergency moves to g7: key2 is regenerated and handed out, then key1 is revoked.
    expect(scheduled?.inputs).toMatchObject({ keyName: "Key2", trigger: "scheduled:g7" });
    expect(leaked?.inputs).toMatchObject({ keyName: "Key1", trigger: "emergency:g7" });
    const distribution = [
      ...ofType(doc, "azure-native:keyvault:Secret"),
      ...ofType(doc, "github:index/actionsSecret:ActionsSecret"),
      ...ofType(doc, "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret"),
    ];
    expect(distribution).toHaveLength(3);
    expect(leaked?.dependsOn).toEqual(expect.arrayContaining(distribution.map((d) => d.urn)));
    // Next rotation at the schedule's next boundary, the key promised one period past it (today's main: one period later).
    const boundary = nextBoundaryAfter(now, ROTATION.epoch, ROTATION.periodDays);
    const facts = doc.outputs.keyRotation as Record<string, unknown>;
    expect(facts).toMatchObject({ generation: 7, step: "emergency", emergencies: 1, lastEmergencyReason: reason });
    expect(facts.nextRotationOn).toBe(new Date(boundary).toISOString());
    expect(facts.keyExpiresOn).toBe(new Date(boundary + 30 * DAY).toISOString());
    const run = await runStack({
      overrides: { keyRotation: { ...ROTATION, emergencies: [reason] } },
      previousOutputs: { keyRotationRecord: record(6) },
    });
    // Key Vault's exp meets b0eb591a's 90 days (plus a day's margin) from the next rotation; the real end is the tag.
    expect(vaultExpiry(run)).toBe(boundary + 91 * DAY);
    expect(vaultExpiry(run) - now).toBeGreaterThan(90 * DAY);
    const written = run.resources.find((r) => r.type === "azure-native:keyvault:Secret");
    expect((reveal(written?.inputs) as { tags: Record<string, string> }).tags.keyExpiresOn).toBe(
      new Date(boundary + 30 * DAY).toISOString(),
    );
    expect(doc.outputs.keyRotationRecord).toMatchObject({
      generation: 7,
      emergencies: [emergencyDigest(reason)],
      standbyExpiresOn: null,
    });
  });

  test("the emergency record merged later (already in the stack's record) revokes nothing and keeps the generation", async () => {
    const reason = "key pasted in a CI log";
    const doc = await planStack({
      // The override keeps the schedule at g7 whatever today's date is.
      overrides: { keyRotation: { ...ROTATION, generation: 6, emergencies: [reason] } },
      previousOutputs: { keyRotationRecord: record(7, { offset: 1, emergencies: [emergencyDigest(reason)] }) },
    });
    expect(ofType(doc, REGENERATION).map((r) => [r.name, r.inputs.trigger])).toEqual([
      ["key-rotation-regeneration", "scheduled:g7"],
    ]);
    expect(doc.outputs.keyRotation).toMatchObject({ generation: 7, step: "hold", emergencies: 1 });
  });

  test("a stack deployed before the record keeps its regeneration trigger (no regeneration on upgrade)", async () => {
    const legacy = {
      generation: 9,
      activeSlot: "key2",
      keyExpiresOn: FAR,
      nextRotationOn: "2099-12-02T00:00:00.000Z",
      emergencies: 0,
      lastEmergencyReason: null,
    };
    const doc = await planStack({
      overrides: { keyRotation: { ...ROTATION, generation: 9 } },
      previousOutputs: { keyRotation: legacy },
    });
    expect(ofType(doc, REGENERATION)[0]?.inputs).toMatchObject({ keyName: "Key2", trigger: "scheduled:g9" });
  });

  test("a preview never reads the key: no listAccountKeys call, and the secrets still show a (secret, unknown) change", async () => {
    const preview = countingMocks({ keyRotationRecord: record(10) });
    const run = await runStack({
      overrides: { keyRotation: { ...ROTATION, generation: 11 } },
      preview: true,
      mocks: preview.mocks,
    });
    expect(preview.calls).not.toContain("azure-native:cognitiveservices:listAccountKeys");
    const secret = run.resources.find((r) => r.type === "azure-native:keyvault:Secret");
    const value = (secret?.inputs.properties as { value: unknown }).value;
    expect(JSON.stringify(value)).not.toMatch(/mock-key/);
    expect(JSON.stringify(run)).not.toMatch(/mock-key/);
    const update = countingMocks({ keyRotationRecord: record(10) });
    await runStack({ overrides: { keyRotation: { ...ROTATION, generation: 11 } }, mocks: update.mocks });
    expect(update.calls).toContain("azure-native:cognitiveservices:listAccountKeys");
  });

  test("a failed GitHub write leaves the previous record: the stack outputs carry no new record", async () => {
    const base = createPlanMocks({ stackOutputs: { keyRotationRecord: record(10) } });
    const failing: pulumi.runtime.Mocks = {
      newResource: (args) => {
        if (args.type === "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret")
          throw new Error("GitHub said 502");
        return base.newResource(args);
      },
      call: (args) => base.call(args),
    };
    // The SDK leaves the failed resource's output promises rejected and unobserved (the CLI logs them); here they
    // are expected, so only those are swallowed while the run lasts.
    const listeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const expected = (reason: unknown) => {
      if (!String(reason).includes("GitHub said 502"))
        for (const listener of listeners) listener(reason, Promise.resolve());
    };
    process.on("unhandledRejection", expected);
    try {
      await expect(
        runStack({ overrides: { keyRotation: { ...ROTATION, generation: 11 } }, mocks: failing }),
      ).rejects.toThrow(/502/);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off("unhandledRejection", expected);
      for (const listener of listeners) process.on("unhandledRejection", listener);
    }
    expect(rootStackOutputs()).not.toHaveProperty("keyRotationRecord");
    await runStack({
      overrides: { keyRotation: { ...ROTATION, generation: 11 } },
      previousOutputs: { keyRotationRecord: record(10) },
    });
    expect(rootStackOutputs()).toHaveProperty("keyRotationRecord.generation", 11);
  });
});
