import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { renderFleetHtml } from "../../lib/fleet/html";
import {
  LAYOUT_FACTS_ID,
  type LayoutFacts,
  layoutFactsFromDom,
  layoutProblems,
  withLayoutProbe,
} from "../../lib/fleet/layoutProbe";
import { buildFleetReport } from "../../lib/fleet/report";
import { facts } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const report = () => renderFleetHtml(buildFleetReport([facts("solo")], EMPTY_FLEET_FILE, () => undefined, NOW));
const good: LayoutFacts = {
  viewportWidth: 1280,
  viewportHeight: 757,
  scrollWidth: 1280,
  summaryTop: 103,
  firstProblemLinkTop: 200,
  brokenLinks: [],
  wrapped: [],
};

describe("the layout probe (run in Chromium by npm run fleet:screenshot)", () => {
  test("the probed copy runs one inline script at the end of the body; the report itself has none", () => {
    const html = report();
    const probed = withLayoutProbe(html);
    expect(html).not.toContain("<script");
    expect(probed.match(/<script>/g)).toHaveLength(1);
    expect(probed).toMatch(/<script>[^]*<\/script><\/body>/);
    expect(probed).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'`);
    expect(probed).toContain(`out.id = "${LAYOUT_FACTS_ID}"`);
    expect(() => withLayoutProbe("<html><body></body></html>")).toThrow(/not a fleet report/);
  });

  test("the facts are read back from the dumped DOM, text entities undone; no facts when the probe did not run", () => {
    const json = JSON.stringify({ ...good, wrapped: ["a<b & c>d"] })
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;");
    const dom = `<html><body><p>x</p><pre id="${LAYOUT_FACTS_ID}" hidden="">${json}</pre></body></html>`;
    expect(layoutFactsFromDom(dom)).toEqual({ ...good, wrapped: ["a<b & c>d"] });
    expect(layoutFactsFromDom("<html><body></body></html>")).toBeUndefined();
  });

  test("a layout that holds has no problem; each broken fact is named", () => {
    expect(layoutProblems(good, 1280, 900)).toEqual([]);
    expect(
      layoutProblems(
        {
          viewportWidth: 1000,
          viewportHeight: 900,
          scrollWidth: 1500,
          summaryTop: 950,
          firstProblemLinkTop: 1200,
          brokenLinks: ["problem-9"],
          wrapped: ["team-10"],
        },
        1280,
        900,
      ),
    ).toEqual([
      "the viewport is 1000 px wide, not 1280",
      "the page scrolls sideways: 1500 px wide in a 1280 px window",
      "the summary starts at 950 px, below the fold",
      "the first problem link is at 1200 px, below the fold",
      "a link to #problem-9, which does not exist",
      "wrapped over several lines: team-10",
    ]);
    expect(layoutProblems({ ...good, summaryTop: null }, 1280, 900)).toEqual(["no summary"]);
    // The fold is the visible height when the window shows less than asked for.
    expect(layoutProblems({ ...good, summaryTop: 800 }, 1280, 900)).toEqual([
      "the summary starts at 800 px, below the fold",
    ]);
    expect(layoutProblems({ ...good, scrollWidth: 1280, firstProblemLinkTop: null }, 1280, 900)).toEqual([]);
  });
});
