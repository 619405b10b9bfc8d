import { describe, expect, test } from "vitest";
import { ACCOUNT_OPERATION_ORDER, chainAccountOperations } from "../../lib/azure/accountOperations";
import { budgetStart, CREATE_ONLY_OUTPUT, DEPLOYED_MARKER_OUTPUT, readCreateOnlyValues, retentionProblem } from "../../lib/azure/createOnly";
import { detectDeployer, resolveDeployerPrincipalType, USER_SIGN_IN_CLIENTS } from "../../lib/azure/deployer";
import { federatedCredentialName, federatedSubject, GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_ISSUER, oidcIssuer } from "../../lib/azure/federation";
import { endpointPlacement } from "../../lib/azure/placement";

describe("federated credentials (known answers)", () => {
  test("audience and github.com issuer; GHES issuer from the API URL's host", () => {
    expect(GITHUB_OIDC_AUDIENCE).toBe("api://AzureADTokenExchange");
    expect(GITHUB_OIDC_ISSUER).toBe("https://token.actions.githubusercontent.com");
    expect(oidcIssuer("https://github.com")).toBe("https://token.actions.githubusercontent.com");
    expect(oidcIssuer("https://ghe.contoso.com:8443/api/v3")).toBe("https://ghe.contoso.com:8443/_services/token");
  });

  test("credential names: github-<stem>-<sha256 prefix>, '.' becomes '-', a.b and a-b stay apart, long names cut at 100", () => {
    expect(federatedCredentialName("api")).toBe("github-api-14c2529e");
    expect(federatedCredentialName("a.b")).toBe("github-a-b-2e7336dc");
    expect(federatedCredentialName("a-b")).toBe("github-a-b-d44362d6");
    expect(federatedCredentialName("x".repeat(120))).toBe(`github-${"x".repeat(100)}-13f05a0b`);
  });

  test("the subject names the environment when there is one, else the default branch", () => {
    expect(federatedSubject("contoso", { name: "api", environment: "codex", defaultBranch: "trunk" })).toBe("repo:contoso/api:environment:codex");
  });
});

describe("account operations run one after another", () => {
  test("the order is endpoint, diagnostics, key regeneration, whatever order they are given in", () => {
    expect(ACCOUNT_OPERATION_ORDER).toEqual(["private-endpoint", "diagnostic-setting", "key-regeneration"]);
    expect(chainAccountOperations(["key-regeneration", "private-endpoint", "diagnostic-setting"])).toEqual([
      { operation: "private-endpoint", after: "last-deployment" },
      { operation: "diagnostic-setting", after: "private-endpoint" },
      { operation: "key-regeneration", after: "diagnostic-setting" },
    ]);
    expect(chainAccountOperations(["key-regeneration", "diagnostic-setting"])).toEqual([
      { operation: "diagnostic-setting", after: "last-deployment" },
      { operation: "key-regeneration", after: "diagnostic-setting" },
    ]);
    expect(chainAccountOperations([])).toEqual([]);
  });

  test("an operation listed twice is an error naming the list", () => {
    expect(() => chainAccountOperations(["private-endpoint", "private-endpoint"])).toThrow(new Error("an account operation is listed twice: private-endpoint, private-endpoint"));
  });
});

describe("who deploys", () => {
  test("the well-known sign-in clients, in any case, are people; anything else is an application", () => {
    expect(Object.keys(USER_SIGN_IN_CLIENTS)).toEqual(["04b07795-8ddb-461a-bbee-02f9e1bf7b46", "1950a258-227b-4e31-a9cf-717495945fc2", "872cd9fa-d31f-45e0-9eab-6e460a02d1f1"]);
    expect(detectDeployer("04B07795-8DDB-461A-BBEE-02F9E1BF7B46")).toEqual({
      principalType: "User",
      evidence: "a person signed in through the Azure CLI (az login) (client 04B07795-8DDB-461A-BBEE-02F9E1BF7B46)",
    });
    expect(detectDeployer("1950a258-227b-4e31-a9cf-717495945fc2").evidence).toBe("a person signed in through Azure PowerShell (client 1950a258-227b-4e31-a9cf-717495945fc2)");
    expect(detectDeployer("872cd9fa-d31f-45e0-9eab-6e460a02d1f1").principalType).toBe("User");
    expect(detectDeployer("aaaaaaaa-0000-4000-8000-000000000000")).toEqual({
      principalType: "ServicePrincipal",
      evidence: "an application or managed identity (client aaaaaaaa-0000-4000-8000-000000000000)",
    });
  });

  test("a configured type that matches, or none, passes; a mismatch names both and the fix either way", () => {
    const cli = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    const app = "aaaaaaaa-0000-4000-8000-000000000000";
    expect(resolveDeployerPrincipalType(undefined, cli)).toEqual({ principalType: "User" });
    expect(resolveDeployerPrincipalType("User", cli)).toEqual({ principalType: "User" });
    expect(resolveDeployerPrincipalType("ServicePrincipal", app)).toEqual({ principalType: "ServicePrincipal" });
    expect(resolveDeployerPrincipalType("ServicePrincipal", cli)).toEqual({
      problem: {
        path: "access.deployerPrincipalType",
        message:
          "is ServicePrincipal, but this run signs in as a person signed in through the Azure CLI (az login) (client 04b07795-8ddb-461a-bbee-02f9e1bf7b46), so Azure would refuse the deployer's role assignments (UnmatchedPrincipalType). Remove access.deployerPrincipalType (it is detected), set it to User, or run as the service principal (ARM_CLIENT_ID with OIDC).",
      },
    });
    expect(resolveDeployerPrincipalType("User", app)).toEqual({
      problem: {
        path: "access.deployerPrincipalType",
        message:
          "is User, but this run signs in as an application or managed identity (client aaaaaaaa-0000-4000-8000-000000000000), so Azure would refuse the deployer's role assignments (UnmatchedPrincipalType). Remove access.deployerPrincipalType (it is detected), set it to ServicePrincipal, or run as the person (az login).",
      },
    });
  });
});

describe("endpoint placement", () => {
  const STACK = "33333333-4444-4555-8666-777777777777";
  const SPOKE = "22222222-3333-4444-8555-666666666666";
  const zones = { cognitiveServices: "z1", openAi: "z2", aiServices: "z3", keyVault: "z4" };
  const subnet = `/subscriptions/${SPOKE.toUpperCase()}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s`;

  test("a configured group's name is its last segment (any case of the key); subscriptions compare in lower case", () => {
    expect(endpointPlacement({ mode: "existing", subnetId: subnet, privateDnsZoneIds: zones, privateEndpointResourceGroupId: `/subscriptions/${STACK.toUpperCase()}/RESOURCEGROUPS/rg-pe` }, STACK.toUpperCase())).toEqual({
      kind: "configured-group",
      subscriptionId: STACK,
      resourceGroupName: "rg-pe",
      crossSubscription: false,
    });
    expect(endpointPlacement({ mode: "existing", subnetId: subnet, privateDnsZoneIds: zones, privateEndpointResourceGroupId: `/subscriptions/${SPOKE}/resourceGroups/rg-pe/x` }, STACK)).toMatchObject({
      resourceGroupName: "",
      crossSubscription: true,
    });
    expect(endpointPlacement({ mode: "existing", subnetId: subnet, privateDnsZoneIds: zones }, SPOKE)).toEqual({ kind: "team-group" });
  });
});

describe("create-only values", () => {
  test("output names", () => {
    expect([CREATE_ONLY_OUTPUT, DEPLOYED_MARKER_OUTPUT]).toEqual(["createOnlyValues", "resourceGroupName"]);
  });

  test("a record reads back only with an integer retention and a YYYY-MM month", () => {
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" })).toEqual({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" });
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-10" })).not.toBeNull();
    for (const month of ["2026-13", "2026-00", "x2026-12", "2026-12x", "2026-1"]) expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: month }), month).toBeNull();
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90.5, budgetStartMonth: "2026-12" })).toBeNull();
    expect(readCreateOnlyValues(undefined)).toBeNull();
  });

  test("a retention different from the vault's: the key, both values and the fix", () => {
    const recorded = { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" };
    expect(retentionProblem(90, recorded)).toBeUndefined();
    expect(retentionProblem(7, null)).toBeUndefined();
    expect(retentionProblem(7, recorded)).toEqual({
      path: "keyVault.softDeleteRetentionDays",
      message:
        "is 7, but the team's Key Vault was created with 90 days and Azure cannot change a vault's soft-delete retention after creation; set it back to 90 (another retention needs a new vault).",
    });
  });

  const NOW = new Date("2026-11-25T12:00:00Z");
  test("a deployed budget keeps its month, advising when the config says another", () => {
    const recorded = { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-05" };
    expect(budgetStart("2026-05", recorded, true, NOW)).toEqual({ startMonth: "2026-05", advice: null });
    expect(budgetStart("2026-12", recorded, true, NOW)).toEqual({
      startMonth: "2026-05",
      advice: 'budget.startMonth is 2026-12, but the deployed budget starts 2026-05 and Azure refuses a changed start date: it keeps 2026-05; set budget.startMonth: "2026-05"',
    });
    expect(budgetStart("2020-01", null, true, NOW)).toEqual({ startMonth: "2020-01", advice: null });
  });

  test("a new budget: this month and 12 ahead are used as is; before or after moves to the nearest edge", () => {
    expect(budgetStart("2026-11", null, false, NOW)).toEqual({ startMonth: "2026-11", advice: null });
    expect(budgetStart("2027-11", null, false, NOW)).toEqual({ startMonth: "2027-11", advice: null });
    expect(budgetStart("2026-10", null, false, NOW)).toEqual({
      startMonth: "2026-11",
      advice: 'budget.startMonth 2026-10 must not be before the current month (2026-11): a new budget cannot start in the past; the new budget starts 2026-11 instead; set budget.startMonth: "2026-11"',
    });
    expect(budgetStart("2027-12", null, false, NOW)).toEqual({
      startMonth: "2027-11",
      advice: 'budget.startMonth 2027-12 must be at most 12 months ahead (2027-11 at the latest); the new budget starts 2027-11 instead; set budget.startMonth: "2027-11"',
    });
    expect(budgetStart("2026-01", null, false, new Date("2026-12-31T23:59:59Z")).startMonth).toBe("2026-12");
    expect(budgetStart("2030-01", null, false, new Date("2026-01-01T00:00:00Z")).startMonth).toBe("2027-01");
    expect(budgetStart("2030-01", null, false, new Date("2026-02-01T00:00:00Z")).startMonth).toBe("2027-02");
  });
});
