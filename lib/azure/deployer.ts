import type { ConfigProblem } from "../config/problem";

/** Role assignments to the deployer need the principal's kind, or Azure answers UnmatchedPrincipalType. */
export type PrincipalType = "ServicePrincipal" | "User";

/** The identity that deploys every team stack, as platform.yaml names it (`azure.deployer`). */
export interface Deployer {
  objectId: string;
  principalType: PrincipalType;
}

/**
 * The deployer the stack grants its roles to: platform.yaml's, never the identity running this program
 * (getClientConfig), so a preview by the reader identity or a person's local `up` plans the same assignments as the
 * deploy job. `needed`: the stack grants the deployer a role (key mode). A team's `access.deployerPrincipalType`, from
 * before the platform named the deployer, may only repeat platform.yaml's.
 */
export function configuredDeployer(
  platform: Deployer | undefined,
  teamPrincipalType: PrincipalType | undefined,
  needed: boolean,
): { deployer: Deployer | undefined } | { problem: ConfigProblem } {
  if (platform === undefined) {
    if (!needed) return { deployer: undefined };
    return {
      problem: {
        path: "platform.yaml:azure.deployer",
        message:
          "is not set, and this team's key mode grants the deployer Cognitive Services Contributor on the account " +
          "(regenerateKey): set azure.deployer {objectId, principalType} in platform.yaml to the identity deploy.yml " +
          "runs as (its object ID, e.g. az ad sp show --id <client-id> --query id), docs/platform.md",
      },
    };
  }
  if (teamPrincipalType !== undefined && teamPrincipalType !== platform.principalType) {
    return {
      problem: {
        path: "access.deployerPrincipalType",
        message:
          `is ${teamPrincipalType}, but platform.yaml azure.deployer.principalType is ${platform.principalType}: the ` +
          `deployer is the platform's; remove access.deployerPrincipalType`,
      },
    };
  }
  return { deployer: platform };
}

/** What an update run by another identity than the deployer should say (nothing when it is the deployer). */
export function otherIdentityWarning(deployer: Deployer, runObjectId: string): string | undefined {
  if (runObjectId.toLowerCase() === deployer.objectId.toLowerCase()) return undefined;
  return (
    `this update runs as ${runObjectId}, not platform.yaml azure.deployer.objectId ${deployer.objectId}: the ` +
    `deployer's role assignments stay with ${deployer.objectId}, and what this identity does (regenerateKey, ` +
    `writes) needs rights of its own. If ${deployer.objectId} is an application (client) ID, set the service ` +
    `principal's object ID instead.`
  );
}
