import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { ciIdentityGrant, roleAssignmentName, roleDefinitionId } from "../lib/azure/roles";

export interface CiIdentityArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  identityName: string;
  subscriptionId: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  /** The role assignment on the account waits for these (the account's last deployment). */
  accountDependsOn: pulumi.Resource[];
  /** One trust per repository: the token issuer, the subject its Codex workflow presents, the credential's name. */
  federations: ReadonlyArray<{ repository: string; name: string; issuer: string; subject: string }>;
  audience: string;
  tags: Record<string, string>;
}

/**
 * entra mode: the identity the team's Codex CI workflows log in as through GitHub OIDC, with one federated credential
 * per repository and one role, Cognitive Services OpenAI User on the team's account. No secret exists for it.
 * Federated credentials are written one after another: Azure refuses concurrent writes on one identity
 * ("Too many Federated Identity Credentials are written concurrently").
 */
export class CiIdentity extends pulumi.ComponentResource {
  readonly identity: managedidentity.UserAssignedIdentity;
  readonly credentials: managedidentity.FederatedIdentityCredential[] = [];
  readonly roleAssignment: authorization.RoleAssignment;
  readonly clientId: pulumi.Output<string>;
  readonly principalId: pulumi.Output<string>;
  readonly tenantId: pulumi.Output<string>;

  constructor(name: string, args: CiIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:CiIdentity", name, {}, opts);
    this.identity = new managedidentity.UserAssignedIdentity(
      `${name}-identity`,
      {
        resourceName: args.identityName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        tags: args.tags,
      },
      { parent: this },
    );
    let previous: pulumi.Resource = this.identity;
    for (const federation of args.federations) {
      const credential: managedidentity.FederatedIdentityCredential = new managedidentity.FederatedIdentityCredential(
        `${name}-${federation.repository}-federation`,
        {
          resourceName: this.identity.name,
          resourceGroupName: args.resourceGroupName,
          federatedIdentityCredentialResourceName: federation.name,
          issuer: federation.issuer,
          subject: federation.subject,
          audiences: [args.audience],
        },
        { parent: this, dependsOn: [previous] },
      );
      this.credentials.push(credential);
      previous = credential;
    }
    this.clientId = this.identity.clientId;
    this.principalId = this.identity.principalId;
    this.tenantId = this.identity.tenantId;
    const grant = ciIdentityGrant(this.principalId);
    const scope = pulumi.output(args.accountId);
    this.roleAssignment = new authorization.RoleAssignment(
      `${name}-${grant.label}`,
      {
        scope,
        roleAssignmentName: pulumi
          .all([scope, grant.principalId])
          .apply(([s, principal]) => roleAssignmentName(s, grant.role, principal)),
        roleDefinitionId: pulumi.output(args.subscriptionId).apply((sub) => roleDefinitionId(sub, grant.role)),
        principalId: grant.principalId,
        principalType: grant.principalType,
      },
      { parent: this, dependsOn: args.accountDependsOn },
    );
    this.registerOutputs({
      clientId: this.clientId,
      principalId: this.principalId,
      repositories: args.federations.map((f) => f.repository),
    });
  }
}
