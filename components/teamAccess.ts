import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { type PlannedGrants, type RoleGrant, roleAssignmentName, roleDefinitionId } from "../lib/azure/roles";
import { formerlyNamed } from "./formerNames";

/**
 * Names a grant's assignment had in deployed stacks: its bare label (before children were prefixed with the
 * component's name), then, for a team group, its list position (before grants were named by group ID).
 */
function formerNames(name: string, grant: RoleGrant<pulumi.Input<string>>): string[] {
  const labels = grant.formerLabel === undefined ? [grant.label] : [grant.formerLabel];
  return [...labels, ...labels.map((label) => `${name}-${label}`)];
}

export interface TeamAccessArgs {
  subscriptionId: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  vaultId: pulumi.Input<string>;
  grants: PlannedGrants<pulumi.Input<string>>;
  /** Role assignments on the account wait for these (the account's last deployment). */
  accountDependsOn: pulumi.Resource[];
}

/**
 * Role assignments for the team's Entra groups and the deploying identity. Names are UUIDv5 of
 * (scope, role, principal): a re-run lands on the same assignment instead of a 409 duplicate.
 * principalType is always set, so a just-created principal does not fail with PrincipalNotFound.
 */
export class TeamAccess extends pulumi.ComponentResource {
  readonly teamAssignments: authorization.RoleAssignment[];
  /** The deployer's key regeneration role: the key rotation waits for it (none in entra mode). */
  readonly deployerKeyRotation: authorization.RoleAssignment | undefined;

  constructor(name: string, args: TeamAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:TeamAccess", name, {}, opts);
    const roleAssignmentIds: Record<string, pulumi.Output<string>> = {};
    const assign = (grant: RoleGrant<pulumi.Input<string>>): authorization.RoleAssignment => {
      const scope = pulumi.output(grant.target === "account" ? args.accountId : args.vaultId);
      const assignment = new authorization.RoleAssignment(
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
        {
          parent: this,
          dependsOn: grant.target === "account" ? args.accountDependsOn : [],
          ...formerlyNamed(formerNames(name, grant), `${name}-${grant.label}`),
        },
      );
      roleAssignmentIds[grant.label] = assignment.id;
      return assignment;
    };
    this.teamAssignments = args.grants.team.map(assign);
    this.deployerKeyRotation =
      args.grants.deployerKeyRotation === undefined ? undefined : assign(args.grants.deployerKeyRotation);
    this.registerOutputs({ roleAssignmentIds });
  }
}
