/**
 * npm run fleet:screenshot -- [--html <file>] [--teams <n>] [--out <dir>] [--as-of <date>]
 * Renders the HTML fleet report in headless Chromium at 1280 x 900 px, saves a screenshot, and checks what a reader
 * sees (lib/fleet/layoutProbe.ts): the page does not scroll sideways, the summary and the first problem link are
 * above the fold, every in-page link lands, and no name, date or ID is broken over two lines.
 * Without --html it first runs `npm run fleet` over a generated fleet with problems (scripts/fleet/generateFleet.ts).
 * Not part of npm test: it needs Chromium (`apt-get install -y chromium`, or CHROMIUM=<path>).
 * Exit codes: 0 the layout holds; 1 it does not (each problem printed); 2 Chromium or the report is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { layoutFactsFromDom, layoutProblems, withLayoutProbe } from "../lib/fleet/layoutProbe";
import { writeGeneratedFleet } from "./fleet/generateFleet";

const WIDTH = 1280;
const FOLD = 900;
const projectDir = resolve(__dirname, "..");

function chromium(args: string[], profile: string): { status: number | null; stdout: string; stderr: string } {
  const binary = process.env.CHROMIUM ?? "chromium";
  const result = spawnSync(
    binary,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--hide-scrollbars",
      `--user-data-dir=${profile}`,
      `--window-size=${WIDTH},${FOLD}`,
      ...args,
    ],
    { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error !== undefined) throw new Error(`could not run ${binary}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A generated fleet with a quota overflow (three large teams) and the catalog's retiring models. */
function generatedReport(teams: number, out: string, asOf: string | undefined): string {
  const stacksDir = join(out, "stacks");
  mkdirSync(stacksDir, { recursive: true });
  const large = {
    models: [
      { name: "codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "GlobalStandard", capacity: 400 },
      { name: "gpt-5-mini", model: "gpt-5-mini", version: "2025-08-07", sku: "GlobalStandard", capacity: 20 },
    ],
  };
  writeGeneratedFleet(stacksDir, teams, { 0: { overrides: large }, 1: { overrides: large }, 2: { overrides: large } });
  const html = join(out, "fleet-report.html");
  const fleet = spawnSync(
    process.execPath,
    [
      "--require",
      "./tools/tsRequire.cjs",
      "scripts/fleet.ts",
      "--stacks-dir",
      stacksDir,
      "--html",
      html,
      ...(asOf === undefined ? [] : ["--as-of", asOf]),
    ],
    { cwd: projectDir, encoding: "utf8", timeout: 600_000, maxBuffer: 64 * 1024 * 1024 },
  );
  // 3: a mandatory fleet rule fails, which this fleet is made to show.
  if (fleet.status !== 0 && fleet.status !== 3)
    throw new Error(`npm run fleet exited ${fleet.status}:\n${fleet.stderr}`);
  return html;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      html: { type: "string" },
      teams: { type: "string", default: "30" },
      out: { type: "string" },
      "as-of": { type: "string" },
    },
    strict: true,
  });
  const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), "fleet-screenshot-")));
  mkdirSync(out, { recursive: true });
  const teams = Number(values.teams);
  if (!Number.isInteger(teams) || teams < 1)
    throw new Error(`--teams must be a whole number from 1 (got ${values.teams})`);
  const html = values.html === undefined ? generatedReport(teams, out, values["as-of"]) : resolve(values.html);
  if (!existsSync(html)) {
    process.stderr.write(`error: no report ${html}\n`);
    return 2;
  }
  const profile = mkdtempSync(join(tmpdir(), "fleet-screenshot-profile-"));
  try {
    const png = join(out, "fleet-report.png");
    const shot = chromium([`--screenshot=${png}`, pathToFileURL(html).href], profile);
    if (shot.status !== 0 || !existsSync(png)) throw new Error(`chromium --screenshot failed:\n${shot.stderr}`);
    const probe = join(out, "fleet-report.probe.html");
    writeFileSync(probe, withLayoutProbe(readFileSync(html, "utf8")));
    const dump = chromium(["--dump-dom", pathToFileURL(probe).href], profile);
    const facts = layoutFactsFromDom(dump.stdout);
    if (facts === undefined)
      throw new Error(`the layout probe did not run (chromium exit ${dump.status}):\n${dump.stderr}`);
    const problems = layoutProblems(facts, WIDTH, FOLD);
    process.stdout.write(
      `report ${html}\nscreenshot ${png}\n` +
        `page ${facts.scrollWidth} px wide in ${facts.viewportWidth} x ${facts.viewportHeight}; summary at ${facts.summaryTop} px, first problem link at ${facts.firstProblemLinkTop} px\n`,
    );
    if (problems.length === 0) {
      process.stdout.write(
        `layout holds at ${WIDTH} px: no sideways scroll, summary above the fold, links land, nothing wrapped\n`,
      );
      return 0;
    }
    process.stdout.write(`${problems.length} layout problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    return 1;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
