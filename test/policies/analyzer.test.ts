import { resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { toPolicyResources } from "../../lib/plan/render";
import { type PolicyAnalyzer, startPolicyAnalyzer } from "../support/policyAnalyzer";
import { PROJECT_DIR, runStack } from "../support/runStack";

// `pulumi up --policy-pack policies`: the CLI runs the pack's TypeScript through the SDK's policy runner.
let analyzer: PolicyAnalyzer;
beforeAll(async () => {
  analyzer = await startPolicyAnalyzer(resolve(PROJECT_DIR, "policies"));
}, 120_000);
afterAll(() => analyzer?.stop());

test("the pack serves every boundary control with its enforcement level", async () => {
  const served = await analyzer.policies();
  expect(served.map((p) => [p.name, p.enforcement])).toEqual(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
  for (const policy of served) expect(policy.description).toMatch(/Remediation: /);
});

test("a non-compliant team stack gets exactly its mandatory violation over the analyzer protocol", async () => {
  const diagnostics = await analyzer.analyzeStack(toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" })));
  const mandatory = diagnostics.filter((d) => d.enforcement === "mandatory");
  expect(mandatory.map((d) => d.policy)).toEqual(["ai-and-vault-private-only"]);
  expect(mandatory[0]?.urn).toMatch(/cognitiveservices:Account::account$/);
  expect(mandatory[0]?.message).toMatch(/publicNetworkAccess is "Enabled", must be "Disabled"\. Fix: /);
});

test("the example team stack passes every mandatory control; advisories stay advisories", async () => {
  const diagnostics = await analyzer.analyzeStack(toPolicyResources(await runStack({ stack: "dev" })));
  expect(diagnostics.filter((d) => d.enforcement === "mandatory")).toEqual([]);
  expect(diagnostics.map((d) => d.policy)).toContain("customer-managed-keys");
});
