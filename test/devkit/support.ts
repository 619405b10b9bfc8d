import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { PROJECT_DIR } from "../support/stackFiles";

export const SAMPLE_INPUTS: DevKitInputs = {
  stack: "dev",
  team: "dev",
  baseUrl: "https://codex-dev-abc123.openai.azure.com/openai/v1",
  vaultName: "kv-dev-abc123",
  defaultModel: "gpt-5.3-codex",
  deployments: ["gpt-5.3-codex", "gpt-5-mini"],
  reasoningEffort: "medium",
  allowFullAccess: false,
  runnerLabels: ["self-hosted", "linux", "codex-boundary"],
};

/** The dev stack's team config (Pulumi.dev.yaml), as the raw `codex-boundary:*` values. */
export function devTeamConfig(): Record<string, unknown> {
  const doc = parse(readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config).flatMap(([key, value]) =>
      key.startsWith("codex-boundary:") ? [[key.slice("codex-boundary:".length), value]] : [],
    ),
  );
}
