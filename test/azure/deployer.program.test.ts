import { describe, expect, test, vi } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { createPlanMocks } from "../../tools/plan/mocks";
import { fixturesPlatform, projectPlatformInput } from "../support/platformFiles";
import { FIXTURES_DIR, ofType, planStack } from "../support/runStack";

const PERSON = "aaaaaaaa-0000-4000-8000-00000000beef";
const AZURE_CLI = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const DEPLOYER =
  "urn:pulumi:dev::codex-boundary::codex-boundary:azure:TeamAccess$azure-native:authorization:RoleAssignment::access-deployer-key-rotation";

/** The plan's mocks, signed in as someone else than platform.yaml's deployer (a person's az login, the reader). */
function signedInAs(objectId: string, clientId: string): pulumi.runtime.Mocks {
  const base = createPlanMocks();
  return {
    newResource: (args) => base.newResource(args),
    call(args) {
      const result = base.call(args) as Record<string, unknown>;
      return args.token === "azure-native:authorization:getClientConfig" ? { ...result, objectId, clientId } : result;
    },
  };
}

const deployerGrant = async (options: Parameters<typeof planStack>[0]) =>
  ofType(await planStack(options), "azure-native:authorization:RoleAssignment").find((a) => a.urn === DEPLOYER);

describe("the deployer's role assignment comes from platform.yaml, not from who runs the program", () => {
  test("a preview or an up by a person or the reader plans the same assignment as the deploy job's", async () => {
    const platform = projectPlatformInput().azure.deployer;
    const asDeployer = await deployerGrant({});
    expect(asDeployer?.inputs).toMatchObject({
      principalId: platform?.objectId,
      principalType: platform?.principalType,
    });
    for (const preview of [true, false]) {
      const asPerson = await deployerGrant({ mocks: signedInAs(PERSON, AZURE_CLI), preview });
      expect(asPerson?.inputs).toEqual(asDeployer?.inputs);
    }
  });

  test("an up by someone else is warned whose role it is; a preview by the reader, or the deployer's own up, is not", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    const told = () =>
      warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes("this update runs as"));
    try {
      await planStack({ mocks: signedInAs(PERSON, AZURE_CLI), preview: true });
      await planStack({});
      expect(told()).toEqual([]);
      await planStack({ mocks: signedInAs(PERSON, AZURE_CLI) });
      expect(told()).toHaveLength(1);
      expect(told()[0]).toContain(
        `codex-boundary: this update runs as ${PERSON}, not platform.yaml azure.deployer.objectId`,
      );
    } finally {
      warn.mockRestore();
    }
  });

  test("a key-mode stack under a platform without azure.deployer stops naming it; an entra stack plans without it", async () => {
    const { deployer: _, ...azure } = projectPlatformInput().azure;
    const platform = parsePlatformConfig({ ...projectPlatformInput(), azure });
    await expect(planStack({ platform })).rejects.toThrow(/platform\.yaml:azure\.deployer: is not set/);
    const { deployer: __, ...fixtureAzure } = projectPlatformInput(FIXTURES_DIR).azure;
    const entra = await planStack({
      stack: "entra",
      fixture: "Pulumi.entra.yaml",
      platform: parsePlatformConfig({ ...projectPlatformInput(FIXTURES_DIR), azure: fixtureAzure }),
    });
    expect(entra.resources.some((r) => r.urn.endsWith("::access-deployer-key-rotation"))).toBe(false);
  });

  test("a team whose access.deployerPrincipalType contradicts platform.yaml (the hub fixture says ServicePrincipal) stops", async () => {
    const input = projectPlatformInput(FIXTURES_DIR);
    const platform = parsePlatformConfig({
      ...input,
      azure: { ...input.azure, deployer: { objectId: PERSON, principalType: "User" } },
    });
    await expect(planStack({ stack: "hub", fixture: "Pulumi.hub.yaml", platform })).rejects.toThrow(
      /codex-boundary:access\.deployerPrincipalType: is ServicePrincipal, but platform\.yaml azure\.deployer\.principalType is User/,
    );
    expect(fixturesPlatform().azure.deployer?.principalType).toBe("ServicePrincipal");
  });
});
