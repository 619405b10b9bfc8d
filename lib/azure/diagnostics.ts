/**
 * The shape of the stack's diagnostic settings and of the workspace it creates, read against the built-in
 * definitions at Azure/azure-policy f4a50bac:
 *
 * - 55d1f543 (Cognitive Services) and 6b359d8f (Key vaults) "Enable logging by category group ... to Log Analytics"
 *   (DeployIfNotExists 1.1.0) count an existing setting as compliant only when its logs hold exactly one `audit` and
 *   exactly one `allLogs` category-group entry, the one the assignment's `categoryGroup` names enabled and the other
 *   disabled, and its workspaceId is the assignment's `logAnalytics`. That is the body their remediation writes; any
 *   other shape (a single `allLogs` entry, a `category` entry) makes the remediation add a second setting.
 * - 6c53d030 (ingestion and query from public networks disabled), e15effd4 (features.disableLocalAuth true) and
 *   fa298e57 (forceCmkForQuery true: saved queries only in a linked customer storage account).
 */

export type CategoryGroup = "allLogs" | "audit";

export interface DiagnosticLog {
  categoryGroup: CategoryGroup;
  enabled: boolean;
}

/** Both category groups, `group` enabled: the existence condition of 55d1f543 / 6b359d8f for that `categoryGroup`. */
export function categoryGroupLogs(group: CategoryGroup): DiagnosticLog[] {
  return [
    { categoryGroup: "audit", enabled: group === "audit" },
    { categoryGroup: "allLogs", enabled: group === "allLogs" },
  ];
}

/**
 * The network, authentication and query-storage settings of a workspace the stack creates. All are body properties
 * without x-ms-mutability in OperationalInsights 2023-09-01 (the version azure-native 3.28 uses), so a live workspace
 * takes them in place. forceCmkForQuery without a linked storage account only stops saving queries in the workspace
 * (the stack saves none).
 */
export const PRIVATE_WORKSPACE = {
  publicNetworkAccessForIngestion: "Disabled",
  publicNetworkAccessForQuery: "Disabled",
  forceCmkForQuery: true,
  features: { disableLocalAuth: true },
} as const;
