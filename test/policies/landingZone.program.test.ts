import { describe, expect, test } from "vitest";
import { planStack } from "../support/runStack";

async function violated(stack: string, fixture?: string): Promise<string[]> {
  const doc = await planStack(fixture === undefined ? { stack } : { stack, fixture });
  return doc.policies.filter((p) => p.violations.length > 0).map((p) => p.name);
}

describe("landing-zone advisories at plan", () => {
  test("the hub fixture (kind OpenAI, key mode) carries both; the entra fixture neither; dev only the local-auth one", async () => {
    expect(await violated("hub", "Pulumi.hub.yaml")).toEqual(
      expect.arrayContaining(["local-auth-remediation-drift", "openai-kind-customer-managed-key"]),
    );
    const entra = await violated("entra", "Pulumi.entra.yaml");
    expect(entra).not.toContain("local-auth-remediation-drift");
    expect(entra).not.toContain("openai-kind-customer-managed-key");
    const dev = await violated("dev");
    expect(dev).toContain("local-auth-remediation-drift");
    expect(dev).not.toContain("openai-kind-customer-managed-key");
  });
});
