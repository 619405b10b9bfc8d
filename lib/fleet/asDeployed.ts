import { decodeConfigValue, PROJECT_NAME } from "../config/parse";
import { MODEL_DEPLOYMENTS_OUTPUT, readModelDeployments } from "../models/retirementGate";
import type { StackOutputs } from "../stackOutputs";

/**
 * The previous outputs the fleet plans each stack with: its model deployments as configured, i.e. "as deployed".
 * The fleet has no state; without this every deployment would look new, and a model inside its retirement window
 * would fail the stack's plan (and hold its rotation) although `pulumi up` leaves a deployed one running.
 */
export function asDeployedOutputs(
  config: Readonly<Record<string, string>>,
): Partial<Pick<StackOutputs, typeof MODEL_DEPLOYMENTS_OUTPUT>> {
  const raw = config[`${PROJECT_NAME}:models`];
  const deployments = readModelDeployments(raw === undefined ? undefined : decodeConfigValue(raw));
  return deployments === undefined ? {} : { [MODEL_DEPLOYMENTS_OUTPUT]: deployments };
}
