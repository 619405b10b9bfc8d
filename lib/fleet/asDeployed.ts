import { decodeConfigValue, PROJECT_NAME } from "../config/parse";
import { MODEL_DEPLOYMENTS_OUTPUT, type ModelDeployment } from "../models/retirementGate";

/**
 * The previous outputs the fleet plans each stack with: its model deployments as configured, i.e. "as deployed".
 * The fleet has no state; without this every deployment would look new, and a model inside its retirement window
 * would fail the stack's plan (and hold its rotation) although `pulumi up` leaves a deployed one running.
 */
export function asDeployedOutputs(config: Readonly<Record<string, string>>): Record<string, unknown> {
  const raw = config[`${PROJECT_NAME}:models`];
  const models = raw === undefined ? undefined : decodeConfigValue(raw);
  if (!Array.isArray(models)) return {};
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const deployments: ModelDeployment[] = models
    .filter((m): m is Record<string, unknown> => typeof m === "object" && m !== null)
    .map((m) => ({ name: text(m.name), model: text(m.model), version: text(m.version), sku: text(m.sku) }));
  return { [MODEL_DEPLOYMENTS_OUTPUT]: deployments };
}
