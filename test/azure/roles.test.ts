import fc from "fast-check";
import { expect, test } from "vitest";
import { allGrants, plannedGrants, roleAssignmentName, ROLES } from "../../lib/azure/roles";

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
  expect(roleAssignmentName("/s", "keyVaultSecretsUser", "p")).not.toBe(roleAssignmentName("/s", "keyVaultSecretsOfficer", "p"));
});

test("users read, admins manage, the deployer can rotate keys and holds no Key Vault role (least privilege)", () => {
  const planned = plannedGrants({ userGroupIds: ["u1", "u2"], adminGroupIds: ["a1"], deployer: { objectId: "d", principalType: "ServicePrincipal" } });
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
