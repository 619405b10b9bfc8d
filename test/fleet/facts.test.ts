import { describe, expect, test } from "vitest";
import { type PlanSummary, stackFacts } from "../../lib/fleet/facts";

const SUB = { subscription: "aaaaaaaa-0000-4000-8000-000000000001", source: "stack" as const };

function plan(partial: Partial<PlanSummary> = {}): PlanSummary {
  return {
    stack: "web",
    config: {
      "codex-boundary:team": "web",
      "codex-boundary:location": "SwedenCentral",
      "codex-boundary:dataBoundary": "eu",
      "codex-boundary:github": JSON.stringify({ owner: "Contoso", baseUrl: "https://GHE.contoso.com/", repositories: [{ name: "Shop" }, { name: "api" }] }),
    },
    resources: [
      { type: "azure-native:resources:ResourceGroup", name: "resource-group", inputs: { resourceGroupName: "rg-codex-web" } },
      { type: "azure-native:cognitiveservices:Account", name: "account", inputs: { accountName: "aif-codex-web", resourceGroupName: "rg-codex-web" } },
      { type: "azure-native:keyvault:Vault", name: "vault", inputs: { vaultName: "kv-web-<unique-suffix-after-pulumi-up>", resourceGroupName: "rg-codex-web" } },
      {
        type: "azure-native:cognitiveservices:Deployment",
        name: "deployment-codex",
        inputs: { accountName: "aif-codex-web", deploymentName: "codex", properties: { model: { name: "gpt-5.3-codex", version: "2026-02-24" } }, sku: { name: "DataZoneStandard", capacity: 75 } },
      },
      { type: "azure-native:network:VirtualNetwork", name: "vnet", inputs: { virtualNetworkName: "vnet-codex-web", resourceGroupName: "rg-codex-web", addressSpace: { addressPrefixes: ["10.61.0.0/24"] } } },
      { type: "github:index/actionsVariable:ActionsVariable", name: "v", inputs: {} },
    ],
    outputs: { keyRotation: { nextRotationOn: "2026-12-01T00:00:00.000Z" } },
    policies: [
      { name: "private-only", enforcement: "mandatory", verdict: "pass", violations: [] },
      { name: "customer-managed-keys", enforcement: "advisory", verdict: "fail", violations: [{ message: "x" }] },
    ],
    ...partial,
  };
}

describe("the fleet's view of a plan", () => {
  test("reads team, region, deployments, networks, repositories and the next rotation from what was planned", () => {
    const facts = stackFacts(plan(), SUB);
    expect(facts).toMatchObject({ team: "web", region: "swedencentral", dataBoundary: "eu", resources: 6, accounts: ["aif-codex-web"], addressSpaces: ["10.61.0.0/24"], nextRotation: "2026-12-01" });
    expect(facts.deployments).toEqual([{ account: "aif-codex-web", name: "codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard", capacity: 75 }]);
    expect(facts.repositories).toEqual(["https://ghe.contoso.com/contoso/shop", "https://ghe.contoso.com/contoso/api"]);
  });

  test("names carrying the random suffix pulumi up draws are not compared; the others are, in their scope", () => {
    const names = stackFacts(plan(), SUB).generatedNames;
    expect(names.map((n) => n.name).sort()).toEqual(["aif-codex-web", "rg-codex-web", "vnet-codex-web"]);
    expect(names.find((n) => n.name === "rg-codex-web")?.scope).toBe(`subscription ${SUB.subscription}`);
    expect(names.find((n) => n.name === "aif-codex-web")?.scope).toBe(`subscription ${SUB.subscription}, resource group rg-codex-web`);
  });

  test("auth mode is key unless codex-boundary:auth.mode says otherwise", () => {
    expect(stackFacts(plan(), SUB).authMode).toBe("key");
    const entra = plan();
    expect(stackFacts({ ...entra, config: { ...entra.config, "codex-boundary:auth": JSON.stringify({ mode: "entra" }) } }, SUB).authMode).toBe("entra");
  });

  test("verdict: fail on a failing mandatory policy, advisory on an advisory finding, else pass", () => {
    expect(stackFacts(plan(), SUB).verdict).toBe("advisory");
    const failing = stackFacts(plan({ policies: [{ name: "private-only", enforcement: "mandatory", verdict: "fail", violations: [{ message: "public" }] }] }), SUB);
    expect(failing.verdict).toBe("fail");
    expect(failing.mandatoryFailures).toEqual([{ policy: "private-only", messages: ["public"] }]);
    expect(stackFacts(plan({ policies: [] }), SUB).verdict).toBe("pass");
  });
});
