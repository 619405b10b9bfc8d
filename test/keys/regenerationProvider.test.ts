import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createKeyRegenerationProvider, type KeyRegenerationInputs } from "../../providers/keyRegeneration";
import { ARM_API_VERSION, FakeArm, SUBSCRIPTION } from "../support/fakeArm";
import { NEVER_EXPIRES_MS } from "../support/clock";

const TOKEN = "fake-arm-token";

describe("the key regeneration provider against a local ARM stand-in", () => {
  const arm = new FakeArm();
  const credential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: NEVER_EXPIRES_MS }) };
  let provider: ReturnType<typeof createKeyRegenerationProvider>;
  let inputs: KeyRegenerationInputs;

  beforeAll(async () => {
    await arm.start();
    provider = createKeyRegenerationProvider({ credential, tlsCa: arm.ca });
  });
  afterAll(() => arm.stop());
  beforeEach(() => {
    arm.calls.length = 0;
    arm.staleListKeys = false;
    inputs = {
      subscriptionId: SUBSCRIPTION,
      resourceGroupName: "rg-codex-dev",
      accountName: "aif-codex-dev",
      keyName: "Key2",
      trigger: "scheduled:g7",
      armEndpoint: arm.endpoint,
    };
  });

  test("create POSTs regenerateKey with the documented URL, body and API version, then confirms with listKeys", async () => {
    const before = { ...arm.keys };
    const result = await provider.create?.(inputs);
    const base = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-codex-dev/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`;
    expect(arm.calls.map((c) => `${c.method} ${c.path}?api-version=${String(c.apiVersion)}`)).toEqual([
      `POST ${base}/regenerateKey?api-version=${ARM_API_VERSION}`,
      `POST ${base}/listKeys?api-version=${ARM_API_VERSION}`,
    ]);
    expect(arm.calls[0]?.body).toEqual({ keyName: "Key2" });
    expect(arm.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    // Only the requested key changed; the other (the one consumers hold) still works.
    expect(arm.keys.key1).toBe(before.key1);
    expect(arm.keys.key2).not.toBe(before.key2);
    // The provider's state never holds a key.
    expect(JSON.stringify(result)).not.toMatch(/k[12]-v\d/);
    expect(result?.id).toBe("aif-codex-dev/Key2/scheduled:g7");
  });

  test("update regenerates again; an ARM error or a key listKeys does not confirm fails the step", async () => {
    await provider.update?.("id", inputs, { ...inputs, keyName: "Key1", trigger: "scheduled:g8" });
    expect(arm.calls[0]?.body).toEqual({ keyName: "Key1" });
    arm.staleListKeys = true;
    await expect(provider.create?.(inputs)).rejects.toThrowError(/listKeys reports a different key2/);
    arm.staleListKeys = false;
    await expect(
      provider.create?.({ ...inputs, accountName: "aif-codex-dev", armEndpoint: `${arm.endpoint}/nowhere` }),
    ).rejects.toThrow();
  });

  test("diff: a new trigger or another account regenerates; the clock's slot change alone does not", async () => {
    const diff = async (news: Partial<KeyRegenerationInputs>) =>
      (await provider.diff?.("id", inputs, { ...inputs, ...news }))?.changes;
    expect(await diff({})).toBe(false);
    expect(await diff({ keyName: "Key1" })).toBe(false);
    expect(await diff({ trigger: "scheduled:g8" })).toBe(true);
    expect(await diff({ accountName: "other" })).toBe(true);
    expect(arm.calls).toEqual([]);
  });
});
