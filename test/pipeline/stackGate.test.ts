import { describe, expect, test } from "vitest";
import { decide, type GateInput, type GateMode, stackFileFacts, stackListed, stateFacts } from "../../lib/pipeline/stackGate";

const KV = "azurekeyvault://kv-platform-state.vault.azure.net/keys/pulumi-state";
const kvState = { type: "cloud", url: KV };

function input(mode: GateMode, over: Partial<GateInput> = {}): GateInput {
  return { mode, stack: "payments", configuredProvider: KV, file: { hasEncryptionSalt: false }, exists: true, state: kvState, ...over };
}

describe("what a job does with a stack", () => {
  test.each([
    ["preview", "preview-new"],
    ["deploy", "create"],
    ["rotate", "skip"],
  ] as const)("a stack file not deployed yet, in %s: %s", (mode, action) => {
    const decision = decide(input(mode, { exists: false, state: undefined }));
    expect(decision).toMatchObject({ ok: true, action });
  });

  test("rotation of a stack not deployed yet says why it skips and who creates it", () => {
    expect(decide(input("rotate", { exists: false }))).toEqual({
      ok: true,
      action: "skip",
      message: "Stack payments is not deployed yet (no such stack in the backend): rotation skipped. deploy.yml creates it when Pulumi.payments.yaml reaches main.",
    });
  });

  test("an emergency on a stack that does not exist fails: there is no key to revoke", () => {
    expect(decide(input("emergency", { exists: false }))).toEqual({ ok: false, problems: ["Stack payments is not deployed (no such stack in the backend): there is no key to revoke."] });
  });

  test.each(["preview", "deploy", "rotate", "emergency"] as const)("%s runs an existing stack encrypted with the configured key", (mode) => {
    expect(decide(input(mode, { file: { secretsProvider: `${KV}/`, hasEncryptionSalt: false }, state: { type: "cloud", url: KV.toUpperCase() } }))).toMatchObject({ ok: true, action: "run" });
  });

  test.each(["preview", "deploy", "rotate", "emergency"] as const)("%s refuses a passphrase stack, with the fix", (mode) => {
    const decision = decide(input(mode, { file: { hasEncryptionSalt: true }, state: { type: "passphrase" } }));
    expect(decision).toEqual({
      ok: false,
      problems: [
        `Pulumi.payments.yaml has encryptionsalt: the stack uses a passphrase, which the workflows cannot open. Run pulumi stack change-secrets-provider "${KV}" --stack payments, then commit the file.`,
        `Stack payments is encrypted with the passphrase secrets provider, not the configured ${KV}. Run pulumi stack change-secrets-provider "${KV}" --stack payments.`,
      ],
    });
  });

  test("another Key Vault key in the file or in the state is refused, even for a new stack", () => {
    const other = "azurekeyvault://kv-elsewhere.vault.azure.net/keys/k";
    const inFile = decide(input("deploy", { exists: false, file: { secretsProvider: other, hasEncryptionSalt: false } }));
    expect(inFile).toMatchObject({ ok: false, problems: [expect.stringContaining(`names the secrets provider ${other}, not the configured ${KV}`)] });
    const inState = decide(input("rotate", { state: { type: "cloud", url: other } }));
    expect(inState).toMatchObject({ ok: false, problems: [`Stack payments is encrypted with ${other}, not the configured ${KV}. Run pulumi stack change-secrets-provider "${KV}" --stack payments.`] });
    expect(decide(input("rotate", { state: {} }))).toMatchObject({ ok: false, problems: [expect.stringContaining("its state records no secrets provider")] });
  });

  test("a missing or malformed PULUMI_SECRETS_PROVIDER stops every job before anything is created", () => {
    for (const configured of [undefined, "passphrase", "azurekeyvault://evil.example.com/keys/k"]) {
      const decision = decide(input("deploy", { exists: false, configuredProvider: configured }));
      expect(decision).toMatchObject({ ok: false, problems: [expect.stringContaining("The environment secret PULUMI_SECRETS_PROVIDER must be the Key Vault key")] });
    }
  });
});

describe("reading the facts", () => {
  test("the stack file's secrets provider and passphrase salt", () => {
    expect(stackFileFacts(`secretsprovider: ${KV}\nencryptedkey: abc\nconfig: {}\n`)).toEqual({ secretsProvider: KV, hasEncryptionSalt: false });
    expect(stackFileFacts("encryptionsalt: v1:abc\nconfig: {}\n")).toEqual({ hasEncryptionSalt: true });
    expect(stackFileFacts("config: {}\n")).toEqual({ hasEncryptionSalt: false });
  });

  test("stack ls lists a stack by its own name or its fully qualified one", () => {
    expect(stackListed('[{"name":"dev"},{"name":"organization/codex-boundary/payments"}]', "payments")).toBe(true);
    expect(stackListed('[{"name":"dev"}]', "dev")).toBe(true);
    expect(stackListed('[{"name":"payments-eu"}]', "payments")).toBe(false);
    expect(stackListed("[]", "payments")).toBe(false);
    expect(() => stackListed('{"name":"dev"}', "dev")).toThrow(/did not print a list/);
  });

  test("the state's secrets provider, and nothing else, from stack export", () => {
    const exported = { version: 3, deployment: { secrets_providers: { type: "cloud", state: { url: KV, encryptedkey: "ciphertext" } }, resources: [] } };
    expect(stateFacts(JSON.stringify(exported))).toEqual({ type: "cloud", url: KV });
    expect(stateFacts('{"version":3,"deployment":{}}')).toEqual({});
  });
});
