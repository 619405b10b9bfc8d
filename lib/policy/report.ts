import {
  type BoundaryPolicy,
  type Enforcement,
  matchesType,
  type PolicyContext,
  type PolicyResource,
  type PolicyScope,
  type Violation,
} from "./types";

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

/** Runs every control over the stack's resources on the day `context.nowMs` says. */
export function evaluatePolicies(
  resources: readonly PolicyResource[],
  policies: readonly BoundaryPolicy[],
  context: PolicyContext,
): PolicyVerdict[] {
  return policies.map((policy) => {
    const violations = policy.check(resources, context);
    return {
      name: policy.name,
      enforcement: policy.enforcement,
      scope: policy.scope,
      verdict: violations.length === 0 ? "pass" : "fail",
      violations,
      examined: resources.filter((r) => policy.appliesTo.some((type) => matchesType(r.type, type))).map((r) => r.urn),
      description: policy.description,
      remediation: policy.remediation,
    };
  });
}

export function mandatoryFailures(verdicts: readonly PolicyVerdict[]): PolicyVerdict[] {
  return verdicts.filter((v) => v.enforcement === "mandatory" && v.verdict === "fail");
}

/** Advisory controls that found something: each names an opt-out or a recommendation the team has not followed. */
export function advisoryFindings(verdicts: readonly PolicyVerdict[]): PolicyVerdict[] {
  return verdicts.filter((v) => v.enforcement === "advisory" && v.verdict === "fail");
}
