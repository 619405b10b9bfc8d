import { describe, expect, test } from "vitest";
import { crossFieldProblems } from "../../lib/config/crossField";
import { MAX_FEDERATED_CREDENTIALS } from "../../lib/config/schema";
import { configProblems, minimalConfig } from "./minimalConfig";
import { expectProblems } from "../support/problemText";

/**
 * Each cross-field rule on its own, over minimal raw configs: a case that must be refused beside the case next to it
 * that must pass, with the exact path and message (the value is added later by the parser).
 */

const SUB_A = "0a0a0a0a-0000-4000-8000-00000000000a";
const SUB_B = "0b0b0b0b-0000-4000-8000-00000000000b";
const subnetIn = (subscription: string) =>
  `/subscriptions/${subscription}/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub-vnet/subnets/endpoints`;
const groupIn = (subscription: string) => `/subscriptions/${subscription}/resourceGroups/team-endpoints`;
const EXEMPTION = {
  policyAssignmentId: "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth",
  expiresOn: "2027-01-01",
};

const lines = (raw: Record<string, unknown>) => crossFieldProblems(raw).map((p) => `${p.path.join("/")}: ${p.message}`);

describe("deployment names are unique, ignoring case", () => {
  const models = (...names: unknown[]) => ({ models: names.map((name) => ({ name })) });

  test("distinct names pass", () => {
    expect(crossFieldProblems(models("a", "b", "c"))).toEqual([]);
  });

  test("a repeat names the first deployment that has it, for every repeat", () => {
    expectProblems(lines(models("codex", "other", "CODEX", "Codex")), [
      ["models/2/name", "'CODEX'", "models[0]", "give each deployment its own name"],
      ["models/3/name", "'Codex'", "models[0]", "give each deployment its own name"],
    ]);
  });

  test("the path carries the index of the repeat; names that are not valid names take no part", () => {
    expect(crossFieldProblems(models(5, "x", 5, "", ""))).toEqual([]);
    expect(crossFieldProblems(models("x", "y", "x"))).toEqual([
      { path: ["models", 2, "name"], message: expect.stringContaining("(models[0] has it too;") as string },
    ]);
  });

  test("a list in place of a deployment is not read as a map, even one carrying a name", () => {
    expect(crossFieldProblems({ models: [{ name: "a" }, Object.assign(["x"], { name: "a" })] })).toEqual([]);
    expect(crossFieldProblems({ codex: Object.assign([], { defaultModel: "z" }), models: [{ name: "a" }] })).toEqual(
      [],
    );
    expect(
      crossFieldProblems({
        networking: Object.assign([], {
          mode: "create",
          addressSpace: "10.60.0.0/24",
          privateEndpointSubnet: "10.61.0.0/27",
        }),
      }),
    ).toEqual([]);
  });

  test("models that are not a list, or entries that are not maps, are left to the schema", () => {
    expect(crossFieldProblems({ models: "codex" })).toEqual([]);
    expect(crossFieldProblems({ models: ["codex", null, ["codex"]] })).toEqual([]);
  });
});

describe("Global* SKUs against the data boundary", () => {
  const deployments = (dataBoundary: unknown, ...skus: unknown[]) => ({
    dataBoundary,
    models: skus.map((sku, i) => ({ name: `m${i}`, sku })),
  });

  test("eu and us refuse every Global* SKU, with the DataZone equivalent as the fix", () => {
    expectProblems(lines(deployments("eu", "GlobalStandard", "GlobalProvisionedManaged", "GlobalBatch")), [
      ["models/0/sku", "'eu'", "GlobalStandard", "use DataZoneStandard or Standard"],
      ["models/1/sku", "'eu'", "GlobalProvisionedManaged", "use DataZoneProvisionedManaged or Standard"],
      ["models/2/sku", "'eu'", "GlobalBatch", "use DataZoneBatch or Standard"],
    ]);
    expectProblems(lines(deployments("us", "GlobalStandard")), [
      ["models/0/sku", "'us'", "GlobalStandard", "use DataZoneStandard or Standard"],
    ]);
  });

  test("DataZone and Standard SKUs pass in eu; every SKU passes in global", () => {
    expect(crossFieldProblems(deployments("eu", "DataZoneStandard", "Standard", "DataZoneProvisionedManaged"))).toEqual(
      [],
    );
    expect(crossFieldProblems(deployments("global", "GlobalStandard", "GlobalBatch", "DataZoneStandard"))).toEqual([]);
  });

  test("no judgement without a valid boundary or a valid SKU (their own problems are reported)", () => {
    expect(crossFieldProblems(deployments("apac", "GlobalStandard"))).toEqual([]);
    expect(crossFieldProblems(deployments(undefined, "GlobalStandard"))).toEqual([]);
    expect(crossFieldProblems(deployments("eu", "GlobalPremium", "globalstandard"))).toEqual([]);
  });
});

describe("codex.defaultModel names a deployment", () => {
  const raw = (defaultModel: unknown, models: unknown) => ({ codex: { defaultModel }, models });

  test("a configured name passes, whatever its position", () => {
    expect(crossFieldProblems(raw("b", [{ name: "a" }, { name: "b" }]))).toEqual([]);
    expect(crossFieldProblems(raw("a", [{ name: "a" }, { name: "b" }]))).toEqual([]);
  });

  test("another name is refused, listing the configured names and the first as the default", () => {
    expectProblems(lines(raw("gpt-4o", [{ name: "a" }, { name: 7 }, null, { name: "b" }])), [
      ["codex/defaultModel", "a, b", "codex.defaultModel to use the first (a)"],
    ]);
  });

  test("with no named deployment the fix is to add one", () => {
    expectProblems(lines(raw("a", [])), [["codex/defaultModel", "add the deployment to models"]]);
    expectProblems(lines(raw("a", [{ name: 1 }])), [["codex/defaultModel", "add the deployment to models"]]);
  });

  test("no default model, a default that is not text, or models that are not a list: nothing to compare", () => {
    expect(crossFieldProblems({ codex: {}, models: [{ name: "a" }] })).toEqual([]);
    expect(crossFieldProblems({ models: [{ name: "a" }] })).toEqual([]);
    expect(crossFieldProblems(raw(3, [{ name: "a" }]))).toEqual([]);
    expect(crossFieldProblems(raw("a", "a"))).toEqual([]);
    expect(crossFieldProblems(raw("a", { name: "b" }))).toEqual([]);
  });
});

describe("GitHub repositories", () => {
  const github = (...repositories: unknown[]) => ({ github: { owner: "contoso", repositories } });

  test("the same repository twice (names ignore case) is refused for every repeat, naming the first", () => {
    expectProblems(lines(github({ name: "api" }, { name: "web" }, { name: "API" }, { name: "Api" })), [
      ["github/repositories/2/name", "'API'", "repositories[0]", "list each repository once"],
      ["github/repositories/3/name", "'Api'", "repositories[0]", "list each repository once"],
    ]);
    expect(crossFieldProblems(github({ name: "web" }, { name: "api" }, { name: "api" }))[0]?.message).toContain(
      "(github.repositories[1] names it too;",
    );
  });

  test("different repositories pass; invalid names are left to the schema", () => {
    expect(crossFieldProblems(github({ name: "api" }, { name: "web" }))).toEqual([]);
    expect(crossFieldProblems(github({ name: "a/b" }, { name: "a/b" }, { name: 3 }, { name: 3 }))).toEqual([]);
  });

  test("the repository-secret opt-out next to an environment is refused; either alone passes", () => {
    expectProblems(lines(github({ name: "api" }, { name: "web", environment: "ci", allowRepositorySecret: true })), [
      [
        "github/repositories/1/allowRepositorySecret",
        "'ci'",
        "remove allowRepositorySecret (recommended) or environment",
      ],
    ]);
    expect(crossFieldProblems(github({ name: "api", allowRepositorySecret: true }))).toEqual([]);
    expect(crossFieldProblems(github({ name: "api", environment: "ci" }))).toEqual([]);
    expect(crossFieldProblems(github({ name: "api", environment: "ci", allowRepositorySecret: false }))).toEqual([]);
  });

  test("an opt-out or environment that does not parse is left to the schema", () => {
    expect(crossFieldProblems(github({ name: "api", environment: "ci", allowRepositorySecret: "true" }))).toEqual([]);
    expect(crossFieldProblems(github({ name: "api", environment: "prod/eu", allowRepositorySecret: true }))).toEqual(
      [],
    );
  });

  test("repositories that are not a list, or a github that is not a map, are left to the schema", () => {
    expect(crossFieldProblems({ github: { repositories: { name: "api" } } })).toEqual([]);
    expect(crossFieldProblems({ github: [{ repositories: [{ name: "a" }, { name: "a" }] }] })).toEqual([]);
    expect(crossFieldProblems({ github: "contoso" })).toEqual([]);
  });
});

describe("the private endpoint subnet lies inside the address space", () => {
  const create = (addressSpace: unknown, privateEndpointSubnet?: unknown) => ({
    networking: { mode: "create", addressSpace, privateEndpointSubnet },
  });

  test("inside, at either edge or the whole space, passes", () => {
    expect(crossFieldProblems(create("10.60.0.0/24", "10.60.0.0/27"))).toEqual([]);
    expect(crossFieldProblems(create("10.60.0.0/24", "10.60.0.224/27"))).toEqual([]);
    expect(crossFieldProblems(create("10.60.0.0/24", "10.60.0.0/24"))).toEqual([]);
    expect(crossFieldProblems(create("10.60.0.0/24"))).toEqual([]);
  });

  test("outside, just past the top edge, or larger than the space is refused with the space's first /27", () => {
    const refused = (space: string, first: string) =>
      `networking/privateEndpointSubnet: must lie inside networking.addressSpace (${space}): use a block inside it, e.g. ${first} (the default when unset)`;
    expect(lines(create("10.60.0.0/24", "10.61.0.0/27"))).toEqual([refused("10.60.0.0/24", "10.60.0.0/27")]);
    expect(lines(create("10.60.0.0/24", "10.60.1.0/27"))).toEqual([refused("10.60.0.0/24", "10.60.0.0/27")]);
    expect(lines(create("10.60.4.0/24", "10.60.0.0/16"))).toEqual([refused("10.60.4.0/24", "10.60.4.0/27")]);
    expect(lines(create("10.60.0.0/28", "10.61.0.0/29"))).toEqual([refused("10.60.0.0/28", "10.60.0.0/28")]);
  });

  test("no judgement when either block does not parse, or in existing mode", () => {
    expect(crossFieldProblems(create("10.60.0.5/24", "10.61.0.0/27"))).toEqual([]);
    expect(crossFieldProblems(create("10.60.0.0/24", "10.61.0.0"))).toEqual([]);
    expect(crossFieldProblems(create(undefined, "10.61.0.0/27"))).toEqual([]);
    expect(
      crossFieldProblems({
        networking: { mode: "existing", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.61.0.0/27" },
      }),
    ).toEqual([]);
    expect(
      crossFieldProblems({ networking: { addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.61.0.0/27" } }),
    ).toEqual([]);
    expect(crossFieldProblems({ networking: "create" })).toEqual([]);
  });
});

describe("hub and spoke: the endpoints' resource group is in the subnet's subscription", () => {
  const existing = (subnetId: unknown, privateEndpointResourceGroupId: unknown) => ({
    networking: { mode: "existing", subnetId, privateEndpointResourceGroupId },
  });

  test("the same subscription passes, whatever the case of the GUID", () => {
    expect(crossFieldProblems(existing(subnetIn(SUB_A), groupIn(SUB_A)))).toEqual([]);
    expect(crossFieldProblems(existing(subnetIn(SUB_A.toUpperCase()), groupIn(SUB_A)))).toEqual([]);
  });

  test("another subscription is refused, naming the subnet's", () => {
    expect(lines(existing(subnetIn(SUB_A.toUpperCase()), groupIn(SUB_B)))).toEqual([
      `networking/privateEndpointResourceGroupId: must be in the subnet's subscription (${SUB_A}): a private endpoint must be in its virtual network's subscription`,
    ]);
  });

  test("no group, a group or subnet that does not parse, or create mode: nothing to compare", () => {
    expect(crossFieldProblems(existing(subnetIn(SUB_A), undefined))).toEqual([]);
    expect(crossFieldProblems(existing(subnetIn(SUB_A), `/subscriptions/${SUB_B}/rg/x`))).toEqual([]);
    expect(crossFieldProblems(existing("subnet-1", groupIn(SUB_B)))).toEqual([]);
    expect(
      crossFieldProblems({
        networking: { mode: "create", subnetId: subnetIn(SUB_A), privateEndpointResourceGroupId: groupIn(SUB_B) },
      }),
    ).toEqual([]);
  });
});

describe("auth mode rules", () => {
  const repositories = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `repo-${i}` }));
  const TOO_MANY = (count: number) =>
    `github/repositories: lists ${count} repositories, but Azure allows at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials on the team's CI identity (one per repository); split the team or drop repositories`;
  const EXEMPTION_IN_ENTRA =
    "policy/keyAuthExemption: is a key-mode setting: with auth.mode entra key authentication is off, so there is nothing to exempt; remove it (or set auth.switching: true while switching)";

  test("the limit of federated credentials is 20", () => {
    expect(MAX_FEDERATED_CREDENTIALS).toBe(20);
  });

  test("entra mode refuses a key-auth exemption; switching, key mode, or no exemption pass", () => {
    expect(lines({ auth: { mode: "entra" }, policy: { keyAuthExemption: EXEMPTION } })).toEqual([EXEMPTION_IN_ENTRA]);
    expect(lines({ auth: { mode: "entra", switching: false }, policy: { keyAuthExemption: {} } })).toEqual([
      EXEMPTION_IN_ENTRA,
    ]);
    expect(
      crossFieldProblems({ auth: { mode: "entra", switching: true }, policy: { keyAuthExemption: EXEMPTION } }),
    ).toEqual([]);
    expect(crossFieldProblems({ auth: { mode: "key" }, policy: { keyAuthExemption: EXEMPTION } })).toEqual([]);
    expect(crossFieldProblems({ auth: {}, policy: { keyAuthExemption: EXEMPTION } })).toEqual([]);
    expect(crossFieldProblems({ auth: { mode: "entra" }, policy: {} })).toEqual([]);
    expect(crossFieldProblems({ auth: { mode: "entra" } })).toEqual([]);
  });

  test("entra mode or a switch allows one federated credential per repository: 20 pass, 21 are refused", () => {
    for (const auth of [{ mode: "entra" }, { mode: "entra", switching: true }, { mode: "key", switching: true }]) {
      expect(crossFieldProblems({ auth, github: { repositories: repositories(20) } })).toEqual([]);
      expect(lines({ auth, github: { repositories: repositories(21) } })).toEqual([TOO_MANY(21)]);
    }
  });

  test("key mode creates no federated credential: any number of repositories passes", () => {
    expect(crossFieldProblems({ auth: { mode: "key" }, github: { repositories: repositories(25) } })).toEqual([]);
    expect(crossFieldProblems({ github: { repositories: repositories(25) } })).toEqual([]);
  });

  test("an auth block that does not parse is left to the schema", () => {
    expect(
      crossFieldProblems({
        auth: { mode: "oidc" },
        policy: { keyAuthExemption: EXEMPTION },
        github: { repositories: repositories(21) },
      }),
    ).toEqual([]);
    expect(
      crossFieldProblems({ auth: { mode: "entra", switching: "yes" }, policy: { keyAuthExemption: EXEMPTION } }),
    ).toEqual([]);
  });

  test("both auth rules are reported together", () => {
    expect(
      lines({
        auth: { mode: "entra" },
        policy: { keyAuthExemption: EXEMPTION },
        github: { repositories: repositories(21) },
      }),
    ).toEqual([EXEMPTION_IN_ENTRA, TOO_MANY(21)]);
  });
});

test("every rule's problems come at once, in rule order", () => {
  const raw = {
    dataBoundary: "eu",
    models: [
      { name: "a", sku: "GlobalStandard" },
      { name: "A", sku: "Standard" },
    ],
    codex: { defaultModel: "z" },
    github: { repositories: [{ name: "r" }, { name: "R", environment: "ci", allowRepositorySecret: true }] },
    networking: { mode: "create", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.61.0.0/27" },
    auth: { mode: "entra" },
    policy: { keyAuthExemption: EXEMPTION },
  };
  expect(crossFieldProblems(raw).map((p) => p.path.join("."))).toEqual([
    "models.0.sku",
    "models.1.name",
    "codex.defaultModel",
    "github.repositories.1.name",
    "github.repositories.1.allowRepositorySecret",
    "networking.privateEndpointSubnet",
    "policy.keyAuthExemption",
  ]);
  expect(
    crossFieldProblems({
      networking: { mode: "existing", subnetId: subnetIn(SUB_A), privateEndpointResourceGroupId: groupIn(SUB_B) },
      auth: { mode: "entra" },
      policy: { keyAuthExemption: EXEMPTION },
    }).map((p) => p.path.join(".")),
  ).toEqual(["networking.privateEndpointResourceGroupId", "policy.keyAuthExemption"]);
});

describe("repositories that are not maps", () => {
  /**
   * The rules across fields read a raw config that may have any shape: a repository written as plain text or left empty
   * (YAML `- api`, `-`) is no map, so no rule over its fields runs; the parser names the type problem alone.
   */
  const NOW = Date.parse("2026-11-25T09:30:00Z");

  describe("repositories that are not maps", () => {
    test("a name written as plain text, or an empty entry, takes part in no repository rule", () => {
      expect(crossFieldProblems({ github: { repositories: ["api", null, 7] } })).toEqual([]);
      expect(crossFieldProblems({ auth: { mode: "entra" }, github: { repositories: ["api", "api", null] } })).toEqual(
        [],
      );
    });

    test("beside a map of the same name, only the map counts: no duplicate is reported", () => {
      expect(crossFieldProblems({ github: { repositories: ["api", { name: "api" }] } })).toEqual([]);
      expect(
        crossFieldProblems({ github: { repositories: [{ name: "api" }, { name: "API" }] } }).map((p) => p.path),
      ).toEqual([["github", "repositories", 1, "name"]]);
    });

    test("the parser names the type problem at the entry, with the value, and nothing else", () => {
      expect(
        configProblems({ ...minimalConfig(), github: { owner: "contoso", repositories: ["api", null] } }, NOW),
      ).toEqual([
        'github.repositories[0]: must be a map of keys (got "api")',
        "github.repositories[1]: must be a map of keys (got null)",
      ]);
    });
  });
});
