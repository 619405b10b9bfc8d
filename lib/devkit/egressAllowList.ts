import type { DevKitInputs } from "./inputs";

/**
 * The one source of what a corporate proxy or firewall must let through for Codex and its credential command, per
 * machine and auth mode: docs/security-review.md's table is generated from it and the managed bundle reuses it.
 * Hosts of the Azure public cloud.
 */

export type EgressMachine = "developer" | "ci";

export interface EgressDestination {
  host: string;
  port: 443;
  /** Who connects and why. */
  purpose: string;
  /** Reached through a private endpoint (resolve it to the private address; no internet route). */
  privateEndpoint: boolean;
}

export interface EgressHosts {
  authMode: "key" | "entra";
  endpointHost: string;
  vaultHost: string;
}

export const ENTRA_LOGIN_HOST = "login.microsoftonline.com";
/** azure/login selects the CI identity's subscription through ARM. */
export const ARM_HOST = "management.azure.com";

/** The destinations one machine needs; anything else Codex might reach is closed by config or to be blocked. */
export function egressDestinations(hosts: EgressHosts, machine: EgressMachine): EgressDestination[] {
  const endpoint: EgressDestination = {
    host: hosts.endpointHost,
    port: 443,
    purpose: "Codex: the model requests (the team endpoint)",
    privateEndpoint: true,
  };
  if (hosts.authMode === "key") {
    if (machine === "ci") return [endpoint];
    return [
      endpoint,
      {
        host: hosts.vaultHost,
        port: 443,
        purpose: "get-key.sh / get-key.ps1 (Codex's auth command): `az keyvault secret show` reads the key",
        privateEndpoint: true,
      },
      {
        host: ENTRA_LOGIN_HOST,
        port: 443,
        purpose: "az: the developer's sign-in, and the Key Vault token the key script's `az` call uses",
        privateEndpoint: false,
      },
    ];
  }
  const login: EgressDestination = {
    host: ENTRA_LOGIN_HOST,
    port: 443,
    purpose:
      machine === "ci"
        ? "azure/login (GitHub OIDC) and `az account get-access-token`, Codex's auth command"
        : "az: the developer's sign-in and the Entra ID token Codex's auth command prints",
    privateEndpoint: false,
  };
  if (machine === "developer") return [endpoint, login];
  return [
    endpoint,
    login,
    {
      host: ARM_HOST,
      port: 443,
      purpose: "azure/login: selects the CI identity's subscription",
      privateEndpoint: false,
    },
  ];
}

/** The team's endpoint host, from its validated base URL (https://<host>/openai/v1). */
function endpointHost(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** The destinations one machine of this team needs. */
export function egressAllowList(inputs: DevKitInputs, machine: EgressMachine): EgressDestination[] {
  return egressDestinations(
    {
      authMode: inputs.authMode ?? "key",
      endpointHost: endpointHost(inputs.baseUrl),
      vaultHost: `${inputs.vaultName}.vault.azure.net`,
    },
    machine,
  );
}

const PLACEHOLDERS = { endpointHost: "<subdomain>.openai.azure.com", vaultHost: "<vault>.vault.azure.net" } as const;

const MACHINE_LABEL: Record<EgressMachine, string> = {
  developer: "developer machine",
  ci: "CI runner (Codex job)",
};

/** docs/security-review.md's allow-list table, every mode and machine, with placeholders for the team's hosts. */
export function renderEgressAllowListMarkdown(): string {
  const rows: string[] = [];
  for (const authMode of ["key", "entra"] as const)
    for (const machine of ["developer", "ci"] as const)
      for (const d of egressDestinations({ authMode, ...PLACEHOLDERS }, machine))
        rows.push(
          `| ${authMode} | ${MACHINE_LABEL[machine]} | \`${d.host}:${d.port}\` | ${d.privateEndpoint ? "private endpoint" : "public"} | ${d.purpose} |`,
        );
  return ["| auth mode | machine | allow | address | for |", "| --- | --- | --- | --- | --- |", ...rows, ""].join("\n");
}
