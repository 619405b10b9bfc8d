import { describe, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { headerLines, textsByName } from "./asReviewed";

// Known answers written out: what a reviewer reads in the compliance report for each boundary control (its name,
// whether it blocks, whether it judges one resource or the whole stack, the resource types it examines, what it
// guards and how to fix it). A reworded, re-scoped or dropped control must fail here and be a conscious change.

describe("the boundary controls as a reviewer reads them in the report", () => {
  test("the whole pack in report order: the twelve boundary controls, then the opt-outs, the model lifecycle and the create-only controls", () => {
    expect(BOUNDARY_POLICIES.map((p) => p.name)).toEqual([
      "ai-and-vault-private-only",
      "ai-account-has-private-endpoint",
      "deployments-inside-data-boundary",
      "key-vault-protected",
      "budget-per-resource-group",
      "audit-logs-to-workspace",
      "role-assignments-scoped",
      "no-key-in-github-variables",
      "no-unapproved-full-access",
      "customer-managed-keys",
      "key-auth-exception-recorded",
      "key-auth-disabled-when-keyless",
      "data-boundary-opt-out",
      "full-access-opt-out",
      "outbound-restricted",
      "outbound-fqdns-allow-listed",
      "github-environment-restricted",
      "github-repository-secret-opt-out",
      "key-rotation-bounded",
      "key-auth-exemption-expiry",
      "budget-amount-bounded",
      "model-not-retiring",
      "model-retirement-ahead",
      "model-offered-to-new-subscriptions",
      "model-availability-verified",
      "model-catalog-current",
      "budget-start-as-configured",
    ]);
  });

  test("the twelve boundary controls: name, mandatory or advisory, per resource or per stack, resource types examined", () => {
    expect(headerLines(BOUNDARY_POLICIES.slice(0, 12))).toEqual([
      "ai-and-vault-private-only | mandatory | resource | azure-native:cognitiveservices:Account, azure-native:keyvault:Vault",
      "ai-account-has-private-endpoint | mandatory | stack | azure-native:cognitiveservices:Account, azure-native:network:PrivateEndpoint",
      "deployments-inside-data-boundary | mandatory | resource | azure-native:cognitiveservices:Deployment",
      "key-vault-protected | mandatory | resource | azure-native:keyvault:Vault",
      "budget-per-resource-group | mandatory | stack | azure-native:resources:ResourceGroup, azure-native:consumption:Budget",
      "audit-logs-to-workspace | mandatory | stack | azure-native:cognitiveservices:Account, azure-native:keyvault:Vault, azure-native:monitor:DiagnosticSetting",
      "role-assignments-scoped | mandatory | resource | azure-native:authorization:RoleAssignment",
      "no-key-in-github-variables | mandatory | resource | github:*",
      "no-unapproved-full-access | mandatory | stack | codex-boundary:devkit:DeveloperKit",
      "customer-managed-keys | advisory | resource | azure-native:cognitiveservices:Account",
      "key-auth-exception-recorded | advisory | stack | azure-native:cognitiveservices:Account, azure-native:authorization:PolicyExemption",
      "key-auth-disabled-when-keyless | mandatory | stack | azure-native:cognitiveservices:Account, azure-native:keyvault:Secret, github:index/actionsSecret:ActionsSecret, " +
        "github:index/actionsOrganizationSecret:ActionsOrganizationSecret, codex-boundary:keys:KeyRotation, github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
    ]);
  });

  test("each boundary control's description (what it guards) and remediation (the fix), word for word", () => {
    expect(textsByName(BOUNDARY_POLICIES.slice(0, 12))).toEqual({
      "ai-and-vault-private-only": [
        "AI accounts and key vaults accept no traffic from the public internet: prompts, completions and the key only travel inside the company network.",
        "Remove the account.publicNetworkAccess opt-out from the team config (or set properties.publicNetworkAccess: Disabled and networkAcls.defaultAction: Deny).",
      ],
      "ai-account-has-private-endpoint": [
        "Every AI account has a private endpoint: with public access off, it is the only way in, and the Codex base URL resolves to it inside the company network.",
        "Keep the private endpoints component (networking.mode create or existing) for the account.",
      ],
      "deployments-inside-data-boundary": [
        "Model deployments of an eu or us team use no Global* SKU: a global deployment may process prompts in any Azure region, outside the team's data zone.",
        "Use DataZoneStandard (or Standard / DataZoneProvisionedManaged) for every deployment of an eu or us team.",
      ],
      "key-vault-protected": [
        "The vault holding the Codex key uses Azure RBAC (no access policies), soft delete and purge protection: nobody can read the key without a role, and a deleted key can be recovered.",
        "Set enableRbacAuthorization: true, enableSoftDelete: true and enablePurgeProtection: true (purge protection can never be turned off).",
      ],
      "budget-per-resource-group": [
        "Every team resource group has a cost budget with at least one notification: a runaway agent or a leaked key shows up as spend within days, not at the end of the month.",
        "Set codex-boundary:budget (amount, contactEmails, startMonth) for the team.",
      ],
      "audit-logs-to-workspace": [
        "Every AI account and vault sends its logs to a Log Analytics workspace: model calls (when, what, from which address) and key reads (by whom) are on record; with one shared team key a call cannot be tied to a person.",
        "Keep the audit component: a diagnostic setting per account and vault with logs enabled and a workspaceId.",
      ],
      "role-assignments-scoped": [
        "Role assignments name their principal type (no PrincipalNotFound races) and never grant a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, Key Vault Administrator, Cognitive Services Contributor) on a resource group or wider: the stack hands out only the narrow roles it needs, on the account or vault.",
        "Set principalType, and grant a narrower role (e.g. Cognitive Services OpenAI User), or the role on the account or vault itself.",
      ],
      "no-key-in-github-variables": [
        "No key material in any GitHub variable, file or other non-secret GitHub resource (repository, environment and organization variables, repository files, descriptions): anyone with read access sees them and logs print them. A key is caught wherever it sits inside a value; it belongs only in an Actions secret.",
        "Move the value to an Actions secret (github.ActionsEnvironmentSecret) and reference it as ${{ secrets.NAME }}.",
      ],
      "no-unapproved-full-access": [
        "The generated Codex config offers a full-access profile (no sandbox, no approvals) only when the team config opted in (codex.allowFullAccess), so nobody gets it by accident.",
        "Remove the full-access profile, or set codex.allowFullAccess: true after the team's risk review.",
      ],
      "customer-managed-keys": [
        "Recommendation: encrypt the account's data at rest with a customer-managed key in the team's Key Vault, for tenants that require key custody.",
        "Configure properties.encryption with keySource Microsoft.KeyVault (not managed by this stack yet).",
      ],
      "key-auth-exception-recorded": [
        "Recommendation: key authentication stays on only in auth.mode key, and then as an explicit, expiring Azure Policy exemption where the tenant enforces 'AI Services resources should have key access disabled'. auth.mode entra needs no exception: no key exists.",
        "Switch to auth.mode entra (recommended: key auth off, nothing to rotate or exempt; docs/entra.md), or set policy.keyAuthExemption (policyAssignmentId, expiresOn) in the team config.",
      ],
      "key-auth-disabled-when-keyless": [
        "An account in auth.mode entra has key authentication disabled (disableLocalAuth), and its stack holds no key: no Key Vault secret, no GitHub secret, no key rotation. Codex and CI use Entra ID tokens, so a key could only be a way around them. Key-mode accounts are judged by key-auth-exception-recorded.",
        "Keep properties.disableLocalAuth: true on an entra-mode account and remove every key-bearing resource (set auth.mode key, with auth.switching while switching, if a key is really needed).",
      ],
    });
  });
});

describe("no-key-in-github-variables: only a GitHub secret type keeps the key in its value", () => {
  const KEY = "0123456789abcdef0123456789abcdef";
  const noKeyInVariables = () => {
    const policy = BOUNDARY_POLICIES.find((p) => p.name === "no-key-in-github-variables");
    if (policy === undefined) throw new Error("no-key-in-github-variables is not in the pack");
    return policy;
  };
  const findings = (type: string) =>
    noKeyInVariables()
      .check([{ urn: `urn:${type}`, type, name: "api-key", props: { secretName: "AZURE_OPENAI_API_KEY", value: KEY } }], { nowMs: 0 })
      .map((v) => v.message);

  test("the key in the value of an Actions, organization, environment or Dependabot secret is where it belongs", () => {
    expect(findings("github:index/actionsSecret:ActionsSecret")).toEqual([]);
    expect(findings("github:index/actionsOrganizationSecret:ActionsOrganizationSecret")).toEqual([]);
    expect(findings("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret")).toEqual([]);
    expect(findings("github:index/dependabotSecret:DependabotSecret")).toEqual([]);
  });

  test("a type that merely contains a secret type's token (text before or after it) is no secret: its value is checked", () => {
    expect(findings("github:github:index/actionsSecret:ActionsSecret")).toEqual(["ActionsSecret api-key: value holds secret or key-shaped material"]);
    expect(findings("github:index/actionsSecret:ActionsSecretVersion")).toEqual(["ActionsSecretVersion api-key: value holds secret or key-shaped material"]);
  });
});
