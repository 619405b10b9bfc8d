import type { Policy, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { BOUNDARY_POLICIES } from "../lib/policy/rules";
import type { BoundaryPolicy, PolicyResource } from "../lib/policy/types";

function reportAll(policy: BoundaryPolicy, resources: readonly PolicyResource[], reportViolation: ReportViolation): void {
  for (const violation of policy.check(resources, { nowMs: Date.now() })) reportViolation(`${violation.message}. Fix: ${policy.remediation}`, violation.urn);
}

/**
 * The same controls the offline plan reports, for `pulumi up --policy-pack`. A resource-scope control becomes a
 * resource validation (each resource is judged before it is created); a stack-scope control a stack validation.
 */
export function toPulumiPolicies(policies: readonly BoundaryPolicy[] = BOUNDARY_POLICIES): Policy[] {
  return policies.map((policy) => {
    const common = { name: policy.name, description: `${policy.description} Remediation: ${policy.remediation}`, enforcementLevel: policy.enforcement };
    if (policy.scope === "resource") {
      return {
        ...common,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
          reportAll(policy, [{ urn: args.urn, type: args.type, name: args.name, props: args.props as Record<string, unknown> }], reportViolation),
      };
    }
    return {
      ...common,
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) =>
        reportAll(
          policy,
          args.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.props as Record<string, unknown> })),
          reportViolation,
        ),
    };
  });
}
