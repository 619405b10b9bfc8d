import { describe, expect, test } from "vitest";
import { OPT_OUT_POLICIES } from "../../lib/policy/optOuts";
import { type PolicyResource, TYPES } from "../../lib/policy/types";

/** The opt-out controls at the edges the pairs tests leave open: labels, strict booleans, missing values, today. */
const NOW = Date.parse("2026-11-25T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

function messages(policy: string, resources: PolicyResource[]): string[] {
  const control = OPT_OUT_POLICIES.find((p) => p.name === policy);
  if (!control) throw new Error(`no policy ${policy}`);
  return control.check(resources, { nowMs: NOW }).map((v) => `${v.urn}: ${v.message}`);
}
const res = (type: string, urn: string, props: Record<string, unknown>): PolicyResource => ({ urn, type, name: "n", props });

describe("data-boundary-opt-out labels", () => {
  test("the account name wins over the URN; a URN ending in :: is named whole", () => {
    expect(messages("data-boundary-opt-out", [res(TYPES.account, "urn:a::b::account", { accountName: "aif-x", tags: { "data-boundary": "global" } })])).toEqual([
      'urn:a::b::account: dataBoundary is "global": aif-x may process prompts in any Azure region',
    ]);
    expect(messages("data-boundary-opt-out", [res(TYPES.account, "urn:a::", { tags: { "data-boundary": "global" } })])).toEqual([
      'urn:a::: dataBoundary is "global": urn:a:: may process prompts in any Azure region',
    ]);
    expect(messages("data-boundary-opt-out", [res(TYPES.account, "urn:a::b", { tags: { "data-boundary": "GLOBAL" } }), res(TYPES.account, "urn:c", {})])).toEqual([]);
  });
});

describe("outbound-restricted", () => {
  test("restrictOutboundNetworkAccess must be the boolean true: left out or a string fails", () => {
    const finding = "urn:a: restrictOutboundNetworkAccess is not true: the account may call any host";
    expect(messages("outbound-restricted", [res(TYPES.account, "urn:a", { properties: { restrictOutboundNetworkAccess: true } })])).toEqual([]);
    expect(messages("outbound-restricted", [res(TYPES.account, "urn:a", { properties: {} })])).toEqual([finding]);
    expect(messages("outbound-restricted", [res(TYPES.account, "urn:a", { properties: { restrictOutboundNetworkAccess: "true" } })])).toEqual([finding]);
  });
});

describe("github-environment-restricted", () => {
  const env = (deploymentBranchPolicy: unknown, canAdminsBypass: unknown) =>
    res(TYPES.repositoryEnvironment, "urn:e", { repository: "api", environment: "codex", deploymentBranchPolicy, canAdminsBypass });
  test("custom branch policies left out, no policy at all, or bypass as a string fail; the label is repository/environment", () => {
    const noPolicy = "urn:e: environment api/codex has no protected-branches deployment policy: any branch can use its secrets";
    expect(messages("github-environment-restricted", [env({ protectedBranches: true }, false)])).toEqual([noPolicy]);
    expect(messages("github-environment-restricted", [env(undefined, false)])).toEqual([noPolicy]);
    expect(messages("github-environment-restricted", [env({ protectedBranches: true, customBranchPolicies: false }, "false")])).toEqual(["urn:e: environment api/codex lets admins bypass its protection"]);
    expect(messages("github-environment-restricted", [env(undefined, true)])).toEqual([noPolicy, "urn:e: environment api/codex lets admins bypass its protection"]);
  });
});

describe("github-repository-secret-opt-out", () => {
  test("a repository secret is named with its repository", () => {
    expect(messages("github-repository-secret-opt-out", [res(TYPES.actionsSecret, "urn:s", { secretName: "KEY", repository: "api" })])).toEqual([
      "urn:s: KEY is a plain repository secret of api: any branch's workflow can read it",
    ]);
  });
});

describe("key-rotation-bounded without an expiry", () => {
  const secret = (properties: unknown) => res(TYPES.vaultSecret, "urn:s", { tags: { ValidityPeriodDays: "60" }, properties });
  test("an expiry that is not a number, and no KeyRotation, is no expiry; an untagged secret is not judged", () => {
    expect(messages("key-rotation-bounded", [secret({ attributes: { expires: "1796000000" } })])).toEqual(["urn:s: the key has no expiry date"]);
    expect(messages("key-rotation-bounded", [secret({}), res(TYPES.keyRotation, "urn:r", { expiresOn: "junk" })])).toEqual(["urn:s: the key has no expiry date"]);
    expect(messages("key-rotation-bounded", [res(TYPES.vaultSecret, "urn:s", {})])).toEqual([]);
  });
  test("a vault expiry wins over the KeyRotation's; exactly two periods ahead passes", () => {
    const expires = Math.floor((NOW + 60 * DAY) / 1000);
    expect(messages("key-rotation-bounded", [secret({ attributes: { expires } }), res(TYPES.keyRotation, "urn:r", { expiresOn: "2099-01-01T00:00:00Z" })])).toEqual([]);
    expect(messages("key-rotation-bounded", [secret({ attributes: { expires: expires + 1 } })])).toEqual(["urn:s: the key stays valid until 2027-01-24, more than two rotation periods (60 days) from now"]);
  });
});

describe("key-auth-exemption-expiry today", () => {
  test("an expiry later today warns with 0 days; one a second ago has expired", () => {
    const exemption = (expiresOn: string) => res(TYPES.policyExemption, "urn:x", { expiresOn });
    expect(messages("key-auth-exemption-expiry", [exemption("2026-11-25T23:00:00Z")])).toEqual(["urn:x: the exemption expires on 2026-11-25, in 0 day(s)"]);
    expect(messages("key-auth-exemption-expiry", [exemption("2026-11-25T11:59:59Z")])).toEqual(["urn:x: the exemption expired on 2026-11-25"]);
    expect(messages("key-auth-exemption-expiry", [exemption("not a date")])).toEqual(["urn:x: the exemption has no expiry date"]);
  });
});
