import { describeSource, catalogEntry, MODEL_CATALOG, type ModelCatalog } from "./modelCatalog";
import { RETIREMENT_FAIL_DAYS, retirementStage } from "./lifecycle";
import { retirementWhen, successorText, upgradeCommand } from "./retirementNotice";

/**
 * The retirement gate `pulumi up` applies: a model version that retires within RETIREMENT_FAIL_DAYS (or has
 * retired) may not be ADDED or CHANGED TO, but a deployment the update leaves as it is never blocks anything
 * (its key rotates, the rest of the stack deploys): it is only named, with its successor.
 */

/** The stack output that records what each deployment runs, read back on the next update. */
export const MODEL_DEPLOYMENTS_OUTPUT = "modelDeployments";

export interface ModelDeployment {
  name: string;
  model: string;
  version: string;
  sku: string;
}

export type DeploymentChange = "new" | "changed" | "unchanged";

/** Same shape as the parser's ConfigProblem: a config path without the project prefix, and what is wrong. */
export interface GateFinding {
  path: string;
  message: string;
}

export interface GateResult {
  /** New or changed deployments of a retiring or retired model version: the update must not run. */
  blocking: GateFinding[];
  /** Unchanged deployments of such a version: named, never blocking. */
  advisory: GateFinding[];
}

export interface GateInput {
  planned: readonly ModelDeployment[];
  /** What the last successful update recorded; undefined when nothing is recorded (first deployment, offline plan). */
  previous: readonly ModelDeployment[] | undefined;
  location: string;
  stack: string;
  nowMs: number;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Reads a recorded `modelDeployments` output; anything that is not a list of deployments counts as no record. */
export function readModelDeployments(value: unknown): ModelDeployment[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null);
  if (items.length !== value.length) return undefined;
  return items.map((v) => ({ name: text(v.name), model: text(v.model), version: text(v.version), sku: text(v.sku) }));
}

/**
 * What the last update deployed, for a stack deployed before this record existed: its `deployments` output (names
 * only) says which deployments exist, so those count as unchanged; a stack never deployed has no record at all.
 */
export function previousDeployments(
  recorded: unknown,
  legacyNames: unknown,
  planned: readonly ModelDeployment[],
): ModelDeployment[] | undefined {
  const record = readModelDeployments(recorded);
  if (record !== undefined) return record;
  if (!Array.isArray(legacyNames)) return undefined;
  const names = new Set(legacyNames.filter((n): n is string => typeof n === "string"));
  return planned.filter((d) => names.has(d.name));
}

export function changeOf(
  deployment: ModelDeployment,
  previous: readonly ModelDeployment[] | undefined,
): { change: DeploymentChange; field: "model" | "version" | "sku" } {
  const before = previous?.find((p) => p.name === deployment.name);
  if (before === undefined) return { change: "new", field: "version" };
  const field = (["model", "version", "sku"] as const).find((key) => before[key] !== deployment[key]);
  return field === undefined ? { change: "unchanged", field: "version" } : { change: "changed", field };
}

export function retirementGate(input: GateInput, catalog: ModelCatalog = MODEL_CATALOG): GateResult {
  const result: GateResult = { blocking: [], advisory: [] };
  input.planned.forEach((deployment, index) => {
    const entry = catalogEntry(deployment.model, deployment.version, catalog);
    if (entry === undefined) return;
    const stage = retirementStage(entry, input.nowMs);
    if (stage !== "imminent" && stage !== "retired") return;
    const { change, field } = changeOf(deployment, input.previous);
    const facts =
      `${deployment.model} ${deployment.version} ${retirementWhen(entry.retirementDate, input.nowMs)}: from that day deployment ${JSON.stringify(deployment.name)} answers 410 Gone and Azure does not extend the date; ` +
      `successor: ${successorText(deployment, input.location, input.nowMs, catalog)} (source: ${describeSource(entry.sources.retirementDate, catalog)})`;
    if (change === "unchanged") {
      result.advisory.push({
        path: `models[${index}]`,
        message: `${facts}; left as deployed, nothing is blocked: move to the successor with ${upgradeCommand(input.stack)}`,
      });
      return;
    }
    const what = change === "new" ? "adds it" : `changes its ${field}`;
    result.blocking.push({
      path: `models[${index}].${field}`,
      message:
        `${facts}. This update ${what}, and a model version within ${RETIREMENT_FAIL_DAYS} days of retirement may not be added or changed to; ` +
        `fix: deploy the successor instead (${upgradeCommand(input.stack)}), or keep the deployment as deployed (got ${JSON.stringify(deployment[field])})`,
    });
  });
  return result;
}
