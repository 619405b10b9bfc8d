import type { ConfigProblem } from "../config/problem";
/**
 * Who runs `pulumi up`. azure-native's getClientConfig reports as clientId the `appid` claim of its ARM token: for a
 * person signed in with the Azure CLI that is the CLI's own public client, for a service principal or a managed
 * identity it is that principal's application (client) ID. Role assignments to the deployer need the matching
 * principalType, or Azure answers UnmatchedPrincipalType.
 */
export type PrincipalType = "ServicePrincipal" | "User";

/** Microsoft's first-party public clients a person signs in through (well-known application IDs, the same in every tenant). */
export const USER_SIGN_IN_CLIENTS: Readonly<Record<string, string>> = {
  "04b07795-8ddb-461a-bbee-02f9e1bf7b46": "the Azure CLI (az login)",
  "1950a258-227b-4e31-a9cf-717495945fc2": "Azure PowerShell",
  "872cd9fa-d31f-45e0-9eab-6e460a02d1f1": "Visual Studio",
};

export interface DetectedDeployer {
  principalType: PrincipalType;
  /** How it was told, for messages. */
  evidence: string;
}

export function detectDeployer(clientId: string): DetectedDeployer {
  const client = USER_SIGN_IN_CLIENTS[clientId.toLowerCase()];
  if (client !== undefined)
    return { principalType: "User", evidence: `a person signed in through ${client} (client ${clientId})` };
  return { principalType: "ServicePrincipal", evidence: `an application or managed identity (client ${clientId})` };
}

/** The principal type for the deployer's role assignments, or the problem that stops the run. */
export function resolveDeployerPrincipalType(
  configured: PrincipalType | undefined,
  clientId: string,
): { principalType: PrincipalType } | { problem: ConfigProblem } {
  const detected = detectDeployer(clientId);
  if (configured === undefined || configured === detected.principalType)
    return { principalType: detected.principalType };
  return {
    problem: {
      path: "access.deployerPrincipalType",
      message:
        `is ${configured}, but this run signs in as ${detected.evidence}, so Azure would ` +
        `refuse the deployer's role assignments (UnmatchedPrincipalType). Remove access.deployerPrincipalType (it is detected), ` +
        `set it to ${detected.principalType}, or run as the ${configured === "User" ? "person (az login)" : "service principal (ARM_CLIENT_ID with OIDC)"}.`,
    },
  };
}
