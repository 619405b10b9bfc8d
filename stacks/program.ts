import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseTeamConfig, projectKeys } from "../lib/config/parse";
import type { TeamConfig } from "../lib/config/schema";
import { buildAzureBoundary } from "./azure";
import { buildDeveloperKit } from "./developerKit";
import { buildGuardrails } from "./guardrails";
import { buildKeyLifecycle, buildKeylessDistribution } from "./keys";
import { buildEntraCi } from "./entra";
import { gateModelRetirements } from "./modelRecord";

/** Reads and validates this stack's `codex-boundary:*` config; a mistake stops the run before any resource exists. */
export function readTeamConfig(): TeamConfig {
  try {
    return parseTeamConfig(projectKeys(pulumi.runtime.allConfig()), `stack '${pulumi.getStack()}'`);
  } catch (error) {
    // RunError makes the Pulumi CLI print the message alone, without a stack trace.
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

/**
 * Composes one team's stack from its validated config. Each concern lives in its own builder;
 * this function only orders them and gathers the stack outputs.
 */
export async function buildTeamStack(config: TeamConfig): Promise<Record<string, unknown>> {
  const modelRecord = await gateModelRetirements(config, Date.now());
  const boundary = await buildAzureBoundary(config);
  const entra = buildEntraCi(config, boundary);
  // Key mode (and a switch in either direction) runs the key's lifecycle; entra mode alone has no key at all.
  const keys = entra === undefined || config.auth.switching ? await buildKeyLifecycle(config, boundary, entra) : buildKeylessDistribution(config, boundary, entra);
  const developerKit = buildDeveloperKit(config, boundary);
  const guardrails = buildGuardrails(config, boundary);
  return {
    ...boundary.outputs,
    ...keys.outputs,
    ...developerKit.outputs,
    ...guardrails.outputs,
    ...(entra?.outputs ?? {}),
    ...modelRecord,
  };
}

/** The stack program: what `pulumi up` runs (through index.ts) and what `npm run plan` runs under mocks. */
export async function program(): Promise<Record<string, unknown>> {
  return buildTeamStack(readTeamConfig());
}
