import { expect, test } from "vitest";
import { toPulumiPolicies } from "../../policies/adapter";
import { toPolicyResources } from "../../lib/plan/render";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { runStack } from "../support/runStack";

test("the pack maps each control to the validation that can decide it, with the plan's names and enforcement", () => {
  const policies = toPulumiPolicies();
  expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
  for (const [index, policy] of policies.entries()) {
    const kind = "validateResource" in policy ? "resource" : "validateStack" in policy ? "stack" : "none";
    expect([policy.name, kind]).toEqual([BOUNDARY_POLICIES[index]?.name, BOUNDARY_POLICIES[index]?.scope]);
  }
  expect(BOUNDARY_POLICIES.filter((p) => p.scope === "resource").map((p) => p.name)).toEqual(
    expect.arrayContaining(["ai-and-vault-private-only", "key-vault-protected", "role-assignments-scoped", "no-key-in-github-variables"]),
  );
});

test("a resource-scope control judges each resource on its own: the whole stack gives the union of the single verdicts", async () => {
  for (const stack of [{ stack: "dev" }, { stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" }, { stack: "hub", fixture: "Pulumi.hub.yaml" }]) {
    const resources = toPolicyResources(await runStack(stack));
    const context = { nowMs: Date.now() };
    for (const policy of BOUNDARY_POLICIES.filter((p) => p.scope === "resource")) {
      expect(resources.flatMap((r) => policy.check([r], context))).toEqual(policy.check(resources, context));
    }
  }
});
