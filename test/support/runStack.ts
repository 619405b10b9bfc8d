import type * as pulumi from "@pulumi/pulumi";
import type { Clock } from "../../lib/clock";
import { createPlanMocks } from "../../tools/plan/mocks";
import { PROJECT_NAME } from "../../lib/config/parse";
import { captureProgram } from "../../tools/plan/capture";
import type { CapturedRun } from "../../lib/plan/types";
import { planVerdicts, toPlanDocument, type PlanDocument } from "../../lib/plan/render";
import { stackProgramOn } from "../../tools/plan/program";
import { FIXTURE_CLOCK } from "./clock";
import { stackConfig } from "./stackFiles";
import type { PlatformConfig } from "../../lib/platform/schema";
import { fixturesPlatform, projectPlatform } from "./platformFiles";

export { FIXTURES_DIR, PROJECT_DIR, stackConfig } from "./stackFiles";

export interface RunStackOptions {
  stack?: string;
  fixture?: string;
  overrides?: Record<string, unknown>;
  /** Run as a preview (pulumi.runtime.isDryRun()). */
  preview?: boolean;
  /** The stack's outputs from its previous update, as its self-reference reads them. */
  previousOutputs?: Record<string, unknown>;
  mocks?: pulumi.runtime.Mocks;
  /** The day the program runs on; default the fixture day (test/support/clock.ts). */
  clock?: Clock;
  /** platform.yaml; default the one beside the stack file (test/fixtures' for a fixture, else the project's). */
  platform?: PlatformConfig;
}

/** Runs the real stack program under the plan's mocks and returns what it registered. */
export async function runStack(options: RunStackOptions = {}): Promise<CapturedRun> {
  return captureProgram({
    project: PROJECT_NAME,
    stack: options.stack ?? "dev",
    config: stackConfig(options),
    loadProgram: stackProgramOn(
      options.clock ?? FIXTURE_CLOCK,
      options.platform ?? (options.fixture ? fixturesPlatform() : projectPlatform()),
    ),
    mocks: options.mocks ?? createPlanMocks({ stackOutputs: options.previousOutputs }),
    preview: options.preview,
  });
}

export async function planStack(options: RunStackOptions = {}): Promise<PlanDocument> {
  const run = await runStack(options);
  return toPlanDocument(run, planVerdicts(run, (options.clock ?? FIXTURE_CLOCK).nowMs()));
}

/** Resources of one type, in registration order. */
export function ofType(doc: PlanDocument, type: string): PlanDocument["resources"] {
  return doc.resources.filter((r) => r.type === type);
}
