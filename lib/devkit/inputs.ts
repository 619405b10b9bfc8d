import { SUBDOMAIN_PATTERN, VAULT_NAME_PATTERN } from "../azure/naming";
import {
  DEPLOYMENT_NAME_PATTERN,
  RUNNER_LABEL_PATTERN,
  STACK_NAME_PATTERN,
  TEAM_NAME_PATTERN,
} from "../config/patterns";
import { GUID_PATTERN } from "../config/patterns";
import { ROLLOUT_STAGES, type RolloutStage } from "./rollout";

/** Everything the developer kit is rendered from, already resolved (no Outputs). */
export interface DevKitInputs {
  stack: string;
  team: string;
  baseUrl: string;
  vaultName: string;
  defaultModel: string;
  deployments: readonly string[];
  reasoningEffort: string;
  allowFullAccess: boolean;
  runnerLabels: readonly string[];
  /** How Codex authenticates (auth.mode); key when unset. */
  authMode?: "key" | "entra";
  /** entra mode: the Entra tenant developers sign in to (`az login --tenant`). */
  tenantId?: string;
  /** The team's rollout stage (lib/devkit/rollout.ts); unset: the kit as before stages existed (ci-docs). */
  rolloutStage?: RolloutStage;
  /** At ci-code: the code paths CI tasks may change (rollout.codePaths). */
  ciCodePaths?: readonly string[];
}

/** The same rule as the schema's rollout.codePaths: no segment starts with '.', only [A-Za-z0-9._-/]. */
const CODE_PATH_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\/?$/;

const BASE_URL_PATTERN = /^https:\/\/([a-z0-9-]+)\.openai\.azure\.com\/openai\/v1$/;

/**
 * Checks every value before it can reach a generated file. The config parser already validated them;
 * this guards the files against anything else (an Output from a provider, a future caller).
 */
export function validateDevKitInputs(inputs: DevKitInputs): DevKitInputs {
  const problems: string[] = [];
  const host = BASE_URL_PATTERN.exec(inputs.baseUrl)?.[1];
  if (host === undefined || !SUBDOMAIN_PATTERN.test(host))
    problems.push(
      `baseUrl must be https://<subdomain>.openai.azure.com/openai/v1 (got ${JSON.stringify(inputs.baseUrl)})`,
    );
  if (!TEAM_NAME_PATTERN.test(inputs.team))
    problems.push(`team is not a valid team name (got ${JSON.stringify(inputs.team)})`);
  if (!STACK_NAME_PATTERN.test(inputs.stack))
    problems.push(`stack is not a valid stack name (got ${JSON.stringify(inputs.stack)})`);
  if (!VAULT_NAME_PATTERN.test(inputs.vaultName))
    problems.push(`vaultName is not a valid Key Vault name (got ${JSON.stringify(inputs.vaultName)})`);
  if (!inputs.deployments.includes(inputs.defaultModel))
    problems.push(`defaultModel ${JSON.stringify(inputs.defaultModel)} is not one of the deployments`);
  for (const d of inputs.deployments)
    if (!DEPLOYMENT_NAME_PATTERN.test(d)) problems.push(`deployment name ${JSON.stringify(d)} is not valid`);
  for (const l of inputs.runnerLabels)
    if (!RUNNER_LABEL_PATTERN.test(l)) problems.push(`runner label ${JSON.stringify(l)} is not valid`);
  if (inputs.authMode === "entra" && !GUID_PATTERN.test(inputs.tenantId ?? "")) {
    problems.push(`tenantId must be the Entra tenant GUID in entra mode (got ${JSON.stringify(inputs.tenantId)})`);
  }
  if (inputs.rolloutStage !== undefined && !ROLLOUT_STAGES.includes(inputs.rolloutStage))
    problems.push(
      `rolloutStage must be one of ${ROLLOUT_STAGES.join(", ")} (got ${JSON.stringify(inputs.rolloutStage)})`,
    );
  for (const path of inputs.ciCodePaths ?? [])
    if (!CODE_PATH_PATTERN.test(path)) problems.push(`code path ${JSON.stringify(path)} is not valid`);
  if (inputs.runnerLabels.length === 0) problems.push("runnerLabels must name at least one runner label");
  if (problems.length > 0) throw new Error(`developer kit inputs rejected:\n  - ${problems.join("\n  - ")}`);
  return inputs;
}
