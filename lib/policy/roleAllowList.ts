import {
  allGrants,
  ciIdentityGrant,
  plannedGrants,
  PRIVILEGED_ROLES,
  ROLES,
  type RoleGrant,
  type RoleKey,
} from "../azure/roles";
import { text } from "./types";

export type GrantTarget = RoleGrant["target"];

const ANY_PRINCIPAL = "00000000-0000-0000-0000-000000000000";

/**
 * Every (role, target) pair a team stack can plan, from the same planner the components use: key mode and entra mode,
 * users, admins, the deployer and the CI identity. A grant the planner cannot produce is not the stack's to make.
 */
function plannablePairs(): ReadonlyMap<string, ReadonlySet<GrantTarget>> {
  const grants: Array<RoleGrant<string>> = [
    ...[true, false].flatMap((keyFlow) =>
      allGrants(
        plannedGrants({
          userGroupIds: [ANY_PRINCIPAL],
          adminGroupIds: [ANY_PRINCIPAL],
          deployer: { objectId: ANY_PRINCIPAL, principalType: "ServicePrincipal" },
          keyFlow,
        }),
      ),
    ),
    ciIdentityGrant(ANY_PRINCIPAL),
  ];
  const pairs = new Map<string, Set<GrantTarget>>();
  for (const grant of grants) {
    const guid = ROLES[grant.role];
    pairs.set(guid, (pairs.get(guid) ?? new Set()).add(grant.target));
  }
  return pairs;
}

export const PLANNABLE_ROLE_TARGETS = plannablePairs();

/** Display names of the roles the project knows, for messages a reviewer reads. */
const ROLE_KEY_NAMES: Record<RoleKey, string> = {
  cognitiveServicesOpenAIUser: "Cognitive Services OpenAI User",
  cognitiveServicesOpenAIContributor: "Cognitive Services OpenAI Contributor",
  cognitiveServicesContributor: "Cognitive Services Contributor",
  keyVaultSecretsUser: "Key Vault Secrets User",
  keyVaultSecretsOfficer: "Key Vault Secrets Officer",
};
/** Built-in roles often asked for that no stack plans (GUIDs from Microsoft's "Azure built-in roles" page). */
const OTHER_BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  "8b54135c-b56d-4d72-a534-26097cfdc8d8": "Key Vault Data Access Administrator",
  "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
};
const ROLE_NAMES: Readonly<Record<string, string>> = {
  ...OTHER_BUILT_IN_ROLES,
  ...PRIVILEGED_ROLES,
  ...Object.fromEntries((Object.keys(ROLES) as RoleKey[]).map((key) => [ROLES[key], ROLE_KEY_NAMES[key]])),
};

/** The role definition's GUID: the last segment of its ID (or the ID itself when it is a bare GUID). */
export function roleGuid(roleDefinitionId: string): string {
  return (
    /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(roleDefinitionId.trim())?.[1] ?? ""
  ).toLowerCase();
}

export function roleName(roleDefinitionId: string): string {
  const guid = roleGuid(roleDefinitionId);
  const name = ROLE_NAMES[guid];
  if (name !== undefined) return name;
  return guid === "" ? `role ${JSON.stringify(roleDefinitionId)}` : `role ${guid}`;
}

/** What an assignment's scope is: a team account or vault (with where it lives), or something wider or else. */
export type AssignmentScope =
  { kind: GrantTarget; subscriptionId: string; resourceGroup: string; name: string } | { kind: "other"; label: string };

const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)\/?$/i;
const TARGET_TYPES: Record<string, GrantTarget> = {
  "microsoft.cognitiveservices/accounts": "account",
  "microsoft.keyvault/vaults": "vault",
};

export function parseAssignmentScope(value: unknown): AssignmentScope {
  const scope = text(value).trim();
  const resource = RESOURCE_ID.exec(scope);
  if (resource) {
    const [, subscriptionId = "", resourceGroup = "", namespace = "", type = "", name = ""] = resource;
    const kind = TARGET_TYPES[`${namespace}/${type}`.toLowerCase()];
    if (kind !== undefined) return { kind, subscriptionId, resourceGroup, name };
    return { kind: "other", label: `a ${namespace}/${type} resource` };
  }
  if (scope === "") return { kind: "other", label: "no scope" };
  if (/^\/?$/.test(scope)) return { kind: "other", label: "the tenant root" };
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i.test(scope))
    return { kind: "other", label: "a management group" };
  if (/^\/subscriptions\/[^/]+\/?$/i.test(scope)) return { kind: "other", label: "a subscription" };
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(scope))
    return { kind: "other", label: "a resource group" };
  return { kind: "other", label: "a scope that is no team account or vault" };
}

export const TARGET_LABELS: Record<GrantTarget, string> = {
  account: "the team's AI account",
  vault: "the team's key vault",
};
