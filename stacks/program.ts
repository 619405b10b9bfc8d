import * as pulumi from "@pulumi/pulumi";
import { type Clock, clockAt } from "../lib/clock";
import { providerLocationProblems } from "../lib/config/geography";
import { ConfigError, parseTeamConfig, projectKeys } from "../lib/config/parse";
import type { TeamConfig } from "../lib/config/schema";
import { buildAzureBoundary } from "./azure";
import { buildDeveloperKit } from "./developerKit";
import { buildGuardrails } from "./guardrails";
import { buildKeyLifecycle, buildKeylessDistribution } from "./keys";
import { buildEntraCi } from "./entra";
import { gateModelRetirements } from "./modelRecord";
import type { ProgramOutputs } from "./types";

/** Reads and validates this stack's `codex-boundary:*` config; a mistake stops the run before any resource exists. */
export function readTeamConfig(nowMs: number): TeamConfig {
  try {
    const all = pulumi.runtime.allConfig();
    return parseTeamConfig(projectKeys(all), `stack '${pulumi.getStack()}'`, nowMs, providerLocationProblems(all));
  } catch (error) {
    // RunError makes the Pulumi CLI print the message alone, without a stack trace.
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

/**
 * Composes one team's stack from its validated config. Each concern lives in its own builder;
 * this function only orders them and gathers the stack outputs. It reads the clock once: every dated decision
 * (budget start, key rotation) is made on the same instant.
 */
export async function buildTeamStack(config: TeamConfig, clock: Clock): Promise<ProgramOutputs> {
  const nowMs = clock.nowMs();
  const modelRecord = await gateModelRetirements(config, nowMs);
  const boundary = await buildAzureBoundary(config, nowMs);
  const entra = buildEntraCi(config, boundary);
  // Key mode (and a switch in either direction) runs the key's lifecycle; entra mode alone has no key at all.
  const keys =
    entra === undefined || config.auth.switching
      ? await buildKeyLifecycle(config, boundary, entra, nowMs)
      : buildKeylessDistribution(config, boundary, entra);
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

/**
 * The stack program: what `pulumi up` runs (through index.ts, on the real clock) and what `npm run plan` runs under
 * mocks (on the real clock or `--as-of`). The config is checked and the stack built on one instant.
 */
export async function program(clock: Clock): Promise<ProgramOutputs> {
  const now = clockAt(clock.nowMs());
  return buildTeamStack(readTeamConfig(now.nowMs()), now);
}
