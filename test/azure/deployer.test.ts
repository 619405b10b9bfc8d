import { describe, expect, test } from "vitest";
import { detectDeployer, resolveDeployerPrincipalType } from "../../lib/azure/deployer";

const AZURE_CLI = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const PIPELINE_APP = "9f0c3c1e-1111-4222-8333-444455556666";

describe("who runs pulumi up (pure)", () => {
  test("the Azure CLI's client is a person; any other client an application or managed identity", () => {
    expect(detectDeployer(AZURE_CLI).principalType).toBe("User");
    expect(detectDeployer(AZURE_CLI.toUpperCase()).principalType).toBe("User");
    expect(detectDeployer(PIPELINE_APP).principalType).toBe("ServicePrincipal");
  });

  test("unset: detected; set and matching: kept; set and contradicted: a message naming the key, the detected kind and the fix", () => {
    expect(resolveDeployerPrincipalType(undefined, AZURE_CLI)).toEqual({ principalType: "User" });
    expect(resolveDeployerPrincipalType(undefined, PIPELINE_APP)).toEqual({ principalType: "ServicePrincipal" });
    expect(resolveDeployerPrincipalType("User", AZURE_CLI)).toEqual({ principalType: "User" });
    const refused = resolveDeployerPrincipalType("ServicePrincipal", AZURE_CLI);
    expect(refused).toHaveProperty("problem.path", "access.deployerPrincipalType");
    expect("problem" in refused ? refused.problem.message : "").toMatch(
      /^is ServicePrincipal, but this run signs in as a person signed in through the Azure CLI.*UnmatchedPrincipalType.*Remove access\.deployerPrincipalType.*set it to User/,
    );
  });
});
