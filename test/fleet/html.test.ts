import { beforeEach, describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { renderFleetHtml } from "../../lib/fleet/html";
import { buildFleetReport } from "../../lib/fleet/report";
import { retirementDate } from "../../lib/fleet/retirements";
import { attr, elements, type Element, htmlParserForSuite, type Node, textOf } from "../support/htmlDom";
import { deployment, facts, SUB_B } from "./support";

const NOW = Date.parse("2026-11-25T00:00:00Z");
const report = buildFleetReport(
  [
    facts("alpha", { deployments: [deployment({ capacity: 700 })], nextRotation: "2026-11-27" }),
    facts("beta", {
      deployments: [
        deployment({ capacity: 450 }),
        deployment({ model: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 5 }),
      ],
    }),
    facts("gamma", {
      subscription: SUB_B,
      team: "<script>alert(1)</script>",
      deployments: [deployment({ capacity: 100 })],
    }),
  ],
  EMPTY_FLEET_FILE,
  retirementDate,
  NOW,
);
const parse = htmlParserForSuite();
let html = "";
let all: Element[] = [];
// Rendered per test, so mutation testing credits each test with the rendering it checks.
beforeEach(() => {
  html = renderFleetHtml(report);
  all = elements(parse(html));
});

describe("the HTML report", () => {
  test("self-contained: no script, no external stylesheet or font, no URL to fetch", () => {
    expect(
      all.filter(
        (el) => el.tagName === "script" || el.tagName === "link" || el.tagName === "iframe" || el.tagName === "img",
      ),
    ).toEqual([]);
    for (const el of all) {
      for (const name of ["src", "href", "xlink:href", "action"])
        expect(attr(el, name) ?? "", `${el.tagName} ${name}`).not.toMatch(/^(https?:)?\/\//);
    }
    expect(html).not.toMatch(/url\(|@import|https?:\/\//);
  });

  test("the stacks table shows each stack with its verdict and earliest retirement", () => {
    const rows = all.filter((el) => el.tagName === "tr" && attr(el, "data-stack") !== undefined);
    expect(rows.map((r) => attr(r, "data-stack"))).toEqual(["alpha", "beta", "gamma"]);
    const beta = rows[1];
    expect(beta && textOf(beta)).toContain("2026-12-05 gpt-5.1-codex-max");
  });

  test("one bar chart per pool: the segments add up to the use, the quota line sits at the quota", () => {
    const charts = all.filter((el) => el.tagName === "div" && attr(el, "data-pool") !== undefined);
    expect(charts).toHaveLength(report.pools.length);
    const over = charts.find((c) => attr(c, "data-capacity") === "1150");
    if (over === undefined) throw new Error("no chart for the overflowing pool");
    expect(attr(over, "data-quota")).toBe("1000");
    const segments = elements(over).filter((el) => el.tagName === "rect");
    expect(segments.map((s) => [attr(s, "data-stack"), Number(attr(s, "data-capacity"))])).toEqual([
      ["alpha", 700],
      ["beta", 450],
    ]);
    const widths = segments.map((s) => Number(attr(s, "width")));
    const quotaX = Number(attr(elements(over).find((el) => el.tagName === "line") as Element, "x1"));
    // Bars are drawn to scale: the use past the quota line is the overflow.
    expect((widths[0] ?? 0) + (widths[1] ?? 0)).toBeCloseTo((quotaX * 1150) / 1000, 0);
    expect(textOf(over)).toContain("use 1150 of quota 1000 (OVER)");
  });

  test("the problems table lists the overflow and the retirement with their stacks", () => {
    const rows = all.filter((el) => el.tagName === "tr" && attr(el, "data-rule") !== undefined);
    const byRule = Object.fromEntries(rows.map((r) => [attr(r, "data-rule"), textOf(r)]));
    expect(byRule["quota-overflow"]).toContain("alpha, beta");
    expect(byRule["model-retiring"]).toContain("beta");
  });

  test("the timeline shows each next rotation and each retirement date", () => {
    const marks = all
      .filter((el) => el.tagName === "g" && attr(el, "data-kind") !== undefined)
      .map((g) => [attr(g, "data-kind"), attr(g, "data-date")]);
    expect(marks).toContainEqual(["rotation", "2026-11-27"]);
    expect(marks).toContainEqual(["retirement", "2026-12-05"]);
    expect(marks.filter(([kind]) => kind === "rotation")).toHaveLength(3);
  });

  test("text from config is escaped, never markup", () => {
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(textOf(parse(html) as Node)).toContain("<script>alert(1)</script>");
  });
});

describe("the HTML report's rows and pools", () => {
  const noRetirement = () => undefined;
  const AT = Date.parse("2026-11-25T12:00:00Z");
  test("a pool used exactly up to its quota is not marked OVER", () => {
    const html = renderFleetHtml(
      buildFleetReport(
        [facts("solo", { deployments: [deployment({ capacity: 1000 })], nextRotation: null })],
        EMPTY_FLEET_FILE,
        noRetirement,
        AT,
      ),
    );
    expect(html).toContain('<text x="4" y="44">use 1000 of quota 1000</text>');
  });

  test("tables and charts of several pools and problems are joined with nothing (rows) or a line break (charts) between them", () => {
    const report = buildFleetReport(
      [
        facts("alpha", { deployments: [deployment({ capacity: 1200 })], nextRotation: null }),
        facts("gamma", {
          subscription: SUB_B,
          deployments: [deployment({ sku: "Standard", capacity: 7 })],
          nextRotation: null,
        }),
      ],
      EMPTY_FLEET_FILE,
      noRetirement,
      NOW,
    );
    const html = renderFleetHtml(report);
    expect(report.pools).toHaveLength(2);
    expect(report.problems.length).toBeGreaterThanOrEqual(2);
    const pools = html.slice(
      html.indexOf('<table id="pools">'),
      html.indexOf("</table>", html.indexOf('<table id="pools">')),
    );
    expect(pools.split("</tr><tr>")).toHaveLength(report.pools.length + 1);
    const problems = html.slice(
      html.indexOf('<table id="problems">'),
      html.indexOf("</table>", html.indexOf('<table id="problems">')),
    );
    expect(problems.split("</tr><tr")).toHaveLength(report.problems.length + 1);
    expect(html).toContain(
      '</svg><div><span style="color:#4e79a7">■</span> alpha 1200</div></div>\n<div class="chart"',
    );
  });
});
