import { describe, expect, test } from "vitest";
import { type PlanSummary, stackFacts } from "../../lib/fleet/facts";

const SUB = { subscription: "s", source: "stack" as const };
const plan = (partial: Partial<PlanSummary>): PlanSummary => ({ stack: "web", config: {}, resources: [], outputs: {}, policies: [], ...partial });
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";

describe("facts from values that are null, lists or oddly typed", () => {
  test("a deployment whose sku, properties and model are null reads as empty (no crash)", () => {
    const facts = stackFacts(plan({ resources: [{ type: DEPLOYMENT, name: "d", inputs: { sku: null, properties: { model: null } } }] }), SUB);
    expect(facts.deployments).toEqual([{ account: "", name: "d", model: "", version: "", sku: "", capacity: 0 }]);
    const noProperties = stackFacts(plan({ resources: [{ type: DEPLOYMENT, name: "d", inputs: { properties: null } }] }), SUB);
    expect(noProperties.deployments[0]?.model).toBe("");
  });

  test("a null rotation output, github setting or repository reads as empty", () => {
    const facts = stackFacts(plan({ config: { "codex-boundary:github": "null", "codex-boundary:auth": "null" }, outputs: { keyRotation: null } }), SUB);
    expect([facts.nextRotation, facts.repositories, facts.authMode]).toEqual([null, [], "key"]);
    const nullRepo = stackFacts(plan({ config: { "codex-boundary:github": JSON.stringify({ owner: "o", repositories: [null] }) } }), SUB);
    expect(nullRepo.repositories).toEqual(["https://github.com/o/"]);
  });

  test("a null address space has no prefixes", () => {
    const facts = stackFacts(plan({ resources: [{ type: "azure-native:network:VirtualNetwork", name: "v", inputs: { addressSpace: null } }] }), SUB);
    expect(facts.addressSpaces).toEqual([]);
  });

  test("a resource type with no resource part (azure-native:x) reads its name from the bare `Name` input", () => {
    const facts = stackFacts(plan({ resources: [{ type: "azure-native:x", name: "odd", inputs: { resourceGroupName: "rg", Name: "n" } }] }), SUB);
    expect(facts.generatedNames).toEqual([{ scope: "subscription s, resource group rg", type: "azure-native:x", name: "n" }]);
  });

  test("a failing mandatory policy is a mandatory failure and never an advisory", () => {
    const facts = stackFacts(
      plan({
        policies: [
          { name: "private-only", enforcement: "mandatory", verdict: "fail", violations: [{ message: "public" }] },
          { name: "cmk", enforcement: "advisory", verdict: "fail", violations: [] },
        ],
      }),
      SUB,
    );
    expect(facts.advisories).toEqual(["cmk"]);
    expect(facts.mandatoryFailures).toEqual([{ policy: "private-only", messages: ["public"] }]);
    expect(facts.verdict).toBe("fail");
  });
});
