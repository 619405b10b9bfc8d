import { describe, expect, test } from "vitest";
import {
  budgetStart,
  configuredCreateOnly,
  CREATE_ONLY_OUTPUT,
  createOnlyProblems,
  DEPLOYED_MARKER_OUTPUT,
  readCreateOnlyValues,
  RECREATE_RUNBOOK,
  retentionProblem,
  withDeployedNames,
} from "../../lib/azure/createOnly";
import { CREATE_ONLY_PROPERTIES, recordedConfigKeys } from "../../lib/azure/createOnlyProperties";
import type { TeamConfig } from "../../lib/config/schema";
import { minimalConfig } from "../config/minimalConfig";
import { parseAdmitted } from "../support/platformFiles";

const NOW = new Date(Date.UTC(2026, 10, 25));
const RECORD = { keyVaultSoftDeleteRetentionDays: 30, budgetStartMonth: "2026-06" };

describe("create-only values (pure)", () => {
  test("a record reads back; anything else is no record", () => {
    expect(readCreateOnlyValues(RECORD)).toEqual(RECORD);
    expect(readCreateOnlyValues(undefined)).toBeNull();
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: "30" })).toBeNull();
  });

  test("a retention other than the deployed one is refused with the key, both values and the fix", () => {
    expect(retentionProblem(30, RECORD)).toBeUndefined();
    expect(retentionProblem(90, null)).toBeUndefined();
    expect(retentionProblem(90, RECORD)).toHaveProperty("path", "keyVault.softDeleteRetentionDays");
    expect(retentionProblem(90, RECORD)?.message).toMatch(
      /^is 90, but the team's Key Vault was created with 30 days .*set it back to 30/,
    );
  });

  test("a deployed budget keeps its start; a changed month is named with the fix", () => {
    expect(budgetStart("2026-06", RECORD, true, NOW)).toEqual({ startMonth: "2026-06", advice: null });
    const moved = budgetStart("2027-01", RECORD, true, NOW);
    expect(moved.startMonth).toBe("2026-06");
    expect(moved.advice).toMatch(/deployed budget starts 2026-06 .*set budget\.startMonth: "2026-06"/);
  });

  test("a stack deployed before the record keeps sending the configured month, even a past one", () => {
    expect(budgetStart("2026-01", null, true, NOW)).toEqual({ startMonth: "2026-01", advice: null });
  });

  test("a new budget outside Azure's window starts at the window's nearest edge, with an advisory naming the month", () => {
    expect(budgetStart("2026-12", null, false, NOW)).toEqual({ startMonth: "2026-12", advice: null });
    expect(budgetStart("2026-11", null, false, NOW)).toEqual({ startMonth: "2026-11", advice: null });
    const past = budgetStart("2026-03", null, false, NOW);
    expect(past.startMonth).toBe("2026-11");
    expect(past.advice).toMatch(
      /budget\.startMonth 2026-03 must not be before the current month .*starts 2026-11 instead; set budget\.startMonth: "2026-11"/,
    );
    const far = budgetStart("2028-05", null, false, NOW);
    expect(far.startMonth).toBe("2027-11");
    expect(far.advice).toMatch(/set budget\.startMonth: "2027-11"/);
  });
});

describe("create-only values at their edges", () => {
  const NOON = new Date("2026-11-25T12:00:00Z");
  const said = (result: unknown) => JSON.stringify(result);

  test("the outputs the record and the deployed marker are read from", () => {
    expect([CREATE_ONLY_OUTPUT, DEPLOYED_MARKER_OUTPUT]).toEqual(["createOnlyValues", "resourceGroupName"]);
  });

  test("a record reads back only with an integer retention and a YYYY-MM month", () => {
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" })).toEqual({
      keyVaultSoftDeleteRetentionDays: 90,
      budgetStartMonth: "2026-12",
    });
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-10" })).not.toBeNull();
    for (const month of ["2026-13", "2026-00", "x2026-12", "2026-12x", "2026-1"])
      expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: month }), month).toBeNull();
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90.5, budgetStartMonth: "2026-12" })).toBeNull();
  });

  test("a retention different from the vault's names the key, both values and the fix", () => {
    const problem = said(retentionProblem(7, { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" }));
    for (const fact of ["keyVault.softDeleteRetentionDays", "is 7", "created with 90 days", "set it back to 90"])
      expect(problem, fact).toContain(fact);
  });

  test("a deployed budget keeps its month, advising the configured one back", () => {
    const recorded = { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-05" };
    expect(budgetStart("2026-05", recorded, true, NOON)).toEqual({ startMonth: "2026-05", advice: null });
    const moved = budgetStart("2026-12", recorded, true, NOON);
    expect(moved.startMonth).toBe("2026-05");
    for (const fact of ["budget.startMonth is 2026-12", "starts 2026-05", 'set budget.startMonth: "2026-05"'])
      expect(moved.advice, fact).toContain(fact);
  });

  test("a new budget: this month and 12 ahead are used as is; before or after moves to the nearest edge, across year ends", () => {
    expect(budgetStart("2026-11", null, false, NOON)).toEqual({ startMonth: "2026-11", advice: null });
    expect(budgetStart("2027-11", null, false, NOON)).toEqual({ startMonth: "2027-11", advice: null });
    const early = budgetStart("2026-10", null, false, NOON);
    expect(early.startMonth).toBe("2026-11");
    for (const fact of ["budget.startMonth 2026-10", "(2026-11)", 'set budget.startMonth: "2026-11"'])
      expect(early.advice, fact).toContain(fact);
    const late = budgetStart("2027-12", null, false, NOON);
    expect(late.startMonth).toBe("2027-11");
    for (const fact of ["budget.startMonth 2027-12", "12 months ahead", 'set budget.startMonth: "2027-11"'])
      expect(late.advice, fact).toContain(fact);
    expect(budgetStart("2026-01", null, false, new Date("2026-12-31T23:59:59Z")).startMonth).toBe("2026-12");
    expect(budgetStart("2030-01", null, false, new Date("2026-01-01T00:00:00Z")).startMonth).toBe("2027-01");
    expect(budgetStart("2030-01", null, false, new Date("2026-02-01T00:00:00Z")).startMonth).toBe("2027-02");
  });
});

describe("create-only values of issue 25: location, team, account kind, network", () => {
  const configured = {
    team: "payments",
    location: "swedencentral",
    accountKind: "AIServices" as const,
    virtualNetworkAddressSpace: "10.60.1.0/24",
    privateEndpointSubnetPrefix: "10.60.1.0/27",
  };
  const deployed = {
    ...configured,
    keyVaultSoftDeleteRetentionDays: 90,
    budgetStartMonth: "2026-12",
    customSubDomainName: "codex-payments-k3x9q2",
    vaultName: "kv-payments-k3x9q2",
  };
  const paths = (problems: Array<{ path: string }>) => problems.map((p) => p.path);

  test("a full record reads back; a record from before issue 25 still reads, with none of the new fields", () => {
    expect(readCreateOnlyValues(deployed)).toEqual(deployed);
    expect(readCreateOnlyValues({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" })).toEqual({
      keyVaultSoftDeleteRetentionDays: 90,
      budgetStartMonth: "2026-12",
    });
    expect(readCreateOnlyValues({ ...deployed, accountKind: "Speech" })).toBeNull();
    expect(
      readCreateOnlyValues({ ...deployed, virtualNetworkAddressSpace: null, privateEndpointSubnetPrefix: null }),
    ).not.toBeNull();
  });

  test("nothing to refuse: a first deployment, an unchanged config, a record without the new fields", () => {
    expect(createOnlyProblems(configured, 90, null)).toEqual([]);
    expect(createOnlyProblems(configured, 90, deployed)).toEqual([]);
    const old = { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" };
    expect(createOnlyProblems({ ...configured, location: "westeurope", team: "other" }, 90, old)).toEqual([]);
  });

  test("a new location is refused with the key, both regions, what would happen and the runbook", () => {
    const [problem, ...rest] = createOnlyProblems({ ...configured, location: "westeurope" }, 90, deployed);
    expect(rest).toEqual([]);
    expect(problem?.path).toBe("location");
    for (const fact of [
      "is westeurope",
      "created in swedencentral",
      "replaces the resource group",
      "set location: swedencentral",
      "offboard and recreate",
      RECREATE_RUNBOOK,
    ])
      expect(problem?.message, fact).toContain(fact);
  });

  test("a new team name lists every deployed name it would replace, old -> new, keeping the suffix", () => {
    const [problem] = createOnlyProblems({ ...configured, team: "billing" }, 90, deployed);
    expect(problem?.path).toBe("team");
    for (const fact of [
      "is billing",
      "deployed as team payments",
      "rg-codex-payments -> rg-codex-billing",
      "aif-codex-payments -> aif-codex-billing",
      "codex-payments-k3x9q2 -> codex-billing-k3x9q2",
      "kv-payments-k3x9q2 -> kv-billing-k3x9q2",
      "set team: payments",
    ])
      expect(problem?.message, fact).toContain(fact);
  });

  test("a new account kind is refused, either way", () => {
    const toOpenAi = createOnlyProblems({ ...configured, accountKind: "OpenAI" }, 90, deployed);
    expect(paths(toOpenAi)).toEqual(["account.kind"]);
    expect(toOpenAi[0]?.message).toMatch(
      /^is OpenAI, but the team's account was created as AIServices .*set account\.kind: AIServices/,
    );
    const toFoundry = createOnlyProblems(configured, 90, { ...deployed, accountKind: "OpenAI" });
    expect(toFoundry[0]?.message).toContain("set account.kind: OpenAI");
  });

  test("the network: a wider address space holding the subnet is fine; a moved subnet or space is refused", () => {
    expect(createOnlyProblems({ ...configured, virtualNetworkAddressSpace: "10.60.0.0/23" }, 90, deployed)).toEqual([]);
    const moved = createOnlyProblems(
      { ...configured, virtualNetworkAddressSpace: "10.70.0.0/24", privateEndpointSubnetPrefix: "10.70.0.0/27" },
      90,
      deployed,
    );
    expect(paths(moved)).toEqual(["networking.privateEndpointSubnet", "networking.addressSpace"]);
    expect(moved[0]?.message).toMatch(
      /^is 10\.70\.0\.0\/27, but .*created as 10\.60\.1\.0\/27 .*InUseSubnetCannotBeUpdated/,
    );
    expect(moved[1]?.message).toMatch(
      /^is 10\.70\.0\.0\/24, which leaves out .*10\.60\.1\.0\/27 .*deployed one is 10\.60\.1\.0\/24/,
    );
    const shifted = createOnlyProblems({ ...configured, privateEndpointSubnetPrefix: "10.60.1.32/27" }, 90, deployed);
    expect(paths(shifted)).toEqual(["networking.privateEndpointSubnet"]);
  });

  test("switching networking.mode on a deployed stack is refused in both directions", () => {
    const hub = { ...configured, virtualNetworkAddressSpace: null, privateEndpointSubnetPrefix: null };
    const toHub = createOnlyProblems(hub, 90, deployed);
    expect(paths(toHub)).toEqual(["networking.mode"]);
    expect(toHub[0]?.message).toMatch(
      /^is existing, but the stack was deployed with mode create .*10\.60\.1\.0\/27.*set networking\.mode: create/,
    );
    const deployedInHub = { ...deployed, virtualNetworkAddressSpace: null, privateEndpointSubnetPrefix: null };
    expect(createOnlyProblems(hub, 90, deployedInHub)).toEqual([]);
    expect(createOnlyProblems(configured, 90, deployedInHub)[0]?.message).toMatch(
      /^is create, but the stack was deployed with mode existing .*the hub's subnet.*set networking\.mode: existing/,
    );
  });

  test("every problem at once, retention included", () => {
    const all = createOnlyProblems(
      { ...configured, team: "billing", location: "westeurope", accountKind: "OpenAI" },
      30,
      deployed,
    );
    expect(paths(all)).toEqual(["team", "location", "account.kind", "keyVault.softDeleteRetentionDays"]);
  });

  test("the config from a team config: mode create with the default subnet, mode existing without a network", () => {
    const base = parseAdmitted(minimalConfig(), undefined, NOW.getTime());
    expect(configuredCreateOnly(base)).toEqual({
      team: "payments",
      location: "eastus2",
      accountKind: "AIServices",
      virtualNetworkAddressSpace: "10.60.0.0/24",
      privateEndpointSubnetPrefix: "10.60.0.0/27",
    });
    const zone =
      "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/hub/providers/Microsoft.Network/privateDnsZones/z";
    const hub: TeamConfig["networking"] = {
      mode: "existing",
      subnetId: `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
      privateDnsZoneIds: { cognitiveServices: zone, openAi: zone, aiServices: zone, keyVault: zone },
    };
    expect(configuredCreateOnly({ ...base, networking: hub })).toMatchObject({
      virtualNetworkAddressSpace: null,
      privateEndpointSubnetPrefix: null,
    });
  });
});

describe("the create-only table", () => {
  test("every config key the table guards with the record has a check that refuses a change of it", () => {
    const refusedBy = {
      team: { team: "billing" },
      location: { location: "westeurope" },
      "account.kind": { accountKind: "OpenAI" as const },
      "networking.addressSpace": { virtualNetworkAddressSpace: "10.70.0.0/24" },
      "networking.privateEndpointSubnet": { privateEndpointSubnetPrefix: "10.60.1.32/27" },
      "networking.mode": { virtualNetworkAddressSpace: null, privateEndpointSubnetPrefix: null },
    };
    const configured = {
      team: "payments",
      location: "swedencentral",
      accountKind: "AIServices" as const,
      virtualNetworkAddressSpace: "10.60.1.0/24",
      privateEndpointSubnetPrefix: "10.60.1.0/27",
    };
    const deployed = { ...configured, keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" };
    // The budget start is kept (budgetStart) and the retention refused (retentionProblem): both tested above.
    const keys = recordedConfigKeys().filter(
      (k) => k !== "budget.startMonth" && k !== "keyVault.softDeleteRetentionDays",
    );
    expect(keys).toEqual(Object.keys(refusedBy).sort());
    for (const [key, change] of Object.entries(refusedBy))
      expect(
        createOnlyProblems({ ...configured, ...change }, 90, deployed).map((p) => p.path),
        key,
      ).toContain(key);
  });

  test("each row names its type, property, effect and a source; every type the stack creates has a row", () => {
    for (const row of CREATE_ONLY_PROPERTIES) {
      expect(row.type).toMatch(/^(azure-native|random):/);
      expect(row.source.length, `${row.type} ${row.property}`).toBeGreaterThan(20);
    }
    const types = new Set(CREATE_ONLY_PROPERTIES.map((r) => r.type));
    for (const type of [
      "azure-native:resources:ResourceGroup",
      "azure-native:cognitiveservices:Account",
      "azure-native:cognitiveservices:Deployment",
      "azure-native:keyvault:Vault",
      "azure-native:keyvault:Secret",
      "azure-native:network:VirtualNetwork",
      "azure-native:network:Subnet",
      "azure-native:network:NetworkSecurityGroup",
      "azure-native:network:PrivateEndpoint",
      "azure-native:network:PrivateDnsZoneGroup",
      "azure-native:privatedns:PrivateZone",
      "azure-native:privatedns:VirtualNetworkLink",
      "azure-native:consumption:Budget",
      "azure-native:operationalinsights:Workspace",
      "azure-native:monitor:DiagnosticSetting",
      "azure-native:authorization:RoleAssignment",
      "azure-native:authorization:PolicyExemption",
      "azure-native:managedidentity:UserAssignedIdentity",
      "azure-native:managedidentity:FederatedIdentityCredential",
      "random:index/randomString:RandomString",
    ])
      expect(types.has(type), type).toBe(true);
  });
});

describe("a record from before issue 25, completed from the stack's older outputs", () => {
  const old = { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" };

  test("the team comes from the resource group's name and the vault name from its output; the record's own win", () => {
    expect(withDeployedNames(old, { resourceGroupName: "rg-codex-payments", vaultName: "kv-payments-k3x9q2" })).toEqual(
      {
        ...old,
        team: "payments",
        vaultName: "kv-payments-k3x9q2",
      },
    );
    expect(
      withDeployedNames({ ...old, team: "billing" }, { resourceGroupName: "rg-codex-payments", vaultName: undefined }),
    ).toEqual({ ...old, team: "billing" });
    expect(withDeployedNames(old, { resourceGroupName: undefined, vaultName: undefined })).toEqual(old);
    expect(withDeployedNames(null, { resourceGroupName: "rg-codex-payments", vaultName: "kv-x" })).toBeNull();
  });

  test("so a rename of such a stack is refused, naming the vault it would replace; the same team is not", () => {
    const completed = withDeployedNames(old, {
      resourceGroupName: "rg-codex-payments",
      vaultName: "kv-payments-k3x9q2",
    });
    const configured = {
      team: "billing",
      location: "swedencentral",
      accountKind: "AIServices" as const,
      virtualNetworkAddressSpace: "10.60.1.0/24",
      privateEndpointSubnetPrefix: "10.60.1.0/27",
    };
    const [problem] = createOnlyProblems(configured, 90, completed);
    expect(problem?.path).toBe("team");
    expect(problem?.message).toContain("kv-payments-k3x9q2 -> kv-billing-k3x9q2");
    expect(createOnlyProblems({ ...configured, team: "payments" }, 90, completed)).toEqual([]);
  });
});
