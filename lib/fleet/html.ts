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

// Cells never wrap (a GUID, a date or team-10 would break at its hyphens); prose cells and lists wrap between
// words or items only, and each table scrolls inside its own box, so the page itself never scrolls sideways.
const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1f24}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccd;padding:.25em .6em;text-align:left;vertical-align:top;white-space:nowrap}
th{background:#eef}td.num{text-align:right}
td.prose,td.list{white-space:normal}td.prose{min-width:20em}td.list{min-width:12em}.nw{white-space:nowrap}
tr:target{background:#fff3c4}
#summary ul,#summary ol{margin:.3em 0;padding-left:1.5em}
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

/** Free text that may wrap between words, but never inside one holding a hyphen or slash (a name, a date). */
function prose(text: string): string {
  return e(text).replace(/[^\s]*[-/][^\s]*/g, (word) => `<span class="nw">${word}</span>`);
}
/** A list that may wrap between its items, never inside one. */
function items(values: readonly string[]): string {
  return values.map((v) => `<span class="nw">${e(v)}</span>`).join(", ");
}
const stackId = (stack: string) => `stack-${stack}`;
const problemId = (index: number) => `problem-${index + 1}`;
const stackLinks = (stacks: readonly string[]) =>
  stacks.map((s) => `<a class="nw" href="#${e(stackId(s))}">${e(s)}</a>`).join(", ");
/** A summary line or a timeline label names this many stacks, then counts the rest (the table names them all). */
const NAMED_STACKS = 6;
function someOf(stacks: readonly string[]): { named: string[]; more: string } {
  const named = stacks.slice(0, NAMED_STACKS);
  return { named, more: stacks.length > named.length ? ` and ${stacks.length - named.length} more` : "" };
}
const scroll = (inner: string) => `<div class="scroll">${inner}</div>`;

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
        ? `FAIL: ${items(s.mandatoryFailures)}`
        : s.verdict === "advisory"
          ? `pass, advisories: ${items(s.advisories)}`
          : "pass";
    const earliest = s.earliestRetirement;
    return `<tr id="${e(stackId(s.stack))}" data-stack="${e(s.stack)}"><td>${e(s.stack)}</td><td>${e(s.team)}</td><td>${e(s.subscription)}</td><td>${e(s.region)}</td><td>${e(s.dataBoundary)}</td><td>${e(s.authMode)}</td><td>${e(rolloutText(s.rollout))}</td><td class="num">${s.resources}</td><td class="list ${s.verdict}">${verdict}</td><td>${e(s.nextRotation ?? "-")}</td><td>${e(earliest ? `${earliest.retiresOn} ${earliest.model} ${earliest.version}` : "-")}</td></tr>`;
  });
  return scroll(`<table id="stacks">${head}${body.join("")}</table>`);
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
    return `<tr><td>${e(p.subscription)}</td><td>${e(p.model)}</td><td>${e(p.sku)}</td><td>${e(p.scope)}</td><td class="num${over ? " fail" : ""}">${p.capacity}</td><td class="num">${p.quota ?? "unknown"}</td><td>${e(p.quotaSource ?? "-")}</td><td class="list">${items(p.use.map((u) => `${u.stack} ${u.capacity}`))}</td></tr>`;
  });
  return scroll(`<table id="pools">${head}${body.join("")}</table>`);
}

function problemsTable(report: FleetReport): string {
  if (report.problems.length === 0) return `<p id="problems" class="pass">No problems: every fleet rule holds.</p>`;
  const head = headRow(["Rule", "Enforcement", "Problem", "Stacks", "Fix"]);
  const body = report.problems.map(
    (p, i) =>
      `<tr id="${problemId(i)}" data-rule="${e(p.rule)}"><td>${e(p.rule)}</td><td class="${p.enforcement === "mandatory" ? "fail" : "advisory"}">${p.enforcement}</td><td class="prose">${prose(p.message)}</td><td class="list">${stackLinks(p.stacks)}</td><td class="prose">${prose(p.fix)}</td></tr>`,
  );
  return scroll(`<table id="problems">${head}${body.join("")}</table>`);
}

interface TimelineEvent {
  date: string;
  kind: "rotation" | "retirement";
  label: string;
  /** For a retirement: the model version and every stack that deploys it. */
  retirement?: { model: string; version: string; stacks: string[] };
}

/** Every stack's next rotation, and every model version retiring in any stack once, naming all its stacks. */
function timelineEvents(report: FleetReport): TimelineEvent[] {
  const events: TimelineEvent[] = report.stacks.flatMap((s) =>
    s.nextRotation ? [{ date: s.nextRotation, kind: "rotation" as const, label: `key rotation ${s.stack}` }] : [],
  );
  const retiring = new Map<string, { model: string; version: string; retiresOn: string; stacks: string[] }>();
  for (const s of report.stacks) {
    for (const r of s.retirements) {
      const key = `${r.model}@${r.version}`;
      const entry = retiring.get(key) ?? { ...r, stacks: [] };
      entry.stacks.push(s.stack);
      retiring.set(key, entry);
    }
  }
  for (const { model, version, retiresOn, stacks } of retiring.values()) {
    const { named, more } = someOf(stacks);
    events.push({
      date: retiresOn,
      kind: "retirement",
      label: `${model} ${version} retires (${named.join(", ")}${more})`,
      retirement: { model, version, stacks },
    });
  }
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
}

/** SVG cannot measure text: a generous average for 12 px system-ui, so labels are laid out without clipping. */
const LABEL_CHAR_PX = 7;

function timeline(report: FleetReport): string {
  const events = timelineEvents(report);
  if (events.length === 0) return `<p id="timeline">No rotation or retirement dates.</p>`;
  const day = (d: string) => dayStartMs(d) / DAY_MS;
  const start = Math.min(day(report.date), ...events.map((ev) => day(ev.date)));
  const end = Math.max(start + 1, ...events.map((ev) => day(ev.date)));
  const width = 760;
  const x = (d: string) => 20 + ((day(d) - start) / (end - start)) * (width - 40);
  let right = width;
  const marks = events.map((ev, i) => {
    const at = x(ev.date);
    const cx = at.toFixed(1);
    const y = 40 + i * 16;
    const text = `${ev.date} ${ev.label}`;
    const labelPx = text.length * LABEL_CHAR_PX;
    // Past the middle a label ends at its mark, when it fits to the left; otherwise it starts there.
    const toLeft = at > width / 2 && at - labelPx >= 0;
    right = Math.max(right, toLeft ? at : at + labelPx + 10);
    const shape =
      ev.kind === "rotation"
        ? `<circle cx="${cx}" cy="30" r="5" fill="#4e79a7"/>`
        : `<path d="M${cx} 23 l7 7 l-7 7 l-7 -7 z" fill="#b00020"/>`;
    const data = ev.retirement
      ? ` data-model="${e(ev.retirement.model)}" data-version="${e(ev.retirement.version)}" data-stacks="${e(ev.retirement.stacks.join(" "))}"`
      : "";
    const title = ev.retirement
      ? `<title>${e(`${ev.retirement.model} ${ev.retirement.version}: ${ev.retirement.stacks.join(", ")}`)}</title>`
      : "";
    return `<g data-kind="${ev.kind}" data-date="${ev.date}"${data}>${title}${shape}<line x1="${cx}" x2="${cx}" y1="36" y2="${y - 4}" stroke="#ccd"/><text x="${cx}" y="${y}"${toLeft ? ' text-anchor="end"' : ""}>${e(text)}</text></g>`;
  });
  const height = 50 + events.length * 16;
  return scroll(
    `<svg id="timeline" width="${Math.ceil(right)}" height="${height}" role="img" aria-label="next key rotations and model retirements"><line x1="20" x2="${width - 20}" y1="30" y2="30" stroke="#555"/><text x="20" y="15">${e(report.date)} (today)</text>${marks.join("")}</svg>`,
  );
}

/** Counts, the verdict and a link to each problem: what a reviewer needs, before any table. */
function summary(report: FleetReport): string {
  const { mandatoryProblems, advisoryProblems, stacks } = report.summary;
  const verdict =
    mandatoryProblems === 0
      ? `<p class="pass">All mandatory rules hold.</p>`
      : `<p class="fail">${mandatoryProblems} mandatory problem(s): deploying this fleet would fail or be blocked.</p>`;
  const failing = report.stacks.filter((s) => s.verdict === "fail").length;
  const advisory = report.stacks.filter((s) => s.verdict === "advisory").length;
  const counts = [
    `<li data-count="stacks">${stacks} stack(s): ${failing} failing a mandatory policy, ${advisory} with advisories</li>`,
    `<li data-count="mandatory" class="${mandatoryProblems === 0 ? "pass" : "fail"}">${mandatoryProblems} mandatory problem(s)</li>`,
    `<li data-count="advisory"${advisoryProblems === 0 ? "" : ' class="advisory"'}>${advisoryProblems} advisory problem(s)</li>`,
  ];
  const links = report.problems.map((p, i) => {
    const { named, more } = someOf(p.stacks);
    return `<li><a href="#${problemId(i)}" class="${p.enforcement === "mandatory" ? "fail" : "advisory"}">${p.enforcement === "mandatory" ? "FAIL" : "ADVISE"} ${e(p.policy === undefined ? p.rule : `${p.rule} ${p.policy}`)}</a>: ${items(named)}${more}</li>`;
  });
  const problemList = links.length === 0 ? "" : `<ol id="problem-links">${links.join("")}</ol>`;
  return `<section id="summary">${verdict}<ul>${counts.join("")}</ul>${problemList}<p>Sections: <a href="#problems-section">Problems</a> · <a href="#stacks-section">Stacks</a> · <a href="#pools-section">Quota pools</a> · <a href="#timeline-section">Rotations and retirements</a></p></section>`;
}

export function renderFleetHtml(report: FleetReport): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>codex-boundary fleet report ${e(report.date)}</title><style>${CSS}</style></head>
<body>
<h1>codex-boundary fleet report, ${e(report.date)}</h1>
<p>${report.summary.stacks} stack(s), planned offline. Capacity is in sku.capacity units (1 = 1K tokens per minute).</p>
${summary(report)}
<h2 id="problems-section">Problems</h2>
${problemsTable(report)}
<h2 id="stacks-section">Stacks</h2>
${stacksTable(report)}
<h2 id="pools-section">Quota pools</h2>
${poolsTable(report)}
${report.pools.map(poolChart).join("\n")}
<h2 id="timeline-section">Next key rotations and model retirements</h2>
${timeline(report)}
<p>Retirement dates: ${e(report.summary.retirementSource)}.</p>
</body></html>
`;
}
