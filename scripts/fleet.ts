/**
 * npm run fleet -- [--stacks-dir <dir>] [--fleet-file <file>] [--json] [--html <file>] [--gate-file <file>] [--as-of <date>] [--verbose]
 * Plans every Pulumi.<stack>.yaml of a folder offline, in this one process, and checks what no single stack can
 * see: shared quota pools, account limits, duplicate teams, names and repositories, overlapping address spaces,
 * retiring models (docs/fleet.md). No cloud credentials are needed or used.
 * Exit codes: 0 every stack plans and every mandatory rule holds; 2 input problems (each listed under its
 * stack, nothing written); 3 a stack's mandatory policy or a mandatory fleet rule fails (report printed first).
 * With --gate-file the verdict is per stack (lib/fleet/gate.ts): stacks that cannot be planned are listed and the
 * others still checked, the file names the stacks held and why, and the exit code is 0 once it is written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { describeYamlError } from "../lib/config/yamlError";
import { type PlanSummary, stackFacts, stackSubscription } from "../lib/fleet/facts";
import { EMPTY_FLEET_FILE, type FleetFile, parseFleetFile } from "../lib/fleet/fleetFile";
import { fleetGate } from "../lib/fleet/gate";
import { renderFleetHtml } from "../lib/fleet/html";
import { buildFleetReport, fleetExitCode } from "../lib/fleet/report";
import { retirementDate } from "../lib/fleet/retirements";
import { renderFleetText } from "../lib/fleet/text";
import type { StackFacts } from "../lib/fleet/types";
import { planStacks, stackNamesIn } from "./fleet/planStacks";
import { readPlatformFile } from "../stacks/platformFile";
import { PlatformFileError } from "../lib/platform/parse";
import { clockAt } from "../lib/clock";
import { clockAsOf } from "../tools/clock";
import { CliExit, type CliIo, exitCodeOf, processIo, runCli } from "../tools/cliIo";
import { withProgress } from "../tools/progress";

const USAGE = `usage: npm run fleet -- [--stacks-dir <dir>] [--fleet-file <file>] [--json] [--html <file>] [--gate-file <file>] [--as-of <date>] [--verbose]
  --stacks-dir  folder holding the Pulumi.<stack>.yaml files and their platform.yaml (default: the project folder)
  --fleet-file  quotas and the default subscription (default: <stacks-dir>/fleet.yaml, optional)
  --json        print one JSON document (shape: docs/fleet.md) instead of the tables
  --html        also write a self-contained HTML report to this file
  --gate-file   also write the verdict per stack (JSON: which stacks are held and why) for the workflows'
                matrices; a stack that cannot be planned is held, the others are still checked, exit 0
  --as-of       plan and judge the fleet as of this day, YYYY-MM-DD (default: today), e.g. to see what
                must change before a date
  --verbose     print stack traces of program errors`;

interface Options {
  stacksDir: string;
  fleetFile: string;
  json: boolean;
  html: string | undefined;
  gateFile: string | undefined;
  asOfMs: number;
  verbose: boolean;
}

const projectDir = resolve(__dirname, "..");

function readOptions(argv: string[], io: CliIo): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      "stacks-dir": { type: "string" },
      "fleet-file": { type: "string" },
      json: { type: "boolean", default: false },
      html: { type: "string" },
      "gate-file": { type: "string" },
      "as-of": { type: "string" },
      verbose: { type: "boolean", short: "v", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return "help";
  }
  const stacksDir = values["stacks-dir"] === undefined ? projectDir : resolve(io.cwd, values["stacks-dir"]);
  const asOfMs = clockAsOf(values["as-of"]).nowMs();
  return {
    stacksDir,
    fleetFile: resolve(io.cwd, values["fleet-file"] ?? join(stacksDir, "fleet.yaml")),
    json: values.json,
    html: values.html && resolve(io.cwd, values.html),
    gateFile: values["gate-file"] && resolve(io.cwd, values["gate-file"]),
    asOfMs,
    verbose: values.verbose,
  };
}

function writeOrFail(file: string, text: string, io: CliIo): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw inputFailure([`error: could not write ${file}: ${(error as Error).message}`], io);
  }
}

/** Writes the problems; main ends with exit 2 when it is thrown. */
function inputFailure(lines: string[], io: CliIo): CliExit {
  io.stderr(`${lines.join("\n")}\nNothing was written.\n`);
  return new CliExit(2);
}

function loadFleetFile(path: string, explicit: boolean, io: CliIo): FleetFile {
  if (!existsSync(path)) {
    if (explicit) throw inputFailure([`error: no fleet file ${path}`], io);
    return EMPTY_FLEET_FILE;
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw inputFailure([`error: ${path} is not valid YAML: ${describeYamlError(error)}`], io);
  }
  const result = parseFleetFile(raw);
  if (result.fleet === undefined)
    throw inputFailure(
      [`error: ${result.problems.length} problem(s) in ${path}:`, ...result.problems.map((p) => `  - ${p}`)],
      io,
    );
  return result.fleet;
}

/** `npm run fleet -- ...argv`: the exit code (0 clean, 2 input problems, 3 a mandatory rule fails; 0 with --gate-file). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await fleetRun(argv, io);
  } catch (error) {
    return exitCodeOf(error);
  }
}

async function fleetRun(argv: string[], io: CliIo): Promise<number> {
  let options: Options | "help";
  try {
    options = readOptions(argv, io);
  } catch (error) {
    throw inputFailure([`error: ${(error as Error).message}`, USAGE], io);
  }
  if (options === "help") return 0;
  if (!existsSync(options.stacksDir)) throw inputFailure([`error: no folder ${options.stacksDir} (--stacks-dir)`], io);
  const fleet = loadFleetFile(options.fleetFile, argv.includes("--fleet-file"), io);
  const names = stackNamesIn(options.stacksDir);
  if (names.length === 0)
    throw inputFailure([`error: no Pulumi.<stack>.yaml in ${options.stacksDir}; create one with npm run new-team`], io);

  try {
    readPlatformFile(options.stacksDir);
  } catch (error) {
    if (error instanceof PlatformFileError) throw inputFailure([`error: ${error.message}`], io);
    throw error;
  }

  const planned = await withProgress(io, { task: "planning", total: names.length, unit: "stacks" }, (progress) =>
    planStacks(projectDir, options.stacksDir, names, clockAt(options.asOfMs), {
      verbose: options.verbose,
      onPlanned: (result) => progress.tick(result.stack),
    }),
  );
  const problems = new Map<string, string[]>();
  const facts: StackFacts[] = [];
  for (const result of planned) {
    if ("problems" in result) {
      problems.set(result.stack, result.problems);
      continue;
    }
    const plan: PlanSummary = result.plan;
    const subscription = stackSubscription(plan.config, fleet);
    if ("problem" in subscription) problems.set(result.stack, [subscription.problem]);
    else facts.push(stackFacts(plan, subscription));
  }
  const problemLines = [
    `error: ${problems.size} of ${names.length} stack(s) cannot be planned; fix every one and run again:`,
  ];
  for (const [stack, list] of problems)
    problemLines.push(
      `  ${stack} (${join(options.stacksDir, `Pulumi.${stack}.yaml`)}):`,
      ...list.map((p) => `    - ${p}`),
    );
  if (problems.size > 0 && options.gateFile === undefined) throw inputFailure(problemLines, io);

  const report = buildFleetReport(facts, fleet, retirementDate, options.asOfMs);
  if (options.html !== undefined) writeOrFail(options.html, renderFleetHtml(report), io);
  if (options.gateFile !== undefined) {
    writeOrFail(options.gateFile, `${JSON.stringify(fleetGate(names, report, problems), null, 2)}\n`, io);
    if (problems.size > 0) io.stderr(`${problemLines.join("\n")}\n`);
  }
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderFleetText(report));
  return options.gateFile === undefined ? fleetExitCode(report) : 0;
}

if (require.main === module) {
  // The Pulumi runtime may reject outside the awaited chain: an input failure like any other.
  process.on("unhandledRejection", (error) => {
    process.exitCode = exitCodeOf(
      inputFailure(
        [`error: the stack program failed: ${error instanceof Error ? error.message : String(error)}`],
        processIo,
      ),
    );
    process.exit();
  });
  runCli(main, processIo);
}
