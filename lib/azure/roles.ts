import { v5 as uuidv5 } from "uuid";

/** Built-in Azure role definition GUIDs (the same in every tenant). */
export const ROLES = {
  cognitiveServicesOpenAIUser: "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
  cognitiveServicesOpenAIContributor: "a001fd3d-188f-4b5d-821b-7da978bf7442",
  /** Can list and regenerate account keys (Microsoft.CognitiveServices/accounts/regenerateKey/action). */
  cognitiveServicesContributor: "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
} as const;

/**
 * Roles that, at a resource group or wider, hand out far more than this stack needs: full control (Owner, Contributor),
 * the power to grant any role (User Access Administrator, Role Based Access Control Administrator), every vault's
 * secrets (Key Vault Administrator) or every account's keys (Cognitive Services Contributor). GUIDs from Microsoft's
 * "Azure built-in roles" page (MicrosoftDocs/azure-docs, articles/role-based-access-control/built-in-roles.md).
 */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
  "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
  "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
  "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
  "00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
  [ROLES.cognitiveServicesContributor]: "Cognitive Services Contributor",
};

export type RoleKey = keyof typeof ROLES;

/** Namespace for role assignment names: a fixed UUID, so names are the same on every machine and run. */
export const ROLE_ASSIGNMENT_NAMESPACE = "9a4c2a7e-3f52-5b8e-9a41-6c0d3b1f2e7a";

export function roleDefinitionId(subscriptionId: string, role: RoleKey): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`;
}

/**
 * A role assignment's name must be a GUID, and the same (scope, role, principal) under another name is a 409.
 * UUIDv5 of the triple makes re-runs land on the same assignment instead of duplicating it.
 */
export function roleAssignmentName(scope: string, role: RoleKey, principalId: string): string {
  return uuidv5(`${scope.toLowerCase()}|${ROLES[role]}|${principalId.toLowerCase()}`, ROLE_ASSIGNMENT_NAMESPACE);
}

export type PrincipalType = "Group" | "ServicePrincipal" | "User";

export interface RoleGrant<Principal = string> {
  /** What the grant is (whose role on what), used in the Pulumi resource name: never a list position. */
  label: string;
  /**
   * The label the grant had when team grants were named by their group's position in the list (before issue 25): the
   * name a deployed stack's state holds, which its alias claims. Absent when the label never changed.
   */
  formerLabel?: string;
  role: RoleKey;
  principalId: Principal;
  principalType: PrincipalType;
  target: "account" | "vault";
}

/**
 * The grants of a team stack. The deployer's grants are named fields, not entries found by label: a builder that
 * waits for one gets a type error, not an empty dependsOn, when it is missing.
 */
export interface PlannedGrants<Deployer = string> {
  /** The team's Entra groups, in a stable order. */
  team: Array<RoleGrant<string>>;
  /** The deployer's key regeneration role on the account (listKeys, regenerateKey); none without a key or a deployer. */
  deployerKeyRotation: RoleGrant<Deployer> | undefined;
}

/**
 * Who gets which role on what: the team's groups and the identity that deploys and rotates. The deployer gets no
 * Key Vault data-plane role: the stack writes the key as an ARM resource (Microsoft.KeyVault/vaults/secrets/write,
 * control plane), which its deployment role already allows, and never reads a secret back.
 */
export function plannedGrants<Deployer = string>(options: {
  userGroupIds: readonly string[];
  adminGroupIds: readonly string[];
  /** platform.yaml's deployer (lib/azure/deployer.ts); the stack stops before planning without one in key mode. */
  deployer: { objectId: Deployer; principalType: PrincipalType } | undefined;
  /** False in entra mode: no key to read from the vault, none to regenerate. */
  keyFlow?: boolean;
}): PlannedGrants<Deployer> {
  const keyFlow = options.keyFlow ?? true;
  // A group's grants are named by its object ID (lowercase, as Azure compares it), so reordering, adding or removing
  // groups leaves every other group's assignments where they are in state.
  const group = (list: "users" | "admins", id: string, i: number, role: string) => ({
    label: `${list}-${id.toLowerCase()}-${role}`,
    formerLabel: `${list}-${i}-${role}`,
  });
  const team: Array<RoleGrant<string>> = [];
  options.userGroupIds.forEach((id, i) => {
    // OpenAI User is also what a developer's own `az login` token needs in entra mode.
    team.push({
      ...group("users", id, i, "openai-user"),
      role: "cognitiveServicesOpenAIUser",
      principalId: id,
      principalType: "Group",
      target: "account",
    });
    if (keyFlow)
      team.push({
        ...group("users", id, i, "secrets-user"),
        role: "keyVaultSecretsUser",
        principalId: id,
        principalType: "Group",
        target: "vault",
      });
  });
  options.adminGroupIds.forEach((id, i) => {
    team.push({
      ...group("admins", id, i, "openai-contributor"),
      role: "cognitiveServicesOpenAIContributor",
      principalId: id,
      principalType: "Group",
      target: "account",
    });
  });
  const deployer = options.deployer;
  return {
    team,
    deployerKeyRotation:
      keyFlow && deployer !== undefined
        ? {
            label: "deployer-key-rotation",
            role: "cognitiveServicesContributor",
            principalId: deployer.objectId,
            principalType: deployer.principalType,
            target: "account",
          }
        : undefined,
  };
}

/** The CI identity's only role: calling the models on the team's account (entra mode). */
export function ciIdentityGrant<Principal>(principalId: Principal): RoleGrant<Principal> {
  return {
    label: "ci-identity-openai-user",
    role: "cognitiveServicesOpenAIUser",
    principalId,
    principalType: "ServicePrincipal",
    target: "account",
  };
}

/** Every grant of a plan, the team's first, the deployer's last. */
export function allGrants<Deployer>(grants: PlannedGrants<Deployer>): Array<RoleGrant<string | Deployer>> {
  return grants.deployerKeyRotation === undefined ? [...grants.team] : [...grants.team, grants.deployerKeyRotation];
}
