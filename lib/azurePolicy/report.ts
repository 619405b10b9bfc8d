import BASELINE_JSON from "./baselineDefinitions.json";
import { type Baseline, type BaselineDefinition, denyCapable } from "./baseline";
import type { PlannedArmResource, PlannedExemption } from "./fromPulumi";
import { judge } from "./judge";

export const BASELINE: Baseline = BASELINE_JSON as unknown as Baseline;

/** One baseline definition a planned resource would violate, or that the offline evaluator could not judge. */
export interface BaselineFinding {
  urn: string;
  resource: string;
  armType: string;
  definition: string;
  /** Set when the baseline assigns the definition more than once (e.g. one required tag each). */
  assignment?: string;
  displayName: string;
  version: string;
  outcome: "noncompliant" | "notEvaluated";
  /** The effect with the baseline's parameters (the definition's defaults, or what MCSB v2 assigns). */
  effect?: string;
  /** An assignment could set this definition to Deny: the deployment would be refused where it is. */
  denyCapable: boolean;
  reason?: string;
  /**
   * The stack's key-auth exemption covers the resource: it applies if the assignment it names is the one that
   * assigns this definition in the tenant (offline that cannot be known).
   */
  exemption?: { name: string; policyAssignmentId: string; expiresOn?: string };
}

/** The definitions the key-auth exemption is for: key access disabled, and the remediations that would disable it. */
export const KEY_AUTH_DEFINITIONS: readonly string[] = ["71ef260a", "14de9e63", "55eff01b"];

function coveringExemption(
  exemptions: readonly PlannedExemption[],
  resource: PlannedArmResource,
  definition: string,
  nowMs: number,
): PlannedExemption | undefined {
  if (!KEY_AUTH_DEFINITIONS.includes(definition)) return undefined;
  return exemptions.find(
    (e) =>
      e.scope.length > 0 &&
      (resource.id.toLowerCase() === e.scope.toLowerCase() ||
        resource.id.toLowerCase().startsWith(`${e.scope.toLowerCase()}/`)) &&
      (e.resourceTypes === undefined || e.resourceTypes.some((t) => t.toLowerCase() === resource.type.toLowerCase())) &&
      (e.expiresOn === undefined || Date.parse(e.expiresOn) > nowMs),
  );
}

export interface BaselineReport {
  sources: Array<{ repository: string; commit: string }>;
  definitions: number;
  findings: BaselineFinding[];
}

function shortName(definition: BaselineDefinition): string {
  return /^[0-9a-f]{8}-/.test(definition.name) ? definition.name.slice(0, 8) : definition.name;
}

/** Every baseline definition over every planned resource, on the day `nowMs` (advisory: it never fails a plan). */
export function evaluateBaseline(
  resources: readonly PlannedArmResource[],
  nowMs: number,
  baseline: Baseline = BASELINE,
  exemptions: readonly PlannedExemption[] = [],
): BaselineReport {
  const findings: BaselineFinding[] = [];
  for (const resource of resources) {
    for (const definition of baseline.definitions) {
      const parameters = definition.assignedParameters?.values ?? {};
      const result = judge(definition, resource, resources, { nowMs, parameters });
      if (result.outcome !== "noncompliant" && result.outcome !== "notEvaluated") continue;
      const exemption = coveringExemption(exemptions, resource, shortName(definition), nowMs);
      findings.push({
        urn: resource.urn,
        resource: resource.pulumiName,
        armType: resource.type,
        definition: shortName(definition),
        ...(definition.assignment === undefined ? {} : { assignment: definition.assignment }),
        displayName: definition.displayName,
        version: definition.version,
        outcome: result.outcome,
        ...(result.effect === undefined ? {} : { effect: result.effect }),
        denyCapable: denyCapable(definition),
        ...(result.reason === undefined ? {} : { reason: result.reason }),
        ...(exemption === undefined
          ? {}
          : {
              exemption: {
                name: exemption.name,
                policyAssignmentId: exemption.policyAssignmentId,
                ...(exemption.expiresOn === undefined ? {} : { expiresOn: exemption.expiresOn }),
              },
            }),
      });
    }
  }
  const sources = [...new Map(baseline.definitions.map((d) => [d.source.repository, d.source.commit])).entries()].map(
    ([repository, commit]) => ({ repository, commit }),
  );
  return { sources, definitions: baseline.definitions.length, findings };
}

/** The plan's text section: per resource, what it would violate and with which effect. */
export function renderBaselineReport(report: BaselineReport): string[] {
  const from = report.sources.map((s) => `${s.repository}@${s.commit.slice(0, 8)}`).join(", ");
  const out = [`Azure Policy baseline (advisory, ${report.definitions} definitions from ${from}, evaluated offline):`];
  const byResource = new Map<string, BaselineFinding[]>();
  for (const f of report.findings) byResource.set(f.urn, [...(byResource.get(f.urn) ?? []), f]);
  if (byResource.size === 0) out.push("  every planned resource is compliant with every baseline definition");
  for (const findings of byResource.values()) {
    const first = findings[0]!;
    out.push(`  ${first.resource} (${first.armType})`);
    for (const f of findings) {
      const label = f.outcome === "notEvaluated" ? "NOT EVALUATED" : (f.effect ?? "?");
      const deny = f.outcome === "noncompliant" && f.denyCapable ? ", denied where assigned with Deny" : "";
      const reason = f.reason === undefined ? "" : ` (${f.reason})`;
      const assignment = f.assignment === undefined ? "" : ` (${f.assignment})`;
      const exempted =
        f.exemption === undefined
          ? ""
          : `; exempted by ${f.exemption.name} if ${f.exemption.policyAssignmentId} is the assignment that assigns it`;
      out.push(
        `    ${label.padEnd(17)} ${f.definition}${assignment} v${f.version} ${f.displayName}${deny}${reason}${exempted}`,
      );
    }
  }
  const violating = report.findings.filter((f) => f.outcome === "noncompliant");
  const denied = violating.filter((f) => f.denyCapable);
  out.push(
    `  ${violating.length} violation(s) on ${new Set(violating.map((f) => f.urn)).size} resource(s), ${denied.length} Deny-capable; ` +
      "the plan's exit code does not depend on them.",
  );
  return out;
}
