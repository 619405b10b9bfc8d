import { describe, expect, test } from "vitest";
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
const OWNER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
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
  test.each(["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"])(
    "principalType %s passes",
    (principalType) => {
      expect(messages("role-assignments-scoped", [assignment(ACCOUNT_ID, OWNER, principalType)])).toEqual([]);
    },
  );
  test("an unknown principalType fails", () => {
    expect(messages("role-assignments-scoped", [assignment(ACCOUNT_ID, OWNER, "Robot")])).toEqual([
      "urn:ra: principalType is not set",
    ]);
  });
  test.each([
    "/",
    SUB,
    `${SUB}/`,
    RG,
    `${RG}/`,
    RG.toUpperCase(),
    "/providers/Microsoft.Management/managementGroups/corp",
  ])("Owner at the broad scope %s fails", (scope) => {
    expect(messages("role-assignments-scoped", [assignment(scope, OWNER)])).toEqual([
      `urn:ra: grants Owner at ${scope}`,
    ]);
  });
  test.each([ACCOUNT_ID, VAULT_ID, `x${SUB}`, `${RG}/x`, "/providers/Microsoft.Management/managementGroups/corp/x"])(
    "Owner at the narrow scope %s passes",
    (scope) => {
      expect(messages("role-assignments-scoped", [assignment(scope, OWNER)])).toEqual([]);
    },
  );
  test("the role is read from the ID's last GUID: bare, upper case, with a trailing slash or blanks", () => {
    for (const id of ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", OWNER.toUpperCase(), `${OWNER}/`, ` ${OWNER} `]) {
      expect(messages("role-assignments-scoped", [assignment(RG, id)]), id).toEqual([`urn:ra: grants Owner at ${RG}`]);
    }
    // A GUID that is not the last segment, or one glued to more hex, is another role.
    expect(messages("role-assignments-scoped", [assignment(RG, `${OWNER}/x`)])).toEqual([]);
    expect(messages("role-assignments-scoped", [assignment(RG, `${OWNER}0`)])).toEqual([]);
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
