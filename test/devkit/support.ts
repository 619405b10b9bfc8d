import type { DevKitInputs } from "../../lib/devkit/inputs";

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
