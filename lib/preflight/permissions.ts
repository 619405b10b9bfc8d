/**
 * Effective permissions as ARM's Permissions - List answers them (authorization 2022-04-01, PermissionGetResult: one
 * Permission {actions, notActions, dataActions, notDataActions} per role the caller holds at or above the scope).
 * An action is granted when one entry's actions match it and that same entry's notActions do not: a role's notActions
 * subtract from that role only, never from another role's grant (Azure RBAC, "NotActions").
 */
export interface ArmPermission {
  actions?: readonly string[];
  notActions?: readonly string[];
}

/** Azure's operation wildcard: `*` stands for any characters (also `/`); names compare ignoring case. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return regex.test(action);
}

export function isGranted(action: string, permissions: readonly ArmPermission[]): boolean {
  return permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => actionMatches(a, action)) &&
      !(p.notActions ?? []).some((n) => actionMatches(n, action)),
  );
}

/** The needed actions no entry grants, in the order given. */
export function missingActions(needed: readonly string[], permissions: readonly ArmPermission[]): string[] {
  return needed.filter((action) => !isGranted(action, permissions));
}
