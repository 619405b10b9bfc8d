import { describe, expect, test } from "vitest";
import { LANDING_ZONE_POLICIES } from "../../lib/policy/landingZone";
import { type PolicyResource, TYPES } from "../../lib/policy/types";

function account(name: string, props: Record<string, unknown>): PolicyResource {
  return { urn: `urn:pulumi:t::codex-boundary::${TYPES.account}::${name}`, type: TYPES.account, name, props };
}

function named(policy: string, resources: PolicyResource[]): string[] {
  const control = LANDING_ZONE_POLICIES.find((p) => p.name === policy);
  if (!control) throw new Error(`no policy ${policy}`);
  return control.check(resources, { nowMs: 0 }).map((v) => v.urn.split("::").pop() ?? "");
}

describe("what landing-zone assignments would do to the stack", () => {
  test("a key-mode account is named for the disable-local-auth remediation (14de9e63, 55eff01b); a keyless one is not", () => {
    const resources = [
      account("keyed", { kind: "AIServices", properties: { disableLocalAuth: false } }),
      account("unset", { kind: "AIServices", properties: {} }),
      account("keyless", { kind: "AIServices", properties: { disableLocalAuth: true } }),
    ];
    expect(named("local-auth-remediation-drift", resources)).toEqual(["keyed", "unset"]);
  });

  test("an OpenAI-kind account without a customer-managed key is named for 67121cc7; AIServices and a CMK are not", () => {
    const resources = [
      account("openai", { kind: "OpenAI", properties: { encryption: { keySource: "Microsoft.CognitiveServices" } } }),
      account("openai-bare", { kind: "OpenAI", properties: {} }),
      account("openai-cmk", { kind: "OpenAI", properties: { encryption: { keySource: "Microsoft.KeyVault" } } }),
      account("foundry", { kind: "AIServices", properties: {} }),
    ];
    expect(named("openai-kind-customer-managed-key", resources)).toEqual(["openai", "openai-bare"]);
  });
});
