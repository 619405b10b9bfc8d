import { describe, expect, test } from "vitest";
import { MOCK_DEPLOYER_OBJECT_ID } from "../../tools/plan/mocks";
import { recordingMocks } from "../support/recordingMocks";
import { ofType, planStack } from "../support/runStack";

const AZURE_CLI = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const PIPELINE_APP = "9f0c3c1e-1111-4222-8333-444455556666";

async function deployerAssignments(stack: { stack: string; fixture?: string }, clientId: string) {
  const { mocks } = recordingMocks({ clientId });
  return ofType(await planStack({ ...stack, mocks }), "azure-native:authorization:RoleAssignment").filter(
    (a) => a.inputs.principalId === MOCK_DEPLOYER_OBJECT_ID,
  );
}

describe("the deployer's role assignments in a plan", () => {
  test("a person running pulumi up with az login (dev leaves the type unset): principalType User", async () => {
    const assignments = await deployerAssignments({ stack: "dev" }, AZURE_CLI);
    expect(assignments.length).toBeGreaterThan(0);
    for (const a of assignments) expect(a.inputs.principalType).toBe("User");
  });

  test("a pipeline's service principal: principalType ServicePrincipal", async () => {
    const assignments = await deployerAssignments({ stack: "dev" }, PIPELINE_APP);
    expect(assignments.length).toBeGreaterThan(0);
    for (const a of assignments) expect(a.inputs.principalType).toBe("ServicePrincipal");
  });

  test("a person running a stack whose config says ServicePrincipal (the hub fixture): the run stops with the fix", async () => {
    await expect(deployerAssignments({ stack: "hub", fixture: "Pulumi.hub.yaml" }, AZURE_CLI)).rejects.toThrow(
      /codex-boundary:access\.deployerPrincipalType: is ServicePrincipal, but this run signs in as a person/,
    );
  });
});
