import wrap from "word-wrap";
import { rolloutText } from "../devkit/rollout";
import type { FleetReport, FleetStackRow } from "./report";

/** The text report fits a 120-column terminal (stack and team names up to the team-name limit of 16). */
export const FLEET_TEXT_WIDTH = 120;

/** `text` wrapped at the report's width, every line starting with `indent`; a word longer than a line stays whole. */
export function wrapped(text: string, indent: string, firstIndent = indent): string[] {
  const lines = wrap(text, { width: FLEET_TEXT_WIDTH - indent.length, indent: "", trim: true, cut: false }).split("\n");
  return lines.map((line, i) => `${i === 0 ? firstIndent : indent}${line}`);
}

/**
 * A column table: header row, then rows, each cell padded to its column's widest value. The last column is
 * wrapped to what is left of the width, its continuation lines under its first.
 */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = ""): string[] {
  const last = header.length - 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === last ? 0 : (r[i] ?? "").length))));
  const offset = indent.length + widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const line = (cells: readonly string[]): string[] => {
    const lead = cells
      .slice(0, last)
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ");
    const tail = cells[last] ?? "";
    if (tail === "") return [`${indent}${lead}`.trimEnd()];
    const room = Math.max(8, FLEET_TEXT_WIDTH - offset);
    const parts = wrap(tail, { width: room, indent: "", trim: true, cut: false }).split("\n");
    return parts.map((part, i) => `${indent}${i === 0 ? `${lead}  ` : " ".repeat(offset - indent.length)}${part}`);
  };
  const rule = header.map((h, i) => "-".repeat(i === last ? h.length : (widths[i] ?? 0)));
  return [...line(header), ...line(rule), ...rows.flatMap(line)];
}

function verdictCell(s: FleetStackRow): string {
  if (s.verdict === "fail") return `FAIL (${s.mandatoryFailures.length})`;
  return s.verdict === "advisory" ? `advise (${s.advisories.length})` : "pass";
}

function findings(s: FleetStackRow): string {
  const failing = s.mandatoryFailures.length > 0 ? [`fails: ${s.mandatoryFailures.join(", ")}`] : [];
  const advising = s.advisories.length > 0 ? [`advisories: ${s.advisories.join(", ")}`] : [];
  return [...failing, ...advising].join("; ");
}

export function renderFleetText(report: FleetReport): string {
  const out: string[] = [];
  out.push(
    `Fleet report, ${report.date}: ${report.summary.stacks} stack(s), planned offline (nothing sent to Azure or GitHub)`,
  );
  out.push("");
  out.push("Stacks:");
  out.push(
    ...table(
      ["STACK", "TEAM", "SUBSCRIPTION", "REGION", "BOUNDARY", "AUTH", "RESOURCES"],
      report.stacks.map((s) => [
        s.stack,
        s.team,
        s.subscription,
        s.region,
        s.dataBoundary,
        s.authMode,
        String(s.resources),
      ]),
      "  ",
    ),
  );
  out.push("");
  out.push("Health (verdict of the policy pack, next key rotation, earliest model retirement):");
  out.push(
    ...table(
      ["STACK", "VERDICT", "NEXT ROTATION", "EARLIEST RETIREMENT", "FINDINGS"],
      report.stacks.map((s) => [
        s.stack,
        verdictCell(s),
        s.nextRotation ?? "-",
        s.earliestRetirement ? `${s.earliestRetirement.retiresOn} ${s.earliestRetirement.model}` : "-",
        findings(s),
      ]),
      "  ",
    ),
  );
  out.push("");
  out.push("Rollout (each team's stage, and the repositories held at a lower one):");
  out.push(
    ...table(
      ["STACK", "ROLLOUT"],
      report.stacks.map((s) => [s.stack, rolloutText(s.rollout)]),
      "  ",
    ),
  );
  out.push("");
  out.push("Quota pools (capacity in sku.capacity units, 1 = 1K tokens per minute):");
  out.push(
    ...table(
      ["SUBSCRIPTION", "MODEL", "SKU", "POOL", "USE", "QUOTA", "USE BY STACK"],
      report.pools.map((p) => [
        p.subscription,
        p.model,
        p.sku,
        p.scope,
        String(p.capacity),
        p.quota === null ? "unknown" : `${p.quota}${p.capacity > p.quota ? " OVER" : ""}`,
        p.use.map((u) => `${u.stack} ${u.capacity}`).join(", "),
      ]),
      "  ",
    ),
  );
  out.push("");
  if (report.problems.length === 0) {
    out.push("Problems: none. Every fleet rule holds.");
  } else {
    out.push(`Problems: ${report.summary.mandatoryProblems} mandatory, ${report.summary.advisoryProblems} advisory`);
    for (const p of report.problems) {
      const label = `[${p.enforcement === "mandatory" ? "FAIL" : "ADVISE"}] ${p.rule}: `;
      out.push(...wrapped(`${label}${p.message}`, "         ", "  "));
      out.push(...wrapped(`stacks: ${p.stacks.join(", ")}`, "           ", "         "));
      out.push(...wrapped(`fix: ${p.fix}`, "           ", "         "));
    }
  }
  out.push("");
  out.push(
    report.summary.mandatoryProblems === 0
      ? "All mandatory rules hold."
      : `${report.summary.mandatoryProblems} mandatory problem(s): deploying this fleet would fail or be blocked.`,
  );
  return `${out.join("\n")}\n`;
}
