import type { Policy, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { Clock } from "../lib/clock";
import type { BoundaryPolicy, PolicyResource } from "../lib/policy/types";

function reportAll(
  policy: BoundaryPolicy,
  resources: readonly PolicyResource[],
  clock: Clock,
  reportViolation: ReportViolation,
): void {
  for (const violation of policy.check(resources, { nowMs: clock.nowMs() }))
    reportViolation(`${violation.message}. Fix: ${policy.remediation}`, violation.urn);
}

/**
 * The same controls the offline plan reports, for `pulumi up --policy-pack`. A resource-scope control becomes a
 * resource validation (each resource is judged before it is created); a stack-scope control a stack validation.
 * Each validation reads the clock when the engine asks, so a long `pulumi up` judges on the day it runs.
 */
export function toPulumiPolicies(policies: readonly BoundaryPolicy[], clock: Clock): Policy[] {
  return policies.map((policy) => {
    const common = {
      name: policy.name,
      description: `${policy.description} Remediation: ${policy.remediation}`,
      enforcementLevel: policy.enforcement,
    };
    if (policy.scope === "resource") {
      return {
        ...common,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
          reportAll(
            policy,
            [{ urn: args.urn, type: args.type, name: args.name, props: args.props as Record<string, unknown> }],
            clock,
            reportViolation,
          ),
      };
    }
    return {
      ...common,
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) =>
        reportAll(
          policy,
          args.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: r.props as Record<string, unknown>,
          })),
          clock,
          reportViolation,
        ),
    };
  });
}
