import { expect, test } from "vitest";
import { toPulumiPolicies } from "../../policies/adapter";
import { toPolicyResources } from "../../lib/plan/render";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { runStack } from "../support/runStack";
import { FIXTURE_CLOCK, FIXTURE_NOW_MS } from "../support/clock";

test("the pack maps each control to the validation that can decide it, with the plan's names and enforcement", () => {
  const policies = toPulumiPolicies(BOUNDARY_POLICIES, FIXTURE_CLOCK);
  expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual(
    BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]),
  );
  for (const [index, policy] of policies.entries()) {
    const kind = "validateResource" in policy ? "resource" : "validateStack" in policy ? "stack" : "none";
    expect([policy.name, kind]).toEqual([BOUNDARY_POLICIES[index]?.name, BOUNDARY_POLICIES[index]?.scope]);
  }
  expect(BOUNDARY_POLICIES.filter((p) => p.scope === "resource").map((p) => p.name)).toEqual(
    expect.arrayContaining([
      "ai-and-vault-private-only",
      "key-vault-protected",
      "role-assignments-scoped",
      "no-key-in-github-variables",
    ]),
  );
});

test("a resource-scope control judges each resource on its own: the whole stack gives the union of the single verdicts", async () => {
  for (const stack of [
    { stack: "dev" },
    { stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" },
    { stack: "hub", fixture: "Pulumi.hub.yaml" },
  ]) {
    const resources = toPolicyResources(await runStack(stack));
    const context = { nowMs: FIXTURE_NOW_MS };
    for (const policy of BOUNDARY_POLICIES.filter((p) => p.scope === "resource")) {
      expect(resources.flatMap((r) => policy.check([r], context))).toEqual(policy.check(resources, context));
    }
  }
});

test("each validation judges on the day the pack's clock reads when the engine asks, for resources and the stack", () => {
  const seen: number[] = [];
  const control = (scope: "resource" | "stack") => ({
    ...BOUNDARY_POLICIES[0]!,
    name: scope,
    scope,
    check: (_r: unknown, context: { nowMs: number }) => (seen.push(context.nowMs), []),
  });
  let tick = 100;
  const [resource, stack] = toPulumiPolicies([control("resource"), control("stack")], { nowMs: () => (tick += 1) });
  const args = { urn: "urn:a", type: "t", name: "a", props: {} };
  if (!resource || !("validateResource" in resource) || !stack || !("validateStack" in stack))
    throw new Error("expected a resource and a stack validation");
  void (resource.validateResource as (a: unknown, r: () => void) => void)(args, () => undefined);
  void (stack.validateStack as (a: unknown, r: () => void) => void)({ resources: [args] }, () => undefined);
  expect(seen).toEqual([101, 102]);
});
