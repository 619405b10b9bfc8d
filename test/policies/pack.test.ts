import type { PolicyResource as PackResource, StackValidationArgs } from "@pulumi/policy";
import { expect, test } from "vitest";
import { toPulumiPolicies } from "../../policies/adapter";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { toPolicyResources } from "../../lib/plan/render";
import { runStack } from "../support/runStack";

/** Stack validation args as the policy engine builds them, from a planned stack's resources. */
async function packArgs(options: Parameters<typeof runStack>[0]): Promise<StackValidationArgs> {
  const resources = toPolicyResources(await runStack(options)).map(
    (r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.props, opts: {}, dependencies: [], propertyDependencies: {} }) as unknown as PackResource,
  );
  return { resources, stackTags: new Map(), getConfig: () => ({}) } as unknown as StackValidationArgs;
}

test("the policy pack enforces the same controls, with the same enforcement, as the plan's report", async () => {
  const policies = toPulumiPolicies();
  expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
  const args = await packArgs({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" });
  const reported: Array<{ policy: string; message: string; urn?: string }> = [];
  for (const policy of policies) {
    await policy.validateStack?.(args, (message, urn) => reported.push({ policy: policy.name, message, urn }));
  }
  const mandatory = reported.filter((r) => BOUNDARY_POLICIES.find((p) => p.name === r.policy)?.enforcement === "mandatory");
  expect(mandatory).toHaveLength(1);
  expect(mandatory[0]?.policy).toBe("ai-and-vault-private-only");
  expect(mandatory[0]?.urn).toMatch(/cognitiveservices:Account::account$/);
  expect(mandatory[0]?.message).toMatch(/^publicNetworkAccess is "Enabled", must be "Disabled"\. Fix: /);
});
