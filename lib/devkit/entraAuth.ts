/**
 * entra mode: Codex takes its bearer token from a command (CLI 0.169: `[model_providers.<id>.auth]`, openai/codex
 * pull request 16288), here the Azure CLI. The developer's own `az login` (or, in CI, azure/login with OIDC) is the
 * only credential; no key exists.
 */

/** The Entra ID resource (audience) of Azure OpenAI / Foundry data-plane tokens. */
export const COGNITIVE_SERVICES_RESOURCE = "https://cognitiveservices.azure.com";

/** The Azure CLI, the same command name on Linux, macOS and Windows. */
export const AZ_COMMAND = "az";

/** Prints only the access token, which Codex sends as `Authorization: Bearer <stdout>`. */
export const AZ_TOKEN_ARGS = [
  "account",
  "get-access-token",
  "--resource",
  COGNITIVE_SERVICES_RESOURCE,
  "--query",
  "accessToken",
  "-o",
  "tsv",
] as const;

/**
 * How long Codex waits for `az` (default 5000). A cold `az` start takes seconds, more on Windows; a slow first start
 * should not fail the session.
 */
export const AZ_TIMEOUT_MS = 15000;

/** The provider's auth table: Codex runs the command itself, outside any sandbox, and caches the token it prints. */
export function entraAuthTable(): { command: string; args: string[]; timeout_ms: number } {
  return { command: AZ_COMMAND, args: [...AZ_TOKEN_ARGS], timeout_ms: AZ_TIMEOUT_MS };
}
