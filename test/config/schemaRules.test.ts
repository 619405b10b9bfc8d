import { describe, expect, test } from "vitest";

import { cidr, repositorySchema, subscriptionOfId, teamConfigSchema } from "../../lib/config/schema";
import { configProblems, minimalConfig } from "./minimalConfig";
import { expectProblems } from "../support/problemText";
import { parseAdmitted } from "../support/platformFiles";

/**
 * Rules of the config schema that the edge and message tests beside this file leave open: a field's own message where
 * the parser's generic one would differ, a choice written out as its default, a URL scheme with junk around `https`,
 * a resource ID with a second line, and the issues the schema's refinements raise (as zod reports them to a caller).
 */
const NOW = Date.parse("2026-11-25T09:30:00Z");
const SUB = "00000000-0000-0000-0000-000000000001";
const ACTION_GROUP = `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.Insights/actionGroups/ag-finops`;
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-central`;
const ASSIGNMENT = "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";

/** The problem lines (`path: message`) of the minimal config with `patch` on top, or [] when it parses. */
function problems(patch: Record<string, unknown>): string[] {
  return configProblems({ ...minimalConfig(), ...patch }, NOW);
}

/** The problem lines at `path` (other checks, e.g. the model catalog, may add their own elsewhere). */
const problemsAt = (path: string, patch: Record<string, unknown>): string[] =>
  problems(patch).filter((line) => line.startsWith(`${path}: `));

/** A value as the parser quotes it: JSON, cut to 77 characters and "..." past 80. */
const quoted = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

const model = (patch: Record<string, unknown>) => ({
  models: [{ ...(minimalConfig().models as Array<Record<string, unknown>>)[0], ...patch }],
});

describe("a model deployment's own messages", () => {
  test("an empty model or version says what to write, with an example", () => {
    expect(problemsAt("models[0].model", model({ model: "" }))).toEqual([
      'models[0].model: must name an Azure OpenAI model, e.g. gpt-5.3-codex (got "")',
    ]);
    expect(problemsAt("models[0].version", model({ version: "" }))).toEqual([
      'models[0].version: must be the model version Azure lists, e.g. 2026-02-24 (got "")',
    ]);
  });

  test("a content filter name of one character is kept; an empty one is refused; left out, Azure's default (no key)", () => {
    expect(
      parseAdmitted({ ...minimalConfig(), ...model({ raiPolicyName: "Microsoft.DefaultV2" }) }, undefined, NOW)
        .models[0]?.raiPolicyName,
    ).toBe("Microsoft.DefaultV2");
    expect(
      parseAdmitted({ ...minimalConfig(), ...model({ raiPolicyName: "f" }) }, undefined, NOW).models[0]?.raiPolicyName,
    ).toBe("f");
    expect(problemsAt("models[0].raiPolicyName", model({ raiPolicyName: "" }))).toEqual([
      'models[0].raiPolicyName: must not be empty (got "")',
    ]);
    expect(parseAdmitted(minimalConfig(), undefined, NOW).models[0]).not.toHaveProperty("raiPolicyName");
  });
});

describe("choices written out", () => {
  test("publicNetworkAccess written as its default, Disabled, is kept; a choice in the wrong case names both", () => {
    expect(
      parseAdmitted({ ...minimalConfig(), account: { publicNetworkAccess: "Disabled" } }, undefined, NOW).account
        .publicNetworkAccess,
    ).toBe("Disabled");
    expectProblems(problems({ account: { publicNetworkAccess: "disabled" } }), [
      [
        "account.publicNetworkAccess",
        '"Disabled"',
        '"Enabled"',
        '(got "disabled")',
        'must be one of "Disabled", "Enabled"',
      ],
    ]);
  });

  test("deployerPrincipalType: ServicePrincipal and User are kept, another spelling names both, left out there is no key (platform.yaml azure.deployer decides)", () => {
    const access = (deployerPrincipalType?: string) => ({
      access: {
        ...(minimalConfig().access as Record<string, unknown>),
        ...(deployerPrincipalType === undefined ? {} : { deployerPrincipalType }),
      },
    });
    expect(
      parseAdmitted({ ...minimalConfig(), ...access("ServicePrincipal") }, undefined, NOW).access.deployerPrincipalType,
    ).toBe("ServicePrincipal");
    expect(parseAdmitted({ ...minimalConfig(), ...access("User") }, undefined, NOW).access.deployerPrincipalType).toBe(
      "User",
    );
    expectProblems(problems(access("user")), [
      [
        "access.deployerPrincipalType",
        '"ServicePrincipal"',
        '"User"',
        '(got "user")',
        'must be one of "ServicePrincipal", "User"',
      ],
    ]);
    expectProblems(problems(access("")), [
      [
        "access.deployerPrincipalType",
        '"ServicePrincipal"',
        '"User"',
        '(got "")',
        'must be one of "ServicePrincipal", "User"',
      ],
    ]);
    expect(parseAdmitted({ ...minimalConfig(), ...access() }, undefined, NOW).access).not.toHaveProperty(
      "deployerPrincipalType",
    );
  });
});

describe("resource IDs end where the value ends", () => {
  test("an action group or workspace ID passes; the same ID with a second line after it is refused, naming the form", () => {
    expect(
      problems({
        budget: { ...(minimalConfig().budget as Record<string, unknown>), actionGroupId: ACTION_GROUP },
        audit: { workspaceId: WORKSPACE },
      }),
    ).toEqual([]);
    expect(
      problems({
        budget: { ...(minimalConfig().budget as Record<string, unknown>), actionGroupId: `${ACTION_GROUP}\nx` },
      }),
    ).toEqual([
      `budget.actionGroupId: must be the Azure resource ID of a monitor action group (/subscriptions/<guid>/resourceGroups/<rg>/providers/...) (got ${quoted(`${ACTION_GROUP}\nx`)})`,
    ]);
    expect(problems({ audit: { workspaceId: `${WORKSPACE}\n` } })).toEqual([
      `audit.workspaceId: must be the Azure resource ID of an existing Log Analytics workspace (/subscriptions/<guid>/resourceGroups/<rg>/providers/...) (got ${quoted(`${WORKSPACE}\n`)})`,
    ]);
  });
});

describe("the key-auth exemption's reference IDs", () => {
  const exemption = (policyDefinitionReferenceIds: unknown) => ({
    policy: {
      keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: "2027-01-31", policyDefinitionReferenceIds },
    },
  });

  test("one ID of one character passes; an empty ID says what it must be; an empty list says to list one or leave it out", () => {
    expect(problems(exemption(["a"]))).toEqual([]);
    expectProblems(problems(exemption(["ai-local-auth", ""])), [
      ["policy.keyAuthExemption.policyDefinitionReferenceIds[1]", '(got "")', "must be a policy definition reference"],
    ]);
    expectProblems(problems(exemption([])), [
      ["policy.keyAuthExemption.policyDefinitionReferenceIds", "(got [])", "must list at least one policy"],
    ]);
  });
});

describe("issues as the schema reports them to a caller of zod", () => {
  /** code, path and message of each issue of the config schema for the minimal config with `patch`. */
  const issues = (patch: Record<string, unknown>) => {
    const result = teamConfigSchema.safeParse({ ...minimalConfig(), ...patch });
    return result.success ? [] : result.error.issues.map(({ code, path, message }) => ({ code, path, message }));
  };

  test("each refinement is a custom issue at the field, with its fix", () => {
    expect(issues({ networking: { mode: "create", addressSpace: "10.60.0.1/24" } })).toEqual([
      {
        code: "custom",
        path: ["networking", "addressSpace"],
        message: "has host bits set: Azure accepts an address block only as its network address; use 10.60.0.0/24",
      },
    ]);
    expect(issues({ keyRotation: { epoch: "2026-02-30" } })).toEqual([
      {
        code: "custom",
        path: ["keyRotation", "epoch"],
        message: "is not a day of the calendar: February 2026 has 28 days; use a real date such as 2026-02-28",
      },
    ]);
    // A tag name is a record key: zod wraps the name's own issue in an invalid_key issue.
    const result = teamConfigSchema.safeParse({ ...minimalConfig(), tags: { "Cost-Center": "x" } });
    expect(result.success ? [] : result.error.issues).toMatchObject([
      {
        code: "invalid_key",
        path: ["tags", "Cost-Center"],
        issues: [
          {
            code: "custom",
            message: expect.stringMatching(
              /^collides with the tag 'cost-center' the stack sets on .+: remove 'Cost-Center' from tags or rename it$/,
            ) as unknown,
          },
        ],
      },
    ]);
  });

  test("repository names GitHub reserves, strips or refuses are custom issues naming the fix", () => {
    const issuesOf = (name: string) => {
      const result = repositorySchema.safeParse({ name });
      return result.success ? [] : result.error.issues.map(({ code, path, message }) => ({ code, path, message }));
    };
    expect(issuesOf("..")).toEqual([
      {
        code: "custom",
        path: ["name"],
        message: "'..' is reserved by GitHub and names no repository: write the repository's name, e.g. api",
      },
    ]);
    expect(issuesOf("api.git")).toEqual([
      {
        code: "custom",
        path: ["name"],
        message: "ends in '.git', which GitHub strips from a repository name: write api without it",
      },
    ]);
    expect(issuesOf("api.wiki")).toEqual([
      {
        code: "custom",
        path: ["name"],
        message:
          "ends in '.wiki', which GitHub refuses for a repository name (it is the wiki's address): write the repository's own name",
      },
    ]);
    expect(issuesOf("api")).toEqual([]);
  });

  test("a CIDR block with host bits set is a custom issue; the network address passes", () => {
    const result = cidr.safeParse("10.0.0.128/24");
    expect(result.success ? [] : result.error.issues.map(({ code, message }) => ({ code, message }))).toEqual([
      {
        code: "custom",
        message: "has host bits set: Azure accepts an address block only as its network address; use 10.0.0.0/24",
      },
    ]);
    expect(cidr.safeParse("10.0.0.0/24").success).toBe(true);
  });

  test("the budget amount's own message for zero (the parser would write the same one for any positive-number rule)", () => {
    expect(issues({ budget: { ...(minimalConfig().budget as Record<string, unknown>), amount: 0 } })).toEqual([
      { code: "too_small", path: ["budget", "amount"], message: "must be a positive number" },
    ]);
  });
});

describe("messages of the schema's own rules", () => {
  /** Each kind of refusal the schema itself writes, asserted whole: the config path, the fix, and the value quoted. */
  const NOW = Date.parse("2026-11-25T09:30:00Z");

  function problems(patch: Record<string, unknown>): string[] {
    return configProblems({ ...minimalConfig(), ...patch }, NOW);
  }

  describe("messages of the schema's own rules", () => {
    test("an emergency reason YAML read as a number or boolean says to quote it; another non-text says what it is for", () => {
      expectProblems(problems({ keyRotation: { emergencies: [2026] } }), [
        ["keyRotation.emergencies[0]", "'2026'", "(got 2026)", "quote it (e.g. '2026')"],
      ]);
      expectProblems(problems({ keyRotation: { emergencies: [true] } }), [
        ["keyRotation.emergencies[0]", "'true'", "(got true)", "quote it (e.g. 'true')"],
      ]);
      expectProblems(problems({ keyRotation: { emergencies: [null] } }), [
        ["keyRotation.emergencies[0]", "(got null)", "why the key was rotated"],
      ]);
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
      expectProblems(problems({ networking: { mode: "create", addressSpace: "10.60.0.0" } }), [
        ["networking.addressSpace", '(got "10.60.0.0")', "must be an IPv4 CIDR block"],
      ]);
      expectProblems(problems({ networking: { mode: "create", addressSpace: "10.60.0.1/24" } }), [
        ["networking.addressSpace", '(got "10.60.0.1/24")', "use 10.60.0.0/24"],
      ]);
      expectProblems(
        problems({
          networking: { mode: "create", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.60.0.8/27" },
        }),
        [["networking.privateEndpointSubnet", '(got "10.60.0.8/27")', "use 10.60.0.0/27"]],
      );
    });

    test("a date that is not YYYY-MM-DD, and one that is no calendar day", () => {
      expectProblems(problems({ keyRotation: { epoch: "2026/01/01" } }), [
        ["keyRotation.epoch", '(got "2026/01/01")', "must be a date as YYYY-MM-DD"],
      ]);
      const lines = problems({ keyRotation: { epoch: "2026-02-30" } });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^keyRotation\.epoch: .+ \(got "2026-02-30"\)$/);
    });

    test("a tag the stack sets itself names the tag, where it is set, and the name to remove", () => {
      const lines = problems({ tags: { Team: "x" } });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^tags\.Team: collides with the tag 'team' the stack sets on .+ \(Azure tag names ignore case\): remove 'Team' from tags or rename it/,
      );
    });

    test("repository names: a bare '.git' names no fix of its own; names merely containing .git or .wiki pass", () => {
      const repos = (...names: string[]) => ({
        github: { owner: "contoso", repositories: names.map((name) => ({ name })) },
      });
      expect(problems(repos(".git"))).toEqual([
        `github.repositories[0].name: ends in '.git', which GitHub strips from a repository name: write the name without it (got ".git")`,
      ]);
      expect(problems(repos("API.GIT"))).toEqual([
        `github.repositories[0].name: ends in '.git', which GitHub strips from a repository name: write API without it (got "API.GIT")`,
      ]);
      expect(problems(repos("docs.WIKI"))).toEqual([
        `github.repositories[0].name: ends in '.wiki', which GitHub refuses for a repository name (it is the wiki's address): write the repository's own name (got "docs.WIKI")`,
      ]);
      expect(problems(repos("a.github", "x.git.io", "x.wikis", "wiki", "git", "a.gitx", "a.wiki-x"))).toEqual([]);
    });
  });

  describe("subscriptionOfId", () => {
    test("reads the subscription of an ARM ID in lower case, and only at the start", () => {
      expect(subscriptionOfId("/subscriptions/ABCDEF00-0000-0000-0000-000000000001/resourceGroups/rg")).toBe(
        "abcdef00-0000-0000-0000-000000000001",
      );
      expect(subscriptionOfId("/SUBSCRIPTIONS/abc/resourceGroups/rg")).toBe("abc");
      expect(subscriptionOfId("/subscriptions/abc")).toBe("abc");
      expect(subscriptionOfId("/x/subscriptions/abc/resourceGroups/rg")).toBe("");
      expect(subscriptionOfId("rg")).toBe("");
    });
  });
});
