import * as authorization from "@pulumi/azure-native/authorization";
import type { TeamConfig } from "../lib/config/schema";
import { entraActive } from "../lib/config/authMode";
import { teamNames } from "../lib/azure/naming";
import { federatedCredentialName, federatedSubject, GITHUB_OIDC_AUDIENCE, oidcIssuer } from "../lib/azure/federation";
import { CiIdentity } from "../components/ciIdentity";
import type { BoundaryHandles, ProgramOutputs } from "./types";
import type * as pulumi from "@pulumi/pulumi";

/** What the GitHub side needs of the CI identity (entra mode, and while switching). */
export interface EntraCi {
  identity: CiIdentity;
  variables: {
    clientId: pulumi.Output<string>;
    tenantId: pulumi.Output<string>;
    subscriptionId: pulumi.Output<string>;
  };
  outputs: Pick<ProgramOutputs, "ciIdentity">;
}

/** entra mode: the team's CI identity, trusted by each repository's Codex workflow through GitHub OIDC (platform.yaml's host). */
export function buildEntraCi(config: TeamConfig, boundary: BoundaryHandles, githubHost: string): EntraCi | undefined {
  if (!entraActive(config.auth)) return undefined;
  const client = authorization.getClientConfigOutput();
  const issuer = oidcIssuer(githubHost);
  const identity = new CiIdentity("ci-identity", {
    resourceGroupName: boundary.resourceGroupName,
    location: boundary.location,
    identityName: teamNames(config.team).ciIdentity,
    subscriptionId: client.subscriptionId,
    accountId: boundary.accountId,
    accountDependsOn: boundary.accountReady,
    federations: config.github.repositories.map((repo) => ({
      repository: repo.name,
      name: federatedCredentialName(repo.name),
      issuer,
      subject: federatedSubject(config.github.owner, repo),
    })),
    audience: GITHUB_OIDC_AUDIENCE,
    tags: boundary.tags,
  });
  const variables = { clientId: identity.clientId, tenantId: identity.tenantId, subscriptionId: client.subscriptionId };
  return {
    identity,
    variables,
    outputs: {
      ciIdentity: {
        clientId: identity.clientId,
        tenantId: identity.tenantId,
        subscriptionId: client.subscriptionId,
        issuer,
      },
    },
  };
}
