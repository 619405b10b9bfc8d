import { expect, test } from "vitest";
import { KEY_AUTH_EXEMPTION_DESCRIPTION } from "../../components/keyAuthExemption";
import type { PlanDocument } from "../../lib/plan/render";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { ofType, planStack } from "../support/runStack";
import { addDays, FIXTURE_DAY } from "../support/clock";

const EXEMPTION = "azure-native:authorization:PolicyExemption";

function verdict(doc: PlanDocument, name: string): string | undefined {
  return (doc as PlanDocument & { policies: Array<{ name: string; verdict: string }> }).policies.find(
    (p) => p.name === name,
  )?.verdict;
}

test("when the config names the key-auth policy assignment, the account gets an expiring Waiver a reviewer can read", async () => {
  const doc = await planStack({ stack: "hub", fixture: "Pulumi.hub.yaml" });
  const [exemption, ...others] = ofType(doc, EXEMPTION);
  expect(others).toEqual([]);
  const account = ofType(doc, "azure-native:cognitiveservices:Account")[0];
  const group = ofType(doc, "azure-native:resources:ResourceGroup")[0];
  expect(exemption?.inputs).toMatchObject({
    policyExemptionName: "codex-key-auth-payments-eu",
    // On the resource group (it exists first), narrowed to AI accounts: under a Deny assignment the account's
    // PUT is already exempt (issue 12: an exemption on the account could only exist after it).
    scope: "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourceGroups/rg-codex-payments-eu",
    resourceSelectors: [
      { name: "codex-ai-account", selectors: [{ kind: "resourceType", in: ["Microsoft.CognitiveServices/accounts"] }] },
    ],
    policyAssignmentId:
      "/providers/Microsoft.Management/managementGroups/contoso-eu/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth",
    exemptionCategory: "Waiver",
    expiresOn: "2027-06-30T00:00:00Z",
    description: KEY_AUTH_EXEMPTION_DESCRIPTION,
  });
  // What a reviewer reads in Azure: why, the compensating controls, and where else the key lives (issue 15).
  expect(KEY_AUTH_EXEMPTION_DESCRIPTION).toMatch(/API key.*key mode/);
  expect(KEY_AUTH_EXEMPTION_DESCRIPTION).toMatch(/Pulumi state/);
  expect(KEY_AUTH_EXEMPTION_DESCRIPTION).not.toMatch(/never written to a file|Entra ID is not available/);
  expect(KEY_AUTH_EXEMPTION_DESCRIPTION.length).toBeLessThanOrEqual(1024);
  // The account waits for the exemption, never the other way round.
  expect(account?.dependsOn).toContain(exemption?.urn);
  expect(exemption?.dependsOn).not.toContain(account?.urn);
  expect(exemption?.dependsOn).toContain(group?.urn);
  expect(exemption?.inputs).not.toHaveProperty("policyDefinitionReferenceIds");
  expect(verdict(doc, "key-auth-exception-recorded")).toBe("pass");
});

test("for an initiative assignment, policyDefinitionReferenceIds waive only the named definitions", async () => {
  const doc = await planStack({
    stack: "hub",
    fixture: "Pulumi.hub.yaml",
    overrides: {
      policy: {
        keyAuthExemption: {
          policyAssignmentId: ASSIGNMENT,
          expiresOn: "2027-06-30",
          policyDefinitionReferenceIds: ["aiServicesDisableLocalAuth"],
        },
      },
    },
  });
  expect(ofType(doc, EXEMPTION)[0]?.inputs.policyDefinitionReferenceIds).toEqual(["aiServicesDisableLocalAuth"]);
  await expect(
    planStack({
      stack: "hub",
      fixture: "Pulumi.hub.yaml",
      overrides: {
        policy: {
          keyAuthExemption: {
            policyAssignmentId: ASSIGNMENT,
            expiresOn: "2027-06-30",
            policyDefinitionReferenceIds: [],
          },
        },
      },
    }),
  ).rejects.toThrow(/codex-boundary:policy\.keyAuthExemption\.policyDefinitionReferenceIds: must list at least one/);
});

test("an exemption on the group whose selector leaves AI accounts out does not count as the recorded exception", () => {
  const account = {
    urn: "a",
    type: "azure-native:cognitiveservices:Account",
    name: "a",
    props: { accountName: "aif-x", resourceGroupName: "rg-x", properties: { disableLocalAuth: false } },
  };
  const exemption = (selectors: unknown) => ({
    urn: "e",
    type: EXEMPTION,
    name: "e",
    props: { scope: "/subscriptions/s/resourceGroups/rg-x", resourceSelectors: selectors },
  });
  const control = BOUNDARY_POLICIES.find((p) => p.name === "key-auth-exception-recorded");
  if (control === undefined) throw new Error("no key-auth-exception-recorded control");
  const check = (selectors: unknown) => control.check([account, exemption(selectors)], { nowMs: 0 }).length;
  expect(
    check([{ name: "s", selectors: [{ kind: "resourceType", in: ["Microsoft.CognitiveServices/accounts"] }] }]),
  ).toBe(0);
  expect(check(undefined)).toBe(0);
  expect(check([{ name: "s", selectors: [{ kind: "resourceType", in: ["Microsoft.KeyVault/vaults"] }] }])).toBe(1);
  expect(
    check([{ name: "s", selectors: [{ kind: "resourceType", notIn: ["Microsoft.CognitiveServices/accounts"] }] }]),
  ).toBe(1);
});

test("without that config there is no exemption, and the advisory control says the exception is unrecorded", async () => {
  const doc = await planStack({ stack: "dev" });
  expect(ofType(doc, EXEMPTION)).toEqual([]);
  expect(verdict(doc, "key-auth-exception-recorded")).toBe("fail");
});

const ASSIGNMENT =
  "/providers/Microsoft.Management/managementGroups/contoso-eu/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";

test("an exemption ending within 30 days is a report finding", async () => {
  // planStack plans on the fixture day: the waiver ends ten days later.
  const soon = addDays(FIXTURE_DAY, 10);
  const doc = await planStack({
    stack: "hub",
    fixture: "Pulumi.hub.yaml",
    overrides: { policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: soon } } },
  });
  const finding = (
    doc as PlanDocument & {
      policies: Array<{ name: string; enforcement: string; verdict: string; violations: Array<{ message: string }> }>;
    }
  ).policies.find((p) => p.name === "key-auth-exemption-expiry");
  expect([finding?.verdict, finding?.enforcement]).toEqual(["fail", "advisory"]);
  expect(finding?.violations[0]?.message).toMatch(new RegExp(`expires on ${soon}, in 10 day\\(s\\)`));
});

test("an exemption beyond the one-year maximum stops the program with the config path (regression: 2099-12-31 planned clean)", async () => {
  await expect(
    planStack({
      stack: "hub",
      fixture: "Pulumi.hub.yaml",
      overrides: { policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: "2099-12-31" } } },
    }),
  ).rejects.toThrow(
    /codex-boundary:policy\.keyAuthExemption\.expiresOn: must be at most 12 months ahead .*\(got "2099-12-31"\)/,
  );
});
