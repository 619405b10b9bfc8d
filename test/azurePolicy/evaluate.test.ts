import { describe, expect, test } from "vitest";
import { judge } from "../../lib/azurePolicy/judge";
import { resolveValue } from "../../lib/azurePolicy/expressions";
import type { ArmResource, PolicyCondition, PolicyDefinition } from "../../lib/azurePolicy/types";

const NOW = Date.UTC(2026, 11, 7);
const RG = "/subscriptions/s/resourceGroups/rg";

function definition(
  condition: PolicyCondition,
  extra: Partial<PolicyDefinition> = {},
  effect = "[parameters('effect')]",
): PolicyDefinition {
  return {
    id: "/providers/Microsoft.Authorization/policyDefinitions/test",
    name: "test",
    displayName: "test",
    version: "1.0.0",
    mode: "All",
    parameters: { effect: { type: "String", defaultValue: "Deny", allowedValues: ["Deny", "Audit", "Disabled"] } },
    policyRule: { if: condition, then: { effect } },
    ...extra,
  };
}

function workspace(properties: Record<string, unknown>): ArmResource {
  return {
    id: `${RG}/providers/Microsoft.OperationalInsights/workspaces/log`,
    type: "Microsoft.OperationalInsights/workspaces",
    name: "log",
    location: "eastus2",
    properties,
  };
}

const WORKSPACE_OPEN = {
  allOf: [
    { field: "type", equals: "Microsoft.OperationalInsights/workspaces" },
    { field: "Microsoft.OperationalInsights/workspaces/publicNetworkAccessForIngestion", notEquals: "disabled" },
  ],
};

function outcome(def: PolicyDefinition, resource: ArmResource, all: ArmResource[] = [], parameters = {}) {
  return judge(def, resource, all, { nowMs: NOW, parameters }).outcome;
}

describe("field conditions", () => {
  test("notEquals is case-insensitive and a missing field is not equal", () => {
    const def = definition(WORKSPACE_OPEN);
    expect(outcome(def, workspace({ publicNetworkAccessForIngestion: "Disabled" }))).toBe("notApplicable");
    expect(outcome(def, workspace({ publicNetworkAccessForIngestion: "Enabled" }))).toBe("noncompliant");
    expect(outcome(def, workspace({}))).toBe("noncompliant");
  });

  test("a boolean field compares with the string 'true' as Azure does", () => {
    const def = definition({
      field: "Microsoft.OperationalInsights/workspaces/features.disableLocalAuth",
      notEquals: "true",
    });
    expect(outcome(def, workspace({ features: { disableLocalAuth: true } }))).toBe("notApplicable");
    expect(outcome(def, workspace({ features: { disableLocalAuth: false } }))).toBe("noncompliant");
  });

  test("exists takes true/false as booleans or strings", () => {
    const def = definition({
      field: "Microsoft.Network/virtualNetworks/subnets/networkSecurityGroup.id",
      exists: "false",
    });
    const subnet = (properties: Record<string, unknown>): ArmResource => ({
      id: `${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
      type: "Microsoft.Network/virtualNetworks/subnets",
      name: "s",
      properties,
    });
    expect(outcome(def, subnet({ networkSecurityGroup: { id: "/nsg" } }))).toBe("notApplicable");
    expect(outcome(def, subnet({}))).toBe("noncompliant");
  });

  test("in/notIn, like/notLike, contains, match and ordering", () => {
    const ws = workspace({ retentionInDays: 30 });
    const cases: Array<[PolicyCondition, boolean]> = [
      [{ field: "location", in: ["EastUS2", "westeurope"] }, true],
      [{ field: "location", notIn: ["eastus2"] }, false],
      [{ field: "name", like: "l*" }, true],
      [{ field: "name", notLike: "l*" }, false],
      [{ field: "type", contains: "operational" }, true],
      [{ field: "name", match: "???" }, true],
      [{ field: "name", match: "##?" }, false],
      [{ field: "Microsoft.OperationalInsights/workspaces/retentionInDays", less: 90 }, true],
      [{ field: "Microsoft.OperationalInsights/workspaces/retentionInDays", greaterOrEquals: 90 }, false],
    ];
    for (const [condition, matches] of cases) {
      expect([condition, outcome(definition(condition), ws)]).toEqual([
        condition,
        matches ? "noncompliant" : "notApplicable",
      ]);
    }
  });

  test("not inverts, anyOf needs one, allOf needs all", () => {
    const ws = workspace({ forceCmkForQuery: false });
    const notCmk = { not: { field: "Microsoft.OperationalInsights/workspaces/forceCmkForQuery", equals: "true" } };
    expect(outcome(definition(notCmk), ws)).toBe("noncompliant");
    expect(outcome(definition(notCmk), workspace({ forceCmkForQuery: true }))).toBe("notApplicable");
    expect(
      outcome(
        definition({
          anyOf: [
            { field: "name", equals: "x" },
            { field: "name", equals: "log" },
          ],
        }),
        ws,
      ),
    ).toBe("noncompliant");
    expect(
      outcome(
        definition({
          allOf: [
            { field: "name", equals: "x" },
            { field: "name", equals: "log" },
          ],
        }),
        ws,
      ),
    ).toBe("notApplicable");
  });

  test("an alias missing from the table is reported as not evaluated, with the alias", () => {
    const result = judge(definition({ field: "Microsoft.Foo/bars/baz", equals: 1 }), workspace({}), [], { nowMs: NOW });
    expect(result).toMatchObject({
      outcome: "notEvaluated",
      reason: expect.stringContaining("Microsoft.Foo/bars/baz"),
    });
  });
});

describe("count with where", () => {
  const vnet = (subnets: unknown[]): ArmResource => ({
    id: `${RG}/providers/Microsoft.Network/virtualNetworks/v`,
    type: "Microsoft.Network/virtualNetworks",
    name: "v",
    location: "eastus2",
    properties: { subnets },
  });
  const rule = definition(
    {
      count: {
        field: "Microsoft.Network/virtualNetworks/subnets[*]",
        where: {
          allOf: [
            { field: "Microsoft.Network/virtualNetworks/subnets[*].networkSecurityGroup.id", exists: "false" },
            { field: "Microsoft.Network/virtualNetworks/subnets[*].name", notIn: "[parameters('excluded')]" },
          ],
        },
      },
      notEquals: 0,
    },
    {
      parameters: {
        effect: { type: "String", defaultValue: "Deny" },
        excluded: { type: "Array", defaultValue: ["GatewaySubnet"] },
      },
    },
  );

  test("counts only the elements the where clause matches", () => {
    expect(outcome(rule, vnet([{ name: "a", properties: { networkSecurityGroup: { id: "/nsg" } } }]))).toBe(
      "notApplicable",
    );
    expect(outcome(rule, vnet([{ name: "GatewaySubnet", properties: {} }]))).toBe("notApplicable");
    expect(
      outcome(
        rule,
        vnet([
          { name: "a", properties: { networkSecurityGroup: { id: "/nsg" } } },
          { name: "b", properties: {} },
        ]),
      ),
    ).toBe("noncompliant");
    expect(outcome(rule, vnet([]))).toBe("notApplicable");
  });

  test("an array alias outside count holds only when every element does", () => {
    const all = definition({ field: "Microsoft.Network/virtualNetworks/subnets[*].name", like: "snet-*" });
    expect(outcome(all, vnet([{ name: "snet-a" }, { name: "snet-b" }]))).toBe("noncompliant");
    expect(outcome(all, vnet([{ name: "snet-a" }, { name: "other" }]))).toBe("notApplicable");
  });

  test("a value count with current()", () => {
    const def = definition({
      count: { value: ["a", "b", "c"], name: "letter", where: { value: "[current('letter')]", notEquals: "b" } },
      equals: 2,
    });
    expect(outcome(def, workspace({}))).toBe("noncompliant");
  });
});

describe("parameters, effects and template functions", () => {
  test("the assignment's parameters win over defaults; Disabled never matches", () => {
    const def = definition(WORKSPACE_OPEN);
    const open = workspace({});
    expect(judge(def, open, [], { nowMs: NOW }).effect).toBe("Deny");
    expect(judge(def, open, [], { nowMs: NOW, parameters: { effect: "Audit" } })).toEqual({
      outcome: "noncompliant",
      effect: "Audit",
    });
    expect(outcome(def, open, [], { effect: "Disabled" })).toBe("notApplicable");
  });

  test("a parameter without a default that the assignment does not set is not evaluated", () => {
    const def = definition(
      { field: "name", equals: "[parameters('wanted')]" },
      { parameters: { effect: { type: "String", defaultValue: "Deny" }, wanted: { type: "String" } } },
    );
    expect(judge(def, workspace({}), [], { nowMs: NOW })).toMatchObject({
      outcome: "notEvaluated",
      reason: expect.stringContaining("wanted"),
    });
    expect(outcome(def, workspace({}), [], { wanted: "log" })).toBe("noncompliant");
  });

  test("addDays(utcNow(), n) against a date field: less is earlier", () => {
    const def = definition(
      {
        field: "Microsoft.KeyVault.Data/vaults/secrets/attributes.expiresOn",
        less: "[addDays(utcNow(), parameters('days'))]",
      },
      {
        mode: "Microsoft.KeyVault.Data",
        parameters: { effect: { type: "String", defaultValue: "Deny" }, days: { type: "Integer" } },
      },
    );
    const secret = (expiresOn: string): ArmResource => ({
      id: `${RG}/providers/Microsoft.KeyVault/vaults/kv/secrets/k`,
      type: "Microsoft.KeyVault.Data/vaults/secrets",
      name: "k",
      properties: {},
      attributes: { expiresOn },
    });
    expect(outcome(def, secret("2027-02-05T00:00:00.000Z"), [], { days: 90 })).toBe("noncompliant");
    expect(outcome(def, secret("2027-03-08T00:00:00.000Z"), [], { days: 90 })).toBe("notApplicable");
  });

  test("the functions the built-in rules use", () => {
    const scope = {
      nowMs: NOW,
      parameter: () => ["x", "y"],
      field: () => "https://oidc.prod-aks.azure.com/tenant/issuer",
      current: () => undefined,
    };
    const issuerHost = "[if(greaterOrEquals(length(split(field('issuer'),'/')),3),split(field('issuer'),'/')[2],'')]";
    expect(resolveValue(issuerHost, scope)).toBe("oidc.prod-aks.azure.com");
    expect(resolveValue("[first(parameters('p'))]", scope)).toBe("x");
    expect(resolveValue("[concat('a', 'it''s')]", scope)).toBe("ait's");
    expect(resolveValue("[equals(toLower('AUDIT'), 'audit')]", scope)).toBe(true);
    expect(resolveValue("[[literal]", scope)).toBe("[literal]");
    expect(resolveValue("[utcNow()]", scope)).toBe("2026-12-07T00:00:00.000Z");
  });
});

describe("IfNotExists effects and modes", () => {
  const account: ArmResource = {
    id: `${RG}/providers/Microsoft.CognitiveServices/accounts/a`,
    type: "Microsoft.CognitiveServices/accounts",
    name: "a",
    location: "eastus2",
    properties: {},
  };
  const setting = (logs: unknown[]): ArmResource => ({
    id: `${account.id}/providers/Microsoft.Insights/diagnosticSettings/d`,
    type: "Microsoft.Insights/diagnosticSettings",
    name: "d",
    properties: { logs },
  });
  const dine = definition(
    { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
    {
      policyRule: {
        if: { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
        then: {
          effect: "DeployIfNotExists",
          details: {
            type: "Microsoft.Insights/diagnosticSettings",
            existenceCondition: {
              count: {
                field: "Microsoft.Insights/diagnosticSettings/logs[*]",
                where: { field: "Microsoft.Insights/diagnosticSettings/logs[*].categoryGroup", equals: "audit" },
              },
              equals: 1,
            },
          },
        },
      },
    },
  );

  test("a related resource meeting the existence condition makes it compliant", () => {
    expect(outcome(dine, account, [setting([{ categoryGroup: "audit", enabled: true }])])).toBe("compliant");
    expect(
      judge(dine, account, [setting([{ categoryGroup: "allLogs", enabled: true }])], { nowMs: NOW }),
    ).toMatchObject({
      outcome: "noncompliant",
      effect: "DeployIfNotExists",
      reason: expect.stringContaining("existence condition"),
    });
    expect(judge(dine, account, [], { nowMs: NOW }).reason).toContain(
      "no planned Microsoft.Insights/diagnosticSettings",
    );
  });

  test("Indexed skips types without a location; a data-plane mode sees only its own types", () => {
    const subnetRule = definition(
      { field: "type", equals: "Microsoft.Network/virtualNetworks/subnets" },
      { mode: "Indexed" },
    );
    const subnet: ArmResource = {
      id: "/s",
      type: "Microsoft.Network/virtualNetworks/subnets",
      name: "s",
      properties: {},
    };
    expect(outcome(subnetRule, subnet)).toBe("notApplicable");
    expect(outcome({ ...subnetRule, mode: "All" }, subnet)).toBe("noncompliant");
    expect(outcome(definition({ field: "name", equals: "a" }, { mode: "Microsoft.KeyVault.Data" }), account)).toBe(
      "notApplicable",
    );
  });
});

test("rule keywords are read case-insensitively, as in built-in 4c3c6c5f's `allof`", () => {
  const rule = definition({
    allof: [
      { field: "type", equals: "Microsoft.OperationalInsights/workspaces" },
      { FIELD: "name", Equals: "log" },
    ],
  });
  expect(outcome(rule, workspace({}))).toBe("noncompliant");
  expect(outcome(rule, { ...workspace({}), name: "other" })).toBe("notApplicable");
});

test("a field that is an expression, and tags in each notation", () => {
  const tagged = { ...workspace({}), tags: { owner: "a" } };
  const rule = (field: string) =>
    definition(
      { field, exists: "false" },
      { parameters: { effect: { type: "String", defaultValue: "Deny" }, tagName: { type: "String" } } },
    );
  for (const field of ["[concat('tags[', parameters('tagName'), ']')]", "tags.owner", "tags['owner']", "tags[owner]"]) {
    expect([field, outcome(rule(field), tagged, [], { tagName: "owner" })]).toEqual([field, "notApplicable"]);
    expect([field, outcome(rule(field), { ...tagged, tags: {} }, [], { tagName: "owner" })]).toEqual([
      field,
      "noncompliant",
    ]);
  }
});
