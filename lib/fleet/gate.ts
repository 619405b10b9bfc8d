import type { FleetReport } from "./report";
import type { FleetProblem } from "./types";
import { naturalSort } from "./naturalOrder";

/**
 * The fleet's verdict per stack, for the workflows' matrices (`npm run fleet -- --gate-file <file>`): a stack is
 * held only by a mandatory problem it is named in, or by its own plan failing. Model lifecycle findings never hold
 * a stack: the fleet cannot see what each stack deployed, and `pulumi up` itself refuses adding or changing to a
 * retiring version while a deployment left as it is keeps deploying and rotating.
 */

export const FLEET_GATE_VERSION = 1;

/** Fleet rules and stack policies about a model's lifecycle. */
export const LIFECYCLE_RULES: readonly string[] = ["model-retiring"];
export const LIFECYCLE_POLICIES: readonly string[] = [
  "model-not-retiring",
  "model-retirement-ahead",
  "model-offered-to-new-subscriptions",
];

export interface FleetGate {
  version: number;
  date: string;
  /** Stacks the fleet holds, each with why (rule: message; fix). */
  blocked: Record<string, string[]>;
  /** Every other stack, sorted. */
  passed: string[];
}

export function isLifecycleProblem(problem: FleetProblem): boolean {
  return (
    LIFECYCLE_RULES.includes(problem.rule) ||
    (problem.policy !== undefined && LIFECYCLE_POLICIES.includes(problem.policy))
  );
}

/** `stacks`: every stack file; `unplannable`: the input problems of those whose offline plan failed. */
export function fleetGate(
  stacks: readonly string[],
  report: FleetReport,
  unplannable: ReadonlyMap<string, readonly string[]>,
): FleetGate {
  const reasons = new Map<string, string[]>();
  const hold = (stack: string, reason: string) => reasons.set(stack, [...(reasons.get(stack) ?? []), reason]);
  // The problems as the CLI prints them (a header, one line each, the fix), read as one reason.
  for (const [stack, problems] of unplannable) hold(stack, `cannot be planned: ${problems.join(" ")}`);
  for (const p of report.problems) {
    if (p.enforcement !== "mandatory" || isLifecycleProblem(p)) continue;
    for (const stack of p.stacks) hold(stack, `${p.rule}: ${p.message}; fix: ${p.fix}`);
  }
  const sorted = naturalSort(new Set(stacks));
  return {
    version: FLEET_GATE_VERSION,
    date: report.date,
    blocked: Object.fromEntries(sorted.filter((s) => reasons.has(s)).map((s) => [s, reasons.get(s) ?? []])),
    passed: sorted.filter((s) => !reasons.has(s)),
  };
}
