import { describe, expect, test } from "vitest";
import {
  BOUNDARY_OUTBOUND_ALLOW_LIST,
  MAX_PLAUSIBLE_MONTHLY_BUDGET,
  MAX_ROTATION_PERIOD_DAYS,
  OPT_OUT_POLICIES,
} from "../../lib/policy/optOuts";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { expectProblems } from "../support/problemText";

/** Each opt-out control with the setting that must pass next to the one that must be named, at its boundary. */
const NOW = Date.parse("2026-11-25T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

function r(type: string, name: string, props: Record<string, unknown>): PolicyResource {
  return { urn: `urn:pulumi:t::codex-boundary::${type}::${name}`, type, name, props };
}
function messages(policy: string, resources: PolicyResource[]): string[] {
  const control = OPT_OUT_POLICIES.find((p) => p.name === policy);
  if (!control) throw new Error(`no policy ${policy}`);
  return control.check(resources, { nowMs: NOW }).map((v) => v.message);
}

test("the limits (known answers)", () => {
  expect(BOUNDARY_OUTBOUND_ALLOW_LIST).toEqual(["login.microsoftonline.com"]);
  expect(MAX_PLAUSIBLE_MONTHLY_BUDGET).toBe(100_000);
  expect(MAX_ROTATION_PERIOD_DAYS).toBe(90);
  expect(OPT_OUT_POLICIES.find((p) => p.name === "budget-amount-bounded")?.description).toContain("at most 100,000");
});

describe("data boundary and full access", () => {
  test("eu passes; global is named with the account name, or the URN's last part without one", () => {
    expect(messages("data-boundary-opt-out", [r(TYPES.account, "a", { tags: { "data-boundary": "eu" } })])).toEqual([]);
    expect(messages("data-boundary-opt-out", [r(TYPES.account, "a", { tags: { "data-boundary": "global" } })])).toEqual(
      ['dataBoundary is "global": a may process prompts in any Azure region'],
    );
  });
  test("allowFullAccess: only true is named", () => {
    expect(
      messages("full-access-opt-out", [
        r(TYPES.developerKit, "k", { allowFullAccess: "true" }),
        r(TYPES.developerKit, "k2", {}),
      ]),
    ).toEqual([]);
    expect(messages("full-access-opt-out", [r(TYPES.developerKit, "k", { allowFullAccess: true })])).toEqual([
      "codex.allowFullAccess is true: the kit offers a danger-full-access profile",
    ]);
  });
});

describe("outbound", () => {
  const account = (properties: Record<string, unknown>) => r(TYPES.account, "a", { properties });
  test("restricted with exact hosts passes; a list that is not a list counts as empty", () => {
    expect(
      messages("outbound-restricted", [
        account({ restrictOutboundNetworkAccess: true, allowedFqdnList: ["login.microsoftonline.com"] }),
      ]),
    ).toEqual([]);
    expect(
      messages("outbound-fqdns-allow-listed", [account({ allowedFqdnList: ["LOGIN.microsoftonline.com"] })]),
    ).toEqual([]);
    expect(messages("outbound-fqdns-allow-listed", [account({ allowedFqdnList: "contoso.com" })])).toEqual([]);
  });
  test("a wildcard is a mandatory finding and not also an allow-list advisory; another host is an advisory", () => {
    const wide = account({ restrictOutboundNetworkAccess: true, allowedFqdnList: ["*.contoso.com", "contoso.com"] });
    expect(messages("outbound-restricted", [wide])).toEqual([
      'outbound host "*.contoso.com" is a wildcard (account.allowedFqdns): any host under it is reachable',
    ]);
    expect(messages("outbound-fqdns-allow-listed", [wide])).toEqual([
      'outbound host "contoso.com" (account.allowedFqdns) is not on the boundary\'s allow list',
    ]);
  });
});

describe("github environment and repository secrets", () => {
  const env = (props: Record<string, unknown>) =>
    r(TYPES.repositoryEnvironment, "e", {
      repository: "api",
      environment: "codex",
      deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
      canAdminsBypass: false,
      ...props,
    });
  const branchRule = (props: Record<string, unknown>) =>
    r(TYPES.repositoryEnvironmentDeploymentPolicy, "b", { repository: "api", environment: "codex", ...props });
  test("custom branch policies without bypass pass; protected branches (regression: main's setting), or bypass left out, fail", () => {
    expect(messages("github-environment-restricted", [env({})])).toEqual([]);
    expect(
      messages("github-environment-restricted", [
        env({ deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false } }),
      ]),
    ).toEqual([
      "environment api/codex has no custom-branch deployment policy: branches other than the default branch can use its secrets",
    ]);
    expect(
      messages("github-environment-restricted", [
        env({ deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: true } }),
      ]),
    ).toEqual([
      "environment api/codex has no custom-branch deployment policy: branches other than the default branch can use its secrets",
    ]);
    expect(
      messages("github-environment-restricted", [
        env({ deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: false } }),
      ]),
    ).toHaveLength(1);
    expect(messages("github-environment-restricted", [env({ canAdminsBypass: undefined })])).toEqual([
      "environment api/codex lets admins bypass its protection",
    ]);
  });
  test("a deployment policy naming one branch passes; a wildcard, a class, no branch, or a tag pattern fail", () => {
    expect(messages("github-environment-restricted", [branchRule({ branchPattern: "main" })])).toEqual([]);
    expect(messages("github-environment-restricted", [branchRule({ branchPattern: "release/v1.2" })])).toEqual([]);
    for (const pattern of ["*", "main*", "feat/?", "[m]ain", "{main,dev}"])
      expect(messages("github-environment-restricted", [branchRule({ branchPattern: pattern })])).toEqual([
        `environment api/codex admits the branch pattern ${JSON.stringify(pattern)}: not one named branch`,
      ]);
    expect(messages("github-environment-restricted", [branchRule({ tagPattern: "v*" })])).toEqual([
      'environment api/codex admits the branch pattern "": not one named branch',
      'environment api/codex admits tags matching "v*"',
    ]);
  });
  test("an organization secret is named as such; an environment secret is not this control's business", () => {
    expect(
      messages("github-repository-secret-opt-out", [r(TYPES.actionsOrganizationSecret, "o", { secretName: "K" })]),
    ).toEqual(["K is a plain organization secret: any branch's workflow can read it"]);
    expect(
      messages("github-repository-secret-opt-out", [
        r("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret", "s", {
          secretName: "K",
          repository: "api",
        }),
      ]),
    ).toEqual([]);
  });
});

describe("key-rotation-bounded", () => {
  const secret = (validityDays: string, expires?: number) =>
    r(TYPES.vaultSecret, "s", {
      tags: { ValidityPeriodDays: validityDays },
      properties: expires === undefined ? {} : { attributes: { expires: Math.floor(expires / 1000) } },
    });
  test("a 90-day period passes, 90.5 is named; a tag that is no positive number is not judged", () => {
    expect(messages("key-rotation-bounded", [secret("180", NOW + 100 * DAY)])).toEqual([]);
    expect(messages("key-rotation-bounded", [secret("181", NOW + 100 * DAY)])).toEqual([
      "the rotation period is 90.5 days (keyRotation.periodDays), over 90",
    ]);
    for (const junk of ["0", "-60", "x", "Infinity"])
      expect(messages("key-rotation-bounded", [secret(junk)]), junk).toEqual([]);
  });
  test("expiry one second past two periods is named; without a vault expiry the KeyRotation's latest registered one counts", () => {
    expect(messages("key-rotation-bounded", [secret("60", NOW + 60 * DAY + 1000)])).toEqual([
      "the key stays valid until 2027-01-24, more than two rotation periods (60 days) from now",
    ]);
    const rotation = (expiresOn: string) => r(TYPES.keyRotation, expiresOn, { expiresOn });
    expect(
      messages("key-rotation-bounded", [secret("60"), rotation("2026-12-01T00:00:00Z"), rotation("junk")]),
    ).toEqual([]);
    expect(
      messages("key-rotation-bounded", [
        secret("60"),
        rotation("2026-12-01T00:00:00Z"),
        rotation("2099-01-01T00:00:00Z"),
      ]),
    ).toEqual(["the key stays valid until 2099-01-01, more than two rotation periods (60 days) from now"]);
  });
});

describe("key-auth-exemption-expiry", () => {
  const exemption = (expiresOn: unknown) => r(TYPES.policyExemption, "x", { expiresOn });
  test("30 days ahead passes, 29 warns; the last day of the maximum passes, the next is named", () => {
    expect(messages("key-auth-exemption-expiry", [exemption("2026-12-25T12:00:00Z")])).toEqual([]);
    expect(messages("key-auth-exemption-expiry", [exemption("2026-12-25T11:59:59Z")])).toEqual([
      "the exemption expires on 2026-12-25, in 29 day(s)",
    ]);
    expect(messages("key-auth-exemption-expiry", [exemption("2027-11-25T23:00:00Z")])).toEqual([]);
    expect(messages("key-auth-exemption-expiry", [exemption("2027-11-26T00:00:00Z")])).toEqual([
      "the exemption runs until 2027-11-26, beyond the 12-month maximum (2027-11-25)",
    ]);
  });
  test("an expiry earlier today is already past; none at all is named", () => {
    expect(messages("key-auth-exemption-expiry", [exemption("2026-11-25T00:00:00Z")])).toEqual([
      "the exemption expired on 2026-11-25",
    ]);
    expect(messages("key-auth-exemption-expiry", [exemption(undefined)])).toEqual(["the exemption has no expiry date"]);
  });
});

describe("budget-amount-bounded", () => {
  test("exactly the maximum passes, one more is named; a non-number is not judged", () => {
    const budget = (amount: unknown) => r(TYPES.budget, "b", { amount });
    expect(messages("budget-amount-bounded", [budget(100_000), budget("1e9")])).toEqual([]);
    expect(messages("budget-amount-bounded", [budget(100_001)])).toEqual([
      "the monthly budget is 100001 (budget.amount), over 100000",
    ]);
  });
});

describe("each opt-out control at its edges: labels, strict booleans, missing values, today", () => {
  /** The opt-out controls at the edges the pairs tests leave open: labels, strict booleans, missing values, today. */
  const NOW = Date.parse("2026-11-25T12:00:00Z");
  const DAY = 24 * 60 * 60 * 1000;

  function messages(policy: string, resources: PolicyResource[]): string[] {
    const control = OPT_OUT_POLICIES.find((p) => p.name === policy);
    if (!control) throw new Error(`no policy ${policy}`);
    return control.check(resources, { nowMs: NOW }).map((v) => `${v.urn}: ${v.message}`);
  }
  const res = (type: string, urn: string, props: Record<string, unknown>): PolicyResource => ({
    urn,
    type,
    name: "n",
    props,
  });

  describe("data-boundary-opt-out labels", () => {
    test("the account name wins over the URN; a URN ending in :: is named whole", () => {
      expect(
        messages("data-boundary-opt-out", [
          res(TYPES.account, "urn:a::b::account", { accountName: "aif-x", tags: { "data-boundary": "global" } }),
        ]),
      ).toEqual(['urn:a::b::account: dataBoundary is "global": aif-x may process prompts in any Azure region']);
      expect(
        messages("data-boundary-opt-out", [res(TYPES.account, "urn:a::", { tags: { "data-boundary": "global" } })]),
      ).toEqual(['urn:a::: dataBoundary is "global": urn:a:: may process prompts in any Azure region']);
      expect(
        messages("data-boundary-opt-out", [
          res(TYPES.account, "urn:a::b", { tags: { "data-boundary": "GLOBAL" } }),
          res(TYPES.account, "urn:c", {}),
        ]),
      ).toEqual([]);
    });
  });

  describe("outbound-restricted", () => {
    test("restrictOutboundNetworkAccess must be the boolean true: left out or a string fails", () => {
      const finding = "urn:a: restrictOutboundNetworkAccess is not true: the account may call any host";
      expect(
        messages("outbound-restricted", [
          res(TYPES.account, "urn:a", { properties: { restrictOutboundNetworkAccess: true } }),
        ]),
      ).toEqual([]);
      expect(messages("outbound-restricted", [res(TYPES.account, "urn:a", { properties: {} })])).toEqual([finding]);
      expect(
        messages("outbound-restricted", [
          res(TYPES.account, "urn:a", { properties: { restrictOutboundNetworkAccess: "true" } }),
        ]),
      ).toEqual([finding]);
    });
  });

  describe("github-environment-restricted", () => {
    const env = (deploymentBranchPolicy: unknown, canAdminsBypass: unknown) =>
      res(TYPES.repositoryEnvironment, "urn:e", {
        repository: "api",
        environment: "codex",
        deploymentBranchPolicy,
        canAdminsBypass,
      });
    test("custom branch policies left out, no policy at all, or bypass as a string fail; the label is repository/environment", () => {
      const noPolicy =
        "urn:e: environment api/codex has no custom-branch deployment policy: branches other than the default branch can use its secrets";
      expect(messages("github-environment-restricted", [env({ customBranchPolicies: true }, false)])).toEqual([
        noPolicy,
      ]);
      expect(messages("github-environment-restricted", [env(undefined, false)])).toEqual([noPolicy]);
      expectProblems(
        messages("github-environment-restricted", [
          env({ protectedBranches: false, customBranchPolicies: true }, "false"),
        ]),
        [["urn:e", "environment api/codex lets admins bypass its"]],
      );
      expect(messages("github-environment-restricted", [env(undefined, true)])).toEqual([
        noPolicy,
        "urn:e: environment api/codex lets admins bypass its protection",
      ]);
    });
  });

  describe("github-repository-secret-opt-out", () => {
    test("a repository secret is named with its repository", () => {
      expectProblems(
        messages("github-repository-secret-opt-out", [
          res(TYPES.actionsSecret, "urn:s", { secretName: "KEY", repository: "api" }),
        ]),
        [["urn:s", "KEY is", "any branch's workflow can read it"]],
      );
    });
  });

  describe("key-rotation-bounded without an expiry", () => {
    const secret = (properties: unknown) =>
      res(TYPES.vaultSecret, "urn:s", { tags: { ValidityPeriodDays: "60" }, properties });
    test("an expiry that is not a number, and no KeyRotation, is no expiry; an untagged secret is not judged", () => {
      expect(messages("key-rotation-bounded", [secret({ attributes: { expires: "1796000000" } })])).toEqual([
        "urn:s: the key has no expiry date",
      ]);
      expect(
        messages("key-rotation-bounded", [secret({}), res(TYPES.keyRotation, "urn:r", { expiresOn: "junk" })]),
      ).toEqual(["urn:s: the key has no expiry date"]);
      expect(messages("key-rotation-bounded", [res(TYPES.vaultSecret, "urn:s", {})])).toEqual([]);
    });
    test("a vault expiry wins over the KeyRotation's; exactly two periods ahead passes", () => {
      const expires = Math.floor((NOW + 60 * DAY) / 1000);
      expect(
        messages("key-rotation-bounded", [
          secret({ attributes: { expires } }),
          res(TYPES.keyRotation, "urn:r", { expiresOn: "2099-01-01T00:00:00Z" }),
        ]),
      ).toEqual([]);
      expectProblems(messages("key-rotation-bounded", [secret({ attributes: { expires: expires + 1 } })]), [
        ["urn:s", "the key stays valid until 2027-01-24,"],
      ]);
    });
    test("the keyExpiresOn tag (the real end) wins over a vault expiry raised for the 90-day rule", () => {
      const raised = Math.floor((NOW + 91 * DAY) / 1000);
      const tagged = (keyExpiresOn: string) =>
        res(TYPES.vaultSecret, "urn:s", {
          tags: { ValidityPeriodDays: "60", keyExpiresOn },
          properties: { attributes: { expires: raised } },
        });
      expect(messages("key-rotation-bounded", [tagged(new Date(NOW + 60 * DAY).toISOString())])).toEqual([]);
      expectProblems(messages("key-rotation-bounded", [tagged(new Date(NOW + 61 * DAY).toISOString())]), [
        ["urn:s", "the key stays valid until"],
      ]);
    });
  });

  describe("key-auth-exemption-expiry today", () => {
    test("an expiry later today warns with 0 days; one a second ago has expired", () => {
      const exemption = (expiresOn: string) => res(TYPES.policyExemption, "urn:x", { expiresOn });
      expect(messages("key-auth-exemption-expiry", [exemption("2026-11-25T23:00:00Z")])).toEqual([
        "urn:x: the exemption expires on 2026-11-25, in 0 day(s)",
      ]);
      expect(messages("key-auth-exemption-expiry", [exemption("2026-11-25T11:59:59Z")])).toEqual([
        "urn:x: the exemption expired on 2026-11-25",
      ]);
      expect(messages("key-auth-exemption-expiry", [exemption("not a date")])).toEqual([
        "urn:x: the exemption has no expiry date",
      ]);
    });
  });
});
