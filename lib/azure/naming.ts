import type { TeamConfig } from "../config/schema";
import { PROJECT_NAME } from "../names";

/**
 * One naming convention for every Azure resource of a team stack, derived from the team name alone
 * (plus a random suffix where Azure demands global uniqueness). Team names are 2-16 characters of
 * lowercase letters, digits and single hyphens (lib/config/schema.ts), so every name below fits its limit.
 */

/** Length of the random suffix (lowercase letters and digits) on globally unique names. */
export const UNIQUE_SUFFIX_LENGTH = 6;

export const SUBDOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const VAULT_NAME_PATTERN = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
export const ACCOUNT_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,63}$/;

export interface TeamNames {
  resourceGroup: string;
  account: string;
  virtualNetwork: string;
  privateEndpointSubnet: string;
  /** The NSG of the private-endpoint subnet (created with the subnet, networking.mode create). */
  privateEndpointNsg: string;
  accountPrivateEndpoint: string;
  vaultPrivateEndpoint: string;
  workspace: string;
  budget: string;
  /** entra mode: the user-assigned identity the team's CI workflows log in as (GitHub OIDC). */
  ciIdentity: string;
}

export function teamNames(team: string): TeamNames {
  return {
    resourceGroup: `rg-codex-${team}`,
    account: checked(
      "account name",
      `aif-codex-${team}`,
      ACCOUNT_NAME_PATTERN,
      "2-64 letters, digits, '_', '.' and '-', starting with a letter or digit",
    ),
    virtualNetwork: `vnet-codex-${team}`,
    privateEndpointSubnet: "snet-private-endpoints",
    privateEndpointNsg: `nsg-codex-${team}-private-endpoints`,
    accountPrivateEndpoint: `pe-aif-codex-${team}`,
    vaultPrivateEndpoint: `pe-kv-codex-${team}`,
    workspace: `log-codex-${team}`,
    budget: `budget-codex-${team}`,
    ciIdentity: `id-codex-${team}-ci`,
  };
}

/** Throws if a generated name breaks Azure's rule, naming the rule: a guard against a future edit, not user input. */
function checked(kind: string, value: string, pattern: RegExp, rule: string): string {
  if (!pattern.test(value)) throw new Error(`generated ${kind} '${value}' breaks Azure's rule: ${rule}`);
  return value;
}

/** The account's custom subdomain: globally unique, lowercase, <= 64, and part of the Codex base URL. */
export function customSubdomain(team: string, suffix: string): string {
  return checked(
    "custom subdomain",
    `codex-${team}-${suffix}`,
    SUBDOMAIN_PATTERN,
    "2-64 lowercase letters, digits and hyphens, not starting or ending with a hyphen",
  );
}

/** Key Vault names are global, 3-24 characters, start with a letter, no consecutive hyphens. */
export function vaultName(team: string, suffix: string): string {
  const stem = team.slice(0, 12).replace(/-+$/, "");
  return checked(
    "Key Vault name",
    `kv-${stem}-${suffix}`,
    VAULT_NAME_PATTERN,
    "3-24 letters, digits and hyphens, starting with a letter, no consecutive hyphens",
  );
}

export function codexBaseUrl(subdomain: string): string {
  if (!SUBDOMAIN_PATTERN.test(subdomain)) throw new Error(`'${subdomain}' is not a valid custom subdomain`);
  return `https://${subdomain}.openai.azure.com/openai/v1`;
}

/** Why the account keeps key authentication on: written as a tag so the decision travels with the resource. */
export const KEY_AUTH_TAG = {
  name: "codex-key-auth",
  value: `required: auth.mode key, Codex authenticates with an API key rotated by ${PROJECT_NAME} (auth.mode entra needs no key)`,
};

/** entra mode: the same tag records that key authentication is off, and why nothing needs it. */
export const ENTRA_AUTH_TAG = {
  name: KEY_AUTH_TAG.name,
  value: `disabled: Codex authenticates with Entra ID tokens (auth.mode entra); no API key exists; managed by ${PROJECT_NAME}`,
};

/** Tags on every resource that takes them. Team tags come first so the stack's own tags always win. */
export function teamTags(
  config: Pick<TeamConfig, "team" | "costCenter" | "dataBoundary" | "tags">,
): Record<string, string> {
  return {
    ...config.tags,
    team: config.team,
    "cost-center": config.costCenter,
    "managed-by": `pulumi/${PROJECT_NAME}`,
    "data-boundary": config.dataBoundary,
  };
}
