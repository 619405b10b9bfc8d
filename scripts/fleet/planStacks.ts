/**
 * The fleet's only link to the offline plan harness: plans each stack file in turn in this one process, under
 * Pulumi's mock engine, and hands back what the fleet rules read (lib/fleet/facts.ts). setMocks resets the
 * runtime's global store on every call, so the stacks run one after another, never at once.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../../lib/clock";
import { PROJECT_NAME } from "../../lib/config/parse";
import type { PlanSummary } from "../../lib/fleet/facts";
import { asDeployedOutputs } from "../../lib/fleet/asDeployed";
import { captureProgram } from "../../tools/plan/capture";
import { createPlanMocks } from "../../tools/plan/mocks";
import { markPlanDocument } from "../../lib/plan/placeholders";
import { planVerdicts, toPlanDocument } from "../../lib/plan/render";
import { stackProgramOn } from "../../tools/plan/program";
import { loadStackConfig, stackFilePath } from "../../tools/plan/stackFiles";

export type PlannedStack = { stack: string; plan: PlanSummary } | { stack: string; problems: string[] };

/** Stack names of every Pulumi.<stack>.yaml in a folder, sorted. */
export function stackNamesIn(dir: string): string[] {
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function problemsOf(error: unknown, verbose: boolean): string[] {
  if (!(error instanceof Error)) return [`the stack program failed: ${String(error)}`];
  const flagged = error as Error & { __pulumiRunError?: boolean; problems?: ReadonlyArray<{ path: string; message: string }> };
  const user = ["PlanInputError", "ConfigError"].includes(error.name) || flagged.__pulumiRunError === true;
  const lines = user ? error.message.split("\n").filter((l) => l.trim() !== "") : [`the stack program failed: ${error.message}`];
  if (!user && verbose && error.stack) lines.push(error.stack);
  return lines.map((l) => l.replace(/^\s*-\s*/, ""));
}

/** Plans one stack; a user mistake or a program failure comes back as that stack's problems, never thrown. */
export async function planStack(projectDir: string, stacksDir: string, stack: string, clock: Clock, verbose = false): Promise<PlannedStack> {
  try {
    const config = loadStackConfig(projectDir, stack, stackFilePath(stacksDir, stack));
    const run = await captureProgram({
      project: PROJECT_NAME,
      stack,
      config,
      loadProgram: stackProgramOn(clock),
      mocks: createPlanMocks({ stackOutputs: asDeployedOutputs(config.values) }),
    });
    const verdicts = planVerdicts(run, clock.nowMs());
    const doc = markPlanDocument(run, toPlanDocument(run, verdicts));
    // Only what the fleet reads: Azure resources' inputs and the rotation output (100 stacks stay small in memory).
    const resources = doc.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.type.startsWith("azure-native:") ? r.inputs : {} }));
    const outputs = { keyRotation: doc.outputs.keyRotation };
    return { stack, plan: { stack, config: config.values, resources, outputs, policies: doc.policies } };
  } catch (error) {
    return { stack, problems: problemsOf(error, verbose) };
  }
}

/** Plans the stacks one after another (the mock runtime is one global store per process). */
export async function planStacks(projectDir: string, stacksDir: string, stacks: readonly string[], clock: Clock, verbose = false): Promise<PlannedStack[]> {
  const results: PlannedStack[] = [];
  for (const stack of stacks) results.push(await planStack(projectDir, join(stacksDir), stack, clock, verbose));
  return results;
}
