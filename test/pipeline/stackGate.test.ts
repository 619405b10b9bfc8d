import { describe, expect, test } from "vitest";
import {
  decide,
  type GateInput,
  type GateMode,
  stackFileFacts,
  stackListed,
  stateFacts,
  GATE_MODES,
} from "../../lib/pipeline/stackGate";
import { mentions } from "../support/problemText";

const KV = "azurekeyvault://kv-platform-state.vault.azure.net/keys/pulumi-state";
const kvState = { type: "cloud", url: KV };

function input(mode: GateMode, over: Partial<GateInput> = {}): GateInput {
  return {
    mode,
    stack: "payments",
    configuredProvider: KV,
    file: { hasEncryptionSalt: false },
    exists: true,
    state: kvState,
    ...over,
  };
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
      message: mentions("Stack payments is not deployed yet", "rotation skipped", "Pulumi.payments.yaml reaches main"),
    });
  });

  test("an emergency on a stack that does not exist fails: there is no key to revoke", () => {
    expect(decide(input("emergency", { exists: false }))).toEqual({
      ok: false,
      problems: ["Stack payments is not deployed (no such stack in the backend): there is no key to revoke."],
    });
  });

  test.each(["preview", "deploy", "rotate", "emergency"] as const)(
    "%s runs an existing stack encrypted with the configured key",
    (mode) => {
      expect(
        decide(
          input(mode, {
            file: { secretsProvider: `${KV}/`, hasEncryptionSalt: false },
            state: { type: "cloud", url: KV.toUpperCase() },
          }),
        ),
      ).toMatchObject({ ok: true, action: "run" });
    },
  );

  test.each(["preview", "deploy", "rotate", "emergency"] as const)(
    "%s refuses a passphrase stack, with the fix",
    (mode) => {
      const decision = decide(input(mode, { file: { hasEncryptionSalt: true }, state: { type: "passphrase" } }));
      expect(decision).toEqual({
        ok: false,
        problems: [
          `Pulumi.payments.yaml has encryptionsalt: the stack uses a passphrase, which the workflows cannot open. Run pulumi stack change-secrets-provider "${KV}" --stack payments, then commit the file.`,
          `Stack payments is encrypted with the passphrase secrets provider, not the configured ${KV}. Run pulumi stack change-secrets-provider "${KV}" --stack payments.`,
        ],
      });
    },
  );

  test("another Key Vault key in the file or in the state is refused, even for a new stack", () => {
    const other = "azurekeyvault://kv-elsewhere.vault.azure.net/keys/k";
    const inFile = decide(
      input("deploy", { exists: false, file: { secretsProvider: other, hasEncryptionSalt: false } }),
    );
    expect(inFile).toMatchObject({
      ok: false,
      problems: [expect.stringContaining(`names the secrets provider ${other}, not the configured ${KV}`)],
    });
    const inState = decide(input("rotate", { state: { type: "cloud", url: other } }));
    expect(inState).toMatchObject({
      ok: false,
      problems: [
        `Stack payments is encrypted with ${other}, not the configured ${KV}. Run pulumi stack change-secrets-provider "${KV}" --stack payments.`,
      ],
    });
    expect(decide(input("rotate", { state: {} }))).toMatchObject({
      ok: false,
      problems: [expect.stringContaining("its state records no secrets provider")],
    });
  });

  test("a missing or malformed PULUMI_SECRETS_PROVIDER stops every job before anything is created", () => {
    for (const configured of [undefined, "passphrase", "azurekeyvault://evil.example.com/keys/k"]) {
      const decision = decide(input("deploy", { exists: false, configuredProvider: configured }));
      expect(decision).toMatchObject({
        ok: false,
        problems: [expect.stringContaining("The environment secret PULUMI_SECRETS_PROVIDER must be the Key Vault key")],
      });
    }
  });
});

describe("reading the facts", () => {
  test("the stack file's secrets provider and passphrase salt", () => {
    expect(stackFileFacts(`secretsprovider: ${KV}\nencryptedkey: abc\nconfig: {}\n`)).toEqual({
      secretsProvider: KV,
      hasEncryptionSalt: false,
    });
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
    const exported = {
      version: 3,
      deployment: {
        secrets_providers: { type: "cloud", state: { url: KV, encryptedkey: "ciphertext" } },
        resources: [],
      },
    };
    expect(stateFacts(JSON.stringify(exported))).toEqual({ type: "cloud", url: KV });
    expect(stateFacts('{"version":3,"deployment":{}}')).toEqual({});
  });
});

describe("the gate at its edges", () => {
  /** Each branch of the stack gate with its exact message (the overview is in stackGate.test.ts). */

  const KV = "azurekeyvault://kv-platform-state.vault.azure.net/keys/pulumi-state";
  const FIX = `Run pulumi stack change-secrets-provider "${KV}" --stack payments`;

  function input(mode: GateMode, over: Partial<GateInput> = {}): GateInput {
    return {
      mode,
      stack: "payments",
      configuredProvider: KV,
      file: { hasEncryptionSalt: false },
      exists: true,
      state: { type: "cloud", url: KV },
      ...over,
    };
  }

  describe("the decision for a valid configuration", () => {
    test("the modes a job can ask for (known answer)", () => {
      expect(GATE_MODES).toEqual(["preview", "deploy", "rotate", "emergency"]);
    });

    test("an existing stack on the configured key runs, saying so", () => {
      expect(decide(input("deploy"))).toEqual({
        ok: true,
        action: "run",
        message: mentions("Stack payments exists", "configured Key Vault key"),
      });
    });

    test("a new stack in a pull request is previewed against a throwaway state", () => {
      expect(decide(input("preview", { exists: false, state: undefined }))).toEqual({
        ok: true,
        action: "preview-new",
        message: mentions("Stack payments is not deployed yet", "empty throwaway state"),
      });
    });

    test("a new stack reaching main is created with the configured provider, named in the message", () => {
      expect(decide(input("deploy", { exists: false, state: undefined }))).toEqual({
        ok: true,
        action: "create",
        message: `Stack payments is not deployed yet: creating it with the secrets provider ${KV}.`,
      });
    });

    test("a new stack's state is never read: a state left over in the input does not refuse it", () => {
      expect(decide(input("deploy", { exists: false, state: { type: "passphrase" } }))).toMatchObject({
        ok: true,
        action: "create",
      });
    });

    test("the stack file's provider matches the configured one ignoring case, surrounding blanks and trailing slashes", () => {
      for (const secretsProvider of [KV, ` ${KV.toUpperCase()}// `, `${KV}///`]) {
        expect(decide(input("deploy", { file: { secretsProvider, hasEncryptionSalt: false } }))).toMatchObject({
          ok: true,
          action: "run",
        });
      }
      // A letter that upper-cases to two (ß, SS) is another key: the comparison lower-cases.
      const sharp = decide(
        input("deploy", {
          configuredProvider: `${KV}ss`,
          file: { secretsProvider: `${KV}\u00df`, hasEncryptionSalt: false },
          exists: false,
          state: undefined,
        }),
      );
      expect(sharp).toMatchObject({
        ok: false,
        problems: [expect.stringContaining(`names the secrets provider ${KV}\u00df, not the configured ${KV}ss`)],
      });
      // A slash inside the URL is not trailing: another key.
      const other = `${KV}/x`;
      expect(decide(input("deploy", { file: { secretsProvider: other, hasEncryptionSalt: false } }))).toEqual({
        ok: false,
        problems: [
          `Pulumi.payments.yaml names the secrets provider ${other}, not the configured ${KV}. ${FIX}, then commit the file.`,
        ],
      });
    });
  });

  describe("PULUMI_SECRETS_PROVIDER must be one Key Vault key URL", () => {
    const envProblem = (got: string) =>
      `The environment secret PULUMI_SECRETS_PROVIDER must be the Key Vault key encrypting every stack, azurekeyvault://<vault>.vault.azure.net/keys/<key>; got ${got}.`;

    test.each([
      ["the public cloud", KV],
      ["Azure China", "azurekeyvault://kv-cn.vault.azure.cn/keys/state"],
      ["Azure Government", "azurekeyvault://kv-gov.vault.usgovcloudapi.net/keys/state"],
      ["a key version of 32 hex digits", `${KV}/0123456789abcdef0123456789abcdef`],
      ["a vault name of 3 characters", "azurekeyvault://abc.vault.azure.net/keys/k"],
      ["a vault name of 24 characters", `azurekeyvault://${"a".repeat(24)}.vault.azure.net/keys/k`],
      ["a key name of 127 characters", `azurekeyvault://kv1.vault.azure.net/keys/${"K-9".repeat(42)}k`],
      ["blanks around it", `  ${KV}\n`],
    ])("accepted: %s", (_name, configured) => {
      expect(
        decide(input("deploy", { configuredProvider: configured, exists: false, state: undefined })),
      ).toMatchObject({ ok: true, action: "create" });
    });

    test.each([
      ["junk before it", `x${KV}`],
      ["junk after it", `${KV}/0123456789abcdef0123456789abcdef/x`],
      ["another scheme", KV.replace("azurekeyvault", "awskms")],
      ["a vault name of 2 characters", "azurekeyvault://ab.vault.azure.net/keys/k"],
      ["a vault name of 25 characters", `azurekeyvault://${"a".repeat(25)}.vault.azure.net/keys/k`],
      ["an upper-case vault name", "azurekeyvault://KV-PLATFORM.vault.azure.net/keys/k"],
      ["a vault name with a dot", "azurekeyvault://kv.evil.vault.azure.net/keys/k"],
      ["another domain", "azurekeyvault://kv-platform.vault.azure.com/keys/k"],
      ["a domain with junk after the cloud", "azurekeyvault://kv-platform.vault.azure.net.evil.com/keys/k"],
      ["an unescaped dot's lookalike", "azurekeyvault://kv-platform.vaultxazure.net/keys/k"],
      ["no key name", "azurekeyvault://kv-platform.vault.azure.net/keys/"],
      ["a key name of 128 characters", `azurekeyvault://kv1.vault.azure.net/keys/${"k".repeat(128)}`],
      ["a key name with an underscore", "azurekeyvault://kv1.vault.azure.net/keys/my_key"],
      ["a secrets path instead of keys", "azurekeyvault://kv1.vault.azure.net/secrets/k"],
      ["a key version of 31 hex digits", `${KV}/${"a".repeat(31)}`],
      ["a key version in upper case", `${KV}/${"A".repeat(32)}`],
    ])("refused: %s", (_name, configured) => {
      expect(decide(input("deploy", { configuredProvider: configured, exists: false, state: undefined }))).toEqual({
        ok: false,
        problems: [envProblem(JSON.stringify(configured))],
      });
    });

    test("nothing configured (unset or empty) says so; the fix then shows the URL's shape and no file or state is compared", () => {
      expect(
        decide(
          input("rotate", {
            configuredProvider: undefined,
            file: { secretsProvider: "azurekeyvault://x.vault.azure.net/keys/k", hasEncryptionSalt: false },
            state: {},
          }),
        ),
      ).toEqual({
        ok: false,
        problems: [envProblem("nothing")],
      });
      expect(decide(input("deploy", { configuredProvider: "", exists: false, state: undefined }))).toEqual({
        ok: false,
        problems: [envProblem("nothing")],
      });
      expect(decide(input("preview", { configuredProvider: undefined, file: { hasEncryptionSalt: true } }))).toEqual({
        ok: false,
        problems: [
          envProblem("nothing"),
          'Pulumi.payments.yaml has encryptionsalt: the stack uses a passphrase, which the workflows cannot open. Run pulumi stack change-secrets-provider "azurekeyvault://<vault>.vault.azure.net/keys/<key>" --stack payments, then commit the file.',
        ],
      });
    });
  });

  describe("an existing stack's state", () => {
    test("no state at all, or one without a provider type, cannot be trusted", () => {
      const problem = `Stack payments exists but its state records no secrets provider. ${FIX}.`;
      expect(decide(input("rotate", { state: undefined }))).toEqual({ ok: false, problems: [problem] });
      expect(decide(input("rotate", { state: { url: KV } }))).toEqual({ ok: false, problems: [problem] });
    });

    test.each([
      ["a cloud key with no URL", { type: "cloud" }, "an unnamed key"],
      ["the service provider", { type: "service" }, "the service secrets provider"],
      ["another provider type naming the same URL", { type: "passphrase", url: KV }, "the passphrase secrets provider"],
    ])("refused: %s", (_name, state, what) => {
      expect(decide(input("emergency", { state }))).toEqual({
        ok: false,
        problems: [`Stack payments is encrypted with ${what}, not the configured ${KV}. ${FIX}.`],
      });
    });

    test("a cloud state on the configured key, written differently, runs", () => {
      expect(decide(input("emergency", { state: { type: "cloud", url: `${KV.toUpperCase()}/` } }))).toMatchObject({
        ok: true,
        action: "run",
      });
    });

    test("every problem is reported at once, in a fixed order", () => {
      const other = "azurekeyvault://kv-other.vault.azure.net/keys/k";
      expect(
        decide(
          input("emergency", {
            file: { secretsProvider: other, hasEncryptionSalt: true },
            state: { type: "passphrase" },
          }),
        ),
      ).toEqual({
        ok: false,
        problems: [
          `Pulumi.payments.yaml has encryptionsalt: the stack uses a passphrase, which the workflows cannot open. ${FIX}, then commit the file.`,
          `Pulumi.payments.yaml names the secrets provider ${other}, not the configured ${KV}. ${FIX}, then commit the file.`,
          `Stack payments is encrypted with the passphrase secrets provider, not the configured ${KV}. ${FIX}.`,
        ],
      });
    });
  });

  describe("reading the facts, at their edges", () => {
    test("an empty stack file has no provider and no salt; values that are not text count as absent", () => {
      expect(stackFileFacts("")).toEqual({ hasEncryptionSalt: false });
      expect(stackFileFacts("secretsprovider: 42\nencryptionsalt: 7\n")).toEqual({ hasEncryptionSalt: false });
      expect(stackFileFacts("secretsprovider: passphrase\n")).toEqual({
        secretsProvider: "passphrase",
        hasEncryptionSalt: false,
      });
    });

    test("a stack is listed only under its own name or as the last segment of a qualified one", () => {
      expect(stackListed('[{"name":"organization/codex-boundary/payments"}]', "payments")).toBe(true);
      expect(stackListed('[{"name":"organization/codex-boundary/xpayments"}]', "payments")).toBe(false);
      expect(stackListed('[{"name":"payments/dev"}]', "payments")).toBe(false);
      expect(stackListed('[{"name":7},{"other":"payments"},{"name":"dev"}]', "payments")).toBe(false);
      expect(() => stackListed('"payments"', "payments")).toThrowError(
        "`pulumi stack ls --json` did not print a list.",
      );
    });

    test("a state's provider type and URL are read only when they are text", () => {
      expect(stateFacts("{}")).toEqual({});
      expect(stateFacts('{"deployment":{"secrets_providers":{"type":"passphrase"}}}')).toEqual({ type: "passphrase" });
      expect(stateFacts('{"deployment":{"secrets_providers":{"state":{"url":"u"}}}}')).toEqual({ url: "u" });
      expect(stateFacts('{"deployment":{"secrets_providers":{"type":1,"state":{"url":2}}}}')).toEqual({});
    });
  });
});
