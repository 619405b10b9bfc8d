import { describe, expect, test } from "vitest";
import { subscriptionOfId } from "../../lib/config/schema";
import { configProblems, minimalConfig } from "./minimalConfig";

/** Each kind of refusal the schema itself writes, asserted whole: the config path, the fix, and the value quoted. */
const NOW = Date.parse("2026-11-25T09:30:00Z");

function problems(patch: Record<string, unknown>): string[] {
  return configProblems({ ...minimalConfig(), ...patch }, NOW);
}

describe("messages of the schema's own rules", () => {
  test("an emergency reason YAML read as a number or boolean says to quote it; another non-text says what it is for", () => {
    expect(problems({ keyRotation: { emergencies: [2026] } })).toEqual(["keyRotation.emergencies[0]: must be text, but YAML read it as a number: quote it (e.g. '2026') (got 2026)"]);
    expect(problems({ keyRotation: { emergencies: [true] } })).toEqual(["keyRotation.emergencies[0]: must be text, but YAML read it as a boolean: quote it (e.g. 'true') (got true)"]);
    expect(problems({ keyRotation: { emergencies: [null] } })).toEqual(["keyRotation.emergencies[0]: must be text: why the key was rotated (got null)"]);
    expect(problems({ keyRotation: { emergencies: ["key posted in a public issue"] } })).toEqual([]);
  });

  test("an emergency reason that looks like key material is refused without echoing it; other bad reasons are quoted", () => {
    const key = "0123456789abcdef0123456789abcdef";
    const lines = problems({ keyRotation: { emergencies: [`leaked ${key}`] } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keyRotation\.emergencies\[0\]: looks like key material/);
    expect(lines[0]).not.toContain(key);
    expect(lines[0]).not.toContain("(got");
    const short = problems({ keyRotation: { emergencies: ["x"] } });
    expect(short).toHaveLength(1);
    expect(short[0]).toMatch(/^keyRotation\.emergencies\[0\]: .* \(got "x"\)$/);
  });

  test("a CIDR block: the form is named when it is no block; host bits set name the network address", () => {
    expect(problems({ networking: { mode: "create", addressSpace: "10.60.0.0" } })).toEqual([
      'networking.addressSpace: must be an IPv4 CIDR block with a prefix from /8 to /29, e.g. 10.60.0.0/24 (got "10.60.0.0")',
    ]);
    expect(problems({ networking: { mode: "create", addressSpace: "10.60.0.1/24" } })).toEqual([
      'networking.addressSpace: has host bits set: Azure accepts an address block only as its network address; use 10.60.0.0/24 (got "10.60.0.1/24")',
    ]);
    expect(problems({ networking: { mode: "create", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.60.0.8/27" } })).toEqual([
      'networking.privateEndpointSubnet: has host bits set: Azure accepts an address block only as its network address; use 10.60.0.0/27 (got "10.60.0.8/27")',
    ]);
  });

  test("a date that is not YYYY-MM-DD, and one that is no calendar day", () => {
    expect(problems({ keyRotation: { epoch: "2026/01/01" } })).toEqual(['keyRotation.epoch: must be a date as YYYY-MM-DD (got "2026/01/01")']);
    const lines = problems({ keyRotation: { epoch: "2026-02-30" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keyRotation\.epoch: .+ \(got "2026-02-30"\)$/);
  });

  test("a tag the stack sets itself names the tag, where it is set, and the name to remove", () => {
    const lines = problems({ tags: { Team: "x" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tags\.Team: collides with the tag 'team' the stack sets on .+ \(Azure tag names ignore case\): remove 'Team' from tags or rename it/);
  });

  test("repository names: a bare '.git' names no fix of its own; names merely containing .git or .wiki pass", () => {
    const repos = (...names: string[]) => ({ github: { owner: "contoso", repositories: names.map((name) => ({ name })) } });
    expect(problems(repos(".git"))).toEqual([`github.repositories[0].name: ends in '.git', which GitHub strips from a repository name: write the name without it (got ".git")`]);
    expect(problems(repos("API.GIT"))).toEqual([`github.repositories[0].name: ends in '.git', which GitHub strips from a repository name: write API without it (got "API.GIT")`]);
    expect(problems(repos("docs.WIKI"))).toEqual([
      `github.repositories[0].name: ends in '.wiki', which GitHub refuses for a repository name (it is the wiki's address): write the repository's own name (got "docs.WIKI")`,
    ]);
    expect(problems(repos("a.github", "x.git.io", "x.wikis", "wiki", "git", "a.gitx", "a.wiki-x"))).toEqual([]);
  });

  test("a baseUrl: http is refused with the https URL; other schemes and an http link inside another URL get the general form", () => {
    const github = (baseUrl: string) => ({ github: { owner: "contoso", baseUrl } });
    expect(problems(github("HTTP://ghe.contoso.com/api/v3"))).toEqual([
      'github.baseUrl: must use https: the stack sends its GitHub token to this API, so plain http is refused; write https://ghe.contoso.com/api/v3 (got "HTTP://ghe.contoso.com/api/v3")',
    ]);
    const general = "must be the https URL of the GitHub Enterprise Server API, e.g. https://github.example.com/api/v3";
    expect(problems(github("ftp://ghe.contoso.com/?next=http://x"))).toEqual([`github.baseUrl: ${general} (got "ftp://ghe.contoso.com/?next=http://x")`]);
    expect(problems(github("ghe.contoso.com"))).toEqual([`github.baseUrl: ${general} (got "ghe.contoso.com")`]);
  });
});

describe("subscriptionOfId", () => {
  test("reads the subscription of an ARM ID in lower case, and only at the start", () => {
    expect(subscriptionOfId("/subscriptions/ABCDEF00-0000-0000-0000-000000000001/resourceGroups/rg")).toBe("abcdef00-0000-0000-0000-000000000001");
    expect(subscriptionOfId("/SUBSCRIPTIONS/abc/resourceGroups/rg")).toBe("abc");
    expect(subscriptionOfId("/subscriptions/abc")).toBe("abc");
    expect(subscriptionOfId("/x/subscriptions/abc/resourceGroups/rg")).toBe("");
    expect(subscriptionOfId("rg")).toBe("");
  });
});
