/**
 * Names that several parts of the stack must agree on: the key's Key Vault secret, the environment
 * variable Codex reads, the GitHub secret and variables. Change one here and every part follows.
 */

/** The Pulumi project name: the namespace of every config key (`codex-boundary:team`) and the prefix of type tokens. */
export const PROJECT_NAME = "codex-boundary";

/** The GitHub Actions secret holding the key in key mode (CI hands it to Codex's auth command, never Codex's environment). */
export const API_KEY_ENV_VAR = "AZURE_OPENAI_API_KEY";

/** The Key Vault secret holding the active API key; each rotation writes a new version of it. */
export const KEY_VAULT_SECRET_NAME = "azure-openai-api-key";

/** GitHub Actions variables (not secrets) pushed to each team repository. */
export const BASE_URL_VARIABLE = "AZURE_OPENAI_BASE_URL";
export const MODEL_VARIABLE = "CODEX_MODEL";

/** The provider id used in the generated Codex config.toml (`model_provider`). */
export const CODEX_PROVIDER_ID = "azure";

/** entra mode: GitHub Actions variables (not secrets) azure/login reads to log in as the team's CI identity. */
export const CLIENT_ID_VARIABLE = "AZURE_CLIENT_ID";
export const TENANT_ID_VARIABLE = "AZURE_TENANT_ID";
export const SUBSCRIPTION_ID_VARIABLE = "AZURE_SUBSCRIPTION_ID";
