import type { CapturedRun } from "./types";
import { redact } from "./redact";
import { advisoryFindings, evaluatePolicies, type PolicyVerdict } from "../policy/report";
import { BOUNDARY_POLICIES } from "../policy/rules";
import type { PolicyResource } from "../policy/types";
import type { BaselineReport } from "../azurePolicy/report";
import { type RolloutView, rolloutText } from "../devkit/rollout";

/** The stable, machine-readable plan: later tooling and CI read this shape. */
export interface PlanDocument {
  project: string;
  stack: string;
  resources: Array<{
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    dependsOn: string[];
    inputs: Record<string, unknown>;
  }>;
  outputs: Record<string, unknown>;
  policies: Array<Pick<PolicyVerdict, "name" | "enforcement" | "verdict" | "violations">>;
  /** Azure's built-in and ALZ definitions over the planned resources (npm run plan; advisory). */
  azurePolicyBaseline?: BaselineReport;
  /** The team's rollout stage and the repositories behind it (npm run plan). */
  rollout?: RolloutView;
}

/** What the policies see of each planned resource: its inputs and, for components, its registered outputs. */
export function toPolicyResources(run: CapturedRun): PolicyResource[] {
  return run.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    props: {
      ...(redact(r.inputs) as Record<string, unknown>),
      ...(redact(r.outputs ?? {}) as Record<string, unknown>),
    },
  }));
}

/** Every boundary control over a planned run, judged on the day `nowMs` falls in. */
export function planVerdicts(run: CapturedRun, nowMs: number): PolicyVerdict[] {
  return evaluatePolicies(toPolicyResources(run), BOUNDARY_POLICIES, { nowMs });
}

export function toPlanDocument(run: CapturedRun, verdicts: readonly PolicyVerdict[]): PlanDocument {
  return {
    project: run.project,
    stack: run.stack,
    resources: run.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      dependsOn: r.dependsOn,
      inputs: redact(r.inputs) as Record<string, unknown>,
    })),
    outputs: redact(run.outputs) as Record<string, unknown>,
    policies: verdicts.map(({ name, enforcement, verdict, violations }) => ({
      name,
      enforcement,
      verdict,
      violations,
    })),
  };
}

/** The compliance report a reviewer reads: every control, its verdict, what it looked at, and how to fix a failure. */
export function renderComplianceReport(verdicts: readonly PolicyVerdict[]): string[] {
  const out = ["Compliance report (the same rules as the policy pack):"];
  for (const v of verdicts) {
    const label = v.verdict === "pass" ? "PASS" : v.enforcement === "mandatory" ? "FAIL" : "ADVISE";
    const when = v.scope === "resource" ? "each resource before it is created" : "across the stack";
    out.push(`  [${label}] ${v.name} (${v.enforcement}, ${when}) - looked at ${v.examined.length} resource(s)`);
    out.push(`         ${v.description}`);
    for (const violation of v.violations) out.push(`         - ${violation.urn}: ${violation.message}`);
    if (v.verdict === "fail") out.push(`         fix: ${v.remediation}`);
  }
  const failed = verdicts.filter((v) => v.enforcement === "mandatory" && v.verdict === "fail").length;
  out.push(
    failed === 0
      ? "  All mandatory controls pass."
      : `  ${failed} mandatory control(s) fail: pulumi up with the policy pack would be blocked.`,
  );
  // Never a bare "all pass" over an opt-out: name every advisory finding in the summary too.
  const advisories = advisoryFindings(verdicts);
  if (advisories.length > 0) {
    out.push(
      `  ${advisories.length} advisory finding(s), opt-outs or recommendations not followed: ${advisories.map((v) => v.name).join(", ")}.`,
    );
  }
  return out;
}

/** Counts resources by type, most common first, then by name. */
export function countByType(doc: PlanDocument): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const r of doc.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The type as `pulumi preview` shows it: `github:index/actionsVariable:ActionsVariable` -> `github:index:ActionsVariable`
 * (the module's file part dropped when it only repeats the name), so long provider tokens do not push names out.
 */
export function displayType(type: string): string {
  const match = /^([^:]+):([^:/]+)\/([^:]+):([^:]+)$/.exec(type);
  if (match === null) return type;
  const [, pkg, mod, file, name] = match as unknown as [string, string, string, string, string];
  return file.toLowerCase() === name.toLowerCase() ? `${pkg}:${mod}:${name}` : type;
}

/** A `pulumi preview`-like tree: each component with its children below it, names in one column. */
export function renderTree(doc: PlanDocument): string[] {
  const children = new Map<string | null, PlanDocument["resources"]>();
  for (const r of doc.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const rows: Array<{ label: string; name: string }> = [];
  const walk = (parent: string | null, prefix: string): void => {
    const list = children.get(parent) ?? [];
    list.forEach((r, index) => {
      const last = index === list.length - 1;
      const branch = parent === null ? "" : last ? "└─ " : "├─ ";
      rows.push({ label: `${prefix}${branch}${displayType(r.type)}`, name: r.name });
      walk(r.urn, parent === null ? prefix : `${prefix}${last ? "   " : "│  "}`);
    });
  };
  walk(null, "");
  const width = treeTypeWidth(rows.map((row) => row.label));
  return [`     ${"Type".padEnd(width)} Name`, ...rows.map((row) => ` +   ${row.label.padEnd(width)} ${row.name}`)];
}

/** The widest label, in characters as a terminal shows them (the tree's box characters are one column each). */
function treeTypeWidth(labels: readonly string[]): number {
  return Math.max("Type".length, ...labels.map((label) => [...label].length));
}

function renderValue(value: unknown): string {
  if (typeof value === "string")
    return value.includes("\n") ? `(${value.split("\n").length} lines; see the files below)` : value;
  const text = JSON.stringify(value);
  if (text.length <= 160) return text;
  // Past 160 characters it is a list or a map: a number, boolean or null is never that long as JSON.
  return `{${Object.keys(value as object).join(", ")}} (see --json)`;
}

export function renderText(
  doc: PlanDocument,
  notes: {
    placeholders: string[];
    filesWritten: string[];
    verdicts: readonly PolicyVerdict[];
    placeholderNotice?: readonly string[];
    catalogAge?: string;
    /** The Azure Policy baseline section (lib/azurePolicy/report.ts). */
    baseline?: readonly string[];
  },
): string {
  const out: string[] = [];
  out.push(`Plan for ${doc.project}/${doc.stack} (offline: Pulumi mock engine, nothing sent to Azure or GitHub)`);
  out.push("");
  out.push(...renderTree(doc));
  out.push("");
  out.push(`Resources: ${doc.resources.length} to create`);
  for (const [type, count] of countByType(doc)) out.push(`  ${String(count).padStart(3)}  ${type}`);
  if (doc.rollout !== undefined) {
    out.push("");
    const why = doc.rollout.source === "default" ? " (the stack file has no rollout: the kit as before stages)" : "";
    out.push(`Rollout stage: ${rolloutText(doc.rollout)}${why}`);
  }
  const outputs = Object.entries(doc.outputs).filter(([key]) => key !== "developerFiles");
  if (outputs.length > 0) {
    out.push("");
    out.push("Outputs:");
    for (const [key, value] of outputs) {
      out.push(`  ${key}: ${renderValue(value)}`);
    }
  }
  out.push("");
  out.push(...renderComplianceReport(notes.verdicts));
  if (notes.catalogAge !== undefined) out.push(`  ${notes.catalogAge}`);
  if (notes.baseline !== undefined) {
    out.push("");
    out.push(...notes.baseline);
  }
  if (notes.placeholders.length > 0) {
    out.push("");
    out.push(
      `Secure config values stand in as placeholders (the offline plan cannot decrypt them): ${notes.placeholders.join(", ")}`,
    );
  }
  if (notes.placeholderNotice !== undefined && notes.placeholderNotice.length > 0) {
    out.push("");
    out.push(...notes.placeholderNotice);
  }
  if (notes.filesWritten.length > 0) {
    out.push("");
    out.push(
      notes.placeholderNotice?.length
        ? "Developer files written (a preview with placeholder names):"
        : "Developer files written:",
    );
    for (const file of notes.filesWritten) out.push(`  ${file}`);
  }
  return `${out.join("\n")}\n`;
}
