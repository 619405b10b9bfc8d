/**
 * The reads of the "policy" check, Microsoft.Authorization policy 2023-04-01 (Azure/azure-rest-api-specs,
 * specification/resources/resource-manager/Microsoft.Authorization/stable/2023-04-01/policyAssignments.json:
 * PolicyAssignments_List, GET /subscriptions/{s}/providers/Microsoft.Authorization/policyAssignments, and
 * PolicyAssignments_ListForResourceGroup, GET /subscriptions/{s}/resourceGroups/{rg}/providers/...policyAssignments,
 * each with $filter=atScope(): "all policy assignments that apply to" the scope, those of the scopes above it
 * included, those of the resources below it left out; policyDefinitions.json / policySetDefinitions.json: GET of the
 * definition by its ID, built-in, management group or subscription), ManagementGroups_GetDescendants for the
 * management groups notScopes name (below), and the offline plan whose resources they are judged against.
 */
import { clockAt } from "../../lib/clock";
import { asDeployedOutputs } from "../../lib/fleet/asDeployed";
import {
  type PlannedArmResource,
  type PlannedExemption,
  toArmResources,
  toPlannedExemptions,
} from "../../lib/azurePolicy/fromPulumi";
import type { Read } from "../../lib/preflight/findings";
import { type ArmDefinition, type ArmPolicyAssignment, memberDefinitionIds } from "../../lib/preflight/tenantPolicy";
import { PROJECT_NAME } from "../../lib/names";
import { readPlatformFile } from "../../stacks/platformFile";
import { captureProgram } from "../plan/capture";
import { createPlanMocks } from "../plan/mocks";
import { stackProgramOn } from "../plan/program";
import type { StackConfig } from "../plan/stackFiles";
import type { ArmReader } from "./arm";
import { placeOnScopes, subscriptionScopes, type WriteScope } from "../../lib/preflight/policyScopes";

export const POLICY_API_VERSION = "2023-04-01";

/**
 * specification/managementgroups/resource-manager/Microsoft.Management/ManagementGroups/stable/2023-04-01/
 * management.json, ManagementGroups_GetDescendants: GET /providers/Microsoft.Management/managementGroups/{groupId}/
 * descendants, "all entities that descend from a management group", any depth, paged by nextLink; a subscription
 * answers as type Microsoft.Management/managementGroups/subscriptions with id /subscriptions/{s}.
 */
export const MANAGEMENT_GROUPS_API_VERSION = "2023-04-01";

/** PolicyAssignments - List atScope() at a subscription or resource group (`/subscriptions/{s}[/resourceGroups/{rg}]`). */
export async function readAssignments(arm: ArmReader, scope: string): Promise<Read<ArmPolicyAssignment[]>> {
  return (await arm.list(
    `${scope}/providers/Microsoft.Authorization/policyAssignments?$filter=${encodeURIComponent("atScope()")}`,
    POLICY_API_VERSION,
  )) as Read<ArmPolicyAssignment[]>;
}

/** Each subscription of the scopes, then each group, by lower-case ID. */
export async function readScopeAssignments(
  arm: ArmReader,
  scopes: readonly WriteScope[],
): Promise<Map<string, Read<ArmPolicyAssignment[]>>> {
  const ids = [...subscriptionScopes(scopes), ...scopes.map((s) => s.id)];
  return new Map(await Promise.all(ids.map(async (id) => [id.toLowerCase(), await readAssignments(arm, id)] as const)));
}

/** The IDs under each management group (by lower-case ID). */
export async function readDescendants(
  arm: ArmReader,
  managementGroupIds: readonly string[],
): Promise<Map<string, Read<string[]>>> {
  return new Map(
    await Promise.all(
      managementGroupIds.map(async (id) => {
        const read = await arm.list(`${id}/descendants`, MANAGEMENT_GROUPS_API_VERSION);
        const ids: Read<string[]> = read.ok
          ? { ok: true, value: read.value.map((d) => String((d as { id?: unknown }).id ?? "")) }
          : read;
        return [id.toLowerCase(), ids] as const;
      }),
    ),
  );
}

/** Each assigned definition or initiative, then each initiative's members, by lower-case ID. */
export async function readDefinitions(
  arm: ArmReader,
  assignments: readonly ArmPolicyAssignment[],
): Promise<Map<string, Read<ArmDefinition>>> {
  const out = new Map<string, Read<ArmDefinition>>();
  const fetchAll = async (ids: readonly string[]) => {
    const fresh = [...new Map(ids.map((id) => [id.toLowerCase(), id])).entries()].filter(([key]) => !out.has(key));
    const reads = await Promise.all(
      fresh.map(async ([key, id]) => [key, (await arm.get(id, POLICY_API_VERSION)) as Read<ArmDefinition>] as const),
    );
    for (const [id, read] of reads) out.set(id, read);
    return reads.map(([, read]) => read);
  };
  const first = await fetchAll(assignments.map((a) => a.properties.policyDefinitionId));
  await fetchAll(first.flatMap(memberDefinitionIds));
  return out;
}

/** The stack's planned resources as Azure Policy sees them, from the offline plan (scripts/plan.ts does the same). */
export async function plannedForPolicy(options: {
  stack: string;
  stackDir: string;
  stackConfig: StackConfig;
  subscriptionId: string;
  scopes: readonly WriteScope[];
  nowMs: number;
}): Promise<Read<{ resources: PlannedArmResource[]; exemptions: PlannedExemption[] }>> {
  try {
    const run = await captureProgram({
      project: PROJECT_NAME,
      stack: options.stack,
      config: options.stackConfig,
      loadProgram: stackProgramOn(clockAt(options.nowMs), readPlatformFile(options.stackDir)),
      mocks: createPlanMocks({
        stackOutputs: asDeployedOutputs(options.stackConfig.values),
        subscriptionId: options.subscriptionId,
      }),
    });
    return {
      ok: true,
      value: {
        resources: placeOnScopes(
          toArmResources(run.resources, options.subscriptionId),
          options.scopes,
          options.subscriptionId,
        ),
        exemptions: toPlannedExemptions(run.resources),
      },
    };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
