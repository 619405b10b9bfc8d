import type { BaselineDefinition } from "./baseline";
import type { PlannedArmResource } from "./fromPulumi";
import { isRecord } from "../isRecord";

/**
 * Assignment parameters the baseline cannot know offline but the stack states: the "Enable logging by category
 * group ... to Log Analytics" definitions (55d1f543, 6b359d8f) name the central workspace in `logAnalytics` (no
 * default). They are judged as if the tenant's assignment named the workspace the stack sends to (the created one,
 * or audit.workspaceId) and the category group the stack enables (audit.categoryGroup), so what is left to judge is
 * the setting's shape. Where the real assignment names another workspace or group, its remediation adds a second
 * setting beside the stack's (logs sent twice, and drift the stack does not manage).
 */
export interface AssumedParameters {
  urn: string;
  resource: string;
  definition: string;
  parameters: { logAnalytics: string; categoryGroup?: string };
  ifDifferent: string;
}

export const IF_DIFFERENT =
  "where the tenant's assignment names another workspace or category group, its remediation adds a second diagnostic " +
  "setting beside the stack's: set audit.workspaceId (and audit.categoryGroup) to the assignment's, or ask the platform " +
  "team for an exemption of the resource from that assignment";

const DIAGNOSTIC_SETTINGS = "microsoft.insights/diagnosticsettings";

/** Whether the definition is one whose assignment names a Log Analytics workspace for diagnostic settings. */
function namesWorkspace(definition: BaselineDefinition): boolean {
  const type = definition.policyRule.then.details?.type;
  const logAnalytics = definition.parameters.logAnalytics;
  return (
    typeof type === "string" &&
    type.toLowerCase() === DIAGNOSTIC_SETTINGS &&
    logAnalytics !== undefined &&
    logAnalytics.defaultValue === undefined
  );
}

/** The parameters to judge `definition` on `resource` with, when the stack's own diagnostic setting states them. */
export function assumedParameters(
  definition: BaselineDefinition,
  resource: PlannedArmResource,
  all: readonly PlannedArmResource[],
  shortName: string,
): AssumedParameters | undefined {
  if (!namesWorkspace(definition)) return undefined;
  const prefix = `${resource.id.toLowerCase()}/providers/${DIAGNOSTIC_SETTINGS}/`;
  const setting = all.find(
    (r) =>
      r.type.toLowerCase() === DIAGNOSTIC_SETTINGS &&
      r.id.toLowerCase().startsWith(prefix) &&
      !r.id.slice(prefix.length).includes("/") &&
      typeof r.properties.workspaceId === "string",
  );
  if (setting === undefined) return undefined;
  const workspace = setting.properties.workspaceId as string;
  const logs = Array.isArray(setting.properties.logs) ? setting.properties.logs.filter(isRecord) : [];
  const enabled = logs.filter((l) => l.enabled === true).map((l) => l.categoryGroup);
  const allowed = definition.parameters.categoryGroup?.allowedValues ?? [];
  const group =
    enabled.length === 1 && typeof enabled[0] === "string" && allowed.includes(enabled[0]) ? enabled[0] : undefined;
  return {
    urn: resource.urn,
    resource: resource.pulumiName,
    definition: shortName,
    parameters: { logAnalytics: workspace, ...(group === undefined ? {} : { categoryGroup: group }) },
    ifDifferent: IF_DIFFERENT,
  };
}
