import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { escapeHtml, renderFleetHtml } from "../../lib/fleet/html";
import { buildFleetReport, type FleetReport } from "../../lib/fleet/report";
import { attr, elements, type Element, htmlParserForSuite, textOf } from "../support/htmlDom";
import { deployment, facts, SUB_A, SUB_B } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const lookup = (model: string) => (model === "gpt-5.1-codex-max" ? new Date("2027-01-15T00:00:00Z") : undefined);

const failing = buildFleetReport(
  [
    facts("alpha", {
      team: "t-alpha",
      deployments: [
        deployment({ capacity: 700 }),
        deployment({ name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 5 }),
      ],
      nextRotation: "2026-12-10",
    }),
    facts("beta", {
      verdict: "fail",
      mandatoryFailures: [{ policy: "private-only", messages: ["m"] }],
      deployments: [
        deployment({ capacity: 301 }),
        deployment({ name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 1 }),
      ],
      nextRotation: "2026-11-30",
    }),
    facts("gamma", {
      subscription: SUB_B,
      verdict: "advisory",
      advisories: ["cmk"],
      deployments: [deployment({ sku: "Standard", capacity: 7 })],
      nextRotation: null,
    }),
  ],
  EMPTY_FLEET_FILE,
  lookup,
  NOW,
);
const passing = buildFleetReport(
  [facts("solo", { deployments: [deployment({ capacity: 1000 })], nextRotation: null })],
  EMPTY_FLEET_FILE,
  () => undefined,
  NOW,
);

const parse = htmlParserForSuite();
const dom = (report: FleetReport) => elements(parse(renderFleetHtml(report)));
const byId = (all: Element[], id: string) => {
  const el = all.find((e) => attr(e, "id") === id);
  if (el === undefined) throw new Error(`no #${id}`);
  return el;
};
const rows = (table: Element) => elements(table).filter((e) => e.tagName === "tr");
const cells = (row: Element) => row.childNodes.filter((c): c is Element => "tagName" in c).map((c) => textOf(c));

describe("escaping", () => {
  test("each of & < > \" ' becomes its entity; other text is kept", () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    expect(escapeHtml("plain text 1")).toBe("plain text 1");
  });
});

describe("the HTML report's numbers", () => {
  test("title, headline and the stack count", () => {
    const all = dom(failing);
    expect(textOf(all.find((e) => e.tagName === "title") as Element)).toBe("codex-boundary fleet report 2026-11-25");
    expect(textOf(all.find((e) => e.tagName === "h1") as Element)).toBe("codex-boundary fleet report, 2026-11-25");
    expect(all.filter((e) => e.tagName === "p").map(textOf)).toContain(
      "3 stack(s), planned offline. Capacity is in sku.capacity units (1 = 1K tokens per minute).",
    );
  });

  test("the verdict paragraph counts mandatory problems and is marked fail; a clean fleet's is marked pass", () => {
    const verdict = dom(failing).find((e) => e.tagName === "p" && attr(e, "class") === "fail");
    expect(verdict && textOf(verdict)).toBe("2 mandatory problem(s): deploying this fleet would fail or be blocked.");
    const clean = dom(passing);
    expect(clean.filter((e) => e.tagName === "p" && attr(e, "class") === "pass").map(textOf)).toEqual([
      "All mandatory rules hold.",
      "No problems: every fleet rule holds.",
    ]);
    expect(clean.some((e) => attr(e, "class") === "fail")).toBe(false);
  });

  test("the stacks table: header, one row per stack with every column, verdict class and text", () => {
    const table = rows(byId(dom(failing), "stacks"));
    expect(cells(table[0] as Element)).toEqual([
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
    expect(table.slice(1).map(cells)).toEqual([
      [
        "alpha",
        "t-alpha",
        SUB_A,
        "eastus2",
        "global",
        "key",
        "ci-docs (default)",
        "40",
        "pass",
        "2026-12-10",
        "2027-01-15 gpt-5.1-codex-max 2025-12-04",
      ],
      [
        "beta",
        "beta",
        SUB_A,
        "eastus2",
        "global",
        "key",
        "ci-docs (default)",
        "40",
        "FAIL: private-only",
        "2026-11-30",
        "2027-01-15 gpt-5.1-codex-max 2025-12-04",
      ],
      [
        "gamma",
        "gamma",
        SUB_B,
        "eastus2",
        "global",
        "key",
        "ci-docs (default)",
        "40",
        "pass, advisories: cmk",
        "-",
        "-",
      ],
    ]);
    const verdictClass = table
      .slice(1)
      .map((r) => attr(elements(r).filter((e) => e.tagName === "td")[8] as Element, "class"));
    expect(verdictClass).toEqual(["list pass", "list fail", "list advisory"]);
    expect(attr(elements(table[1] as Element).filter((e) => e.tagName === "td")[7] as Element, "class")).toBe("num");
  });

  test("the pools table: use, quota, its source and use by stack; the use over quota is marked fail", () => {
    const table = rows(byId(dom(failing), "pools"));
    expect(cells(table[0] as Element)).toEqual([
      "Subscription",
      "Model",
      "SKU",
      "Pool",
      "Use",
      "Quota",
      "Quota from",
      "Use by stack",
    ]);
    expect(table.slice(1).map(cells)).toEqual([
      [SUB_A, "gpt-5.1-codex-max", "GlobalStandard", "subscription", "6", "1000", "tier-1 default", "alpha 5, beta 1"],
      [
        SUB_A,
        "gpt-5.3-codex",
        "GlobalStandard",
        "subscription",
        "1001",
        "1000",
        "tier-1 default",
        "alpha 700, beta 301",
      ],
      [SUB_B, "gpt-5.3-codex", "Standard", "eastus2", "7", "unknown", "-", "gamma 7"],
    ]);
    const useClass = table
      .slice(1)
      .map((r) => attr(elements(r).filter((e) => e.tagName === "td")[4] as Element, "class"));
    expect(useClass).toEqual(["num", "num fail", "num"]);
    const exactly = rows(byId(dom(passing), "pools"));
    expect(attr(elements(exactly[1] as Element).filter((e) => e.tagName === "td")[4] as Element, "class")).toBe("num");
  });

  test("the problems table: rule, enforcement (classed), message, stacks and fix per problem", () => {
    const table = rows(byId(dom(failing), "problems"));
    expect(cells(table[0] as Element)).toEqual(["Rule", "Enforcement", "Problem", "Stacks", "Fix"]);
    const body = table.slice(1);
    expect(body.map((r) => [attr(r, "data-rule"), ...cells(r).filter((_, i) => i === 1 || i === 3)])).toEqual([
      ["stack-policy", "mandatory", "beta"],
      ["quota-overflow", "mandatory", "alpha, beta"],
      ["quota-unknown", "advisory", "gamma"],
      ["model-retiring", "advisory", "alpha, beta"],
    ]);
    expect(body.map((r) => attr(elements(r).filter((e) => e.tagName === "td")[1] as Element, "class"))).toEqual([
      "fail",
      "fail",
      "advisory",
      "advisory",
    ]);
    expect(cells(body[1] as Element)[2]).toBe(failing.problems[1]?.message);
    expect(cells(body[1] as Element)[4]).toBe(failing.problems[1]?.fix);
  });

  test("a pool chart per pool: data attributes, segment geometry to scale, colours and legend", () => {
    const charts = dom(failing).filter((e) => e.tagName === "div" && attr(e, "data-pool") !== undefined);
    expect(charts.map((c) => [attr(c, "data-pool"), attr(c, "data-capacity"), attr(c, "data-quota")])).toEqual([
      [`${SUB_A}/gpt-5.1-codex-max/GlobalStandard/subscription`, "6", "1000"],
      [`${SUB_A}/gpt-5.3-codex/GlobalStandard/subscription`, "1001", "1000"],
      [`${SUB_B}/gpt-5.3-codex/Standard/eastus2`, "7", ""],
    ]);
    const over = elements(charts[1] as Element);
    const rects = over.filter((e) => e.tagName === "rect");
    // Scale: the larger of use and quota spans 640 px.
    expect(
      rects.map((r) => [attr(r, "x"), attr(r, "y"), attr(r, "width"), attr(r, "height"), attr(r, "fill")]),
    ).toEqual([
      ["0.0", "4", ((700 / 1001) * 640).toFixed(1), "22", "#4e79a7"],
      [((700 / 1001) * 640).toFixed(1), "4", ((301 / 1001) * 640).toFixed(1), "22", "#f28e2b"],
    ]);
    expect(rects.map((r) => textOf(r))).toEqual(["alpha (team t-alpha): 700", "beta (team beta): 301"]);
    const line = over.find((e) => e.tagName === "line") as Element;
    expect([attr(line, "data-quota"), attr(line, "x1"), attr(line, "x2")]).toEqual([
      "1000",
      ((1000 / 1001) * 640).toFixed(1),
      ((1000 / 1001) * 640).toFixed(1),
    ]);
    const svg = over.find((e) => e.tagName === "svg") as Element;
    expect([attr(svg, "width"), attr(svg, "aria-label")]).toEqual(["650", "use 1001 of quota 1000"]);
    expect(textOf(svg)).toContain("use 1001 of quota 1000 (OVER)");
    expect(textOf(charts[1] as Element)).toContain(
      "gpt-5.3-codex GlobalStandard, pool subscription, subscription " + SUB_A,
    );
    expect(textOf(charts[1] as Element)).toContain("■ t-alpha 700 \u00a0 ■ beta 301");
    const spans = over.filter((e) => e.tagName === "span").map((s) => attr(s, "style"));
    expect(spans).toEqual(["color:#4e79a7", "color:#f28e2b"]);
    // Under the quota: the quota spans the width, no OVER.
    const under = elements(charts[0] as Element);
    expect(textOf(under.find((e) => e.tagName === "svg") as Element)).toBe(
      "alpha (team t-alpha): 5beta (team beta): 1use 6 of quota 1000",
    );
    expect(attr(under.find((e) => e.tagName === "line") as Element, "x1")).toBe("640.0");
    // Unknown quota: no line, a hint instead, and the use spans the width.
    const unknown = elements(charts[2] as Element);
    expect(unknown.some((e) => e.tagName === "line")).toBe(false);
    expect(attr(unknown.find((e) => e.tagName === "svg") as Element, "aria-label")).toBe("use 7 of quota unknown");
    expect(textOf(unknown.find((e) => e.tagName === "text") as Element)).toBe("quota unknown: set it in fleet.yaml");
    expect(attr(unknown.find((e) => e.tagName === "rect") as Element, "width")).toBe("640.0");
  });

  test("colours cycle after ten stacks in one pool", () => {
    const eleven = buildFleetReport(
      Array.from({ length: 11 }, (_, i) =>
        facts(`s${String(i).padStart(2, "0")}`, { deployments: [deployment({ capacity: 1 })] }),
      ),
      EMPTY_FLEET_FILE,
      () => undefined,
      NOW,
    );
    const fills = dom(eleven)
      .filter((e) => e.tagName === "rect")
      .map((r) => attr(r, "fill"));
    // Ten distinct colours, then the palette starts again: the behaviour, not the palette's values.
    expect(fills).toHaveLength(11);
    expect(new Set(fills.slice(0, 10)).size).toBe(10);
    expect(fills[10]).toBe(fills[0]);
  });

  test("the timeline: rotations and each retirement once with all its stacks, in date order, between today and the last date", () => {
    const all = dom(failing);
    const svg = byId(all, "timeline");
    const marks = elements(svg).filter((e) => e.tagName === "g");
    const label = (g: Element) => textOf(elements(g).find((e) => e.tagName === "text") as Element);
    expect(marks.map((g) => [attr(g, "data-kind"), attr(g, "data-date"), label(g)])).toEqual([
      ["rotation", "2026-11-30", "2026-11-30 key rotation beta"],
      ["rotation", "2026-12-10", "2026-12-10 key rotation alpha"],
      ["retirement", "2027-01-15", "2027-01-15 gpt-5.1-codex-max 2025-12-04 retires (alpha, beta)"],
    ]);
    // Today 2026-11-25 is x=20, the last date (51 days on) x=740.
    const x = (days: number) => (20 + (days / 51) * 720).toFixed(1);
    expect(marks.map((g) => attr(elements(g).find((e) => e.tagName === "text") as Element, "x"))).toEqual([
      x(5),
      x(15),
      x(51),
    ]);
    expect(marks.map((g) => attr(elements(g).find((e) => e.tagName === "text") as Element, "y"))).toEqual([
      "40",
      "56",
      "72",
    ]);
    expect(attr(elements(marks[0] as Element).find((e) => e.tagName === "circle") as Element, "cx")).toBe(x(5));
    expect(attr(elements(marks[2] as Element).find((e) => e.tagName === "path") as Element, "d")).toBe(
      `M${x(51)} 23 l7 7 l-7 7 l-7 -7 z`,
    );
    // The last label ends at its mark (right half, fits to the left); the others start at theirs.
    expect(marks.map((g) => attr(elements(g).find((e) => e.tagName === "text") as Element, "text-anchor"))).toEqual([
      undefined,
      undefined,
      "end",
    ]);
    expect([attr(marks[2] as Element, "data-stacks"), attr(marks[2] as Element, "data-model")]).toEqual([
      "alpha beta",
      "gpt-5.1-codex-max",
    ]);
    expect(textOf(elements(marks[2] as Element).find((e) => e.tagName === "title") as Element)).toBe(
      "gpt-5.1-codex-max 2025-12-04: alpha, beta",
    );
    expect([attr(svg, "width"), attr(svg, "height")]).toEqual(["760", String(50 + 3 * 16)]);
    expect(textOf(svg)).toContain("2026-11-25 (today)");
    expect(all.filter((e) => e.tagName === "p").map(textOf)).toContain(
      "Retirement dates: source: lib/models/catalog.json.",
    );
  });

  test("a date before today starts the timeline; equal dates sort by label", () => {
    const report = buildFleetReport(
      [facts("b", { nextRotation: "2026-11-20" }), facts("a", { nextRotation: "2026-11-20" })],
      EMPTY_FLEET_FILE,
      () => undefined,
      NOW,
    );
    const marks = elements(byId(dom(report), "timeline")).filter((e) => e.tagName === "g");
    expect(marks.map(textOf)).toEqual(["2026-11-20 key rotation a", "2026-11-20 key rotation b"]);
    // Start = 2026-11-20, end = today (5 days later).
    expect(marks.map((g) => attr(elements(g).find((e) => e.tagName === "circle") as Element, "cx"))).toEqual([
      "20.0",
      "20.0",
    ]);
  });

  test("with no dates the timeline says so", () => {
    const p = byId(dom(passing), "timeline");
    expect([p.tagName, textOf(p)]).toEqual(["p", "No rotation or retirement dates."]);
  });
});
