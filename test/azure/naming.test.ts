import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { TEAM_NAME_PATTERN } from "../../lib/config/schema";
import {
  codexBaseUrl,
  customSubdomain,
  SUBDOMAIN_PATTERN,
  teamNames,
  teamTags,
  UNIQUE_SUFFIX_LENGTH,
  VAULT_NAME_PATTERN,
  vaultName,
} from "../../lib/azure/naming";
import { privateEndpointSubnetPrefix } from "../../lib/azure/network";
import { cidrContains } from "../../lib/config/schema";

const teamName = fc
  .tuple(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 4 }), fc.stringMatching(/^[a-z0-9]{0,8}$/))
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
    const tags = teamTags({ team: "dev", costCenter: "CC-1", dataBoundary: "eu", tags: { team: "spoofed", owner: "me" } });
    expect(tags).toEqual({ owner: "me", team: "dev", "cost-center": "CC-1", "managed-by": "pulumi/codex-boundary", "data-boundary": "eu" });
  });
});

describe("private endpoint subnet", () => {
  const blocks = fc
    .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 29 }))
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
    expect(privateEndpointSubnetPrefix({ mode: "create", addressSpace: "10.0.0.0/16", privateEndpointSubnet: "10.0.8.0/24" })).toBe("10.0.8.0/24");
  });
});
