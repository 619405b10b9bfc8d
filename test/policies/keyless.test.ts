import { describe, expect, test } from "vitest";
import { ENTRA_AUTH_TAG, KEY_AUTH_TAG } from "../../lib/azure/naming";
import { evaluatePolicies } from "../../lib/policy/report";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";

const POLICY = BOUNDARY_POLICIES.filter((p) => p.name === "key-auth-disabled-when-keyless");

function account(tag: string, disableLocalAuth: boolean): PolicyResource {
  return {
    urn: "urn:account",
    type: TYPES.account,
    name: "ai-account",
    props: { tags: { [KEY_AUTH_TAG.name]: tag }, properties: { disableLocalAuth } },
  };
}

function messages(resources: PolicyResource[]): string[] {
  return evaluatePolicies(resources, POLICY, { nowMs: 0 }).flatMap((v) => v.violations.map((x) => x.message));
}

describe("key-auth-disabled-when-keyless (mandatory)", () => {
  test("an entra-mode account with key auth off and no key-bearing resource passes", () => {
    expect(POLICY).toHaveLength(1);
    expect(POLICY[0]?.enforcement).toBe("mandatory");
    expect(messages([account(ENTRA_AUTH_TAG.value, true)])).toEqual([]);
  });

  test("an entra-mode account with key auth on fails", () => {
    expect(messages([account(ENTRA_AUTH_TAG.value, false)])).toEqual([
      "the account is tagged keyless (auth.mode entra) but key authentication is on",
    ]);
  });

  test("a vault secret or GitHub secret beside a keyless account fails, named by resource", () => {
    const secret: PolicyResource = {
      urn: "urn:secret",
      type: TYPES.vaultSecret,
      name: "key-rotation-secret",
      props: {},
    };
    const github: PolicyResource = {
      urn: "urn:gh",
      type: "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
      name: "github-api-api-key",
      props: {},
    };
    expect(messages([account(ENTRA_AUTH_TAG.value, true), secret, github])).toEqual([
      "Secret key-rotation-secret would hold a key, but the team's account is keyless (auth.mode entra)",
      "ActionsEnvironmentSecret github-api-api-key would hold a key, but the team's account is keyless (auth.mode entra)",
    ]);
  });

  test("key mode is judged elsewhere (key-auth-exception-recorded): its key resources are not violations here", () => {
    const secret: PolicyResource = {
      urn: "urn:secret",
      type: TYPES.vaultSecret,
      name: "key-rotation-secret",
      props: {},
    };
    expect(messages([account(KEY_AUTH_TAG.value, false), secret])).toEqual([]);
  });
});
