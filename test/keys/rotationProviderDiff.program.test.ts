import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { expect, test } from "vitest";
import { createKeyRegenerationProvider, type KeyRegenerationInputs } from "../../providers/keyRegeneration";

const inputs = (trigger: string, keyName: "Key1" | "Key2"): KeyRegenerationInputs => ({
  subscriptionId: "00000000-0000-4000-8000-00000000c0de",
  resourceGroupName: "rg-codex-dev",
  accountName: "aif-codex-dev",
  armEndpoint: "https://management.azure.com",
  keyName,
  trigger,
});

test("the provider as Pulumi serializes it never regenerates backwards: a lower scheduled trigger is no change", async () => {
  const provider = createKeyRegenerationProvider();
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { isFactoryFunction: false });
  const requireFromString = createRequire(require.resolve("@pulumi/pulumi"))("require-from-string") as (
    code: string,
  ) => { handler: () => typeof provider };
  const stored = requireFromString(serialized.text).handler();
  const diff = stored.diff;
  if (!diff) throw new Error("the provider has no diff");
  // State after a failed step to g11 (Key2 regenerated); the next run holds at g10 (Key1, the key handed out).
  expect((await diff("id", inputs("scheduled:g11", "Key2"), inputs("scheduled:g10", "Key1"))).changes).toBe(false);
  expect((await diff("id", inputs("scheduled:g10", "Key1"), inputs("scheduled:g11", "Key2"))).changes).toBe(true);
  expect((await diff("id", inputs("scheduled:g11", "Key2"), inputs("scheduled:g11", "Key2"))).changes).toBe(false);
  // Another account is another key: always a change.
  expect(
    (
      await diff("id", inputs("scheduled:g11", "Key2"), {
        ...inputs("scheduled:g10", "Key1"),
        accountName: "aif-codex-other",
      })
    ).changes,
  ).toBe(true);
  expect((await diff("id", inputs("emergency:g7", "Key1"), inputs("emergency:g9", "Key2"))).changes).toBe(true);
});
