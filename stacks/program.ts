import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseTeamConfig, projectKeys } from "../lib/config/parse";
import type { TeamConfig } from "../lib/config/schema";
import { buildTeamStack } from "./team";

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

/** The stack program: what `pulumi up` runs (through index.ts) and what `npm run plan` runs under mocks. */
export async function program(): Promise<Record<string, unknown>> {
  return buildTeamStack(readTeamConfig());
}
