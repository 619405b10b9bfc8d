import { resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { TYPES } from "../../lib/policy/types";
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
  const diagnostics = await analyzer.analyzeRun(toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" })));
  const mandatory = diagnostics.filter((d) => d.enforcement === "mandatory");
  expect(mandatory.map((d) => d.policy)).toEqual(["ai-and-vault-private-only"]);
  expect(mandatory[0]?.urn).toMatch(/cognitiveservices:Account::account$/);
  expect(mandatory[0]?.message).toMatch(/publicNetworkAccess is "Enabled", must be "Disabled"\. Fix: /);
});

test("a public account is refused on its own, as the engine asks before creating it", async () => {
  const resources = toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" }));
  const account = resources.find((r) => r.type === TYPES.account);
  const vault = resources.find((r) => r.type === TYPES.vault);
  expect((await analyzer.analyze(account!)).filter((d) => d.enforcement === "mandatory").map((d) => d.policy)).toEqual(["ai-and-vault-private-only"]);
  expect((await analyzer.analyze(vault!)).filter((d) => d.enforcement === "mandatory")).toEqual([]);
});

test("the example team stack passes every mandatory control; advisories stay advisories", async () => {
  const diagnostics = await analyzer.analyzeRun(toPolicyResources(await runStack({ stack: "dev" })));
  expect(diagnostics.filter((d) => d.enforcement === "mandatory")).toEqual([]);
  expect(diagnostics.map((d) => d.policy)).toContain("customer-managed-keys");
});

test("during a first preview, IDs not known yet do not hide a public account; the endpoint control says it cannot run yet", async () => {
  // The engine marks values it does not know yet with this sentinel (@pulumi/pulumi runtime/rpc unknownValue).
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const resources = toPolicyResources(await runStack({ stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" })).map((r) =>
    r.type === TYPES.privateEndpoint
      ? { ...r, props: { ...r.props, privateLinkServiceConnections: [{ name: "account", privateLinkServiceId: UNKNOWN, groupIds: ["account"] }] } }
      : r,
  );
  const diagnostics = await analyzer.analyzeRun(resources);
  expect(diagnostics.filter((d) => d.enforcement === "mandatory").map((d) => d.policy)).toEqual(["ai-and-vault-private-only"]);
  const endpoint = diagnostics.filter((d) => d.policy === "ai-account-has-private-endpoint");
  expect(endpoint).toHaveLength(1);
  expect(endpoint[0]?.enforcement).toBe("advisory");
  expect(endpoint[0]?.message).toMatch(/can't run policy 'ai-account-has-private-endpoint' .* during preview/);
});
