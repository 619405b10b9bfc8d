import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { BOUNDARY_POLICIES } from "../lib/policy/rules";
import type { BoundaryPolicy, PolicyResource } from "../lib/policy/types";

/** The same controls the offline plan reports, as @pulumi/policy stack validations for `pulumi up --policy-pack`. */
export function toPulumiPolicies(policies: readonly BoundaryPolicy[] = BOUNDARY_POLICIES): StackValidationPolicy[] {
  return policies.map((policy) => ({
    name: policy.name,
    description: `${policy.description} Remediation: ${policy.remediation}`,
    enforcementLevel: policy.enforcement,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const resources: PolicyResource[] = args.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.props as Record<string, unknown> }));
      for (const violation of policy.check(resources)) reportViolation(`${violation.message}. Fix: ${policy.remediation}`, violation.urn);
    },
  }));
}
