import { describe, expect, test } from "vitest";
import { toArmResources, toPlannedExemptions } from "../../lib/azurePolicy/fromPulumi";
import { BASELINE, evaluateBaseline, renderBaselineReport } from "../../lib/azurePolicy/report";
import { ENGINE_SIGNATURES } from "../../lib/plan/redact";
import type { CapturedResource } from "../../lib/plan/types";

// Resource inputs written out here in the shape the stack registers them on main before issue 26's fixes (the dev
// plan of 2026-12-07): the findings are the issue's, pinned from these inputs, not from whatever dev plans today.
const SUB = "00000000-0000-4000-8000-00000000c0de";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-codex-dev`;
const NOW = Date.UTC(2026, 11, 7);
const DAY_S = 86_400;
const TAGS = { environment: "dev", owner: "platform-team@contoso.com" };

function resource(type: string, name: string, inputs: Record<string, unknown>): CapturedResource {
  return {
    urn: `urn:pulumi:dev::codex-boundary::${type}::${name}`,
    type,
    name,
    parent: null,
    dependsOn: [],
    custom: true,
    inputs,
    aliases: [],
  };
}

const secret = (value: unknown) => ({ [ENGINE_SIGNATURES.specialSigKey]: ENGINE_SIGNATURES.specialSecretSig, value });

const account = (extra: Record<string, unknown> = {}, kind = "AIServices") =>
  resource("azure-native:cognitiveservices:Account", "ai-account", {
    accountName: "aif-codex-dev",
    kind,
    location: "eastus2",
    resourceGroupName: "rg-codex-dev",
    sku: { name: "S0" },
    tags: TAGS,
    properties: { disableLocalAuth: false, publicNetworkAccess: "Disabled", ...extra },
  });
const workspace = (extra: Record<string, unknown> = {}) =>
  resource("azure-native:operationalinsights:Workspace", "audit-workspace", {
    location: "eastus2",
    resourceGroupName: "rg-codex-dev",
    retentionInDays: 90,
    sku: { name: "PerGB2018" },
    tags: TAGS,
    workspaceName: "log-codex-dev",
    ...extra,
  });
const subnet = (extra: Record<string, unknown> = {}) =>
  resource("azure-native:network:Subnet", "network-subnet", {
    addressPrefix: "10.60.0.0/27",
    resourceGroupName: "rg-codex-dev",
    subnetName: "snet-private-endpoints",
    virtualNetworkName: "vnet-codex-dev",
    ...extra,
  });
const diagnostics = (logs: unknown[]) =>
  resource("azure-native:monitor:DiagnosticSetting", "audit-diag-account", {
    logs,
    metrics: [{ category: "AllMetrics", enabled: true }],
    name: "codex-boundary-audit",
    resourceUri: `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`,
    workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/log-codex-dev`,
  });
const rotatedSecret = (validityDays: number) =>
  resource("azure-native:keyvault:Secret", "key-rotation-secret", {
    properties: secret({
      value: "k3y-value-never-read",
      attributes: { enabled: true, expires: NOW / 1000 + validityDays * DAY_S },
    }),
    resourceGroupName: "rg-codex-dev",
    secretName: "azure-openai-api-key",
    vaultName: "kv-dev-abc123",
  });
const zone = resource("azure-native:privatedns:PrivateZone", "network-zone-openAi", {
  location: "global",
  privateZoneName: "privatelink.openai.azure.com",
  resourceGroupName: "rg-codex-dev",
  tags: TAGS,
});
const federated = (issuer: string) =>
  resource("azure-native:managedidentity:FederatedIdentityCredential", "ci-identity-federation", {
    audiences: ["api://AzureADTokenExchange"],
    federatedIdentityCredentialResourceName: "github-docs",
    issuer,
    resourceGroupName: "rg-codex-dev",
    resourceName: "id-codex-dev-ci",
    subject: "repo:contoso/docs:environment:codex",
  });

const PRIVATE = {
  publicNetworkAccessForIngestion: "Disabled",
  publicNetworkAccessForQuery: "Disabled",
  features: { disableLocalAuth: true },
  forceCmkForQuery: true,
};

function findings(resources: CapturedResource[]): Array<[string, string, string | undefined]> {
  return evaluateBaseline(toArmResources(resources, SUB), NOW)
    .findings.filter((f) => f.outcome === "noncompliant")
    .map((f) => [f.resource, f.definition, f.effect]);
}

describe("the baseline over the stack's resources (issue 26's findings, pass beside fail)", () => {
  test("the created workspace: public and with local auth it violates 6c53d030, e15effd4, fa298e57; private, keyless and CMK for queries it does not", () => {
    expect(findings([workspace()])).toEqual([
      ["audit-workspace", "6c53d030", "Audit"],
      ["audit-workspace", "e15effd4", "Audit"],
      ["audit-workspace", "fa298e57", "Audit"],
    ]);
    expect(
      findings([workspace({ publicNetworkAccessForIngestion: "Disabled", publicNetworkAccessForQuery: "Enabled" })]),
    ).toContainEqual(["audit-workspace", "6c53d030", "Audit"]);
    const clean = workspace({
      publicNetworkAccessForIngestion: "Disabled",
      publicNetworkAccessForQuery: "Disabled",
      features: { disableLocalAuth: true },
      forceCmkForQuery: true,
    });
    expect(findings([clean])).toEqual([]);
  });

  test("a subnet without an NSG is ALZ's Deny-Subnet-Without-Nsg; with one it is not", () => {
    expect(findings([subnet()])).toEqual([["network-subnet", "Deny-Subnet-Without-Nsg", "Deny"]]);
    const guarded = subnet({
      networkSecurityGroup: { id: `${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg` },
    });
    expect(findings([guarded])).toEqual([]);
  });

  test("a private DNS zone in the spoke is ALZ's Deny-Private-DNS-Zones", () => {
    expect(findings([zone])).toEqual([["network-zone-openAi", "Deny-Private-DNS-Zones", "Deny"]]);
  });

  test("a key-mode account: key access (71ef260a), and the Modify/DINE remediations that would rewrite disableLocalAuth", () => {
    const keyMode = findings([account()]).map(([, definition, effect]) => [definition, effect]);
    expect(keyMode).toEqual(
      expect.arrayContaining([
        ["71ef260a", "Audit"],
        ["14de9e63", "Modify"],
        ["55eff01b", "DeployIfNotExists"],
      ]),
    );
    expect(
      evaluateBaseline(toArmResources([account()], SUB), NOW).findings.find((f) => f.definition === "14de9e63")?.reason,
    ).toBe("would addOrReplace Microsoft.CognitiveServices/accounts/disableLocalAuth = true");
    expect(
      evaluateBaseline(toArmResources([account()], SUB), NOW).findings.find((f) => f.definition === "55eff01b")?.reason,
    ).toBe("the resource itself does not meet the existence condition");
    const keyless = findings([account({ disableLocalAuth: true })]).map(([, definition]) => definition);
    expect(keyless).not.toEqual(expect.arrayContaining(["71ef260a"]));
    expect(keyless.filter((d) => ["71ef260a", "14de9e63", "55eff01b"].includes(d))).toEqual([]);
  });

  test("the stack's key-auth exemption is named on the key-access findings it may cover, while it lasts", () => {
    const exemption = (expiresOn: string) =>
      resource("azure-native:authorization:PolicyExemption", "key-auth-exemption", {
        expiresOn,
        policyAssignmentId:
          "/providers/Microsoft.Management/managementGroups/corp/providers/Microsoft.Authorization/policyAssignments/ai-local-auth",
        policyExemptionName: "codex-key-auth-dev",
        resourceSelectors: [
          {
            name: "codex-ai-account",
            selectors: [{ in: ["Microsoft.CognitiveServices/accounts"], kind: "resourceType" }],
          },
        ],
        scope: RG,
      });
    const exempted = (expiresOn: string) => {
      const planned = [account({}, "OpenAI"), exemption(expiresOn)];
      return evaluateBaseline(toArmResources(planned, SUB), NOW, BASELINE, toPlannedExemptions(planned))
        .findings.filter((f) => f.exemption !== undefined)
        .map((f) => [f.definition, f.exemption?.name]);
    };
    expect(exempted("2027-06-30T00:00:00Z")).toEqual([
      ["71ef260a", "codex-key-auth-dev"],
      ["14de9e63", "codex-key-auth-dev"],
      ["55eff01b", "codex-key-auth-dev"],
    ]);
    expect(exempted("2026-12-01T00:00:00Z")).toEqual([]);
  });

  test("OpenAI-kind accounts need encryption (67121cc7); AIServices is excluded by default", () => {
    expect(findings([account({ disableLocalAuth: true }, "OpenAI")]).map(([, d]) => d)).toContain("67121cc7");
    expect(
      findings([account({ disableLocalAuth: true, encryption: { keySource: "Microsoft.KeyVault" } }, "OpenAI")]).map(
        ([, d]) => d,
      ),
    ).not.toContain("67121cc7");
    expect(findings([account({ disableLocalAuth: true })]).map(([, d]) => d)).not.toContain("67121cc7");
  });

  test("diagnostic settings (55d1f543) are judged with the workspace and group the stack sends to: both category groups, one enabled, pass; allLogs alone does not", () => {
    const today = evaluateBaseline(
      toArmResources(
        [account({ disableLocalAuth: true }), diagnostics([{ categoryGroup: "allLogs", enabled: true }])],
        SUB,
      ),
      NOW,
    );
    expect(today.findings.find((f) => f.definition === "55d1f543")).toMatchObject({
      outcome: "noncompliant",
      effect: "DeployIfNotExists",
      reason: expect.stringContaining("existence condition"),
    });
    const shaped = (group: "audit" | "allLogs") =>
      evaluateBaseline(
        toArmResources(
          [
            account({ disableLocalAuth: true }),
            diagnostics([
              { categoryGroup: "audit", enabled: group === "audit" },
              { categoryGroup: "allLogs", enabled: group === "allLogs" },
            ]),
          ],
          SUB,
        ),
        NOW,
      );
    for (const group of ["audit", "allLogs"] as const) {
      const report = shaped(group);
      expect(report.findings.filter((f) => f.definition === "55d1f543")).toEqual([]);
      expect(report.assumptions).toEqual([
        expect.objectContaining({
          resource: "ai-account",
          definition: "55d1f543",
          parameters: {
            logAnalytics: `${RG}/providers/Microsoft.OperationalInsights/workspaces/log-codex-dev`,
            categoryGroup: group,
          },
          ifDifferent: expect.stringContaining("adds a second diagnostic setting"),
        }),
      ]);
    }
    // No setting on the account: nothing is assumed, and the remediation would deploy one.
    const none = evaluateBaseline(toArmResources([account({ disableLocalAuth: true })], SUB), NOW);
    expect(none.findings.find((f) => f.definition === "55d1f543")).toMatchObject({
      outcome: "noncompliant",
      reason: "no planned Microsoft.Insights/diagnosticSettings for it",
    });
    expect(none.assumptions).toEqual([]);
  });

  test("a planned private endpoint to the account yields the Approved connection db630ad5 looks for; none, or a manual request, does not", () => {
    const endpoint = (connections: "privateLinkServiceConnections" | "manualPrivateLinkServiceConnections") =>
      resource("azure-native:network:PrivateEndpoint", "private-endpoints-account", {
        location: "eastus2",
        privateEndpointName: "pe-aif-codex-dev",
        resourceGroupName: "rg-codex-dev",
        subnet: { id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-private-endpoints` },
        tags: TAGS,
        [connections]: [
          {
            groupIds: ["account"],
            name: "pe-aif-codex-dev-connection",
            privateLinkServiceId: `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`,
          },
        ],
      });
    const keyless = account({ disableLocalAuth: true });
    const db630ad5 = (planned: CapturedResource[]) => findings(planned).filter(([, d]) => d === "db630ad5");
    expect(db630ad5([keyless])).toEqual([["ai-account", "db630ad5", "DeployIfNotExists"]]);
    expect(db630ad5([keyless, endpoint("privateLinkServiceConnections")])).toEqual([]);
    expect(db630ad5([keyless, endpoint("manualPrivateLinkServiceConnections")])).toEqual([
      ["ai-account", "db630ad5", "DeployIfNotExists"],
    ]);
    const connection = toArmResources([keyless, endpoint("privateLinkServiceConnections")], SUB).find((r) =>
      r.type.endsWith("/privateEndpointConnections"),
    );
    expect(connection).toMatchObject({
      id: `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev/privateEndpointConnections/pe-aif-codex-dev`,
      type: "Microsoft.CognitiveServices/accounts/privateEndpointConnections",
      properties: { privateLinkServiceConnectionState: { status: "Approved" } },
    });
  });

  test("the rotated secret under MCSB v2's 90 days (b0eb591a): 60 days of validity fail, 91 pass; the value is never carried", () => {
    expect(findings([rotatedSecret(60)])).toEqual([["key-rotation-secret", "b0eb591a", "Audit"]]);
    expect(findings([rotatedSecret(91)])).toEqual([]);
    expect(JSON.stringify(toArmResources([rotatedSecret(60)], SUB))).not.toContain("k3y-value-never-read");
  });

  test("federated credentials under 'limit to well-known issuers' with default parameters (2571b7c3)", () => {
    expect(findings([federated("https://token.actions.githubusercontent.com")])).toEqual([
      ["ci-identity-federation", "2571b7c3", "Audit"],
    ]);
    const fic = BASELINE.definitions.find((d) => d.name.startsWith("2571b7c3"))!;
    // What docs must tell the platform team: the assignment allows federated credentials and GitHub's issuer.
    const assigned = {
      values: { allowFederatedCredentials: true, allowGitHub: true },
      initiative: "test",
      source: fic.source,
    };
    const allowed = evaluateBaseline(
      toArmResources([federated("https://token.actions.githubusercontent.com")], SUB),
      NOW,
      {
        definitions: [{ ...fic, assignedParameters: assigned }],
      },
    );
    expect(allowed.findings).toEqual([]);
    expect(findings([federated("https://tokens.example.com")])).toEqual([
      ["ci-identity-federation", "2571b7c3", "Audit"],
    ]);
  });

  test("the tags the tenant requires (871b6d14 assigned for owner and environment): each missing tag is a Deny", () => {
    const untagged = workspace({ tags: { team: "keyless" } });
    expect(
      evaluateBaseline(toArmResources([untagged], SUB), NOW).findings.filter((f) => f.definition === "871b6d14"),
    ).toEqual([
      expect.objectContaining({ assignment: "tagName owner", effect: "deny", denyCapable: true }),
      expect.objectContaining({ assignment: "tagName environment", effect: "deny", denyCapable: true }),
    ]);
    expect(
      findings([workspace({ tags: { owner: "a@contoso.com" } })]).filter(([, d]) => d === "871b6d14"),
    ).toHaveLength(1);
    expect(findings([workspace()]).filter(([, d]) => d === "871b6d14")).toEqual([]);
    const group = resource("azure-native:resources:ResourceGroup", "resource-group", {
      location: "eastus2",
      resourceGroupName: "rg-codex-dev",
    });
    // Mode Indexed leaves resource groups out (a separate mode All definition targets them).
    expect(findings([group])).toEqual([]);
  });

  test("the text section lists each resource with the effect and whether Deny could refuse it", () => {
    const lines = renderBaselineReport(evaluateBaseline(toArmResources([subnet(), workspace()], SUB), NOW));
    expect(lines[0]).toMatch(
      /^Azure Policy baseline \(advisory, \d+ definitions from Azure\/azure-policy@f4a50bac, Azure\/Enterprise-Scale@[0-9a-f]{8}/,
    );
    expect(lines).toContain("  network-subnet (Microsoft.Network/virtualNetworks/subnets)");
    expect(
      lines.some((l) => /^ {4}Deny +Deny-Subnet-Without-Nsg v2\.1\.0 .*denied where assigned with Deny$/.test(l)),
    ).toBe(true);
    expect(lines.some((l) => /^ {4}Audit +6c53d030 v1\.1\.0 .*denied where assigned with Deny$/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toBe(
      "  4 violation(s) on 2 resource(s), 4 Deny-capable; the plan's exit code does not depend on them.",
    );
    expect(renderBaselineReport(evaluateBaseline([], NOW))).toContain(
      "  every planned resource is compliant with every baseline definition",
    );
  });
});

describe("opt-outs: a Deny-capable finding the stack file chose carries the setting, why and the fix", () => {
  const optOuts = (planned: CapturedResource[]) =>
    evaluateBaseline(toArmResources(planned, SUB), NOW, BASELINE, toPlannedExemptions(planned))
      .findings.filter((f) => f.optOut !== undefined)
      .map((f) => [f.definition, f.assignment, f.optOut?.path, f.optOut?.value]);
  const keyAuthExemption = resource("azure-native:authorization:PolicyExemption", "key-auth-exemption", {
    expiresOn: "2027-06-30T00:00:00Z",
    policyAssignmentId:
      "/providers/Microsoft.Management/managementGroups/corp/providers/Microsoft.Authorization/policyAssignments/ai-local-auth",
    policyDefinitionReferenceIds: ["disableLocalAuth"],
    policyExemptionName: "codex-key-auth-dev",
    scope: RG,
  });

  test("key access (71ef260a) in key mode: auth.mode = key; without an exemption the fix is entra mode or the platform's exemption, with one it names the exemption", () => {
    const plain = evaluateBaseline(toArmResources([account()], SUB), NOW).findings.find(
      (f) => f.definition === "71ef260a",
    );
    expect(plain?.optOut).toMatchObject({ path: "auth.mode", value: "key" });
    expect(plain?.optOut?.fix).toContain("auth.mode: entra");
    expect(plain?.optOut?.fix).toContain("platform.yaml (policy.keyAuthExemption");
    const planned = [account(), keyAuthExemption];
    const exempted = evaluateBaseline(
      toArmResources(planned, SUB),
      NOW,
      BASELINE,
      toPlannedExemptions(planned),
    ).findings.find((f) => f.definition === "71ef260a");
    expect(exempted?.optOut?.fix).toContain("codex-key-auth-dev");
    expect(exempted?.optOut?.fix).toContain("policyAssignments/ai-local-auth");
    expect(exempted?.optOut?.fix).toContain("reference IDs disableLocalAuth");
    expect(exempted?.optOut?.fix).toContain("waives the Deny");
    // The Modify/DINE remediations are drift, not Deny-capable: reported as they are, not as opt-outs.
    expect(optOuts([account()])).toEqual([["71ef260a", undefined, "auth.mode", "key"]]);
    expect(optOuts([account({ disableLocalAuth: true })])).toEqual([]);
  });

  test("the spoke's private DNS zones (Deny-Private-DNS-Zones): networking.mode = create, fixed by the hub's zones", () => {
    expect(optOuts([zone])).toEqual([["Deny-Private-DNS-Zones", undefined, "networking.mode", "create"]]);
    const finding = evaluateBaseline(toArmResources([zone], SUB), NOW).findings[0];
    expect(finding?.optOut?.fix).toContain("networking.mode: existing");
    expect(finding?.optOut?.fix).toContain("azure.centralPrivateDns");
  });

  test("OpenAI kind (67121cc7) and GitHub federation (2571b7c3) name their setting; a defect or a missing tag does not", () => {
    expect(optOuts([account({ disableLocalAuth: true }, "OpenAI")])).toEqual([
      ["67121cc7", undefined, "account.kind", "OpenAI"],
    ]);
    expect(optOuts([federated("https://token.actions.githubusercontent.com")])).toEqual([
      ["2571b7c3", undefined, "auth.mode", "entra"],
    ]);
    // An issuer the stack never writes is not a choice of the stack file: it stays a violation.
    expect(optOuts([federated("https://tokens.example.com")])).toEqual([]);
    // Leaving a tag out states no choice: a violation with its fix, not an opt-out.
    expect(optOuts([workspace({ ...PRIVATE, tags: { owner: "a@contoso.com" } })])).toEqual([]);
    expect(optOuts([subnet()])).toEqual([]);
  });

  test("the text shows an opt-out as such, once per setting with its fix, and does not count it as a violation", () => {
    const lines = renderBaselineReport(evaluateBaseline(toArmResources([account(), zone, subnet()], SUB), NOW));
    expect(lines.some((l) => /^ {4}Audit +71ef260a v1\.1\.0 .*, opt-out: auth\.mode = key$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {4}Deny +Deny-Private-DNS-Zones .*, opt-out: networking\.mode = create$/.test(l))).toBe(
      true,
    );
    expect(lines).toContain("  Opt-outs the stack file chose (Deny-capable definitions it does not meet on purpose):");
    expect(lines.filter((l) => l.startsWith("    networking.mode = create (Deny-Private-DNS-Zones): "))).toHaveLength(
      1,
    );
    expect(lines.filter((l) => l.startsWith("      where assigned with Deny: "))).toHaveLength(2);
    expect(lines[lines.length - 1]).toMatch(/, 1 Deny-capable, 2 opt-out\(s\) the stack file chose;/);
  });
});
