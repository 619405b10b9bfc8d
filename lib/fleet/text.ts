import { rolloutText } from "../devkit/rollout";
import type { FleetReport } from "./report";

/** A column table: header row, then rows, each cell padded to its column's widest value. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
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
      [
        "STACK",
        "TEAM",
        "SUBSCRIPTION",
        "REGION",
        "BOUNDARY",
        "AUTH",
        "ROLLOUT",
        "RESOURCES",
        "VERDICT",
        "NEXT ROTATION",
        "EARLIEST RETIREMENT",
      ],
      report.stacks.map((s) => [
        s.stack,
        s.team,
        s.subscription,
        s.region,
        s.dataBoundary,
        s.authMode,
        rolloutText(s.rollout),
        String(s.resources),
        s.verdict === "fail"
          ? `FAIL (${s.mandatoryFailures.join(", ")})`
          : s.verdict === "advisory"
            ? `pass, advisories: ${s.advisories.join(", ")}`
            : "pass",
        s.nextRotation ?? "-",
        s.earliestRetirement ? `${s.earliestRetirement.retiresOn} ${s.earliestRetirement.model}` : "-",
      ]),
    ).map((l) => `  ${l}`),
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
    ).map((l) => `  ${l}`),
  );
  out.push("");
  if (report.problems.length === 0) {
    out.push("Problems: none. Every fleet rule holds.");
  } else {
    out.push(`Problems: ${report.summary.mandatoryProblems} mandatory, ${report.summary.advisoryProblems} advisory`);
    for (const p of report.problems) {
      out.push(`  [${p.enforcement === "mandatory" ? "FAIL" : "ADVISE"}] ${p.rule}: ${p.message}`);
      out.push(`         stacks: ${p.stacks.join(", ")}`);
      out.push(`         fix: ${p.fix}`);
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
