import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { TEAM_NAME_PATTERN, cidrContains } from "../../lib/config/schema";
import {
  codexBaseUrl,
  customSubdomain,
  SUBDOMAIN_PATTERN,
  teamNames,
  teamTags,
  UNIQUE_SUFFIX_LENGTH,
  VAULT_NAME_PATTERN,
  vaultName,
  ACCOUNT_NAME_PATTERN,
  KEY_AUTH_TAG,
} from "../../lib/azure/naming";
import {
  privateEndpointSubnetPrefix,
  ACCOUNT_ZONE_KEYS,
  PRIVATE_DNS_ZONES,
  VAULT_ZONE_KEYS,
} from "../../lib/azure/network";

const teamName = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 4 }),
    fc.stringMatching(/^[a-z0-9]{0,8}$/),
  )
  .map(([first, parts, head]) => [first + head, ...parts].join("-"))
  .filter((name) => TEAM_NAME_PATTERN.test(name));
const suffix = fc.stringMatching(new RegExp(`^[a-z0-9]{${UNIQUE_SUFFIX_LENGTH}}$`));

describe("naming", () => {
  test("every valid team name gives a valid, bounded subdomain and vault name", () => {
    fc.assert(
      fc.property(teamName, suffix, (team, s) => {
        const subdomain = customSubdomain(team, s);
        const vault = vaultName(team, s);
        expect(subdomain).toMatch(SUBDOMAIN_PATTERN);
        expect(subdomain.length).toBeLessThanOrEqual(64);
        expect(vault).toMatch(VAULT_NAME_PATTERN);
        expect(vault.length).toBeGreaterThanOrEqual(3);
        expect(vault.length).toBeLessThanOrEqual(24);
        expect(vault).not.toContain("--");
        expect(codexBaseUrl(subdomain)).toBe(`https://${subdomain}.openai.azure.com/openai/v1`);
      }),
    );
  });

  test("different teams never share a resource group or account name", () => {
    fc.assert(
      fc.property(teamName, teamName, (a, b) => {
        fc.pre(a !== b);
        expect(teamNames(a).resourceGroup).not.toBe(teamNames(b).resourceGroup);
        expect(teamNames(a).account).not.toBe(teamNames(b).account);
      }),
    );
  });

  test("a 16-character team with a hyphen at the cut still gives a vault name without a trailing hyphen before the suffix", () => {
    expect(vaultName("abcdefghijk-mnop", "x1y2z3")).toBe("kv-abcdefghijk-x1y2z3");
  });

  test("a broken generated name fails loudly instead of reaching Azure", () => {
    expect(() => codexBaseUrl("-bad-")).toThrowError(/not a valid custom subdomain/);
    expect(() => customSubdomain("UPPER", "abc123")).toThrowError(/breaks Azure's rule/);
  });

  test("tags: the team's own tags cannot override the boundary tags", () => {
    const tags = teamTags({
      team: "dev",
      costCenter: "CC-1",
      dataBoundary: "eu",
      tags: { team: "spoofed", owner: "me" },
    });
    expect(tags).toEqual({
      owner: "me",
      team: "dev",
      "cost-center": "CC-1",
      "managed-by": "pulumi/codex-boundary",
      "data-boundary": "eu",
    });
  });
});

describe("private endpoint subnet", () => {
  const blocks = fc
    .tuple(
      fc.integer({ min: 1, max: 223 }),
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 16, max: 29 }),
    )
    .map(([a, b, c, prefix]) => `${a}.${b}.${c}.0/${prefix}`);

  test("the default subnet is a /27 (or the whole space if smaller) inside the address space", () => {
    fc.assert(
      fc.property(blocks, (addressSpace) => {
        const subnet = privateEndpointSubnetPrefix({ mode: "create", addressSpace });
        expect(cidrContains(addressSpace, subnet)).toBe(true);
        const prefix = Number(subnet.split("/")[1]);
        expect(prefix).toBe(Math.max(Number(addressSpace.split("/")[1]), 27));
      }),
    );
  });

  test("an explicit subnet wins", () => {
    expect(
      privateEndpointSubnetPrefix({
        mode: "create",
        addressSpace: "10.0.0.0/16",
        privateEndpointSubnet: "10.0.8.0/24",
      }),
    ).toBe("10.0.8.0/24");
  });
});

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
      privateEndpointNsg: "nsg-codex-payments-eu-private-endpoints",
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
    expect(codexBaseUrl("codex-payments-eu-x1y2z3")).toBe(
      "https://codex-payments-eu-x1y2z3.openai.azure.com/openai/v1",
    );
  });

  test("the boundary tags, the key-auth tag and the private DNS zones", () => {
    expect(teamTags({ team: "t1", costCenter: "CC-9", dataBoundary: "us", tags: {} })).toEqual({
      team: "t1",
      "cost-center": "CC-9",
      "managed-by": "pulumi/codex-boundary",
      "data-boundary": "us",
    });
    expect(KEY_AUTH_TAG.name).toBe("codex-key-auth");
    expect(KEY_AUTH_TAG.value).toMatch(/^required: auth\.mode key/);
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
      /^generated custom subdomain 'codex-Team-abc123' breaks Azure's rule: 2-64 lowercase/,
    );
    expect(() => vaultName("team", "ab_12")).toThrowError(
      /^generated Key Vault name 'kv-team-ab_12' breaks Azure's rule: .*no consecutive hyphens/,
    );
    expect(() => teamNames("t".repeat(60))).toThrowError(
      new RegExp(`^generated account name 'aif-codex-t{60}' breaks Azure's rule: 2-64`),
    );
    expect(() => codexBaseUrl("Bad")).toThrowError("'Bad' is not a valid custom subdomain");
  });
});

// Azure refuses a Key Vault name with two hyphens in a row anywhere in it, not only right after the first letter.
describe("Key Vault names: no consecutive hyphens at any position", () => {
  test.each([
    ["a--b", false],
    ["kv-team--x1y2z3", false],
    ["kv-team-x1y2z3--a", false],
    ["kv-te-am-x1y2z3", true],
    ["kv-team-x1y2z3", true],
  ])("%s: %s", (value, ok) => {
    expect(VAULT_NAME_PATTERN.test(value)).toBe(ok);
  });
});
