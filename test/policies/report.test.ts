import { describe, expect, test } from "vitest";
import { advisoryFindings, evaluatePolicies, mandatoryFailures } from "../../lib/policy/report";
import type { BoundaryPolicy, PolicyContext, PolicyResource } from "../../lib/policy/types";

const account: PolicyResource = {
  urn: "urn:account",
  type: "azure-native:cognitiveservices:Account",
  name: "acct",
  props: {},
};
const vault: PolicyResource = { urn: "urn:vault", type: "azure-native:keyvault:Vault", name: "kv", props: {} };
const secret: PolicyResource = { urn: "urn:secret", type: "azure-native:keyvault:Secret", name: "s", props: {} };

function policy(
  name: string,
  enforcement: "mandatory" | "advisory",
  appliesTo: string[],
  failing: boolean,
): BoundaryPolicy {
  return {
    name,
    description: `${name} guards something`,
    remediation: `fix ${name}`,
    enforcement,
    scope: "resource",
    appliesTo,
    check: (resources) => (failing ? [{ urn: resources[0]?.urn ?? "none", message: `${name} failed` }] : []),
  };
}

describe("a control's verdict over a stack's resources", () => {
  test("pass with no violation, fail with one; everything the control says is carried; examined are its types only", () => {
    const verdicts = evaluatePolicies(
      [account, vault, secret],
      [
        policy("accounts-ok", "mandatory", ["azure-native:cognitiveservices:Account"], false),
        policy("vault-things", "advisory", ["azure-native:keyvault:*"], true),
      ],
      { nowMs: 0 },
    );
    expect(verdicts).toEqual([
      {
        name: "accounts-ok",
        enforcement: "mandatory",
        scope: "resource",
        verdict: "pass",
        violations: [],
        examined: ["urn:account"],
        description: "accounts-ok guards something",
        remediation: "fix accounts-ok",
      },
      {
        name: "vault-things",
        enforcement: "advisory",
        scope: "resource",
        verdict: "fail",
        violations: [{ urn: "urn:account", message: "vault-things failed" }],
        examined: ["urn:vault", "urn:secret"],
        description: "vault-things guards something",
        remediation: "fix vault-things",
      },
    ]);
  });

  test("a control for several types examines a resource of any of them, once", () => {
    const [verdict] = evaluatePolicies(
      [account, vault, secret],
      [policy("two", "mandatory", ["azure-native:keyvault:Vault", "azure-native:cognitiveservices:Account"], false)],
      { nowMs: 0 },
    );
    expect(verdict?.examined).toEqual(["urn:account", "urn:vault"]);
  });

  test("every check gets the day it is given, not today", () => {
    const seen: PolicyContext[] = [];
    const clocked: BoundaryPolicy = {
      ...policy("clock", "advisory", [], false),
      check: (_r, context) => (seen.push(context), []),
    };
    evaluatePolicies([], [clocked, clocked], { nowMs: 1_234 });
    expect(seen).toEqual([{ nowMs: 1_234 }, { nowMs: 1_234 }]);
  });
});

describe("which verdicts stop a deployment and which are findings", () => {
  const verdicts = () =>
    evaluatePolicies(
      [account],
      [
        policy("m-pass", "mandatory", [], false),
        policy("m-fail", "mandatory", [], true),
        policy("a-pass", "advisory", [], false),
        policy("a-fail", "advisory", [], true),
      ],
      { nowMs: 0 },
    );

  test("mandatory failures: failing mandatory controls only", () => {
    expect(mandatoryFailures(verdicts()).map((v) => v.name)).toEqual(["m-fail"]);
  });

  test("advisory findings: failing advisory controls only", () => {
    expect(advisoryFindings(verdicts()).map((v) => v.name)).toEqual(["a-fail"]);
  });
});
