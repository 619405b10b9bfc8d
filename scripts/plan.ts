/**
 * npm run plan -- [--stack <name>] [--json] [--verbose] [--stack-dir <dir>] [--out <dir>] [--as-of YYYY-MM-DD]
 * Runs the real stack program under Pulumi's mock engine with Pulumi.<stack>.yaml, prints the planned
 * resources, and writes a preview of the developer files to out/<stack>/. Names that carry the random suffix
 * `pulumi up` draws are printed and written as placeholders (`npm run kit` writes the real kit after deployment).
 * No cloud credentials are needed or used.
 * Exit codes: 0 planned and compliant, 2 a problem with the input or the program (nothing written),
 * 3 planned but a mandatory policy fails (everything printed and written first).
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { clockAt } from "../lib/clock";
import { clockAsOf } from "../tools/clock";
import { asDeployedOutputs } from "../lib/fleet/asDeployed";
import { captureProgram } from "../tools/plan/capture";
import { createPlanMocks, mockDeployingSubscription } from "../tools/plan/mocks";
import { stackProgramOn } from "../tools/plan/program";
import { writeDeveloperFiles } from "../tools/plan/developerFiles";
import { markPlanDocument, placeholderNames, placeholderNotice, previewFiles } from "../lib/plan/placeholders";
import { planVerdicts, renderText, toPlanDocument } from "../lib/plan/render";
import { mandatoryFailures } from "../lib/policy/report";
import { toArmResources, toPlannedExemptions } from "../lib/azurePolicy/fromPulumi";
import { evaluateBaseline, renderBaselineReport } from "../lib/azurePolicy/report";
import { catalogAgeText } from "../lib/policy/catalogAge";
import { MODEL_CATALOG } from "../lib/models/modelCatalog";
import { isUserError, loadStackConfig, PlanInputError, stackFilePath } from "../tools/plan/stackFiles";
import { readPlatformFile } from "../stacks/platformFile";
import { PROJECT_NAME } from "../lib/names";
import { decodeConfigValue } from "../lib/config/parse";
import { rolloutView } from "../lib/devkit/rollout";
import { type CliIo, processIo, runCli } from "../tools/cliIo";

const USAGE = `usage: npm run plan -- [--stack <name>] [--json] [--verbose] [--stack-dir <dir>] [--out <dir>] [--as-of YYYY-MM-DD]
  --stack       the team stack to plan: reads Pulumi.<stack>.yaml (default: dev)
  --json        print one JSON document instead of the tree
  --verbose     print stack traces of program errors
  --stack-dir   folder holding Pulumi.<stack>.yaml and its platform.yaml (default: the project folder)
  --out         where the preview of the developer files goes, under <out>/<stack>/ (default: out);
                names that only pulumi up knows appear as <...-after-pulumi-up> placeholders: after
                pulumi up, write the real kit with npm run kit -- --stack <name>
  --as-of       plan as on this day (midnight UTC): model retirements, exemption and key dates, the budget start
                (default: today)`;

interface Options {
  stack: string;
  json: boolean;
  verbose: boolean;
  outRoot: string;
  stackDir: string | undefined;
  nowMs: number;
}

function readOptions(argv: string[], io: CliIo): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s", default: "dev" },
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", short: "v", default: false },
      out: { type: "string", default: "out" },
      "stack-dir": { type: "string" },
      "as-of": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return "help";
  }
  const nowMs = clockAsOf(values["as-of"]).nowMs();
  return {
    stack: values.stack,
    json: values.json,
    verbose: values.verbose,
    outRoot: values.out,
    stackDir: values["stack-dir"],
    nowMs,
  };
}

/** Writes why the plan failed; the exit code is 2. */
function fail(error: unknown, verbose: boolean, io: CliIo): number {
  if (isUserError(error)) {
    io.stderr(`error: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: the stack program failed: ${message}\n`);
    if (!verbose) io.stderr("(run with --verbose for the stack trace)\n");
  }
  if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 2;
}

/** `npm run plan -- ...argv`: the exit code (0 compliant, 2 input or program problem, 3 a mandatory policy fails). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let options: Options | "help";
  try {
    options = readOptions(argv, io);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options === "help") return 0;
  const { verbose } = options;
  try {
    const projectDir = resolve(__dirname, "..");
    const stackDir = options.stackDir ? resolve(io.cwd, options.stackDir) : projectDir;
    const config = loadStackConfig(projectDir, options.stack, stackFilePath(stackDir, options.stack));
    const platform = readPlatformFile(stackDir);
    const run = await captureProgram({
      project: PROJECT_NAME,
      stack: options.stack,
      config,
      loadProgram: stackProgramOn(clockAt(options.nowMs), platform),
      // Offline there is no state: the stack is planned as deployed, as the fleet plans it (lib/fleet/asDeployed.ts).
      mocks: createPlanMocks({
        stackOutputs: asDeployedOutputs(config.values),
        subscriptionId: mockDeployingSubscription(config.values),
      }),
    });
    const verdicts = planVerdicts(run, options.nowMs);
    const subscriptionId = mockDeployingSubscription(config.values);
    const azurePolicyBaseline = evaluateBaseline(
      toArmResources(run.resources, subscriptionId),
      options.nowMs,
      undefined,
      toPlannedExemptions(run.resources),
    );
    const rolloutValue = config.values[`${PROJECT_NAME}:rollout`];
    const rollout = rolloutView(rolloutValue === undefined ? undefined : decodeConfigValue(rolloutValue));
    const doc = markPlanDocument(run, { ...toPlanDocument(run, verdicts), azurePolicyBaseline, rollout });
    const outDir = join(resolve(io.cwd, options.outRoot), options.stack);
    let filesWritten: string[];
    try {
      filesWritten = writeDeveloperFiles(outDir, previewFiles(run, run.outputs.developerFiles));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code !== undefined ? (error as Error).message : undefined;
      if (reason === undefined) throw error;
      throw new PlanInputError(
        `could not write the developer files under ${outDir} (${reason}); choose another folder with --out`,
      );
    }
    if (options.json) {
      io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    } else {
      const notice = placeholderNotice(options.stack, placeholderNames(run));
      const catalogAge = catalogAgeText(MODEL_CATALOG, options.nowMs);
      io.stdout(
        renderText(doc, {
          placeholders: config.placeholders,
          filesWritten,
          verdicts,
          placeholderNotice: notice,
          catalogAge,
          baseline: renderBaselineReport(azurePolicyBaseline),
        }),
      );
    }
    return mandatoryFailures(verdicts).length > 0 ? 3 : 0;
  } catch (error) {
    return fail(error, verbose, io);
  }
}

if (require.main === module) {
  // The Pulumi runtime may reject outside the awaited chain: the same message and exit code as a thrown error.
  process.on("unhandledRejection", (error) => {
    process.exitCode = fail(error, process.argv.includes("--verbose") || process.argv.includes("-v"), processIo);
    process.exit();
  });
  runCli(main, processIo);
}
