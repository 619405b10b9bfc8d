import { expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { renderFleetHtml } from "../../lib/fleet/html";
import { buildFleetReport } from "../../lib/fleet/report";
import { deployment, facts, SUB_B } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const noRetirement = () => undefined;

test("a pool used exactly up to its quota is not marked OVER", () => {
  const html = renderFleetHtml(buildFleetReport([facts("solo", { deployments: [deployment({ capacity: 1000 })], nextRotation: null })], EMPTY_FLEET_FILE, noRetirement, NOW));
  expect(html).toContain('<text x="4" y="44">use 1000 of quota 1000</text>');
});

test("tables and charts of several pools and problems are joined with nothing (rows) or a line break (charts) between them", () => {
  const report = buildFleetReport(
    [
      facts("alpha", { deployments: [deployment({ capacity: 1200 })], nextRotation: null }),
      facts("gamma", { subscription: SUB_B, deployments: [deployment({ sku: "Standard", capacity: 7 })], nextRotation: null }),
    ],
    EMPTY_FLEET_FILE,
    noRetirement,
    NOW,
  );
  const html = renderFleetHtml(report);
  expect(report.pools).toHaveLength(2);
  expect(report.problems.length).toBeGreaterThanOrEqual(2);
  const pools = html.slice(html.indexOf('<table id="pools">'), html.indexOf("</table>", html.indexOf('<table id="pools">')));
  expect(pools.split("</tr><tr>")).toHaveLength(report.pools.length + 1);
  const problems = html.slice(html.indexOf('<table id="problems">'), html.indexOf("</table>", html.indexOf('<table id="problems">')));
  expect(problems.split("</tr><tr")).toHaveLength(report.problems.length + 1);
  expect(html).toContain('</svg><div><span style="color:#4e79a7">■</span> alpha 1200</div></div>\n<div class="chart"');
});

test("header rows, several stacks, several failures and advisories: each joined as written", () => {
  const report = buildFleetReport(
    [
      facts("alpha", { verdict: "fail", mandatoryFailures: [{ policy: "private-only", messages: ["m"] }, { policy: "no-local-auth", messages: ["m"] }], deployments: [deployment({ capacity: 1 })], nextRotation: "2026-12-01" }),
      facts("beta", { verdict: "advisory", advisories: ["cmk", "diagnostics"], deployments: [deployment({ capacity: 1 })], nextRotation: "2026-12-02" }),
    ],
    EMPTY_FLEET_FILE,
    noRetirement,
    NOW,
  );
  const html = renderFleetHtml(report);
  expect(html).toContain(
    '<table id="stacks"><tr><th>Stack</th><th>Team</th><th>Subscription</th><th>Region</th><th>Data boundary</th><th>Auth</th><th>Resources</th><th>Verdict</th><th>Next rotation</th><th>Earliest retirement</th></tr><tr data-stack="alpha">',
  );
  expect(html).toContain('<td class="fail">FAIL: private-only, no-local-auth</td>');
  expect(html).toContain('</td></tr><tr data-stack="beta"><td>beta</td>');
  expect(html).toContain('<td class="advisory">pass, advisories: cmk, diagnostics</td>');
  expect(html).toContain('2026-12-01 key rotation alpha</text></g><g data-kind="rotation" data-date="2026-12-02">');
});

test("the timeline's axis, marks and leader lines, to the pixel", () => {
  const report = buildFleetReport([facts("alpha", { deployments: [deployment({ capacity: 10 })], nextRotation: "2026-12-25" })], EMPTY_FLEET_FILE, noRetirement, NOW);
  const html = renderFleetHtml(report);
  const timeline = html.slice(html.indexOf('<svg id="timeline"'), html.indexOf("</svg>", html.indexOf('<svg id="timeline"')) + 6);
  expect(timeline).toBe(
    '<svg id="timeline" width="1060" height="66" role="img" aria-label="next key rotations and model retirements">' +
      '<line x1="20" x2="740" y1="30" y2="30" stroke="#555"/><text x="20" y="15">2026-11-25 (today)</text>' +
      '<g data-kind="rotation" data-date="2026-12-25"><circle cx="740.0" cy="30" r="5" fill="#4e79a7"/>' +
      '<line x1="740.0" x2="740.0" y1="36" y2="36" stroke="#ccd"/><text x="740.0" y="40">2026-12-25 key rotation alpha</text></g></svg>',
  );
});
