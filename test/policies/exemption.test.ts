import { expect, test } from "vitest";
import { KEY_AUTH_EXEMPTION_DESCRIPTION } from "../../components/keyAuthExemption";
import type { PlanDocument } from "../../lib/plan/render";
import { ofType, planStack } from "../support/runStack";

const EXEMPTION = "azure-native:authorization:PolicyExemption";

function verdict(doc: PlanDocument, name: string): string | undefined {
  return (doc as PlanDocument & { policies: Array<{ name: string; verdict: string }> }).policies.find((p) => p.name === name)?.verdict;
}

test("when the config names the key-auth policy assignment, the account gets an expiring Waiver a reviewer can read", async () => {
  const doc = await planStack({ stack: "hub", fixture: "Pulumi.hub.yaml" });
  const [exemption, ...others] = ofType(doc, EXEMPTION);
  expect(others).toEqual([]);
  const account = ofType(doc, "azure-native:cognitiveservices:Account")[0];
  expect(exemption?.inputs).toMatchObject({
    policyExemptionName: "codex-key-auth-payments-eu",
    scope: doc.outputs.accountId,
    policyAssignmentId: "/providers/Microsoft.Management/managementGroups/contoso-eu/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth",
    exemptionCategory: "Waiver",
    expiresOn: "2027-06-30T00:00:00Z",
    description: KEY_AUTH_EXEMPTION_DESCRIPTION,
  });
  expect(KEY_AUTH_EXEMPTION_DESCRIPTION).toMatch(/API key.*Entra ID is not available for Codex/);
  expect(exemption?.dependsOn).toContain(account?.urn);
  expect(verdict(doc, "key-auth-exception-recorded")).toBe("pass");
});

test("without that config there is no exemption, and the advisory control says the exception is unrecorded", async () => {
  const doc = await planStack({ stack: "dev" });
  expect(ofType(doc, EXEMPTION)).toEqual([]);
  expect(verdict(doc, "key-auth-exception-recorded")).toBe("fail");
});
