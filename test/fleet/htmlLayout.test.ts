import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { renderFleetHtml } from "../../lib/fleet/html";
import { buildFleetReport, type FleetReport } from "../../lib/fleet/report";
import { attr, elements, type Element, htmlParserForSuite, textOf } from "../support/htmlDom";
import { deployment, facts, SUB_A, SUB_B } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const RETIRES: Record<string, string> = {
  "gpt-5-mini@old": "2026-12-01",
  "gpt-5.1-codex-max@2025-12-04": "2027-01-15",
  "gpt-5-nano@2": "2027-02-20",
};
const lookup = (model: string, version: string) => {
  const day = RETIRES[`${model}@${version}`];
  return day === undefined ? undefined : new Date(`${day}T00:00:00Z`);
};

// beta deploys three retiring versions (one twice): the timeline used to show only its earliest.
const fixture = (): FleetReport =>
  buildFleetReport(
    [
      facts("alpha", {
        verdict: "advisory",
        advisories: ["cmk"],
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
          deployment({ name: "mini", model: "gpt-5-mini", version: "old", capacity: 1 }),
          deployment({ name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 1 }),
          deployment({ name: "max2", model: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 1 }),
          deployment({ name: "nano", model: "gpt-5-nano", version: "2", capacity: 1 }),
        ],
        nextRotation: "2026-11-30",
      }),
      facts("team-10", { subscription: SUB_B, deployments: [deployment({ sku: "Standard", capacity: 7 })] }),
    ],
    EMPTY_FLEET_FILE,
    lookup,
    NOW,
  );

const parse = htmlParserForSuite();
const dom = (report: FleetReport) => elements(parse(renderFleetHtml(report)));
const label = (g: Element) => textOf(elements(g).find((e) => e.tagName === "text") as Element);
const byId = (all: Element[], id: string) => {
  const el = all.find((e) => attr(e, "id") === id);
  if (el === undefined) throw new Error(`no #${id}`);
  return el;
};

describe("the HTML report opens with a summary", () => {
  test("the summary comes before every table and counts stacks and problems", () => {
    const all = dom(fixture());
    const summary = byId(all, "summary");
    const firstTable = all.findIndex((e) => e.tagName === "table");
    expect(all.indexOf(summary)).toBeLessThan(firstTable);
    expect(all.indexOf(summary)).toBeLessThan(all.indexOf(byId(all, "timeline")));
    const counts = elements(summary)
      .filter((e) => attr(e, "data-count") !== undefined)
      .map((e) => [attr(e, "data-count"), textOf(e)]);
    const report = fixture();
    expect(counts).toEqual([
      ["stacks", "3 stack(s): 1 failing a mandatory policy, 1 with advisories"],
      ["mandatory", `${report.summary.mandatoryProblems} mandatory problem(s)`],
      ["advisory", `${report.summary.advisoryProblems} advisory problem(s)`],
    ]);
  });

  test("one link per problem, in order, each to an anchor that exists on that problem's row", () => {
    const report = fixture();
    const all = dom(report);
    const links = elements(byId(all, "problem-links")).filter((e) => e.tagName === "a");
    expect(links).toHaveLength(report.problems.length);
    links.forEach((link, i) => {
      const href = attr(link, "href") ?? "";
      expect(href.startsWith("#")).toBe(true);
      const row = byId(all, href.slice(1));
      expect([row.tagName, attr(row, "data-rule")]).toEqual(["tr", report.problems[i]?.rule]);
      expect(textOf(link)).toContain(report.problems[i]?.rule);
    });
    expect(textOf(links[0] as Element)).toBe("FAIL stack-policy private-only");
    // Every in-page link of the report lands somewhere.
    for (const a of all.filter((e) => e.tagName === "a")) byId(all, (attr(a, "href") ?? "").slice(1));
  });

  test("a problem of many stacks names six in the summary and counts the rest; the table names them all", () => {
    const many = buildFleetReport(
      Array.from({ length: 9 }, (_, i) => facts(`s${i}`, { deployments: [deployment({ sku: "Standard" })] })),
      EMPTY_FLEET_FILE,
      () => undefined,
      NOW,
    );
    const all = dom(many);
    const item = elements(byId(all, "problem-links")).find((e) => e.tagName === "li") as Element;
    expect(textOf(item)).toBe("ADVISE quota-unknown: s0, s1, s2, s3, s4, s5 and 3 more");
    expect(textOf(byId(all, "problem-1"))).toContain("s0, s1, s2, s3, s4, s5, s6, s7, s8");
  });

  test("stacks of a problem are in natural order, as in the stacks table: team-2 before team-10", () => {
    const stacks = ["team-10", "team-2", "team-1"].map((name) =>
      facts(name, { deployments: [deployment({ sku: "Standard" })] }),
    );
    const report = buildFleetReport(stacks, EMPTY_FLEET_FILE, () => undefined, NOW);
    expect(report.problems[0]?.stacks).toEqual(["team-1", "team-2", "team-10"]);
    const item = elements(byId(dom(report), "problem-links")).find((e) => e.tagName === "li") as Element;
    expect(textOf(item)).toBe("ADVISE quota-unknown: team-1, team-2, team-10");
  });

  test("a fleet without problems has no problem list, and its counts say so", () => {
    const all = dom(buildFleetReport([facts("solo")], EMPTY_FLEET_FILE, () => undefined, NOW));
    expect(all.some((e) => attr(e, "id") === "problem-links")).toBe(false);
    expect(textOf(byId(all, "summary"))).toContain("0 mandatory problem(s)0 advisory problem(s)");
  });
});

describe("the timeline shows every retirement and every rotation", () => {
  test("each retirement of each stack is a mark on its date naming the stack; each rotation is a mark", () => {
    const report = fixture();
    const marks = elements(byId(dom(report), "timeline")).filter((e) => e.tagName === "g");
    const retirements = marks.filter((g) => attr(g, "data-kind") === "retirement");
    for (const stack of report.stacks) {
      for (const r of stack.retirements) {
        const mark = retirements.find(
          (g) => attr(g, "data-model") === r.model && attr(g, "data-version") === r.version,
        );
        expect(mark && [attr(mark, "data-date"), attr(mark, "data-stacks")?.split(" ")]).toEqual([
          r.retiresOn,
          expect.arrayContaining([stack.stack]),
        ]);
      }
      if (stack.nextRotation !== null)
        expect(marks.map((g) => [attr(g, "data-kind"), attr(g, "data-date"), textOf(g)])).toContainEqual([
          "rotation",
          stack.nextRotation,
          `${stack.nextRotation} key rotation ${stack.stack}`,
        ]);
    }
    expect(report.stacks[1]?.retirements).toHaveLength(3);
    // One mark per model version, however many stacks or deployments share it.
    expect(retirements.map(label)).toEqual([
      "2026-12-01 gpt-5-mini old retires (beta)",
      "2027-01-15 gpt-5.1-codex-max 2025-12-04 retires (alpha, beta)",
      "2027-02-20 gpt-5-nano 2 retires (beta)",
    ]);
  });

  test("a retirement of many stacks names six on the drawing and all in its tooltip and data", () => {
    const stacks = Array.from({ length: 30 }, (_, i) =>
      facts(`s${i}`, { deployments: [deployment({ model: "gpt-5.1-codex-max", version: "2025-12-04" })] }),
    );
    const marks = elements(byId(dom(buildFleetReport(stacks, EMPTY_FLEET_FILE, lookup, NOW)), "timeline"));
    const mark = marks.find((e) => e.tagName === "g" && attr(e, "data-kind") === "retirement") as Element;
    expect(label(mark)).toBe("2027-01-15 gpt-5.1-codex-max 2025-12-04 retires (s0, s1, s2, s3, s4, s5 and 24 more)");
    const all = stacks.map((s) => s.stack);
    expect(attr(mark, "data-stacks")?.split(" ")).toEqual(all);
    expect(textOf(elements(mark).find((e) => e.tagName === "title") as Element)).toBe(
      `gpt-5.1-codex-max 2025-12-04: ${all.join(", ")}`,
    );
  });

  test("a label too long to end at its mark starts there, and the drawing widens to hold it", () => {
    const stacks = Array.from({ length: 6 }, (_, i) =>
      facts(`a-very-long-stack-name-${i}`, {
        deployments: [deployment({ model: "gpt-5.1-codex-max", version: "2025-12-04" })],
        nextRotation: null,
      }),
    );
    const svg = byId(dom(buildFleetReport(stacks, EMPTY_FLEET_FILE, lookup, NOW)), "timeline");
    const text = elements(svg).find((e) => e.tagName === "text" && textOf(e).includes("retires")) as Element;
    expect(textOf(text).length * 7).toBeGreaterThan(740);
    expect(attr(text, "text-anchor")).toBeUndefined();
    expect(Number(attr(svg, "width"))).toBeGreaterThan(740 + textOf(text).length * 6);
  });
});

describe("names and dates never wrap; wide tables scroll in their own box", () => {
  const css = () => {
    const all = dom(fixture());
    return textOf(all.find((e) => e.tagName === "style") as Element).replace(/\s+/g, "");
  };
  test("the stylesheet keeps cells on one line, lets prose and lists wrap, and scrolls tables in a box", () => {
    const rules = css();
    expect(rules).toMatch(/th,td\{[^}]*white-space:nowrap/);
    expect(rules).toMatch(/td\.prose,td\.list\{white-space:normal\}/);
    expect(rules).toContain(".nw{white-space:nowrap}");
    expect(rules).toMatch(/\.scroll\{overflow-x:auto;max-width:100%\}/);
  });

  test("every table and the timeline sit in a scroll box", () => {
    const all = dom(fixture());
    const boxed = all.filter((e) => e.tagName === "div" && attr(e, "class") === "scroll").flatMap((d) => d.childNodes);
    const wide = all.filter((e) => e.tagName === "table" || attr(e, "id") === "timeline");
    expect(wide.length).toBe(4);
    for (const el of wide) expect(boxed).toContain(el);
  });

  test("in prose and lists, words with a hyphen or slash and list items are kept whole", () => {
    const all = dom(fixture());
    const row = byId(all, "problem-2");
    const nowrap = elements(row)
      .filter((e) => attr(e, "class") === "nw")
      .map(textOf);
    expect(attr(row, "data-rule")).toBe("quota-overflow");
    expect(nowrap).toEqual(expect.arrayContaining(["gpt-5.3-codex", "alpha", "beta", SUB_A]));
    const cells = elements(row).filter((e) => e.tagName === "td");
    expect(cells.map((c) => attr(c, "class"))).toEqual([undefined, "fail", "prose", "list", "prose"]);
    // Stack names link to their rows.
    const link = elements(cells[3] as Element).find((e) => e.tagName === "a") as Element;
    expect([attr(link, "href"), attr(byId(all, "stack-alpha"), "data-stack")]).toEqual(["#stack-alpha", "alpha"]);
  });
});
