import * as pulumi from "@pulumi/pulumi";
import { ConfigError, PROJECT_NAME } from "../lib/config/parse";
import type { TeamConfig } from "../lib/config/schema";
import {
  MODEL_DEPLOYMENTS_OUTPUT,
  type ModelDeployment,
  previousDeployments,
  retirementGate,
} from "../lib/models/retirementGate";
import { previousDeploymentNames, removalFindings } from "../lib/models/removals";
import { ownPreviousOutputs } from "./previousOutputs";
import type { StackOutputName } from "../lib/stackOutputs";
import type { ProgramOutputs } from "./types";

/** The boundary's output of deployment names (stacks/azure.ts): all a stack deployed before the record has. */
const LEGACY_NAMES_OUTPUT = "deployments" satisfies StackOutputName;

/**
 * Compares the planned model deployments with what the last update recorded: adding or changing to a retiring
 * version, or removing more than one deployment, stops the run (every problem listed); a retiring deployment left as
 * deployed is only named. Returns the record.
 */
export async function gateModelRetirements(
  config: TeamConfig,
  nowMs: number,
): Promise<Pick<ProgramOutputs, typeof MODEL_DEPLOYMENTS_OUTPUT>> {
  const planned: ModelDeployment[] = config.models.map(({ name, model, version, sku }) => ({
    name,
    model,
    version,
    sku,
  }));
  const previous = await ownPreviousOutputs("model-deployments-state", [MODEL_DEPLOYMENTS_OUTPUT, LEGACY_NAMES_OUTPUT]);
  const gate = retirementGate({
    planned,
    previous: previousDeployments(previous[MODEL_DEPLOYMENTS_OUTPUT], previous[LEGACY_NAMES_OUTPUT], planned),
    location: config.location,
    stack: pulumi.getStack(),
    nowMs,
  });
  const removals = removalFindings(
    previousDeploymentNames(previous[MODEL_DEPLOYMENTS_OUTPUT], previous[LEGACY_NAMES_OUTPUT]),
    planned.map((d) => d.name),
  );
  const blocking = [...gate.blocking, ...removals];
  if (blocking.length > 0)
    throw new pulumi.RunError(
      new ConfigError(blocking, `stack '${pulumi.getStack()}'`, `Pulumi.${pulumi.getStack()}.yaml`).message,
    );
  for (const finding of gate.advisory) void pulumi.log.warn(`${PROJECT_NAME}:${finding.path}: ${finding.message}`);
  return { [MODEL_DEPLOYMENTS_OUTPUT]: planned };
}
