import { describe, expect, test } from "vitest";
import {
  ACCOUNT_NAME_PATTERN,
  codexBaseUrl,
  customSubdomain,
  KEY_AUTH_TAG,
  SUBDOMAIN_PATTERN,
  teamNames,
  teamTags,
  UNIQUE_SUFFIX_LENGTH,
  VAULT_NAME_PATTERN,
  vaultName,
} from "../../lib/azure/naming";
import { ACCOUNT_ZONE_KEYS, PRIVATE_DNS_ZONES, VAULT_ZONE_KEYS } from "../../lib/azure/network";

/**
 * Known answers: these names are in deployed state. A change here renames (replaces) every team's resources,
 * so it must fail a test and come with `aliases` on purpose.
 */
describe("generated names (known answers)", () => {
  test("every resource name of team 'payments-eu'", () => {
    expect(teamNames("payments-eu")).toEqual({
      resourceGroup: "rg-codex-payments-eu",
      account: "aif-codex-payments-eu",
      virtualNetwork: "vnet-codex-payments-eu",
      privateEndpointSubnet: "snet-private-endpoints",
      accountPrivateEndpoint: "pe-aif-codex-payments-eu",
      vaultPrivateEndpoint: "pe-kv-codex-payments-eu",
      workspace: "log-codex-payments-eu",
      budget: "budget-codex-payments-eu",
      ciIdentity: "id-codex-payments-eu-ci",
    });
  });

  test("globally unique names and the base URL", () => {
    expect(UNIQUE_SUFFIX_LENGTH).toBe(6);
    expect(customSubdomain("payments-eu", "x1y2z3")).toBe("codex-payments-eu-x1y2z3");
    expect(vaultName("payments-eu", "x1y2z3")).toBe("kv-payments-eu-x1y2z3");
    // The team is cut to 12 characters; trailing hyphens of the cut go (no "--" before the suffix).
    expect(vaultName("abcdefghijklmnop", "x1y2z3")).toBe("kv-abcdefghijkl-x1y2z3");
    expect(vaultName("abcdefghij--mnop", "x1y2z3")).toBe("kv-abcdefghij-x1y2z3");
    expect(codexBaseUrl("codex-payments-eu-x1y2z3")).toBe("https://codex-payments-eu-x1y2z3.openai.azure.com/openai/v1");
  });

  test("the boundary tags, the key-auth tag and the private DNS zones", () => {
    expect(teamTags({ team: "t1", costCenter: "CC-9", dataBoundary: "us", tags: {} })).toEqual({
      team: "t1",
      "cost-center": "CC-9",
      "managed-by": "pulumi/codex-boundary",
      "data-boundary": "us",
    });
    expect(KEY_AUTH_TAG).toEqual({
      name: "codex-key-auth",
      value: "required: auth.mode key, Codex authenticates with an API key rotated by codex-boundary (auth.mode entra needs no key)",
    });
    expect(PRIVATE_DNS_ZONES).toEqual({
      cognitiveServices: "privatelink.cognitiveservices.azure.com",
      openAi: "privatelink.openai.azure.com",
      aiServices: "privatelink.services.ai.azure.com",
      keyVault: "privatelink.vaultcore.azure.net",
    });
    expect(ACCOUNT_ZONE_KEYS).toEqual(["cognitiveServices", "openAi", "aiServices"]);
    expect(VAULT_ZONE_KEYS).toEqual(["keyVault"]);
  });
});

describe("Azure's name rules (patterns), both edges", () => {
  test.each([
    ["ab", true],
    ["a", true],
    ["a".repeat(64), true],
    ["a".repeat(65), false],
    ["-ab", false],
    ["ab-", false],
    ["Ab", false],
    ["a_b", false],
    ["x ab", false],
    ["ab x", false],
  ])("subdomain %s: %s", (value, ok) => {
    expect(SUBDOMAIN_PATTERN.test(value)).toBe(ok);
  });

  test.each([
    ["kv1", true],
    ["kv", false],
    ["k".repeat(24), true],
    ["k".repeat(25), false],
    ["1kv", false],
    ["kv-", false],
    ["kv--a", false],
    ["kv-a", true],
    [" kv-a", false],
    ["kv-a ", false],
  ])("vault name %s: %s", (value, ok) => {
    expect(VAULT_NAME_PATTERN.test(value)).toBe(ok);
  });

  test.each([
    ["ab", true],
    ["a", false],
    ["a".repeat(64), true],
    ["a".repeat(65), false],
    ["_ab", false],
    ["a_b.c-d", true],
    [" ab", false],
    ["ab ", false],
  ])("account name %s: %s", (value, ok) => {
    expect(ACCOUNT_NAME_PATTERN.test(value)).toBe(ok);
  });

  test("a generated name that breaks a rule names the kind, the value and the rule", () => {
    expect(() => customSubdomain("Team", "abc123")).toThrowError(
      "generated custom subdomain 'codex-Team-abc123' breaks Azure's rule: 2-64 lowercase letters, digits and hyphens, not starting or ending with a hyphen",
    );
    expect(() => vaultName("team", "ab_12")).toThrowError(
      "generated Key Vault name 'kv-team-ab_12' breaks Azure's rule: 3-24 letters, digits and hyphens, starting with a letter, no consecutive hyphens",
    );
    expect(() => teamNames("t".repeat(60))).toThrowError(
      `generated account name 'aif-codex-${"t".repeat(60)}' breaks Azure's rule: 2-64 letters, digits, '_', '.' and '-', starting with a letter or digit`,
    );
    expect(() => codexBaseUrl("Bad")).toThrowError("'Bad' is not a valid custom subdomain");
  });
});
