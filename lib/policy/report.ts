import { BOUNDARY_POLICIES } from "./rules";
import type { BoundaryPolicy, Enforcement, PolicyResource, PolicyScope, Violation } from "./types";

export interface PolicyVerdict {
  name: string;
  enforcement: Enforcement;
  scope: PolicyScope;
  verdict: "pass" | "fail";
  violations: Violation[];
  /** URNs of the resources the control looked at. */
  examined: string[];
  description: string;
  remediation: string;
}

/** Runs every control over the stack's resources. */
export function evaluatePolicies(resources: readonly PolicyResource[], policies: readonly BoundaryPolicy[] = BOUNDARY_POLICIES): PolicyVerdict[] {
  return policies.map((policy) => {
    const violations = policy.check(resources);
    return {
      name: policy.name,
      enforcement: policy.enforcement,
      scope: policy.scope,
      verdict: violations.length === 0 ? "pass" : "fail",
      violations,
      examined: resources.filter((r) => policy.appliesTo.includes(r.type)).map((r) => r.urn),
      description: policy.description,
      remediation: policy.remediation,
    };
  });
}

export function mandatoryFailures(verdicts: readonly PolicyVerdict[]): PolicyVerdict[] {
  return verdicts.filter((v) => v.enforcement === "mandatory" && v.verdict === "fail");
}
