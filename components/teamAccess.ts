import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { type RoleGrant, roleAssignmentName, roleDefinitionId } from "../lib/azure/roles";

export interface TeamAccessArgs {
  subscriptionId: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  vaultId: pulumi.Input<string>;
  grants: ReadonlyArray<RoleGrant<pulumi.Input<string>>>;
  /** Role assignments on the account wait for these (the account's last deployment). */
  accountDependsOn: pulumi.Resource[];
}

/**
 * Role assignments for the team's Entra groups and the deploying identity. Names are UUIDv5 of
 * (scope, role, principal): a re-run lands on the same assignment instead of a 409 duplicate.
 * principalType is always set, so a just-created principal does not fail with PrincipalNotFound.
 */
export class TeamAccess extends pulumi.ComponentResource {
  readonly assignments: Record<string, authorization.RoleAssignment> = {};

  constructor(name: string, args: TeamAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:TeamAccess", name, {}, opts);
    for (const grant of args.grants) {
      const scope = pulumi.output(grant.target === "account" ? args.accountId : args.vaultId);
      this.assignments[grant.label] = new authorization.RoleAssignment(
        grant.label,
        {
          scope,
          roleAssignmentName: pulumi.all([scope, grant.principalId]).apply(([s, principal]) => roleAssignmentName(s, grant.role, principal)),
          roleDefinitionId: pulumi.output(args.subscriptionId).apply((sub) => roleDefinitionId(sub, grant.role)),
          principalId: grant.principalId,
          principalType: grant.principalType,
        },
        { parent: this, dependsOn: grant.target === "account" ? args.accountDependsOn : [] },
      );
    }
    this.registerOutputs({ roleAssignmentIds: Object.fromEntries(Object.entries(this.assignments).map(([k, v]) => [k, v.id])) });
  }
}
