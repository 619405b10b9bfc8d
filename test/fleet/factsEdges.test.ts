import { describe, expect, test } from "vitest";
import { DEPLOYER_SUBSCRIPTION, type PlanSummary, stackFacts, stackSubscription, SUBSCRIPTION_KEY } from "../../lib/fleet/facts";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";

const GUID = "AAAAAAAA-0000-4000-8000-000000000001";
const SUB = { subscription: "s", source: "stack" as const };
const plan = (partial: Partial<PlanSummary>): PlanSummary => ({ stack: "web", config: {}, resources: [], outputs: {}, policies: [], ...partial });

describe("which subscription a stack deploys to", () => {
  test("the stack's own GUID wins, lower case; a non-GUID is an input problem naming the key and the value", () => {
    const fleet = { ...EMPTY_FLEET_FILE, defaultSubscription: "BBBBBBBB-0000-4000-8000-000000000002" };
    expect(stackSubscription({ [SUBSCRIPTION_KEY]: GUID }, fleet)).toEqual({ subscription: GUID.toLowerCase(), source: "stack" });
    expect(stackSubscription({ [SUBSCRIPTION_KEY]: "prod" }, fleet)).toEqual({ problem: 'azure-native:subscriptionId: must be a subscription ID (a GUID) (got "prod")' });
    expect(stackSubscription({ [SUBSCRIPTION_KEY]: `x${GUID}` }, fleet)).toHaveProperty("problem");
    expect(stackSubscription({ [SUBSCRIPTION_KEY]: `${GUID}x` }, fleet)).toHaveProperty("problem");
  });

  test("without its own: fleet.yaml's default (lower case), else the deploying job's", () => {
    expect(stackSubscription({}, { ...EMPTY_FLEET_FILE, defaultSubscription: "BBBBBBBB-0000-4000-8000-000000000002" })).toEqual({ subscription: "bbbbbbbb-0000-4000-8000-000000000002", source: "fleet.yaml" });
    expect(stackSubscription({}, EMPTY_FLEET_FILE)).toEqual({ subscription: DEPLOYER_SUBSCRIPTION, source: "deployer" });
    expect(DEPLOYER_SUBSCRIPTION).toBe("deployer");
  });
});

describe("facts from odd plans", () => {
  test("a deployment without deploymentName takes its logical name; a missing capacity is 0", () => {
    const facts = stackFacts(plan({ resources: [{ type: "azure-native:cognitiveservices:Deployment", name: "logical", inputs: { sku: { name: "Standard", capacity: "10" } } }] }), SUB);
    expect(facts.deployments).toEqual([{ account: "", name: "logical", model: "", version: "", sku: "Standard", capacity: 0 }]);
  });

  test("repositories default to github.com; trailing slashes of the host are dropped", () => {
    const gh = (github: object) => stackFacts(plan({ config: { "codex-boundary:github": JSON.stringify(github) } }), SUB).repositories;
    expect(gh({ owner: "O", repositories: [{ name: "R" }] })).toEqual(["https://github.com/o/r"]);
    expect(gh({ owner: "o", baseUrl: "https://ghe.example//", repositories: [{ name: "r" }] })).toEqual(["https://ghe.example/o/r"]);
    expect(gh({ owner: "o" })).toEqual([]);
  });

  test("a name that only contains a placeholder is skipped; one with no resource group or no name is skipped", () => {
    const names = stackFacts(
      plan({
        resources: [
          { type: "azure-native:resources:ResourceGroup", name: "rg", inputs: { resourceGroupName: "rg-<unique-suffix-after-pulumi-up>" } },
          { type: "azure-native:resources:ResourceGroup", name: "rg2", inputs: {} },
          { type: "azure-native:keyvault:Vault", name: "v", inputs: { vaultName: "kv-<suffix-after-pulumi-up>", resourceGroupName: "rg" } },
          { type: "azure-native:keyvault:Vault", name: "v2", inputs: { vaultName: "kv", resourceGroupName: "" } },
          { type: "azure-native:keyvault:Vault", name: "v3", inputs: { vaultName: "", resourceGroupName: "rg" } },
          { type: "azure-native:keyvault:Vault", name: "v4", inputs: { vaultName: "kv-<not a placeholder>", resourceGroupName: "rg" } },
          { type: "github:index:X", name: "g", inputs: { resourceGroupName: "rg", xName: "n" } },
        ],
      }),
      SUB,
    ).generatedNames;
    expect(names).toEqual([{ scope: "subscription s, resource group rg", type: "azure-native:keyvault:Vault", name: "kv-<not a placeholder>" }]);
  });

  test("address prefixes: only strings, only from virtual networks, nothing when missing", () => {
    const facts = stackFacts(
      plan({
        resources: [
          { type: "azure-native:network:VirtualNetwork", name: "a", inputs: { addressSpace: { addressPrefixes: ["10.0.0.0/24", 5] } } },
          { type: "azure-native:network:VirtualNetwork", name: "b", inputs: {} },
          { type: "azure-native:network:Subnet", name: "c", inputs: { addressSpace: { addressPrefixes: ["10.9.0.0/24"] } } },
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
    expect([facts.verdict, facts.advisories, facts.mandatoryFailures, facts.nextRotation, facts.team, facts.authMode]).toEqual(["advisory", ["a-fail"], [], null, "", "key"]);
    const allPass = stackFacts(plan({ policies: [{ name: "a", enforcement: "advisory", verdict: "pass", violations: [] }] }), SUB);
    expect([allPass.verdict, allPass.advisories]).toEqual(["pass", []]);
    expect(stackFacts(plan({ resources: [{ type: "azure-native:cognitiveservices:Account", name: "acct", inputs: {} }] }), SUB).accounts).toEqual(["acct"]);
  });
});
