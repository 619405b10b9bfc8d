import { expect, test } from "vitest";
import { allGrants, ciIdentityGrant, plannedGrants } from "../../lib/azure/roles";

const deployer = { objectId: "d", principalType: "ServicePrincipal" as const };

test("entra mode (no key flow): developers get OpenAI User only, no vault role, and the deployer gets no key-rotation role", () => {
  const planned = plannedGrants({ userGroupIds: ["u1"], adminGroupIds: ["a1"], deployer, keyFlow: false });
  expect(planned.deployerKeyRotation).toBeUndefined();
  expect(allGrants(planned)).toEqual([
    { label: "users-0-openai-user", role: "cognitiveServicesOpenAIUser", principalId: "u1", principalType: "Group", target: "account" },
    { label: "admins-0-openai-contributor", role: "cognitiveServicesOpenAIContributor", principalId: "a1", principalType: "Group", target: "account" },
  ]);
});

test("key mode is the default when keyFlow is left out: the grant labels (resource names) are fixed", () => {
  const planned = plannedGrants({ userGroupIds: ["u1", "u2"], adminGroupIds: ["a1"], deployer });
  expect(allGrants(planned).map((g) => g.label)).toEqual([
    "users-0-openai-user",
    "users-0-secrets-user",
    "users-1-openai-user",
    "users-1-secrets-user",
    "admins-0-openai-contributor",
    "deployer-key-rotation",
  ]);
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
