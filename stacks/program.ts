import * as pulumi from "@pulumi/pulumi";
import { type Clock, clockAt } from "../lib/clock";
import { ConfigError, parseTeamConfig, projectKeys, providerKeys } from "../lib/config/parse";
import { PlatformFileError } from "../lib/platform/parse";
import type { PlatformConfig } from "../lib/platform/schema";
import { githubProviderBaseUrl } from "../lib/platform/github";
import type { TeamConfig } from "../lib/config/schema";
import { buildAzureBoundary } from "./azure";
import { buildDeveloperKit } from "./developerKit";
import { buildGuardrails } from "./guardrails";
import { buildKeyLifecycle, buildKeylessDistribution } from "./keys";
import { buildEntraCi } from "./entra";
import { gateModelRetirements } from "./modelRecord";
import type { ProgramOutputs } from "./types";

/** Where the program gets platform.yaml: read beside the stack files (stacks/platformFile.ts), or handed in by a CLI. */
export type PlatformSource = () => PlatformConfig;

/**
 * Reads platform.yaml and this stack's config, checked within it; a mistake in either stops the run before any
 * resource exists.
 */
export function readTeamConfig(nowMs: number, platformSource: PlatformSource): [TeamConfig, PlatformConfig] {
  try {
    const platform = platformSource();
    const all = pulumi.runtime.allConfig();
    const config = parseTeamConfig(projectKeys(all), `stack '${pulumi.getStack()}'`, nowMs, {
      platform,
      providerKeys: providerKeys(all),
      stackFile: `Pulumi.${pulumi.getStack()}.yaml`,
    });
    return [config, platform];
  } catch (error) {
    // RunError makes the Pulumi CLI print the message alone, without a stack trace.
    if (error instanceof ConfigError || error instanceof PlatformFileError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

/**
 * Composes one team's stack from its validated config. Each concern lives in its own builder;
 * this function only orders them and gathers the stack outputs. It reads the clock once: every dated decision
 * (budget start, key rotation) is made on the same instant.
 */
export async function buildTeamStack(
  config: TeamConfig,
  clock: Clock,
  platform: PlatformConfig,
): Promise<ProgramOutputs> {
  const nowMs = clock.nowMs();
  const modelRecord = await gateModelRetirements(config, nowMs);
  const boundary = await buildAzureBoundary(config, nowMs, platform);
  const github = { host: platform.github.host, baseUrl: githubProviderBaseUrl(platform.github.host) };
  const entra = buildEntraCi(config, boundary, github.host);
  // Key mode (and a switch in either direction) runs the key's lifecycle; entra mode alone has no key at all.
  const keys =
    entra === undefined || config.auth.switching
      ? await buildKeyLifecycle(config, boundary, entra, nowMs, github.baseUrl)
      : buildKeylessDistribution(config, boundary, entra, github.baseUrl);
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
 * mocks (on the real clock or `--as-of`). The config is checked (within platform.yaml) and the stack built on one instant.
 */
export async function program(clock: Clock, platformSource: PlatformSource): Promise<ProgramOutputs> {
  const now = clockAt(clock.nowMs());
  const [config, platform] = readTeamConfig(now.nowMs(), platformSource);
  return buildTeamStack(config, now, platform);
}
