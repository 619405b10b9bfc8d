import type { FleetReport } from "./report";
import { rolloutText } from "../devkit/rollout";
import { DAY_MS, dayStartMs } from "../days";

/**
 * The fleet report as one self-contained HTML page: inline CSS and SVG only, no script, no font, no external URL,
 * so it opens from a file or a CI artifact inside the boundary. Numbers also sit in data-* attributes for tests.
 */

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
const e = escapeHtml;

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1f24}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eef}td.num{text-align:right}
.fail{color:#b00020;font-weight:600}.advisory{color:#8a5a00}.pass{color:#1a7f37}
.chart{margin:.3em 0 1.2em}svg text{font:12px system-ui,sans-serif}
`;
const COLORS = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#b07aa1",
  "#76b7b2",
  "#edc948",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#e15759",
];

function headRow(cells: readonly string[]): string {
  return `<tr>${cells.map((c) => `<th>${c}</th>`).join("")}</tr>`;
}

const color = (i: number) => COLORS[i % COLORS.length] ?? "#888";

function stacksTable(report: FleetReport): string {
  const head = headRow([
    "Stack",
    "Team",
    "Subscription",
    "Region",
    "Data boundary",
    "Auth",
    "Rollout",
    "Resources",
    "Verdict",
    "Next rotation",
    "Earliest retirement",
  ]);
  const body = report.stacks.map((s) => {
    const verdict =
      s.verdict === "fail"
        ? `FAIL: ${s.mandatoryFailures.join(", ")}`
        : s.verdict === "advisory"
          ? `pass, advisories: ${s.advisories.join(", ")}`
          : "pass";
    return `<tr data-stack="${e(s.stack)}"><td>${e(s.stack)}</td><td>${e(s.team)}</td><td>${e(s.subscription)}</td><td>${e(s.region)}</td><td>${e(s.dataBoundary)}</td><td>${e(s.authMode)}</td><td>${e(rolloutText(s.rollout))}</td><td class="num">${s.resources}</td><td class="${s.verdict}">${e(verdict)}</td><td>${e(s.nextRotation ?? "-")}</td><td>${e(s.earliestRetirement ? `${s.earliestRetirement.retiresOn} ${s.earliestRetirement.model} ${s.earliestRetirement.version}` : "-")}</td></tr>`;
  });
  return `<table id="stacks">${head}${body.join("")}</table>`;
}

function poolChart(pool: FleetReport["pools"][number]): string {
  const width = 640;
  const scale = Math.max(pool.capacity, pool.quota ?? 0, 1);
  const px = (value: number) => (value / scale) * width;
  let x = 0;
  const segments = pool.use.map((u, i) => {
    const w = px(u.capacity);
    const rect = `<rect data-stack="${e(u.stack)}" data-capacity="${u.capacity}" x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="22" fill="${color(i)}"><title>${e(`${u.stack} (team ${u.team}): ${u.capacity}`)}</title></rect>`;
    x += w;
    return rect;
  });
  const quota =
    pool.quota === null
      ? `<text x="4" y="44">quota unknown: set it in fleet.yaml</text>`
      : `<line data-quota="${pool.quota}" x1="${px(pool.quota).toFixed(1)}" x2="${px(pool.quota).toFixed(1)}" y1="0" y2="30" stroke="#b00020" stroke-width="2"/><text x="4" y="44">use ${pool.capacity} of quota ${pool.quota}${pool.capacity > pool.quota ? " (OVER)" : ""}</text>`;
  const legend = pool.use
    .map((u, i) => `<span style="color:${color(i)}">■</span> ${e(u.team)} ${u.capacity}`)
    .join(" &nbsp; ");
  return `<div class="chart" data-pool="${e(`${pool.subscription}/${pool.model}/${pool.sku}/${pool.scope}`)}" data-capacity="${pool.capacity}" data-quota="${pool.quota ?? ""}"><div>${e(`${pool.model} ${pool.sku}, pool ${pool.scope}, subscription ${pool.subscription}`)}</div><svg width="${width + 10}" height="50" role="img" aria-label="${e(`use ${pool.capacity} of quota ${pool.quota ?? "unknown"}`)}">${segments.join("")}${quota}</svg><div>${legend}</div></div>`;
}

function poolsTable(report: FleetReport): string {
  const head = headRow(["Subscription", "Model", "SKU", "Pool", "Use", "Quota", "Quota from", "Use by stack"]);
  const body = report.pools.map((p) => {
    const over = p.quota !== null && p.capacity > p.quota;
    return `<tr><td>${e(p.subscription)}</td><td>${e(p.model)}</td><td>${e(p.sku)}</td><td>${e(p.scope)}</td><td class="num${over ? " fail" : ""}">${p.capacity}</td><td class="num">${p.quota ?? "unknown"}</td><td>${e(p.quotaSource ?? "-")}</td><td>${e(p.use.map((u) => `${u.stack} ${u.capacity}`).join(", "))}</td></tr>`;
  });
  return `<table id="pools">${head}${body.join("")}</table>`;
}

function problemsTable(report: FleetReport): string {
  if (report.problems.length === 0) return `<p id="problems" class="pass">No problems: every fleet rule holds.</p>`;
  const head = headRow(["Rule", "Enforcement", "Problem", "Stacks", "Fix"]);
  const body = report.problems.map(
    (p) =>
      `<tr data-rule="${e(p.rule)}"><td>${e(p.rule)}</td><td class="${p.enforcement === "mandatory" ? "fail" : "advisory"}">${p.enforcement}</td><td>${e(p.message)}</td><td>${e(p.stacks.join(", "))}</td><td>${e(p.fix)}</td></tr>`,
  );
  return `<table id="problems">${head}${body.join("")}</table>`;
}

interface TimelineEvent {
  date: string;
  kind: "rotation" | "retirement";
  label: string;
}

function timelineEvents(report: FleetReport): TimelineEvent[] {
  const events: TimelineEvent[] = report.stacks.flatMap((s) =>
    s.nextRotation ? [{ date: s.nextRotation, kind: "rotation" as const, label: `key rotation ${s.stack}` }] : [],
  );
  const seen = new Set<string>();
  for (const s of report.stacks) {
    const r = s.earliestRetirement;
    if (r === null || seen.has(`${r.model}@${r.version}`)) continue;
    seen.add(`${r.model}@${r.version}`);
    events.push({ date: r.retiresOn, kind: "retirement", label: `${r.model} ${r.version} retires` });
  }
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
}

function timeline(report: FleetReport): string {
  const events = timelineEvents(report);
  if (events.length === 0) return `<p id="timeline">No rotation or retirement dates.</p>`;
  const day = (d: string) => dayStartMs(d) / DAY_MS;
  const start = Math.min(day(report.date), ...events.map((ev) => day(ev.date)));
  const end = Math.max(start + 1, ...events.map((ev) => day(ev.date)));
  const width = 760;
  const x = (d: string) => 20 + ((day(d) - start) / (end - start)) * (width - 40);
  const marks = events.map((ev, i) => {
    const cx = x(ev.date).toFixed(1);
    const y = 40 + i * 16;
    const shape =
      ev.kind === "rotation"
        ? `<circle cx="${cx}" cy="30" r="5" fill="#4e79a7"/>`
        : `<path d="M${cx} 23 l7 7 l-7 7 l-7 -7 z" fill="#b00020"/>`;
    return `<g data-kind="${ev.kind}" data-date="${ev.date}">${shape}<line x1="${cx}" x2="${cx}" y1="36" y2="${y - 4}" stroke="#ccd"/><text x="${cx}" y="${y}">${e(`${ev.date} ${ev.label}`)}</text></g>`;
  });
  const height = 50 + events.length * 16;
  return `<svg id="timeline" width="${width + 300}" height="${height}" role="img" aria-label="next key rotations and model retirements"><line x1="20" x2="${width - 20}" y1="30" y2="30" stroke="#555"/><text x="20" y="15">${e(report.date)} (today)</text>${marks.join("")}</svg>`;
}

export function renderFleetHtml(report: FleetReport): string {
  const verdict =
    report.summary.mandatoryProblems === 0
      ? `<p class="pass">All mandatory rules hold.</p>`
      : `<p class="fail">${report.summary.mandatoryProblems} mandatory problem(s): deploying this fleet would fail or be blocked.</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>codex-boundary fleet report ${e(report.date)}</title><style>${CSS}</style></head>
<body>
<h1>codex-boundary fleet report, ${e(report.date)}</h1>
<p>${report.summary.stacks} stack(s), planned offline. Capacity is in sku.capacity units (1 = 1K tokens per minute).</p>
${verdict}
<h2>Stacks</h2>
${stacksTable(report)}
<h2>Quota pools</h2>
${poolsTable(report)}
${report.pools.map(poolChart).join("\n")}
<h2>Problems</h2>
${problemsTable(report)}
<h2>Next key rotations and model retirements</h2>
${timeline(report)}
<p>Retirement dates: ${e(report.summary.retirementSource)}.</p>
</body></html>
`;
}
