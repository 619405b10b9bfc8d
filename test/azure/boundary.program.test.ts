import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import type { PlanDocument } from "../../lib/plan/render";
import { ofType, planStack, runStack } from "../support/runStack";

type Resource = PlanDocument["resources"][number];

/** Whether the azure-native SDK's Args for a resource type declare `tags` (read from the package's type declarations). */
function takesTags(type: string): boolean {
  const [provider, module, name] = type.split(":");
  if (provider !== "azure-native" || module === undefined || name === undefined) return false;
  const declarations = readFileSync(
    require.resolve(`@pulumi/azure-native/${module}/${name[0]?.toLowerCase()}${name.slice(1)}.d.ts`),
    "utf8",
  );
  const args = declarations.slice(declarations.indexOf(`export interface ${name}Args`));
  return /^\s+tags\?: /m.test(args);
}
type Inputs = Record<string, unknown>;

function props(resource: Resource | undefined): Inputs {
  return (resource?.inputs.properties ?? {}) as Inputs;
}

function one(doc: PlanDocument, type: string): Resource {
  const found = ofType(doc, type);
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
}

/** Every value of a key anywhere in the document's inputs. */
function valuesOf(doc: PlanDocument, key: string): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === key) found.push(v);
        walk(v);
      }
    }
  };
  doc.resources.forEach((r) => walk(r.inputs));
  return found;
}

describe.each([
  ["dev", { stack: "dev" }],
  ["hub-and-spoke", { stack: "hub", fixture: "Pulumi.hub.yaml" }],
])("the Azure boundary (%s)", (_label, options) => {
  let doc: PlanDocument;
  beforeAll(async () => {
    doc = await planStack(options);
  });

  test("one tagged resource group per team, and every taggable resource carries the boundary tags", () => {
    const group = one(doc, "azure-native:resources:ResourceGroup");
    expect(group.inputs.resourceGroupName).toMatch(/^rg-codex-[a-z0-9-]+$/);
    const taggable = doc.resources.filter((r) => takesTags(r.type));
    expect([...new Set(taggable.map((r) => r.type))]).toEqual(
      expect.arrayContaining([
        "azure-native:cognitiveservices:Account",
        "azure-native:cognitiveservices:Deployment",
        "azure-native:keyvault:Vault",
      ]),
    );
    for (const resource of taggable) {
      expect(Object.keys(resource.inputs.tags as Inputs), resource.urn).toEqual(
        expect.arrayContaining(["team", "cost-center", "managed-by", "data-boundary"]),
      );
    }
    expect((group.inputs.tags as Inputs)["managed-by"]).toBe("pulumi/codex-boundary");
  });

  test("the account is private, outbound-restricted, keeps key auth for Codex, and says why in a tag", () => {
    const account = one(doc, "azure-native:cognitiveservices:Account");
    expect(account.inputs.sku).toEqual({ name: "S0" });
    expect(account.inputs.identity).toEqual({ type: "SystemAssigned" });
    const p = props(account);
    expect(p.publicNetworkAccess).toBe("Disabled");
    expect(p.networkAcls).toMatchObject({ defaultAction: "Deny" });
    expect(p.restrictOutboundNetworkAccess).toBe(true);
    expect(Array.isArray(p.allowedFqdnList)).toBe(true);
    expect(p.disableLocalAuth).toBe(false);
    expect(p.customSubDomainName).toMatch(/^codex-[a-z0-9-]+-[a-z0-9]{6}$/);
    expect((account.inputs.tags as Inputs)["codex-key-auth"]).toMatch(/API key/);
    expect(doc.outputs.baseUrl).toBe(`https://${String(p.customSubDomainName)}.openai.azure.com/openai/v1`);
  });

  test("model deployments form one dependsOn chain after the account's private endpoint; the account's other children wait for the last one", () => {
    const account = one(doc, "azure-native:cognitiveservices:Account");
    const deployments = ofType(doc, "azure-native:cognitiveservices:Deployment");
    expect(deployments.length).toBeGreaterThanOrEqual(2);
    // Reconstruct the chain from the dependencies alone: exactly one starts at the account, each has one successor.
    const deploymentUrns = new Set(deployments.map((d) => d.urn));
    const predecessor = new Map(
      deployments.map((d) => {
        const deps = d.dependsOn.filter((u) => deploymentUrns.has(u));
        expect(deps.length, d.urn).toBeLessThanOrEqual(1);
        return [d.urn, deps[0] ?? null] as const;
      }),
    );
    const first = deployments.filter((d) => predecessor.get(d.urn) === null);
    expect(first).toHaveLength(1);
    expect(first[0]?.dependsOn).toContain(account.urn);
    const accountEndpoint = ofType(doc, "azure-native:network:PrivateEndpoint").find((e) =>
      JSON.stringify(e.inputs.privateLinkServiceConnections).includes('"account"'),
    );
    // The endpoint straight after the account (a DINE "private endpoint" assignment looks for one minutes after it).
    expect(accountEndpoint?.dependsOn).toContain(account.urn);
    expect(first[0]?.dependsOn).toContain(accountEndpoint?.urn);
    const chain = [first[0] as Resource];
    for (;;) {
      const next = deployments.filter((d) => predecessor.get(d.urn) === chain[chain.length - 1]?.urn);
      expect(next.length).toBeLessThanOrEqual(1);
      if (next.length === 0) break;
      chain.push(next[0] as Resource);
    }
    expect(chain).toHaveLength(deployments.length);
    for (const d of deployments) expect(accountEndpoint?.dependsOn).not.toContain(d.urn);
  });

  test("after the last deployment, the account's operations run one at a time: diagnostic setting, key regeneration", () => {
    const deployments = ofType(doc, "azure-native:cognitiveservices:Deployment");
    const deploymentUrns = new Set(deployments.map((d) => d.urn));
    const last = deployments.find(
      (d) => !deployments.some((other) => other.dependsOn.includes(d.urn) && deploymentUrns.has(other.urn)),
    );
    const diagnostics = ofType(doc, "azure-native:monitor:DiagnosticSetting").find((d) =>
      String(d.inputs.resourceUri).includes("CognitiveServices"),
    );
    const regeneration = ofType(doc, "pulumi-nodejs:dynamic/keys:KeyRegeneration").find(
      (r) => r.name === "key-rotation-regeneration",
    );
    const chain = [last, diagnostics, regeneration];
    for (const step of chain) expect(step, "every step of the chain exists").toBeDefined();
    const steps = chain as Resource[];
    // Each waits for the one before it, and no step waits for a later one (that would not be a chain).
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]?.dependsOn, steps[i]?.urn).toContain(steps[i - 1]?.urn);
      for (const later of steps.slice(i + 1)) expect(steps[i]?.dependsOn).not.toContain(later.urn);
    }
    // None of the account's operations starts straight after the last deployment except the first.
    for (const step of steps.slice(2)) expect(step.dependsOn, step.urn).not.toContain(last?.urn);
  });

  test("each deployment carries format, model, version, SKU, capacity and upgrade option", () => {
    for (const deployment of ofType(doc, "azure-native:cognitiveservices:Deployment")) {
      const p = props(deployment);
      expect(p.model).toMatchObject({ format: "OpenAI" });
      expect((p.model as Inputs).name).toEqual(expect.any(String));
      expect((p.model as Inputs).version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.versionUpgradeOption).toMatch(
        /^(NoAutoUpgrade|OnceCurrentVersionExpired|OnceNewDefaultVersionAvailable)$/,
      );
      expect(deployment.inputs.sku).toMatchObject({ name: expect.any(String), capacity: expect.any(Number) });
    }
  });

  test("no resource allows public network access", () => {
    const values = valuesOf(doc, "publicNetworkAccess");
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(new Set(values)).toEqual(new Set(["Disabled"]));
    for (const acl of valuesOf(doc, "networkAcls")) expect(acl).toMatchObject({ defaultAction: "Deny" });
  });

  test("the Key Vault uses RBAC, soft delete, purge protection, and denies the network except trusted services", () => {
    const vault = one(doc, "azure-native:keyvault:Vault");
    const p = props(vault);
    expect(p).toMatchObject({
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    expect(String(vault.inputs.vaultName)).toMatch(/^[a-z][a-z0-9-]{1,22}[a-z0-9]$/);
  });

  test("private endpoints: account over three zones, vault over one", () => {
    const groups = ofType(doc, "azure-native:network:PrivateDnsZoneGroup");
    const zonesOf = (r: Resource) =>
      (r.inputs.privateDnsZoneConfigs as Array<{ privateDnsZoneId: string }>).map((c) =>
        c.privateDnsZoneId.split("/").pop(),
      );
    const zoneSets = groups.map(zonesOf).map((z) => [...z].sort().join(","));
    expect(zoneSets.sort()).toEqual([
      "privatelink.cognitiveservices.azure.com,privatelink.openai.azure.com,privatelink.services.ai.azure.com",
      "privatelink.vaultcore.azure.net",
    ]);
    const groupIds = ofType(doc, "azure-native:network:PrivateEndpoint").flatMap((e) =>
      (e.inputs.privateLinkServiceConnections as Array<{ groupIds: string[] }>).flatMap((c) => c.groupIds),
    );
    expect(groupIds.sort()).toEqual(["account", "vault"]);
  });

  test("role assignments: valid, unique GUID names and principalType always set", () => {
    const assignments = ofType(doc, "azure-native:authorization:RoleAssignment");
    const names = assignments.map((a) => String(a.inputs.roleAssignmentName));
    for (const name of names)
      expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(names).size).toBe(names.length);
    for (const a of assignments) {
      expect(a.inputs.principalType).toMatch(/^(Group|ServicePrincipal|User)$/);
      expect(a.inputs.roleDefinitionId).toMatch(
        /^\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/,
      );
    }
  });

  test("a monthly budget starting on the configured month, with actual 80/100 and forecast 100 alerts", () => {
    const budget = one(doc, "azure-native:consumption:Budget");
    expect(budget.inputs.timeGrain).toBe("Monthly");
    expect(budget.inputs.category).toBe("Cost");
    expect((budget.inputs.timePeriod as Inputs).startDate).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
    const notifications = Object.values(budget.inputs.notifications as Record<string, Inputs>);
    expect(notifications.map((n) => `${String(n.thresholdType)}:${String(n.threshold)}`).sort()).toEqual([
      "Actual:100",
      "Actual:80",
      "Forecasted:100",
    ]);
    for (const n of notifications) expect((n.contactEmails as string[]).length).toBeGreaterThan(0);
    expect(String(budget.inputs.scope)).toMatch(/\/resourceGroups\/rg-codex-/);
  });

  test("diagnostic settings send the allLogs category group in the shape the built-in DINE definitions accept", () => {
    const settings = ofType(doc, "azure-native:monitor:DiagnosticSetting");
    expect(settings).toHaveLength(2);
    const byTarget = Object.fromEntries(
      settings.map((s) => [String(s.inputs.resourceUri).includes("KeyVault") ? "vault" : "account", s]),
    );
    // 55d1f543 / 6b359d8f existence condition with categoryGroup allLogs: one audit entry disabled, one allLogs enabled.
    const dineShape = [
      { categoryGroup: "audit", enabled: false },
      { categoryGroup: "allLogs", enabled: true },
    ];
    expect(byTarget.account?.inputs.logs).toEqual(dineShape);
    expect(byTarget.vault?.inputs.logs).toEqual(dineShape);
    expect(byTarget.account?.inputs.metrics).toEqual([{ category: "AllMetrics", enabled: true }]);
    for (const s of settings)
      expect(String(s.inputs.workspaceId)).toMatch(/\/providers\/Microsoft\.OperationalInsights\/workspaces\//);
  });
});

describe("the Log Analytics workspace the stack creates", () => {
  test("blocks public ingestion and query, non-Entra ingestion, and saved queries outside customer storage (6c53d030, e15effd4, fa298e57)", async () => {
    const doc = await planStack({ stack: "dev" });
    const workspace = one(doc, "azure-native:operationalinsights:Workspace");
    expect(workspace.inputs.publicNetworkAccessForIngestion).toBe("Disabled");
    expect(workspace.inputs.publicNetworkAccessForQuery).toBe("Disabled");
    expect(workspace.inputs.features).toEqual({ disableLocalAuth: true });
    expect(workspace.inputs.forceCmkForQuery).toBe(true);
  });
});

describe("audit.categoryGroup", () => {
  test("audit: both settings enable the audit group and disable allLogs, as an assignment with categoryGroup audit expects", async () => {
    const doc = await planStack({ stack: "dev", overrides: { audit: { categoryGroup: "audit" } } });
    const settings = ofType(doc, "azure-native:monitor:DiagnosticSetting");
    expect(settings).toHaveLength(2);
    for (const s of settings) {
      expect(s.inputs.logs, s.urn).toEqual([
        { categoryGroup: "audit", enabled: true },
        { categoryGroup: "allLogs", enabled: false },
      ]);
    }
  });
});

describe("networking modes", () => {
  test("create: a VNet, a subnet and four zones linked to it", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(ofType(doc, "azure-native:network:VirtualNetwork")).toHaveLength(1);
    expect(
      ofType(doc, "azure-native:privatedns:PrivateZone")
        .map((z) => z.inputs.privateZoneName)
        .sort(),
    ).toEqual([
      "privatelink.cognitiveservices.azure.com",
      "privatelink.openai.azure.com",
      "privatelink.services.ai.azure.com",
      "privatelink.vaultcore.azure.net",
    ]);
    expect(ofType(doc, "azure-native:privatedns:VirtualNetworkLink")).toHaveLength(4);
    expect(ofType(doc, "azure-native:network:Subnet")[0]?.inputs.addressPrefix).toBe("10.60.0.0/27");
    expect(ofType(doc, "azure-native:operationalinsights:Workspace")[0]?.inputs.retentionInDays).toBe(90);
  });

  test("create: every created subnet has an NSG of its own, with Azure's default rules only (ALZ Deny-Subnet-Without-Nsg)", async () => {
    const doc = await planStack({ stack: "dev" });
    const nsg = one(doc, "azure-native:network:NetworkSecurityGroup");
    expect(nsg.inputs).toMatchObject({
      networkSecurityGroupName: "nsg-codex-dev-private-endpoints",
      resourceGroupName: "rg-codex-dev",
      location: "eastus2",
    });
    expect(nsg.inputs.securityRules).toBeUndefined();
    const subnets = ofType(doc, "azure-native:network:Subnet");
    expect(subnets.length).toBeGreaterThan(0);
    for (const subnet of subnets)
      expect((subnet.inputs.networkSecurityGroup as Inputs).id).toMatch(
        /\/providers\/Microsoft\.Network\/networkSecurityGroups\/nsg-codex-dev-private-endpoints$/,
      );
  });

  test("existing (hub and spoke): no network or zone is created; config IDs are used as given", async () => {
    const doc = await planStack({ stack: "hub", fixture: "Pulumi.hub.yaml" });
    for (const type of ["VirtualNetwork", "Subnet", "NetworkSecurityGroup"])
      expect(ofType(doc, `azure-native:network:${type}`)).toEqual([]);
    expect(ofType(doc, "azure-native:privatedns:PrivateZone")).toEqual([]);
    expect(ofType(doc, "azure-native:operationalinsights:Workspace")).toEqual([]);
    for (const endpoint of ofType(doc, "azure-native:network:PrivateEndpoint")) {
      expect((endpoint.inputs.subnet as Inputs).id).toMatch(/vnet-spoke-payments\/subnets\/snet-private-endpoints$/);
    }
    const zoneIds = ofType(doc, "azure-native:network:PrivateDnsZoneGroup").flatMap((g) =>
      (g.inputs.privateDnsZoneConfigs as Array<{ privateDnsZoneId: string }>).map((c) => c.privateDnsZoneId),
    );
    for (const id of zoneIds)
      expect(id).toMatch(/^\/subscriptions\/11111111-2222-4333-8444-555555555555\/resourceGroups\/rg-hub-dns\//);
    const budget = one(doc, "azure-native:consumption:Budget");
    expect(
      Object.values(budget.inputs.notifications as Record<string, Inputs>).every((n) =>
        (n.contactGroups as string[])[0]?.endsWith("ag-finops"),
      ),
    ).toBe(true);
    const account = one(doc, "azure-native:cognitiveservices:Account");
    expect(account.inputs.kind).toBe("OpenAI");
    expect(props(account).allowedFqdnList).toEqual(["login.microsoftonline.com"]);
    const deployments = ofType(doc, "azure-native:cognitiveservices:Deployment");
    expect(deployments.map((d) => (d.inputs.sku as Inputs).name)).toEqual(["DataZoneStandard", "DataZoneStandard"]);
    expect(deployments.map((d) => props(d).raiPolicyName).filter(Boolean)).toEqual(["Microsoft.DefaultV2"]);
  });
});

describe("determinism and boundary errors", () => {
  test("two runs of the program give identical resource inputs, role assignment names included", async () => {
    const first = await planStack({ stack: "dev" });
    const second = await planStack({ stack: "dev" });
    expect(second.resources).toEqual(first.resources);
    expect(ofType(second, "azure-native:authorization:RoleAssignment").map((r) => r.inputs.roleAssignmentName)).toEqual(
      ofType(first, "azure-native:authorization:RoleAssignment").map((r) => r.inputs.roleAssignmentName),
    );
  });

  test("a Global SKU in the eu boundary stops the program with a clear message and creates nothing", async () => {
    await expect(runStack({ stack: "dev", overrides: { dataBoundary: "eu" } })).rejects.toThrowError(
      /codex-boundary:models\[0\]\.sku: GlobalStandard processes data in any Azure region, outside the 'eu' data boundary; use DataZoneStandard or Standard/,
    );
  });
});
