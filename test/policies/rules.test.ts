import { describe, expect, test } from "vitest";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { evaluatePolicies, mandatoryFailures } from "../../lib/policy/report";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { SAMPLE_INPUTS } from "../devkit/support";

const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de";
const RG = `${SUB}/resourceGroups/rg-codex-t`;
const ACCOUNT_ID = `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-t`;
const VAULT_ID = `${RG}/providers/Microsoft.KeyVault/vaults/kv-t-abc123`;
const WORKSPACE = `${RG}/providers/Microsoft.OperationalInsights/workspaces/log-codex-t`;

function r(type: string, name: string, props: Record<string, unknown>): PolicyResource {
  return { urn: `urn:pulumi:t::codex-boundary::${type}::${name}`, type, name, props };
}

/** A compliant stack, resource by resource; each test breaks one thing. */
function compliant(): PolicyResource[] {
  return [
    r(TYPES.resourceGroup, "rg", { resourceGroupName: "rg-codex-t" }),
    r(TYPES.account, "account", {
      accountName: "aif-codex-t",
      tags: { "data-boundary": "eu" },
      properties: { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny" }, disableLocalAuth: false, encryption: { keySource: "Microsoft.KeyVault" } },
    }),
    r(TYPES.deployment, "d1", { accountName: "aif-codex-t", sku: { name: "DataZoneStandard", capacity: 10 }, tags: { "data-boundary": "eu" } }),
    r(TYPES.vault, "vault", {
      vaultName: "kv-t-abc123",
      properties: { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }, enableRbacAuthorization: true, enableSoftDelete: true, enablePurgeProtection: true },
    }),
    r(TYPES.privateEndpoint, "pe-account", { privateLinkServiceConnections: [{ privateLinkServiceId: ACCOUNT_ID, groupIds: ["account"] }] }),
    r(TYPES.budget, "budget", { scope: RG, notifications: { "actual-80": { enabled: true } } }),
    r(TYPES.diagnosticSetting, "diag-account", { resourceUri: ACCOUNT_ID, workspaceId: WORKSPACE, logs: [{ categoryGroup: "allLogs", enabled: true }] }),
    r(TYPES.diagnosticSetting, "diag-vault", { resourceUri: VAULT_ID, workspaceId: WORKSPACE, logs: [{ category: "AuditEvent", enabled: true }] }),
    r(TYPES.roleAssignment, "users", { scope: ACCOUNT_ID, principalType: "Group", roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd` }),
    r(TYPES.actionsVariable, "base-url", { variableName: "AZURE_OPENAI_BASE_URL", value: "https://codex-t-abc123.openai.azure.com/openai/v1" }),
    r(TYPES.developerKit, "developer-kit", { codexConfigToml: renderConfigToml(SAMPLE_INPUTS), codexProfiles: renderProfileTomls(SAMPLE_INPUTS), allowFullAccess: false }),
    r(TYPES.policyExemption, "exemption", { scope: ACCOUNT_ID }),
  ];
}

/** Replaces the props of one resource (by name) with a patch applied. */
function breaking(name: string, patch: (props: Record<string, unknown>) => Record<string, unknown>): PolicyResource[] {
  return compliant().map((res) => (res.name === name ? { ...res, props: patch(structuredClone(res.props)) } : res));
}

function failures(resources: PolicyResource[]): Record<string, string[]> {
  return Object.fromEntries(evaluatePolicies(resources).filter((v) => v.verdict === "fail").map((v) => [v.name, v.violations.map((x) => x.message)]));
}

describe("boundary policies", () => {
  test("every policy names its risk and its fix; a compliant stack passes all of them", () => {
    for (const policy of BOUNDARY_POLICIES) {
      expect(policy.description.length, policy.name).toBeGreaterThan(40);
      expect(policy.remediation.length, policy.name).toBeGreaterThan(20);
    }
    expect(failures(compliant())).toEqual({});
    expect(BOUNDARY_POLICIES.filter((p) => p.enforcement === "advisory").length).toBeGreaterThanOrEqual(1);
  });

  const cases: Array<[string, PolicyResource[], string, RegExp]> = [
    ["public access on the account", breaking("account", (p) => ({ ...p, properties: { ...(p.properties as object), publicNetworkAccess: "Enabled" } })), "ai-and-vault-private-only", /publicNetworkAccess is "Enabled"/],
    ["public access unset on the vault", breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), publicNetworkAccess: undefined } })), "ai-and-vault-private-only", /Azure defaults to Enabled/],
    ["an ACL that allows", breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), networkAcls: { defaultAction: "Allow" } } })), "ai-and-vault-private-only", /defaultAction must be "Deny"/],
    ["an account without a private endpoint", compliant().filter((x) => x.name !== "pe-account"), "ai-account-has-private-endpoint", /no private endpoint/],
    ["a Global SKU in the eu boundary", breaking("d1", (p) => ({ ...p, sku: { name: "GlobalStandard" } })), "deployments-inside-data-boundary", /GlobalStandard leaves the 'eu' data boundary/],
    ["a deployment without the boundary tag", breaking("d1", (p) => ({ ...p, tags: {} })), "deployments-inside-data-boundary", /data-boundary tag is missing/],
    ["a vault without purge protection", breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), enablePurgeProtection: false } })), "key-vault-protected", /purge protection is off/],
    ["a vault with access policies", breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), enableRbacAuthorization: false } })), "key-vault-protected", /RBAC authorization is off/],
    ["a resource group without a budget", compliant().filter((x) => x.name !== "budget"), "budget-per-resource-group", /has no budget/],
    ["a budget without notifications", breaking("budget", (p) => ({ ...p, notifications: {} })), "budget-per-resource-group", /no notification/],
    ["a vault without diagnostics", compliant().filter((x) => x.name !== "diag-vault"), "audit-logs-to-workspace", /no diagnostic setting/],
    ["diagnostics with logs disabled", breaking("diag-account", (p) => ({ ...p, logs: [{ categoryGroup: "allLogs", enabled: false }] })), "audit-logs-to-workspace", /no diagnostic setting/],
    ["a role assignment without principalType", breaking("users", (p) => ({ ...p, principalType: undefined })), "role-assignments-scoped", /principalType is not set/],
    ["Contributor on the resource group", breaking("users", (p) => ({ ...p, scope: RG, roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42e3-9d49-7c27c9c6b38f` })), "role-assignments-scoped", /grants Contributor at/],
    ["Owner on the subscription", breaking("users", (p) => ({ ...p, scope: SUB, roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635` })), "role-assignments-scoped", /grants Owner at/],
    ["a secret in a variable", breaking("base-url", (p) => ({ ...p, value: "[secret]" })), "no-key-in-github-variables", /holds secret or key-shaped material/],
    ["a key-shaped variable", breaking("base-url", (p) => ({ ...p, value: "0123456789abcdef0123456789abcdef" })), "no-key-in-github-variables", /key-shaped/],
    ["a full-access profile file without opting in", breaking("developer-kit", (p) => ({ ...p, codexProfiles: renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true }) })), "no-unapproved-full-access", /did not opt in/],
    ["full access as config.toml's default without opting in", breaking("developer-kit", (p) => ({ ...p, codexConfigToml: `sandbox_mode = "danger-full-access"\n` })), "no-unapproved-full-access", /did not opt in/],
  ];

  test.each(cases.map(([name, resources, policy, message]) => ({ name, resources, policy, message })))("$name violates $policy", ({ resources, policy, message }) => {
    const failed = failures(resources);
    expect(Object.keys(failed)).toEqual([policy]);
    expect(failed[policy]?.join("\n")).toMatch(message);
  });

  test("Owner on a single account (not a resource group) is not this policy's business", () => {
    const resources = breaking("users", (p) => ({ ...p, roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635` }));
    expect(failures(resources)).toEqual({});
  });

  test("full access passes when the team opted in", () => {
    const optedIn = { ...SAMPLE_INPUTS, allowFullAccess: true };
    const resources = breaking("developer-kit", () => ({ codexConfigToml: renderConfigToml(optedIn), codexProfiles: renderProfileTomls(optedIn), allowFullAccess: true }));
    expect(failures(resources)).toEqual({});
  });

  test("advisory findings never count as mandatory failures", () => {
    const resources = breaking("account", (p) => ({ ...p, properties: { ...(p.properties as object), encryption: undefined } })).filter((x) => x.name !== "exemption");
    const verdicts = evaluatePolicies(resources);
    expect(verdicts.filter((v) => v.verdict === "fail").map((v) => v.name).sort()).toEqual(["customer-managed-keys", "key-auth-exception-recorded"]);
    expect(mandatoryFailures(verdicts)).toEqual([]);
  });
});
