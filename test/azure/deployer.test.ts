import { describe, expect, test } from "vitest";
import { configuredDeployer, otherIdentityWarning } from "../../lib/azure/deployer";

const PLATFORM = { objectId: "9f0c3c1e-1111-4222-8333-444455556666", principalType: "ServicePrincipal" as const };

describe("the deployer is platform.yaml's (pure)", () => {
  test("set: taken as is, whatever the team leaves out or repeats; a team key contradicting it names both and the fix", () => {
    expect(configuredDeployer(PLATFORM, undefined, true)).toEqual({ deployer: PLATFORM });
    expect(configuredDeployer(PLATFORM, "ServicePrincipal", true)).toEqual({ deployer: PLATFORM });
    expect(configuredDeployer(PLATFORM, undefined, false)).toEqual({ deployer: PLATFORM });
    expect(configuredDeployer(PLATFORM, "User", true)).toEqual({
      problem: {
        path: "access.deployerPrincipalType",
        message:
          "is User, but platform.yaml azure.deployer.principalType is ServicePrincipal: the deployer is the platform's; remove access.deployerPrincipalType",
      },
    });
  });

  test("unset: a key-mode team stops naming platform.yaml azure.deployer; an entra team grants the deployer nothing", () => {
    expect(configuredDeployer(undefined, "User", false)).toEqual({ deployer: undefined });
    const refused = configuredDeployer(undefined, undefined, true);
    expect(refused).toHaveProperty("problem.path", "platform.yaml:azure.deployer");
    expect(JSON.stringify(refused)).toMatch(/is not set.*regenerateKey.*objectId, principalType.*object ID/);
  });

  test("an update by another identity is told whose role it is and that a client ID is no object ID; the deployer itself, in any case, is not", () => {
    expect(otherIdentityWarning(PLATFORM, PLATFORM.objectId.toUpperCase())).toBeUndefined();
    const person = "aaaaaaaa-0000-4000-8000-000000000000";
    const warning = otherIdentityWarning(PLATFORM, person) ?? "";
    for (const fact of [person, `azure.deployer.objectId ${PLATFORM.objectId}`, "stay with", "application (client) ID"])
      expect(warning, fact).toContain(fact);
  });
});
