import { describe, expect, test } from "vitest";
import {
  type PlanSummary,
  stackFacts,
  DEPLOYER_SUBSCRIPTION,
  stackSubscription,
  SUBSCRIPTION_KEY,
} from "../../lib/fleet/facts";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";

const SUB = { subscription: "aaaaaaaa-0000-4000-8000-000000000001", source: "stack" as const };

function plan(partial: Partial<PlanSummary> = {}): PlanSummary {
  return {
    stack: "web",
    config: {
      "codex-boundary:team": "web",
      "codex-boundary:location": "SwedenCentral",
      "codex-boundary:dataBoundary": "eu",
      "codex-boundary:github": JSON.stringify({
        owner: "Contoso",
        baseUrl: "https://GHE.contoso.com/",
        repositories: [{ name: "Shop" }, { name: "api" }],
      }),
    },
    resources: [
      {
        type: "azure-native:resources:ResourceGroup",
        name: "resource-group",
        inputs: { resourceGroupName: "rg-codex-web" },
      },
      {
        type: "azure-native:cognitiveservices:Account",
        name: "account",
        inputs: { accountName: "aif-codex-web", resourceGroupName: "rg-codex-web" },
      },
      {
        type: "azure-native:keyvault:Vault",
        name: "vault",
        inputs: { vaultName: "kv-web-<unique-suffix-after-pulumi-up>", resourceGroupName: "rg-codex-web" },
      },
      {
        type: "azure-native:cognitiveservices:Deployment",
        name: "deployment-codex",
        inputs: {
          accountName: "aif-codex-web",
          deploymentName: "codex",
          properties: { model: { name: "gpt-5.3-codex", version: "2026-02-24" } },
          sku: { name: "DataZoneStandard", capacity: 75 },
        },
      },
      {
        type: "azure-native:network:VirtualNetwork",
        name: "vnet",
        inputs: {
          virtualNetworkName: "vnet-codex-web",
          resourceGroupName: "rg-codex-web",
          addressSpace: { addressPrefixes: ["10.61.0.0/24"] },
        },
      },
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
    expect(facts).toMatchObject({
      team: "web",
      region: "swedencentral",
      dataBoundary: "eu",
      resources: 6,
      accounts: ["aif-codex-web"],
      addressSpaces: ["10.61.0.0/24"],
      nextRotation: "2026-12-01",
    });
    expect(facts.deployments).toEqual([
      {
        account: "aif-codex-web",
        name: "codex",
        model: "gpt-5.3-codex",
        version: "2026-02-24",
        sku: "DataZoneStandard",
        capacity: 75,
      },
    ]);
    expect(facts.repositories).toEqual(["contoso/shop", "contoso/api"]);
  });

  test("names carrying the random suffix pulumi up draws are not compared; the others are, in their scope", () => {
    const names = stackFacts(plan(), SUB).generatedNames;
    expect(names.map((n) => n.name).sort()).toEqual(["aif-codex-web", "rg-codex-web", "vnet-codex-web"]);
    expect(names.find((n) => n.name === "rg-codex-web")?.scope).toBe(`subscription ${SUB.subscription}`);
    expect(names.find((n) => n.name === "aif-codex-web")?.scope).toBe(
      `subscription ${SUB.subscription}, resource group rg-codex-web`,
    );
  });

  test("auth mode is key unless codex-boundary:auth.mode says otherwise", () => {
    expect(stackFacts(plan(), SUB).authMode).toBe("key");
    const entra = plan();
    expect(
      stackFacts(
        { ...entra, config: { ...entra.config, "codex-boundary:auth": JSON.stringify({ mode: "entra" }) } },
        SUB,
      ).authMode,
    ).toBe("entra");
  });

  test("verdict: fail on a failing mandatory policy, advisory on an advisory finding, else pass", () => {
    expect(stackFacts(plan(), SUB).verdict).toBe("advisory");
    const failing = stackFacts(
      plan({
        policies: [
          { name: "private-only", enforcement: "mandatory", verdict: "fail", violations: [{ message: "public" }] },
        ],
      }),
      SUB,
    );
    expect(failing.verdict).toBe("fail");
    expect(failing.mandatoryFailures).toEqual([{ policy: "private-only", messages: ["public"] }]);
    expect(stackFacts(plan({ policies: [] }), SUB).verdict).toBe("pass");
  });
});

describe("which subscription a stack deploys to, and odd plans", () => {
  const GUID = "AAAAAAAA-0000-4000-8000-000000000001";
  const SUB = { subscription: "s", source: "stack" as const };
  const plan = (partial: Partial<PlanSummary>): PlanSummary => ({
    stack: "web",
    config: {},
    resources: [],
    outputs: {},
    policies: [],
    ...partial,
  });

  describe("which subscription a stack deploys to", () => {
    test("the stack's own GUID wins, lower case; a non-GUID is an input problem naming the key and the value", () => {
      const fleet = { ...EMPTY_FLEET_FILE, defaultSubscription: "BBBBBBBB-0000-4000-8000-000000000002" };
      expect(stackSubscription({ [SUBSCRIPTION_KEY]: GUID }, fleet)).toEqual({
        subscription: GUID.toLowerCase(),
        source: "stack",
      });
      expect(stackSubscription({ [SUBSCRIPTION_KEY]: "prod" }, fleet)).toEqual({
        problem: 'azure-native:subscriptionId: must be a subscription ID (a GUID) (got "prod")',
      });
      expect(stackSubscription({ [SUBSCRIPTION_KEY]: `x${GUID}` }, fleet)).toHaveProperty("problem");
      expect(stackSubscription({ [SUBSCRIPTION_KEY]: `${GUID}x` }, fleet)).toHaveProperty("problem");
    });

    test("without its own: fleet.yaml's default (lower case), else the deploying job's", () => {
      expect(
        stackSubscription({}, { ...EMPTY_FLEET_FILE, defaultSubscription: "BBBBBBBB-0000-4000-8000-000000000002" }),
      ).toEqual({ subscription: "bbbbbbbb-0000-4000-8000-000000000002", source: "fleet.yaml" });
      expect(stackSubscription({}, EMPTY_FLEET_FILE)).toEqual({
        subscription: DEPLOYER_SUBSCRIPTION,
        source: "deployer",
      });
      expect(DEPLOYER_SUBSCRIPTION).toBe("deployer");
    });
  });

  describe("facts from odd plans", () => {
    test("a deployment without deploymentName takes its logical name; a missing capacity is 0", () => {
      const facts = stackFacts(
        plan({
          resources: [
            {
              type: "azure-native:cognitiveservices:Deployment",
              name: "logical",
              inputs: { sku: { name: "Standard", capacity: "10" } },
            },
          ],
        }),
        SUB,
      );
      expect(facts.deployments).toEqual([
        { account: "", name: "logical", model: "", version: "", sku: "Standard", capacity: 0 },
      ]);
    });

    test("repositories are <owner>/<name>, case-folded: the host is one per platform, so a baseUrl changes nothing", () => {
      const gh = (github: object) =>
        stackFacts(plan({ config: { "codex-boundary:github": JSON.stringify(github) } }), SUB).repositories;
      expect(gh({ owner: "O", repositories: [{ name: "R" }] })).toEqual(["o/r"]);
      expect(gh({ owner: "o", baseUrl: "https://api.github.com", repositories: [{ name: "r" }] })).toEqual(["o/r"]);
      expect(gh({ owner: "o" })).toEqual([]);
    });

    test("a name that only contains a placeholder is skipped; one with no resource group or no name is skipped", () => {
      const names = stackFacts(
        plan({
          resources: [
            {
              type: "azure-native:resources:ResourceGroup",
              name: "rg",
              inputs: { resourceGroupName: "rg-<unique-suffix-after-pulumi-up>" },
            },
            { type: "azure-native:resources:ResourceGroup", name: "rg2", inputs: {} },
            {
              type: "azure-native:keyvault:Vault",
              name: "v",
              inputs: { vaultName: "kv-<suffix-after-pulumi-up>", resourceGroupName: "rg" },
            },
            { type: "azure-native:keyvault:Vault", name: "v2", inputs: { vaultName: "kv", resourceGroupName: "" } },
            { type: "azure-native:keyvault:Vault", name: "v3", inputs: { vaultName: "", resourceGroupName: "rg" } },
            {
              type: "azure-native:keyvault:Vault",
              name: "v4",
              inputs: { vaultName: "kv-<not a placeholder>", resourceGroupName: "rg" },
            },
            { type: "github:index:X", name: "g", inputs: { resourceGroupName: "rg", xName: "n" } },
          ],
        }),
        SUB,
      ).generatedNames;
      expect(names).toEqual([
        {
          scope: "subscription s, resource group rg",
          type: "azure-native:keyvault:Vault",
          name: "kv-<not a placeholder>",
        },
      ]);
    });

    test("address prefixes: only strings, only from virtual networks, nothing when missing", () => {
      const facts = stackFacts(
        plan({
          resources: [
            {
              type: "azure-native:network:VirtualNetwork",
              name: "a",
              inputs: { addressSpace: { addressPrefixes: ["10.0.0.0/24", 5] } },
            },
            { type: "azure-native:network:VirtualNetwork", name: "b", inputs: {} },
            {
              type: "azure-native:network:Subnet",
              name: "c",
              inputs: { addressSpace: { addressPrefixes: ["10.9.0.0/24"] } },
            },
          ],
        }),
        SUB,
      );
      expect(facts.addressSpaces).toEqual(["10.0.0.0/24"]);
    });

    test("only failing advisory policies are advisories; a passing mandatory one is no failure; no rotation output is null", () => {
      const facts = stackFacts(
        plan({
          policies: [
            { name: "m-pass", enforcement: "mandatory", verdict: "pass", violations: [] },
            { name: "a-pass", enforcement: "advisory", verdict: "pass", violations: [] },
            { name: "a-fail", enforcement: "advisory", verdict: "fail", violations: [] },
          ],
        }),
        SUB,
      );
      expect([
        facts.verdict,
        facts.advisories,
        facts.mandatoryFailures,
        facts.nextRotation,
        facts.team,
        facts.authMode,
      ]).toEqual(["advisory", ["a-fail"], [], null, "", "key"]);
      const allPass = stackFacts(
        plan({ policies: [{ name: "a", enforcement: "advisory", verdict: "pass", violations: [] }] }),
        SUB,
      );
      expect([allPass.verdict, allPass.advisories]).toEqual(["pass", []]);
      expect(
        stackFacts(
          plan({ resources: [{ type: "azure-native:cognitiveservices:Account", name: "acct", inputs: {} }] }),
          SUB,
        ).accounts,
      ).toEqual(["acct"]);
    });
  });
});

describe("facts from values that are null, lists or oddly typed", () => {
  const SUB = { subscription: "s", source: "stack" as const };
  const plan = (partial: Partial<PlanSummary>): PlanSummary => ({
    stack: "web",
    config: {},
    resources: [],
    outputs: {},
    policies: [],
    ...partial,
  });
  const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";

  describe("facts from values that are null, lists or oddly typed", () => {
    test("a deployment whose sku, properties and model are null reads as empty (no crash)", () => {
      const facts = stackFacts(
        plan({ resources: [{ type: DEPLOYMENT, name: "d", inputs: { sku: null, properties: { model: null } } }] }),
        SUB,
      );
      expect(facts.deployments).toEqual([{ account: "", name: "d", model: "", version: "", sku: "", capacity: 0 }]);
      const noProperties = stackFacts(
        plan({ resources: [{ type: DEPLOYMENT, name: "d", inputs: { properties: null } }] }),
        SUB,
      );
      expect(noProperties.deployments[0]?.model).toBe("");
    });

    test("a null rotation output, github setting or repository reads as empty", () => {
      const facts = stackFacts(
        plan({
          config: { "codex-boundary:github": "null", "codex-boundary:auth": "null" },
          outputs: { keyRotation: null },
        }),
        SUB,
      );
      expect([facts.nextRotation, facts.repositories, facts.authMode]).toEqual([null, [], "key"]);
      const nullRepo = stackFacts(
        plan({ config: { "codex-boundary:github": JSON.stringify({ owner: "o", repositories: [null] }) } }),
        SUB,
      );
      expect(nullRepo.repositories).toEqual(["o/"]);
    });

    test("a null address space has no prefixes", () => {
      const facts = stackFacts(
        plan({
          resources: [{ type: "azure-native:network:VirtualNetwork", name: "v", inputs: { addressSpace: null } }],
        }),
        SUB,
      );
      expect(facts.addressSpaces).toEqual([]);
    });

    test("a resource type with no resource part (azure-native:x) reads its name from the bare `Name` input", () => {
      const facts = stackFacts(
        plan({ resources: [{ type: "azure-native:x", name: "odd", inputs: { resourceGroupName: "rg", Name: "n" } }] }),
        SUB,
      );
      expect(facts.generatedNames).toEqual([
        { scope: "subscription s, resource group rg", type: "azure-native:x", name: "n" },
      ]);
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
});
