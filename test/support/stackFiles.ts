import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { PROJECT_NAME } from "../../lib/config/parse";
import { loadStackConfig, type StackConfig } from "../../tools/plan/stackFiles";

// Kept apart from runStack.ts, which loads the Pulumi SDK (a second of import per test file): unit tests import
// paths and stack files from here.
export const PROJECT_DIR = resolve(__dirname, "../..");
export const FIXTURES_DIR = resolve(__dirname, "../fixtures");

/** Config for a stack: Pulumi.<stack>.yaml from the project, or a fixture file, with optional key overrides. */
export function stackConfig(
  options: { stack?: string; fixture?: string; overrides?: Record<string, unknown> } = {},
): StackConfig {
  const stack = options.stack ?? "dev";
  const path = options.fixture ? resolve(FIXTURES_DIR, options.fixture) : undefined;
  const config = loadStackConfig(PROJECT_DIR, stack, path);
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    config.values[`${PROJECT_NAME}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

/** A stack file's `codex-boundary:` keys without the prefix, as the YAML gives them (objects, not JSON strings). */
export function teamKeys(path = join(PROJECT_DIR, "Pulumi.dev.yaml")): Record<string, unknown> {
  const doc = parse(readFileSync(path, "utf8")) as { config: Record<string, unknown> };
  const prefix = `${PROJECT_NAME}:`;
  return Object.fromEntries(
    Object.entries(doc.config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

/** Pulumi.dev.yaml's `codex-boundary:` keys without the prefix. */
export const devTeamKeys = (): Record<string, unknown> => teamKeys();
