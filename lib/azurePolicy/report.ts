import BASELINE_JSON from "./baselineDefinitions.json";
import { type Baseline, type BaselineDefinition, denyCapable } from "./baseline";
import type { PlannedArmResource, PlannedExemption } from "./fromPulumi";
import { judge } from "./judge";
import { type AssumedParameters, assumedParameters, IF_DIFFERENT } from "./assumedParameters";
import { type BaselineOptOut, baselineOptOut } from "./optOuts";

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
  /** A Deny-capable finding the stack file chose on purpose (lib/azurePolicy/optOuts.ts): not a violation. */
  optOut?: BaselineOptOut;
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
  /** Assignment parameters taken from the stack's own settings (lib/azurePolicy/assumedParameters.ts). */
  assumptions: AssumedParameters[];
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
  const assumptions: AssumedParameters[] = [];
  for (const resource of resources) {
    for (const definition of baseline.definitions) {
      const assumed = assumedParameters(definition, resource, resources, shortName(definition));
      const parameters = { ...definition.assignedParameters?.values, ...assumed?.parameters };
      const result = judge(definition, resource, resources, { nowMs, parameters });
      if (assumed !== undefined && result.outcome !== "notApplicable") assumptions.push(assumed);
      if (result.outcome !== "noncompliant" && result.outcome !== "notEvaluated") continue;
      const exemption = coveringExemption(exemptions, resource, shortName(definition), nowMs);
      const optOut =
        result.outcome === "noncompliant" && denyCapable(definition)
          ? baselineOptOut({
              resource,
              definition: shortName(definition),
              ...(definition.assignment === undefined ? {} : { assignment: definition.assignment }),
              ...(exemption === undefined ? {} : { exemption }),
            })
          : undefined;
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
        ...(optOut === undefined ? {} : { optOut }),
      });
    }
  }
  const sources = [...new Map(baseline.definitions.map((d) => [d.source.repository, d.source.commit])).entries()].map(
    ([repository, commit]) => ({ repository, commit }),
  );
  return { sources, definitions: baseline.definitions.length, findings, assumptions };
}

/** Each opt-out once (four private DNS zones are one choice), with why and what a tenant with Deny needs. */
function optOutLines(findings: readonly BaselineFinding[]): string[] {
  const chosen = new Map<string, { optOut: BaselineOptOut; definitions: Set<string> }>();
  for (const f of findings) {
    if (f.optOut === undefined) continue;
    const key = JSON.stringify([f.optOut.path, f.optOut.value, f.optOut.fix]);
    const entry = chosen.get(key) ?? { optOut: f.optOut, definitions: new Set<string>() };
    entry.definitions.add(f.definition);
    chosen.set(key, entry);
  }
  if (chosen.size === 0) return [];
  const lines = ["  Opt-outs the stack file chose (Deny-capable definitions it does not meet on purpose):"];
  for (const { optOut, definitions } of chosen.values()) {
    lines.push(`    ${optOut.path} = ${optOut.value} (${[...definitions].join(", ")}): ${optOut.why}`);
    lines.push(`      where assigned with Deny: ${optOut.fix}`);
  }
  return lines;
}

function assumptionLines(assumptions: readonly AssumedParameters[]): string[] {
  if (assumptions.length === 0) return [];
  const lines = ["  Judged with the stack's own settings as the assignment's parameters (offline they are unknown):"];
  for (const a of assumptions) {
    const values = Object.entries(a.parameters).map(([k, v]) => `${k} = ${v}`);
    lines.push(`    ${a.definition} on ${a.resource}: ${values.join(", ")}`);
  }
  lines.push(`    ${IF_DIFFERENT}`);
  return lines;
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
      const deny =
        f.optOut !== undefined
          ? `, opt-out: ${f.optOut.path} = ${f.optOut.value}`
          : f.outcome === "noncompliant" && f.denyCapable
            ? ", denied where assigned with Deny"
            : "";
      const reason = f.reason === undefined ? "" : ` (${f.reason})`;
      const assignment = f.assignment === undefined ? "" : ` (${f.assignment})`;
      const exempted =
        f.exemption === undefined || f.optOut !== undefined
          ? ""
          : `; exempted by ${f.exemption.name} if ${f.exemption.policyAssignmentId} is the assignment that assigns it`;
      out.push(
        `    ${label.padEnd(17)} ${f.definition}${assignment} v${f.version} ${f.displayName}${deny}${reason}${exempted}`,
      );
    }
  }
  out.push(...optOutLines(report.findings), ...assumptionLines(report.assumptions));
  const violating = report.findings.filter((f) => f.outcome === "noncompliant" && f.optOut === undefined);
  const denied = violating.filter((f) => f.denyCapable);
  const optOuts = report.findings.filter((f) => f.optOut !== undefined).length;
  out.push(
    `  ${violating.length} violation(s) on ${new Set(violating.map((f) => f.urn)).size} resource(s), ${denied.length} Deny-capable` +
      `${optOuts === 0 ? "" : `, ${optOuts} opt-out(s) the stack file chose`}; the plan's exit code does not depend on them.`,
  );
  return out;
}
