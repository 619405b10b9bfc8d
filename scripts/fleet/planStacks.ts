/**
 * The fleet's only link to the offline plan harness: plans each stack file under Pulumi's mock engine and hands back
 * what the fleet rules read (lib/fleet/facts.ts). setMocks resets the runtime's global store on every call, so within
 * one process the stacks run one after another, never at once; a large fleet is shared with one more process.
 */
import { fork } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../../lib/clock";
import { PROJECT_NAME } from "../../lib/config/parse";
import type { PlanSummary } from "../../lib/fleet/facts";
import { asDeployedOutputs } from "../../lib/fleet/asDeployed";
import { captureProgram } from "../../tools/plan/capture";
import { createPlanMocks, mockDeployingSubscription } from "../../tools/plan/mocks";
import { markPlanDocument } from "../../lib/plan/placeholders";
import { planVerdicts, toPlanDocument } from "../../lib/plan/render";
import { stackProgramOn } from "../../tools/plan/program";
import { readPlatformFile } from "../../stacks/platformFile";
import { isUserError, loadStackConfig, stackFilePath } from "../../tools/plan/stackFiles";

export type PlannedStack = { stack: string; plan: PlanSummary } | { stack: string; problems: string[] };

/** Stack names of every Pulumi.<stack>.yaml in a folder, sorted. */
export function stackNamesIn(dir: string): string[] {
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function problemsOf(error: unknown, verbose: boolean): string[] {
  const lines = isUserError(error)
    ? error.message.split("\n").filter((l) => l.trim() !== "")
    : [`the stack program failed: ${error instanceof Error ? error.message : String(error)}`];
  if (!isUserError(error) && verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.map((l) => l.replace(/^\s*-\s*/, ""));
}

/** Plans one stack; a user mistake or a program failure comes back as that stack's problems, never thrown. */
export async function planStack(
  projectDir: string,
  stacksDir: string,
  stack: string,
  clock: Clock,
  verbose = false,
): Promise<PlannedStack> {
  // The SDK captures a stack trace for every promise and resource it makes (debuggablePromise, source positions);
  // the fleet reads none of them, and formatting them was about a third of a stack's time (docs/fleet.md, Speed).
  // Only --verbose prints a program error's stack, so only then are they kept.
  const stackTraceLimit = Error.stackTraceLimit;
  if (!verbose) Error.stackTraceLimit = 0;
  try {
    const config = loadStackConfig(projectDir, stack, stackFilePath(stacksDir, stack));
    // Read per stack (a worker process plans some of them); the fleet CLI has already refused a bad file.
    const platform = readPlatformFile(stacksDir);
    const run = await captureProgram({
      project: PROJECT_NAME,
      stack,
      config,
      loadProgram: stackProgramOn(clock, platform),
      mocks: createPlanMocks({
        stackOutputs: asDeployedOutputs(config.values),
        subscriptionId: mockDeployingSubscription(config.values),
      }),
    });
    const verdicts = planVerdicts(run, clock.nowMs());
    const doc = markPlanDocument(run, toPlanDocument(run, verdicts));
    // Only what the fleet reads: Azure resources' inputs and the rotation output (100 stacks stay small in memory).
    const resources = doc.resources.map((r) => ({
      type: r.type,
      name: r.name,
      inputs: r.type.startsWith("azure-native:") ? r.inputs : {},
    }));
    const outputs = { keyRotation: doc.outputs.keyRotation };
    return { stack, plan: { stack, config: config.values, resources, outputs, policies: doc.policies } };
  } catch (error) {
    return { stack, problems: problemsOf(error, verbose) };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** One stack for the second process (scripts/fleet/planWorker.ts), and its place in the result. */
export interface PlanJob {
  index: number;
  projectDir: string;
  stacksDir: string;
  stack: string;
  nowMs: number;
  verbose: boolean;
}

/**
 * Below this many stacks the second process does not pay for itself: it loads the SDK and the program (about a
 * second) before its first stack, and each stack costs a few tenths of a second (docs/fleet.md, Speed).
 */
export const SECOND_PROCESS_FROM = 16;

const WORKER = join(__dirname, "planWorker.ts");
const TS_REQUIRE = join(__dirname, "..", "..", "tools", "tsRequire.cjs");
// Fewer, larger young-generation collections: planning a stack allocates tens of MiB that die young.
export const FLEET_NODE_FLAGS = ["--max-semi-space-size=64", "--single-threaded-gc"];

export interface PlanStacksOptions {
  /** Keep and print stack traces of program errors (--verbose). */
  verbose?: boolean;
  /** How many processes plan (default: 2 from SECOND_PROCESS_FROM stacks on, else 1). */
  processes?: number;
  /** Called as each stack's result lands, whichever process planned it (the fleet's progress bar). */
  onPlanned?: (result: PlannedStack) => void;
}

/**
 * Plans the stacks (the mock runtime is one global store per process, so one after another in each process). From
 * SECOND_PROCESS_FROM stacks on, a second process takes the next stack from the same queue whenever it is free;
 * results come back in the order of `stacks` whichever process planned them. If the second process fails, the stack
 * it held is planned here.
 */
export async function planStacks(
  projectDir: string,
  stacksDir: string,
  stacks: readonly string[],
  clock: Clock,
  options: PlanStacksOptions = {},
): Promise<PlannedStack[]> {
  const verbose = options.verbose ?? false;
  const processes = options.processes ?? (stacks.length >= SECOND_PROCESS_FROM ? 2 : 1);
  const results: PlannedStack[] = new Array<PlannedStack>(stacks.length);
  const land = (index: number, result: PlannedStack): void => {
    results[index] = result;
    options.onPlanned?.(result);
  };
  const queue = stacks.map((_, index) => index);
  const nowMs = clock.nowMs();
  const second =
    processes > 1 ? startSecondProcess(projectDir, stacksDir, stacks, nowMs, verbose, queue, land) : Promise.resolve();
  for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
    land(index, await planStack(projectDir, join(stacksDir), stacks[index] ?? "", clock, verbose));
  }
  await second;
  // The second process may have failed while holding a stack: it went back on the queue after this loop ended.
  for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
    land(index, await planStack(projectDir, join(stacksDir), stacks[index] ?? "", clock, verbose));
  }
  return results;
}

function startSecondProcess(
  projectDir: string,
  stacksDir: string,
  stacks: readonly string[],
  nowMs: number,
  verbose: boolean,
  queue: number[],
  land: (index: number, result: PlannedStack) => void,
): Promise<void> {
  return new Promise((done) => {
    const child = fork(WORKER, verbose ? ["--verbose"] : [], {
      execArgv: [...FLEET_NODE_FLAGS, "--require", TS_REQUIRE],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    let held: number | undefined;
    let landed = false;
    const sendNext = (): void => {
      landed = false;
      held = queue.shift();
      if (held === undefined) child.disconnect();
      else
        child.send({ index: held, projectDir, stacksDir, stack: stacks[held] ?? "", nowMs, verbose } satisfies PlanJob);
    };
    child.on("message", (message: { index: number; result: PlannedStack }) => {
      land(message.index, message.result);
      landed = true;
      sendNext();
    });
    const stop = (): void => {
      if (held !== undefined && !landed) queue.unshift(held);
      held = undefined;
      done();
    };
    child.on("exit", stop);
    child.on("error", stop);
    sendNext();
  });
}
