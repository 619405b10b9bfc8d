/**
 * Layout facts of the HTML fleet report as a real browser lays it out (scripts/fleetScreenshot.ts runs Chromium):
 * a copy of the page gets a script that measures it and writes the facts into the DOM, which `--dump-dom` prints.
 * The report itself never carries a script; only this copy does.
 */

export const LAYOUT_FACTS_ID = "layout-facts";

export interface LayoutFacts {
  viewportWidth: number;
  viewportHeight: number;
  /** The page's scroll width: more than the viewport means the page scrolls sideways. */
  scrollWidth: number;
  /** Top of the summary, in CSS px from the top of the page; null without a summary. */
  summaryTop: number | null;
  /** Top of the first problem link; null when there is no problem. */
  firstProblemLinkTop: number | null;
  /** In-page links whose target does not exist. */
  brokenLinks: string[];
  /** Text of the cells and items meant to stay on one line that the browser broke over several. */
  wrapped: string[];
}

const PROBE = `(() => {
  const oneLine = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size <= 1;
  };
  const wrapped = [...document.querySelectorAll("th, td:not(.prose):not(.list), .nw")]
    .filter((el) => !oneLine(el))
    .map((el) => el.textContent);
  const summary = document.getElementById("summary");
  const firstLink = document.querySelector("#problem-links a");
  const top = (el) => (el ? el.getBoundingClientRect().top + window.scrollY : null);
  const facts = {
    viewportWidth: window.innerWidth,
    viewportHeight: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    summaryTop: top(summary),
    firstProblemLinkTop: top(firstLink),
    brokenLinks: [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute("href").slice(1))
      .filter((id) => document.getElementById(id) === null),
    wrapped,
  };
  const out = document.createElement("pre");
  out.id = "${LAYOUT_FACTS_ID}";
  out.hidden = true;
  out.textContent = JSON.stringify(facts);
  document.body.appendChild(out);
})();`;

const CSP_START = `content="default-src 'none';`;

/** The report with the measuring script at the end of its body and its Content-Security-Policy letting it run. */
export function withLayoutProbe(html: string): string {
  if (!html.includes(CSP_START) || !html.includes("</body>"))
    throw new Error("not a fleet report: no Content-Security-Policy or no </body>");
  return html
    .replace(CSP_START, () => `${CSP_START} script-src 'unsafe-inline';`)
    .replace("</body>", () => `<script>${PROBE}</script></body>`);
}

const unescapeText = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The facts the probe wrote, read back from Chromium's `--dump-dom`; undefined when the probe did not run. */
export function layoutFactsFromDom(dom: string): LayoutFacts | undefined {
  const match = new RegExp(`<pre id="${LAYOUT_FACTS_ID}"[^>]*>([^<]*)</pre>`).exec(dom);
  return match?.[1] === undefined ? undefined : (JSON.parse(unescapeText(match[1])) as LayoutFacts);
}

/** What is wrong with the layout in a window of `width` x `fold` px: empty when the report reads as intended. */
export function layoutProblems(facts: LayoutFacts, width: number, fold: number): string[] {
  const problems: string[] = [];
  if (facts.viewportWidth !== width) problems.push(`the viewport is ${facts.viewportWidth} px wide, not ${width}`);
  if (facts.scrollWidth > width)
    problems.push(`the page scrolls sideways: ${facts.scrollWidth} px wide in a ${width} px window`);
  // The visible height can be less than the window's (headless Chromium keeps room for its frame).
  const visible = Math.min(fold, facts.viewportHeight);
  if (facts.summaryTop === null) problems.push("no summary");
  else if (facts.summaryTop >= visible) problems.push(`the summary starts at ${facts.summaryTop} px, below the fold`);
  if (facts.firstProblemLinkTop !== null && facts.firstProblemLinkTop >= visible)
    problems.push(`the first problem link is at ${facts.firstProblemLinkTop} px, below the fold`);
  for (const id of facts.brokenLinks) problems.push(`a link to #${id}, which does not exist`);
  for (const text of facts.wrapped) problems.push(`wrapped over several lines: ${text}`);
  return problems;
}
