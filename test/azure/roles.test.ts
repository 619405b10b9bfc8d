import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  allGrants,
  plannedGrants,
  roleAssignmentName,
  ROLES,
  PRIVILEGED_ROLES,
  ROLE_ASSIGNMENT_NAMESPACE,
  roleDefinitionId,
  ciIdentityGrant,
} from "../../lib/azure/roles";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("role assignment names are UUIDv5 of (scope, role, principal): stable, and different when any part differs", () => {
  const scope = fc.stringMatching(/^\/subscriptions\/[a-z0-9-]{8,36}\/resourceGroups\/[a-z0-9-]{1,20}$/);
  const principal = fc.uuid();
  const role = fc.constantFrom(...(Object.keys(ROLES) as Array<keyof typeof ROLES>));
  fc.assert(
    fc.property(scope, role, principal, scope, (s, r, p, other) => {
      const name = roleAssignmentName(s, r, p);
      expect(name).toMatch(GUID);
      expect(roleAssignmentName(s, r, p)).toBe(name);
      expect(roleAssignmentName(s.toUpperCase(), r, p.toUpperCase())).toBe(name);
      if (other.toLowerCase() !== s.toLowerCase()) expect(roleAssignmentName(other, r, p)).not.toBe(name);
    }),
  );
  expect(roleAssignmentName("/s", "keyVaultSecretsUser", "p")).not.toBe(
    roleAssignmentName("/s", "keyVaultSecretsOfficer", "p"),
  );
});

test("users read, admins manage, the deployer can rotate keys and holds no Key Vault role (least privilege)", () => {
  const planned = plannedGrants({
    userGroupIds: ["u1", "u2"],
    adminGroupIds: ["a1"],
    deployer: { objectId: "d", principalType: "ServicePrincipal" },
  });
  const grants = allGrants(planned);
  const summary = grants.map((g) => `${g.principalId}:${g.role}@${g.target}:${g.principalType}`);
  expect(summary).toEqual([
    "u1:cognitiveServicesOpenAIUser@account:Group",
    "u1:keyVaultSecretsUser@vault:Group",
    "u2:cognitiveServicesOpenAIUser@account:Group",
    "u2:keyVaultSecretsUser@vault:Group",
    "a1:cognitiveServicesOpenAIContributor@account:Group",
    "d:cognitiveServicesContributor@account:ServicePrincipal",
  ]);
  expect(grants.filter((g) => g.principalId === "d" && g.target === "vault")).toEqual([]);
  expect(planned.deployerKeyRotation?.role).toBe("cognitiveServicesContributor");
  expect(new Set(grants.map((g) => g.label)).size).toBe(grants.length);
});

describe("role assignment names and role IDs are stable (deployed state)", () => {
  const ACCOUNT =
    "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourceGroups/rg-codex-t/providers/Microsoft.CognitiveServices/accounts/aif-codex-t";
  // Letters in both, so a change of case folding shows.
  const PRINCIPAL = "a1b2c3d4-2222-3333-4444-5555aaaabbbb";

  /**
   * Role assignment names are in deployed state: another GUID for the same (scope, role, principal) is a new
   * assignment (and a 409 next to the old one). These known answers make a change to the derivation fail here.
   */
  test("role assignment names (known answers), whatever the case of the scope or principal", () => {
    expect(ROLE_ASSIGNMENT_NAMESPACE).toBe("9a4c2a7e-3f52-5b8e-9a41-6c0d3b1f2e7a");
    expect(roleAssignmentName(ACCOUNT, "cognitiveServicesOpenAIUser", PRINCIPAL)).toBe(
      "25b6e813-b806-5098-9677-2c8e72080bca",
    );
    expect(roleAssignmentName(ACCOUNT.toUpperCase(), "cognitiveServicesOpenAIUser", PRINCIPAL.toUpperCase())).toBe(
      "25b6e813-b806-5098-9677-2c8e72080bca",
    );
    expect(roleAssignmentName(ACCOUNT, "keyVaultSecretsUser", PRINCIPAL)).toBe("2d30ce63-d882-5037-b513-773d864ff49c");
  });

  test("built-in role GUIDs and the role definition ID (known answers from Azure's built-in roles page)", () => {
    expect(ROLES).toEqual({
      cognitiveServicesOpenAIUser: "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
      cognitiveServicesOpenAIContributor: "a001fd3d-188f-4b5d-821b-7da978bf7442",
      cognitiveServicesContributor: "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68",
      keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
      keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    });
    expect(roleDefinitionId("sub-1", "keyVaultSecretsOfficer")).toBe(
      "/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    );
    expect(PRIVILEGED_ROLES).toEqual({
      "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
      "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
      "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
      "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
      "00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
      "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68": "Cognitive Services Contributor",
    });
  });

  test("grant labels are the Pulumi resource names: known answers, keyed by group ID (lowercase), former labels by position", () => {
    const planned = plannedGrants({
      userGroupIds: ["u0", "U1"],
      adminGroupIds: ["a0"],
      deployer: { objectId: "d", principalType: "User" },
    });
    expect(planned.team.map((g) => [g.label, g.formerLabel])).toEqual([
      ["users-u0-openai-user", "users-0-openai-user"],
      ["users-u0-secrets-user", "users-0-secrets-user"],
      ["users-u1-openai-user", "users-1-openai-user"],
      ["users-u1-secrets-user", "users-1-secrets-user"],
      ["admins-a0-openai-contributor", "admins-0-openai-contributor"],
    ]);
    expect(planned.deployerKeyRotation).toEqual({
      label: "deployer-key-rotation",
      role: "cognitiveServicesContributor",
      principalId: "d",
      principalType: "User",
      target: "account",
    });
    expect(
      plannedGrants({
        userGroupIds: [],
        adminGroupIds: [],
        deployer: { objectId: "d", principalType: "ServicePrincipal" },
      }).team,
    ).toEqual([]);
  });
});

describe("grants by auth mode", () => {
  const deployer = { objectId: "d", principalType: "ServicePrincipal" as const };

  test("entra mode (no key flow): developers get OpenAI User only, no vault role, and the deployer gets no key-rotation role", () => {
    const planned = plannedGrants({ userGroupIds: ["u1"], adminGroupIds: ["a1"], deployer, keyFlow: false });
    expect(planned.deployerKeyRotation).toBeUndefined();
    expect(allGrants(planned)).toEqual([
      {
        label: "users-u1-openai-user",
        formerLabel: "users-0-openai-user",
        role: "cognitiveServicesOpenAIUser",
        principalId: "u1",
        principalType: "Group",
        target: "account",
      },
      {
        label: "admins-a1-openai-contributor",
        formerLabel: "admins-0-openai-contributor",
        role: "cognitiveServicesOpenAIContributor",
        principalId: "a1",
        principalType: "Group",
        target: "account",
      },
    ]);
  });

  test("key mode is the default when keyFlow is left out: the grant labels (resource names) are fixed", () => {
    const planned = plannedGrants({ userGroupIds: ["u1", "u2"], adminGroupIds: ["a1"], deployer });
    expect(allGrants(planned).map((g) => g.label)).toEqual([
      "users-u1-openai-user",
      "users-u1-secrets-user",
      "users-u2-openai-user",
      "users-u2-secrets-user",
      "admins-a1-openai-contributor",
      "deployer-key-rotation",
    ]);
  });

  test("a group's grants are the same wherever it stands in its list and whatever else the list holds", () => {
    const groups = fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 6, selector: (id) => id.toLowerCase() });
    fc.assert(
      fc.property(groups, groups, fc.boolean(), (users, admins, keyFlow) => {
        const byLabel = (u: string[], a: string[]) =>
          new Map(
            plannedGrants({ userGroupIds: u, adminGroupIds: a, deployer, keyFlow }).team.map(
              ({ formerLabel: _, ...grant }) => [grant.label, grant],
            ),
          );
        const whole = byLabel(users, admins);
        const shuffled = byLabel([...users].reverse().slice(1), [...admins].reverse());
        // Every grant of the reordered, shortened lists is one of the full lists' grants, under the same label.
        for (const [label, grant] of shuffled) expect(whole.get(label)).toEqual(grant);
        expect(shuffled.size).toBe(whole.size - (keyFlow ? 2 : 1));
      }),
    );
  });

  test("the CI identity (entra mode) may only call the models on the account", () => {
    expect(ciIdentityGrant("ci-sp")).toEqual({
      label: "ci-identity-openai-user",
      role: "cognitiveServicesOpenAIUser",
      principalId: "ci-sp",
      principalType: "ServicePrincipal",
      target: "account",
    });
  });
});
