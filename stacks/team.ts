import type { TeamConfig } from "../lib/config/schema";
import { buildAzureBoundary } from "./azure";
import { buildDeveloperKit } from "./developerKit";
import { buildGuardrails } from "./guardrails";
import { buildKeyLifecycle } from "./keys";

/**
 * Composes one team's stack from its validated config. Each concern lives in its own builder;
 * this function only orders them and gathers the stack outputs.
 */
export async function buildTeamStack(config: TeamConfig): Promise<Record<string, unknown>> {
  const boundary = buildAzureBoundary(config);
  const keys = await buildKeyLifecycle(config, boundary);
  const developerKit = buildDeveloperKit(config, boundary);
  const guardrails = buildGuardrails(config, boundary);
  return {
    ...boundary.outputs,
    ...keys.outputs,
    ...developerKit.outputs,
    ...guardrails.outputs,
  };
}
