import { describe, expect, test } from "vitest";
import { detectDeployer, resolveDeployerPrincipalType, USER_SIGN_IN_CLIENTS } from "../../lib/azure/deployer";

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

/** What a refusal says, whatever shape carries it (a message, or a problem with path and message). */
const said = (result: unknown) => JSON.stringify(result);

describe("who deploys: every sign-in client, and a mismatch either way", () => {
  test("the well-known sign-in clients, in any case, are people; anything else is an application; the evidence names the client", () => {
    expect(Object.keys(USER_SIGN_IN_CLIENTS)).toEqual([
      "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
      "1950a258-227b-4e31-a9cf-717495945fc2",
      "872cd9fa-d31f-45e0-9eab-6e460a02d1f1",
    ]);
    for (const client of Object.keys(USER_SIGN_IN_CLIENTS))
      expect(detectDeployer(client.toUpperCase()).principalType, client).toBe("User");
    expect(detectDeployer("04B07795-8DDB-461A-BBEE-02F9E1BF7B46").evidence).toContain(
      "Azure CLI (az login) (client 04B07795-8DDB-461A-BBEE-02F9E1BF7B46)",
    );
    expect(detectDeployer("1950a258-227b-4e31-a9cf-717495945fc2").evidence).toContain("Azure PowerShell");
    const app = detectDeployer("aaaaaaaa-0000-4000-8000-000000000000");
    expect(app.principalType).toBe("ServicePrincipal");
    expect(app.evidence).toContain("aaaaaaaa-0000-4000-8000-000000000000");
  });

  test("a mismatch names the key, the configured value, the client and the fix, in both directions", () => {
    const app = "aaaaaaaa-0000-4000-8000-000000000000";
    expect(resolveDeployerPrincipalType("ServicePrincipal", app)).toEqual({ principalType: "ServicePrincipal" });
    const asPerson = said(resolveDeployerPrincipalType("ServicePrincipal", AZURE_CLI));
    for (const fact of [
      "access.deployerPrincipalType",
      "is ServicePrincipal",
      AZURE_CLI,
      "UnmatchedPrincipalType",
      "set it to User",
      "ARM_CLIENT_ID",
    ])
      expect(asPerson, fact).toContain(fact);
    const asApp = said(resolveDeployerPrincipalType("User", app));
    for (const fact of ["access.deployerPrincipalType", "is User", app, "set it to ServicePrincipal", "az login"])
      expect(asApp, fact).toContain(fact);
  });
});
