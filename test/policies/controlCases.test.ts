import { describe, expect, test } from "vitest";
import { ROLES } from "../../lib/azure/roles";
import { PLANNABLE_ROLE_TARGETS } from "../../lib/policy/roleAllowList";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { expectProblems } from "../support/problemText";

/**
 * Each control with a case that must pass next to the case that must fail, one resource at a time, so a
 * condition replaced by `true` or `false` shows up as a false positive or a missed violation.
 */
const NOW = Date.parse("2026-11-25T12:00:00Z");
const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de";
const RG = `${SUB}/resourceGroups/rg-codex-t`;
const ACCOUNT_ID = `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-t`;
const VAULT_ID = `${RG}/providers/Microsoft.KeyVault/vaults/kv-t-abc123`;
const ROLE_DEFINITIONS = `${SUB}/providers/Microsoft.Authorization/roleDefinitions`;
const OWNER = `${ROLE_DEFINITIONS}/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const OPENAI_USER = `${ROLE_DEFINITIONS}/${ROLES.cognitiveServicesOpenAIUser}`;
const KV_SECRETS_USER = `${ROLE_DEFINITIONS}/${ROLES.keyVaultSecretsUser}`;
const HEX_KEY = "0123456789abcdef0123456789abcdef";

function r(type: string, name: string, props: Record<string, unknown>): PolicyResource {
  return { urn: `urn:${name}`, type, name, props };
}
function messages(policy: string, resources: PolicyResource[]): string[] {
  const control = BOUNDARY_POLICIES.find((p) => p.name === policy);
  if (!control) throw new Error(`no policy ${policy}`);
  return control.check(resources, { nowMs: NOW }).map((v) => `${v.urn}: ${v.message}`);
}
const account = (props: Record<string, unknown> = {}) =>
  r(TYPES.account, "account", { accountName: "aif-codex-t", ...props });
const vault = (properties: Record<string, unknown>) =>
  r(TYPES.vault, "vault", { vaultName: "kv-t-abc123", properties });

describe("ai-and-vault-private-only", () => {
  const closed = { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny" } };
  test("closed passes; an open ACL alone, or no ACL, fails", () => {
    expect(messages("ai-and-vault-private-only", [account({ properties: closed }), vault(closed)])).toEqual([]);
    expect(messages("ai-and-vault-private-only", [vault({ publicNetworkAccess: "Disabled" })])).toEqual([
      'urn:vault: networkAcls.defaultAction must be "Deny"',
    ]);
    expectProblems(
      messages("ai-and-vault-private-only", [account({ properties: { networkAcls: { defaultAction: "Deny" } } })]),
      [["urn:account", '"unset (Azure defaults to Enabled)"', '"Disabled"', 'publicNetworkAccess is "unset']],
    );
  });
});

describe("ai-account-has-private-endpoint", () => {
  const endpoint = (id: string) =>
    r(TYPES.privateEndpoint, "pe", { privateLinkServiceConnections: [{ privateLinkServiceId: id }] });
  test("an endpoint to this account passes (IDs compare case-insensitively); one to another account, or none, fails", () => {
    expect(messages("ai-account-has-private-endpoint", [account(), endpoint(ACCOUNT_ID.toUpperCase())])).toEqual([]);
    expect(
      messages("ai-account-has-private-endpoint", [
        account(),
        endpoint(`${RG}/providers/Microsoft.CognitiveServices/accounts/other`),
      ]),
    ).toEqual(["urn:account: no private endpoint connects to this account"]);
    expect(
      messages("ai-account-has-private-endpoint", [
        account(),
        r(TYPES.privateEndpoint, "pe", { privateLinkServiceConnections: "junk" }),
      ]),
    ).toEqual(["urn:account: no private endpoint connects to this account"]);
  });
  test("without accountName the resource name is the account's", () => {
    const unnamed = r(TYPES.account, "aif-codex-t", {});
    expect(messages("ai-account-has-private-endpoint", [unnamed, endpoint(ACCOUNT_ID)])).toEqual([]);
  });
});

describe("deployments-inside-data-boundary", () => {
  const deployment = (boundary: string | undefined, sku: string) =>
    r(TYPES.deployment, "d", { sku: { name: sku }, tags: boundary === undefined ? {} : { "data-boundary": boundary } });
  test("global may use Global SKUs; eu and us may use the others; an unknown tag is missing", () => {
    expect(
      messages("deployments-inside-data-boundary", [
        deployment("global", "GlobalStandard"),
        deployment("us", "Standard"),
        deployment("eu", "DataZoneStandard"),
      ]),
    ).toEqual([]);
    expectProblems(messages("deployments-inside-data-boundary", [deployment("us", "GlobalProvisionedManaged")]), [
      ["urn:d", "'us'", "SKU GlobalProvisionedManaged"],
    ]);
    expectProblems(messages("deployments-inside-data-boundary", [deployment("mars", "Standard")]), [
      ["urn:d", "the deployment's data-boundary tag is missing,"],
    ]);
  });
});

describe("key-vault-protected", () => {
  const safe = { enableRbacAuthorization: true, enablePurgeProtection: true };
  test("soft delete left out passes (Azure's default is on); soft delete off fails; every problem is named", () => {
    expect(messages("key-vault-protected", [vault(safe)])).toEqual([]);
    expect(messages("key-vault-protected", [vault({ ...safe, enableSoftDelete: true })])).toEqual([]);
    expect(messages("key-vault-protected", [vault({ ...safe, enableSoftDelete: false })])).toEqual([
      "urn:vault: soft delete is off",
    ]);
    expect(messages("key-vault-protected", [vault({})])).toEqual([
      "urn:vault: RBAC authorization is off",
      "urn:vault: purge protection is off",
    ]);
  });
});

describe("budget-per-resource-group", () => {
  const group = r(TYPES.resourceGroup, "rg", { resourceGroupName: "rg-codex-t" });
  const budget = (scope: string, notifications: unknown = { a: {} }) =>
    r(TYPES.budget, "budget", { scope, notifications });
  test("a budget on this group passes; one on another group (even a longer name) does not count", () => {
    expect(messages("budget-per-resource-group", [group, budget(RG.toUpperCase())])).toEqual([]);
    expect(messages("budget-per-resource-group", [group, budget(`${SUB}/resourceGroups/other`)])).toEqual([
      "urn:rg: resource group rg-codex-t has no budget",
    ]);
    expect(messages("budget-per-resource-group", [group, budget(`${RG}-2`)])).toEqual([
      "urn:rg: resource group rg-codex-t has no budget",
    ]);
  });
  test("the group's name falls back to the resource name; notifications must be a non-empty object", () => {
    expect(messages("budget-per-resource-group", [r(TYPES.resourceGroup, "rg-codex-t", {}), budget(RG)])).toEqual([]);
    expect(messages("budget-per-resource-group", [group, budget(RG, ["x"])])).toEqual([
      "urn:budget: the budget has no notification",
    ]);
  });
});

describe("audit-logs-to-workspace", () => {
  const setting = (resourceUri: string, props: Record<string, unknown> = {}) =>
    r(TYPES.diagnosticSetting, `diag-${resourceUri.length}`, {
      resourceUri,
      workspaceId: "/w",
      logs: [{ enabled: false }, { enabled: true }],
      ...props,
    });
  test("one enabled log to a workspace passes, for the account and the vault", () => {
    expect(messages("audit-logs-to-workspace", [account(), vault({}), setting(ACCOUNT_ID), setting(VAULT_ID)])).toEqual(
      [],
    );
  });
  test("an empty workspace, logs that are not a list, or a setting on another resource fail", () => {
    expectProblems(messages("audit-logs-to-workspace", [account(), setting(ACCOUNT_ID, { workspaceId: "" })]), [
      ["urn:account", "no diagnostic setting sends its logs"],
    ]);
    expectProblems(messages("audit-logs-to-workspace", [account(), setting(ACCOUNT_ID, { logs: { enabled: true } })]), [
      ["urn:account", "no diagnostic setting sends its logs"],
    ]);
    expectProblems(messages("audit-logs-to-workspace", [vault({}), setting(ACCOUNT_ID)]), [
      ["urn:vault", "no diagnostic setting sends its logs"],
    ]);
  });
});

describe("role-assignments-scoped", () => {
  const assignment = (scope: string, roleDefinitionId: string, principalType: string | undefined = "Group") =>
    r(TYPES.roleAssignment, "ra", { scope, roleDefinitionId, principalType });
  const scoped = (resources: PolicyResource[]) => messages("role-assignments-scoped", resources);
  test.each(["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"])(
    "principalType %s passes",
    (principalType) => {
      expect(scoped([assignment(ACCOUNT_ID, OPENAI_USER, principalType)])).toEqual([]);
    },
  );
  test("an unknown principalType fails", () => {
    expect(scoped([assignment(ACCOUNT_ID, OPENAI_USER, "Robot")])).toEqual(["urn:ra: principalType is not set"]);
  });
  test("the allow-list is the planner's: each role the stack plans, on the kind of resource it plans it on", () => {
    expect(Object.fromEntries([...PLANNABLE_ROLE_TARGETS].map(([guid, targets]) => [guid, [...targets]]))).toEqual({
      [ROLES.cognitiveServicesOpenAIUser]: ["account"],
      [ROLES.cognitiveServicesOpenAIContributor]: ["account"],
      [ROLES.cognitiveServicesContributor]: ["account"],
      [ROLES.keyVaultSecretsUser]: ["vault"],
    });
  });
  test.each([
    [ROLES.cognitiveServicesOpenAIUser, ACCOUNT_ID],
    [ROLES.cognitiveServicesOpenAIContributor, ACCOUNT_ID.toUpperCase()],
    [ROLES.cognitiveServicesContributor, `${ACCOUNT_ID}/`],
    [ROLES.keyVaultSecretsUser, VAULT_ID],
  ])("the planned role %s on its own target %s passes", (guid, scope) => {
    expect(scoped([assignment(scope, `${ROLE_DEFINITIONS}/${guid}`)])).toEqual([]);
  });
  test.each([
    ["/", "the tenant root"],
    [SUB, "a subscription"],
    [`${SUB}/`, "a subscription"],
    [RG, "a resource group"],
    [RG.toUpperCase(), "a resource group"],
    ["/providers/Microsoft.Management/managementGroups/corp", "a management group"],
    [`${RG}/providers/Microsoft.Storage/storageAccounts/st`, "a Microsoft.Storage/storageAccounts resource"],
    [`${VAULT_ID}/secrets/api-key`, "no team account or vault"],
    [ACCOUNT_ID, "the team's AI account"],
    ["", "no scope"],
  ])("Key Vault Secrets User at %s (%s) fails, naming the role, the scope and where it belongs", (scope, label) => {
    expectProblems(scoped([assignment(scope, `${ROLE_DEFINITIONS}/${ROLES.keyVaultSecretsUser}`)]), [
      ["urn:ra", "grants Key Vault Secrets User at", label, "only on the team's key vault", "remove the assignment"],
    ]);
  });
  test.each([
    ["Owner", OWNER, ACCOUNT_ID],
    ["Owner", OWNER, RG],
    ["Key Vault Data Access Administrator", `${ROLE_DEFINITIONS}/8b54135c-b56d-4d72-a534-26097cfdc8d8`, RG],
    ["Key Vault Administrator", `${ROLE_DEFINITIONS}/00482a5a-887f-4fb3-b363-3b7fe8e74483`, VAULT_ID],
    ["Reader", `${ROLE_DEFINITIONS}/acdd72a7-3385-48ef-bd42-f606fba81ae7`, SUB],
    ["Key Vault Secrets Officer", `${ROLE_DEFINITIONS}/${ROLES.keyVaultSecretsOfficer}`, VAULT_ID],
    ["role 11111111-2222-4333-8444-555555555555", `${ROLE_DEFINITIONS}/11111111-2222-4333-8444-555555555555`, VAULT_ID],
  ])("%s, a role no stack plans, fails at any scope (%s at %s)", (name, id, scope) => {
    expectProblems(scoped([assignment(scope, id)]), [
      ["urn:ra", `grants ${name} at ${scope}`, "no team stack plans this role", "remove the assignment"],
    ]);
  });
  test("the role is read from the ID's last GUID: bare, upper case, with a trailing slash or blanks", () => {
    for (const id of [
      ROLES.keyVaultSecretsUser,
      KV_SECRETS_USER.toUpperCase(),
      `${KV_SECRETS_USER}/`,
      ` ${KV_SECRETS_USER} `,
    ]) {
      expect(scoped([assignment(VAULT_ID, id)]), id).toEqual([]);
    }
    // A GUID that is not the last segment, or one glued to more hex, is another role: none the stack plans.
    for (const id of [`${KV_SECRETS_USER}/x`, `${KV_SECRETS_USER}0`])
      expectProblems(scoped([assignment(VAULT_ID, id)]), [["urn:ra", "no team stack plans this role"]]);
  });
});

describe("role-assignments-on-own-resources", () => {
  const assignment = (scope: string, guid: string) =>
    r(TYPES.roleAssignment, "ra", { scope, roleDefinitionId: `${ROLE_DEFINITIONS}/${guid}`, principalType: "Group" });
  const own = (resources: PolicyResource[]) => messages("role-assignments-on-own-resources", resources);
  const stack = [account({ resourceGroupName: "rg-codex-t" }), vault({})];
  test("roles on this stack's account and vault pass (names compare case-insensitively)", () => {
    expect(
      own([
        ...stack,
        assignment(ACCOUNT_ID.toUpperCase(), ROLES.cognitiveServicesOpenAIUser),
        assignment(VAULT_ID, ROLES.keyVaultSecretsUser),
      ]),
    ).toEqual([]);
  });
  test("another team's vault, or an account of the same name in another resource group, fails", () => {
    expectProblems(
      own([
        ...stack,
        assignment(`${RG}/providers/Microsoft.KeyVault/vaults/kv-payments-x`, ROLES.keyVaultSecretsUser),
        assignment(
          `${SUB}/resourceGroups/rg-other/providers/Microsoft.CognitiveServices/accounts/aif-codex-t`,
          ROLES.cognitiveServicesOpenAIUser,
        ),
      ]),
      [
        ["urn:ra", "Key Vault Secrets User", "vault kv-payments-x", "does not plan"],
        ["urn:ra", "Cognitive Services OpenAI User", "account aif-codex-t (resource group rg-other)", "does not plan"],
      ],
    );
  });
  test("a scope that is no account or vault is role-assignments-scoped's to judge, not this control's", () => {
    expect(own([...stack, assignment(RG, ROLES.keyVaultSecretsUser)])).toEqual([]);
  });
});

describe("no-pim-or-role-definitions and no-nested-arm-deployments", () => {
  test("a PIM request for Owner, an eligibility schedule, a PIM rule or a role definition fails; versioned tokens too", () => {
    expectProblems(
      messages("no-pim-or-role-definitions", [
        r("azure-native:authorization/v20201001:RoleAssignmentScheduleRequest", "pim", {
          scope: SUB,
          roleDefinitionId: OWNER,
          requestType: "AdminAssign",
        }),
        r("azure-native:authorization:PimRoleEligibilitySchedule", "eligible", { scope: RG, roleDefinitionId: OWNER }),
        r("azure-native:authorization:RoleEligibilityScheduleRequest", "eligible-request", { scope: RG }),
        r("azure-native:authorization:RoleManagementPolicy", "pim-rule", { scope: SUB }),
        r("azure-native:authorization:RoleDefinition", "custom", {
          roleName: "all",
          permissions: [{ actions: ["*"] }],
        }),
      ]),
      [
        ["urn:pim", "RoleAssignmentScheduleRequest pim for Owner at /subscriptions/", "remove it"],
        ["urn:eligible", "PimRoleEligibilitySchedule eligible for Owner at"],
        ["urn:eligible-request", "RoleEligibilityScheduleRequest eligible-request at"],
        ["urn:pim-rule", "RoleManagementPolicy pim-rule"],
        ["urn:custom", "RoleDefinition custom", "no PIM request, PIM rule or role definition"],
      ],
    );
    expect(messages("no-pim-or-role-definitions", [account(), r(TYPES.roleAssignment, "ra", {})])).toEqual([]);
  });
  test("a deployment whose template creates a public account, a linked template, a script or a generic resource fails", () => {
    expectProblems(
      messages("no-nested-arm-deployments", [
        r("azure-native:resources:Deployment", "template", {
          resourceGroupName: "rg-codex-t",
          properties: {
            mode: "Incremental",
            template: {
              resources: [
                {
                  type: "Microsoft.CognitiveServices/accounts",
                  name: "open",
                  properties: { publicNetworkAccess: "Enabled" },
                },
              ],
            },
          },
        }),
        r("azure-native:resources:DeploymentAtSubscriptionScope", "linked", {
          properties: { templateLink: { uri: "https://example.com/t.json" } },
        }),
        r("azure-native:resources/v20230801:AzureCliScript", "script", { scriptContent: "az role assignment create" }),
        r("azure-native:resources:Resource", "generic", {
          resourceProviderNamespace: "Microsoft.Authorization",
          resourceType: "roleAssignmentScheduleRequests",
        }),
      ]),
      [
        ["urn:template", "Deployment template", "an ARM template creating Microsoft.CognitiveServices/accounts"],
        ["urn:linked", "DeploymentAtSubscriptionScope linked", "a linked ARM template (https://example.com/t.json)"],
        ["urn:script", "AzureCliScript script", "cannot see into"],
        ["urn:generic", "Resource generic", "Microsoft.Authorization/roleAssignmentScheduleRequests"],
      ],
    );
    expect(
      messages("no-nested-arm-deployments", [
        r("azure-native:resources:ResourceGroup", "rg", {}),
        r("azure-native:resources:DeploymentStacksWhatIfResultsAtResourceGroup", "what-if", {}),
      ]),
    ).toEqual([]);
  });
});

describe("no-key-in-github-variables", () => {
  test("a key in a secret's value passes; the same key in a variable's value fails, labelled by variable, file or name", () => {
    expect(
      messages("no-key-in-github-variables", [
        r("github:index/actionsSecret:ActionsSecret", "s", {
          plaintextValue: HEX_KEY,
          encryptedValue: HEX_KEY,
          value: HEX_KEY,
        }),
      ]),
    ).toEqual([]);
    expectProblems(
      messages("no-key-in-github-variables", [
        r("github:index/actionsVariable:ActionsVariable", "v", { variableName: "X", value: HEX_KEY }),
      ]),
      [["urn:v", "ActionsVariable X", "value holds secret or key-shaped material"]],
    );
    expectProblems(
      messages("no-key-in-github-variables", [
        r("github:index/repositoryFile:RepositoryFile", "f", { file: "a.txt", content: HEX_KEY }),
      ]),
      [["urn:f", "RepositoryFile a.txt", "content holds secret or key-shaped material"]],
    );
    expectProblems(
      messages("no-key-in-github-variables", [
        r("github:index/repository:Repository", "repo", { description: HEX_KEY }),
      ]),
      [["urn:repo", "Repository repo", "description holds secret or key-shaped material"]],
    );
    // Not a GitHub resource: not this control's business.
    expect(
      messages("no-key-in-github-variables", [r("azure-native:keyvault:Secret", "k", { value: HEX_KEY })]),
    ).toEqual([]);
  });
  test("a type that only looks like a secret is checked in full", () => {
    expectProblems(
      messages("no-key-in-github-variables", [
        r("github:index/actionsSecretX:ActionsVariable", "v", { value: HEX_KEY }),
      ]),
      [["urn:v", "ActionsVariable v", "value holds secret or key-shaped material"]],
    );
  });
});

describe("no-unapproved-full-access and the advisories", () => {
  const kit = (props: Record<string, unknown>) => r(TYPES.developerKit, "kit", props);
  test("full access in a legacy [profiles.*] table fails unless opted in; a kit without config.toml fails", () => {
    const toml = 'model = "m"\n[profiles.yolo]\nsandbox_mode = "danger-full-access"\n';
    expectProblems(messages("no-unapproved-full-access", [kit({ codexConfigToml: toml })]), [
      ["urn:kit", "the Codex config offers a danger-full-access"],
    ]);
    expect(messages("no-unapproved-full-access", [kit({ codexConfigToml: toml, allowFullAccess: true })])).toEqual([]);
    expect(
      messages("no-unapproved-full-access", [kit({ codexConfigToml: 'sandbox_mode = "workspace-write"\n' })]),
    ).toEqual([]);
    expect(messages("no-unapproved-full-access", [kit({})])).toEqual([
      "urn:kit: the developer kit exposes no config.toml to check",
    ]);
  });
  test("customer-managed keys: Key Vault passes, Microsoft-managed is named", () => {
    expect(
      messages("customer-managed-keys", [account({ properties: { encryption: { keySource: "Microsoft.KeyVault" } } })]),
    ).toEqual([]);
    expect(
      messages("customer-managed-keys", [
        account({ properties: { encryption: { keySource: "Microsoft.CognitiveServices" } } }),
      ]),
    ).toEqual(["urn:account: data at rest uses Microsoft-managed keys"]);
  });
  test("key-auth exception: local auth off passes, on with an exemption on this account passes, on without one is named", () => {
    const exemption = (scope: string) => r(TYPES.policyExemption, "ex", { scope });
    expect(messages("key-auth-exception-recorded", [account({ properties: { disableLocalAuth: true } })])).toEqual([]);
    expect(
      messages("key-auth-exception-recorded", [
        account({ properties: { disableLocalAuth: false } }),
        exemption(ACCOUNT_ID),
      ]),
    ).toEqual([]);
    expectProblems(messages("key-auth-exception-recorded", [account({ properties: {} }), exemption(VAULT_ID)]), [
      ["urn:account", "key authentication is on and no"],
    ]);
  });
});
