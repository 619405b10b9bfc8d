/**
 * The reads of the "policy" check, Microsoft.Authorization policy 2023-04-01 (Azure/azure-rest-api-specs,
 * specification/resources/resource-manager/Microsoft.Authorization/stable/2023-04-01/policyAssignments.json,
 * PolicyAssignments_List: GET /subscriptions/{s}/providers/Microsoft.Authorization/policyAssignments with
 * $filter=atScope(), "all policy assignments that apply to the subscription", its management groups' included;
 * policyDefinitions.json / policySetDefinitions.json: GET of the definition by its ID, built-in, management group or
 * subscription), and the offline plan whose resources they are judged against.
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

export const POLICY_API_VERSION = "2023-04-01";

export async function readAssignments(arm: ArmReader, subscriptionId: string): Promise<Read<ArmPolicyAssignment[]>> {
  return (await arm.list(
    `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyAssignments?$filter=${encodeURIComponent("atScope()")}`,
    POLICY_API_VERSION,
  )) as Read<ArmPolicyAssignment[]>;
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
        resources: toArmResources(run.resources, options.subscriptionId),
        exemptions: toPlannedExemptions(run.resources),
      },
    };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
