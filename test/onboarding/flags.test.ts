import { expect, test } from "vitest";
import { conflictsWith, firstFreeBlock, overlaps } from "../../lib/onboarding/addressSpace";
import { nearestFlag, unknownFlags } from "../../lib/onboarding/flags";
import { secretsProviderFor } from "../../lib/onboarding/nextSteps";

const KNOWN = ["name", "cost-center", "location", "data-boundary", "budget", "address-space", "stack-dir", "help"];

test("a typo gets the nearest flag; something unlike every flag gets no guess", () => {
  expect(nearestFlag("--locaiton", KNOWN)).toBe("location");
  expect(nearestFlag("--data-boundry=eu", KNOWN)).toBe("data-boundary");
  expect(nearestFlag("--addr", KNOWN)).toBe("address-space");
  expect(nearestFlag("--colour", KNOWN)).toBeUndefined();
});

test("values that look like flags after a flag that takes one are values, not unknown flags", () => {
  expect(unknownFlags(["--budget", "-5", "--name", "x"], KNOWN)).toEqual([]);
  expect(unknownFlags(["--nmae", "x", "-q"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)", "unknown option -q"]);
});

test("address spaces: overlap is containment either way; the first free /24 skips every taken block", () => {
  expect(overlaps("10.60.0.0/16", "10.60.3.0/24")).toBe(true);
  expect(overlaps("10.60.3.0/24", "10.60.0.0/16")).toBe(true);
  expect(overlaps("10.60.0.0/24", "10.60.1.0/24")).toBe(false);
  const taken = [
    { file: "Pulumi.dev.yaml", addressSpace: "10.60.0.0/24" },
    { file: "Pulumi.hub.yaml", addressSpace: "10.60.0.0/23" },
    { file: "Pulumi.ops.yaml", addressSpace: "10.60.2.0/25" },
  ];
  expect(firstFreeBlock(taken)).toBe("10.60.3.0/24");
  expect(conflictsWith("10.60.1.128/25", taken).map((t) => t.file)).toEqual(["Pulumi.hub.yaml"]);
  expect(firstFreeBlock([{ file: "Pulumi.big.yaml", addressSpace: "10.60.0.0/16" }])).toBeUndefined();
});

test("the secrets provider in the hint: the one Key Vault key every stack records, else a placeholder to fill in", () => {
  const kv = "azurekeyvault://kv-state.vault.azure.net/keys/pulumi";
  expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: kv }, { file: "Pulumi.b.yaml", url: kv }]).url).toBe(kv);
  expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: kv }, { file: "Pulumi.b.yaml", url: `${kv}2` }]).url).toBe("azurekeyvault://<vault>.vault.azure.net/keys/<key>");
  expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: "passphrase" }]).url).toContain("<vault>");
});
