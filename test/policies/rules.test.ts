import { describe, expect, test } from "vitest";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { evaluatePolicies, mandatoryFailures } from "../../lib/policy/report";
import { LANDING_ZONE_POLICIES } from "../../lib/policy/landingZone";
import { MODEL_POLICIES } from "../../lib/policy/models";
import { ROLES } from "../../lib/azure/roles";
import { PLANNABLE_ROLE_TARGETS } from "../../lib/policy/roleAllowList";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { SAMPLE_INPUTS } from "../devkit/support";

const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de";
const RG = `${SUB}/resourceGroups/rg-codex-t`;
const ACCOUNT_ID = `${RG}/providers/Microsoft.CognitiveServices/accounts/aif-codex-t`;
const VAULT_ID = `${RG}/providers/Microsoft.KeyVault/vaults/kv-t-abc123`;
const WORKSPACE = `${RG}/providers/Microsoft.OperationalInsights/workspaces/log-codex-t`;
const ROLE_DEFINITIONS = `${SUB}/providers/Microsoft.Authorization/roleDefinitions`;
/** The clock every check runs with here: rotation and exemption findings depend on it. */
const NOW = Date.parse("2026-11-25T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const HEX_KEY = "0123456789abcdef0123456789abcdef";
const LONG_KEY = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9d0E1f2G3h4I5j6K7l8M9n0AAAA";

function r(type: string, name: string, props: Record<string, unknown>): PolicyResource {
  return { urn: `urn:pulumi:t::codex-boundary::${type}::${name}`, type, name, props };
}

/** A compliant stack, resource by resource; each test breaks one thing. */
function compliant(): PolicyResource[] {
  return [
    r(TYPES.resourceGroup, "rg", { resourceGroupName: "rg-codex-t" }),
    r(TYPES.account, "account", {
      accountName: "aif-codex-t",
      location: "swedencentral",
      tags: { "data-boundary": "eu" },
      properties: {
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny" },
        restrictOutboundNetworkAccess: true,
        allowedFqdnList: ["login.microsoftonline.com"],
        disableLocalAuth: false,
        encryption: { keySource: "Microsoft.KeyVault" },
      },
    }),
    r(TYPES.deployment, "d1", {
      accountName: "aif-codex-t",
      sku: { name: "DataZoneStandard", capacity: 10 },
      tags: { "data-boundary": "eu" },
    }),
    r(TYPES.vault, "vault", {
      vaultName: "kv-t-abc123",
      properties: {
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        enablePurgeProtection: true,
      },
    }),
    r(TYPES.privateEndpoint, "pe-account", {
      privateLinkServiceConnections: [{ privateLinkServiceId: ACCOUNT_ID, groupIds: ["account"] }],
    }),
    r(TYPES.budget, "budget", { scope: RG, amount: 2000, notifications: { "actual-80": { enabled: true } } }),
    r(TYPES.vaultSecret, "api-key", {
      tags: { ValidityPeriodDays: "60" },
      properties: { value: HEX_KEY, attributes: { expires: Math.floor((NOW + 45 * DAY) / 1000) } },
    }),
    r(TYPES.diagnosticSetting, "diag-account", {
      resourceUri: ACCOUNT_ID,
      workspaceId: WORKSPACE,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
    }),
    r(TYPES.diagnosticSetting, "diag-vault", {
      resourceUri: VAULT_ID,
      workspaceId: WORKSPACE,
      logs: [{ category: "AuditEvent", enabled: true }],
    }),
    r(TYPES.roleAssignment, "users", {
      scope: ACCOUNT_ID,
      principalType: "Group",
      roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`,
    }),
    r(TYPES.actionsVariable, "base-url", {
      variableName: "AZURE_OPENAI_BASE_URL",
      value: "https://codex-t-abc123.openai.azure.com/openai/v1",
    }),
    r(TYPES.repositoryEnvironment, "env", {
      reviewers: [{ teams: [7], users: [] }],
      repository: "api",
      environment: "codex",
      deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
      canAdminsBypass: false,
    }),
    r(TYPES.repositoryEnvironmentDeploymentPolicy, "env-default-branch", {
      repository: "api",
      environment: "codex",
      branchPattern: "main",
    }),
    // The key belongs in a secret's value: the policy pack sees it unwrapped there, and that is fine.
    r("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret", "api-key-secret", {
      repository: "api",
      environment: "codex",
      secretName: "AZURE_OPENAI_API_KEY",
      value: HEX_KEY,
    }),
    r(TYPES.developerKit, "developer-kit", {
      codexConfigToml: renderConfigToml(SAMPLE_INPUTS),
      codexProfiles: renderProfileTomls(SAMPLE_INPUTS),
      allowFullAccess: false,
      runnerLabels: ["self-hosted", "codex-runner"],
    }),
    r(TYPES.policyExemption, "exemption", { scope: ACCOUNT_ID, expiresOn: "2027-06-30T00:00:00Z" }),
    r("pulumi:providers:github", "github", { baseUrl: "https://api.github.com/", owner: "contoso" }),
  ];
}

/** Replaces the props of one resource (by name) with a patch applied. */
function breaking(name: string, patch: (props: Record<string, unknown>) => Record<string, unknown>): PolicyResource[] {
  return compliant().map((res) => (res.name === name ? { ...res, props: patch(structuredClone(res.props)) } : res));
}

/**
 * The model lifecycle controls are left out here: on any fixed day they judge the catalog's dates, not this stack's
 * shape (every catalog model retires within 120 days of NOW). They have their own tests: test/policies/modelPolicies.program.test.ts.
 * So are the landing-zone advisories: they name what a tenant's assignments would do to every key-mode account
 * (test/policies/landingZone.test.ts), whatever else the stack gets right.
 */
const SHAPE_POLICIES = BOUNDARY_POLICIES.filter(
  (p) => !MODEL_POLICIES.includes(p) && !LANDING_ZONE_POLICIES.includes(p),
);

function failures(resources: PolicyResource[]): Record<string, string[]> {
  return Object.fromEntries(
    evaluatePolicies(resources, SHAPE_POLICIES, { nowMs: NOW })
      .filter((v) => v.verdict === "fail")
      .map((v) => [v.name, v.violations.map((x) => x.message)]),
  );
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
    [
      "public access on the account",
      breaking("account", (p) => ({
        ...p,
        properties: { ...(p.properties as object), publicNetworkAccess: "Enabled" },
      })),
      "ai-and-vault-private-only",
      /publicNetworkAccess is "Enabled"/,
    ],
    [
      "public access unset on the vault",
      breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), publicNetworkAccess: undefined } })),
      "ai-and-vault-private-only",
      /Azure defaults to Enabled/,
    ],
    [
      "an ACL that allows",
      breaking("vault", (p) => ({
        ...p,
        properties: { ...(p.properties as object), networkAcls: { defaultAction: "Allow" } },
      })),
      "ai-and-vault-private-only",
      /defaultAction must be "Deny"/,
    ],
    [
      "an account without a private endpoint",
      compliant().filter((x) => x.name !== "pe-account"),
      "ai-account-has-private-endpoint",
      /no private endpoint/,
    ],
    [
      "a Global SKU in the eu boundary",
      breaking("d1", (p) => ({ ...p, sku: { name: "GlobalStandard" } })),
      "deployments-inside-data-boundary",
      /GlobalStandard leaves the 'eu' data boundary/,
    ],
    [
      "a deployment without the boundary tag",
      breaking("d1", (p) => ({ ...p, tags: {} })),
      "deployments-inside-data-boundary",
      /data-boundary tag is missing/,
    ],
    [
      "a vault without purge protection",
      breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), enablePurgeProtection: false } })),
      "key-vault-protected",
      /purge protection is off/,
    ],
    [
      "a vault with access policies",
      breaking("vault", (p) => ({ ...p, properties: { ...(p.properties as object), enableRbacAuthorization: false } })),
      "key-vault-protected",
      /RBAC authorization is off/,
    ],
    [
      "a resource group without a budget",
      compliant().filter((x) => x.name !== "budget"),
      "budget-per-resource-group",
      /has no budget/,
    ],
    [
      "a budget without notifications",
      breaking("budget", (p) => ({ ...p, notifications: {} })),
      "budget-per-resource-group",
      /no notification/,
    ],
    [
      "a vault without diagnostics",
      compliant().filter((x) => x.name !== "diag-vault"),
      "audit-logs-to-workspace",
      /no diagnostic setting/,
    ],
    [
      "diagnostics with logs disabled",
      breaking("diag-account", (p) => ({ ...p, logs: [{ categoryGroup: "allLogs", enabled: false }] })),
      "audit-logs-to-workspace",
      /no diagnostic setting/,
    ],
    [
      "a role assignment without principalType",
      breaking("users", (p) => ({ ...p, principalType: undefined })),
      "role-assignments-scoped",
      /principalType is not set/,
    ],
    [
      "Contributor (its real GUID) on the resource group",
      breaking("users", (p) => ({
        ...p,
        scope: RG,
        roleDefinitionId: `${ROLE_DEFINITIONS}/b24988ac-6180-42a0-ab88-20f7382dd24c`,
      })),
      "role-assignments-scoped",
      /grants Contributor at/,
    ],
    [
      "Owner on the subscription",
      breaking("users", (p) => ({
        ...p,
        scope: SUB,
        roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
      })),
      "role-assignments-scoped",
      /grants Owner at/,
    ],
    [
      "a secret in a variable",
      breaking("base-url", (p) => ({ ...p, value: "[secret]" })),
      "no-key-in-github-variables",
      /holds secret or key-shaped material/,
    ],
    [
      "a key-shaped variable",
      breaking("base-url", (p) => ({ ...p, value: "0123456789abcdef0123456789abcdef" })),
      "no-key-in-github-variables",
      /key-shaped/,
    ],
    [
      "a full-access profile file without opting in",
      breaking("developer-kit", (p) => ({
        ...p,
        codexProfiles: renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true }),
      })),
      "no-unapproved-full-access",
      /did not opt in/,
    ],
    [
      "full access as config.toml's default without opting in",
      breaking("developer-kit", (p) => ({ ...p, codexConfigToml: `sandbox_mode = "danger-full-access"\n` })),
      "no-unapproved-full-access",
      /did not opt in/,
    ],
    // Versioned azure-native tokens are the same resources (regression: exact tokens only were checked).
    [
      "a public account registered under a versioned token",
      compliant().map((x) =>
        x.name === "account"
          ? {
              ...x,
              type: "azure-native:cognitiveservices/v20250601:Account",
              props: { ...x.props, properties: { ...(x.props.properties as object), publicNetworkAccess: "Enabled" } },
            }
          : x,
      ),
      "ai-and-vault-private-only",
      /publicNetworkAccess is "Enabled"/,
    ],
    [
      "Owner at the resource group under a versioned token",
      compliant().map((x) =>
        x.name === "users"
          ? {
              ...x,
              type: "azure-native:authorization/v20220401:RoleAssignment",
              props: {
                ...x.props,
                scope: RG,
                roleDefinitionId: `${ROLE_DEFINITIONS}/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
              },
            }
          : x,
      ),
      "role-assignments-scoped",
      /grants Owner at/,
    ],
    // Privileged roles beyond Owner and Contributor (regression: only those two were known).
    ...(
      [
        ["User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", RG],
        ["Role Based Access Control Administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168", SUB],
        ["Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483", RG],
        ["Cognitive Services Contributor", "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68", RG],
      ] as const
    ).map(([role, guid, scope]): [string, PolicyResource[], string, RegExp] => [
      `${role} at ${scope === RG ? "the resource group" : "the subscription"}`,
      breaking("users", (p) => ({ ...p, scope, roleDefinitionId: `${ROLE_DEFINITIONS}/${guid}` })),
      "role-assignments-scoped",
      new RegExp(`grants ${role} at ${scope} \\(a (resource group|subscription)\\): .*remove the assignment$`),
    ]),
    // The allow-list (regression: a deny-list let every role it did not name through, at any scope).
    [
      "Key Vault Secrets User at the subscription",
      breaking("users", (p) => ({
        ...p,
        scope: SUB,
        roleDefinitionId: `${ROLE_DEFINITIONS}/${ROLES.keyVaultSecretsUser}`,
      })),
      "role-assignments-scoped",
      /grants Key Vault Secrets User at \/subscriptions\/[^ ]+ \(a subscription\): the stack plans Key Vault Secrets User only on the team's key vault/,
    ],
    [
      "Key Vault Data Access Administrator at the resource group",
      breaking("users", (p) => ({
        ...p,
        scope: RG,
        roleDefinitionId: `${ROLE_DEFINITIONS}/8b54135c-b56d-4d72-a534-26097cfdc8d8`,
      })),
      "role-assignments-scoped",
      /grants Key Vault Data Access Administrator at \/subscriptions\/[^ ]+\/resourceGroups\/rg-codex-t \(a resource group\)/,
    ],
    [
      "Key Vault Secrets User on another team's vault",
      breaking("users", (p) => ({
        ...p,
        scope: `${RG}/providers/Microsoft.KeyVault/vaults/kv-payments-x`,
        roleDefinitionId: `${ROLE_DEFINITIONS}/${ROLES.keyVaultSecretsUser}`,
      })),
      "role-assignments-on-own-resources",
      /grants Key Vault Secrets User on vault kv-payments-x \(resource group rg-codex-t\), which this stack does not plan/,
    ],
    [
      "a PIM RoleAssignmentScheduleRequest for Owner",
      [
        ...compliant(),
        r("azure-native:authorization:RoleAssignmentScheduleRequest", "pim-owner", {
          scope: SUB,
          principalId: "p",
          requestType: "AdminAssign",
          roleDefinitionId: `${ROLE_DEFINITIONS}/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
        }),
      ],
      "no-pim-or-role-definitions",
      /RoleAssignmentScheduleRequest pim-owner for Owner at \/subscriptions\//,
    ],
    [
      "a role definition",
      [
        ...compliant(),
        r("azure-native:authorization:RoleDefinition", "custom-role", {
          roleName: "Codex operator",
          scope: SUB,
          permissions: [{ actions: ["Microsoft.CognitiveServices/*"] }],
        }),
      ],
      "no-pim-or-role-definitions",
      /RoleDefinition custom-role at \/subscriptions\//,
    ],
    [
      "an ARM template deployment creating a public account",
      [
        ...compliant(),
        r("azure-native:resources:Deployment", "template", {
          resourceGroupName: "rg-codex-t",
          properties: {
            mode: "Incremental",
            template: {
              $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              contentVersion: "1.0.0.0",
              resources: [
                {
                  type: "Microsoft.CognitiveServices/accounts",
                  apiVersion: "2024-10-01",
                  name: "aif-open",
                  kind: "AIServices",
                  properties: { publicNetworkAccess: "Enabled" },
                },
              ],
            },
          },
        }),
      ],
      "no-nested-arm-deployments",
      /Deployment template deploys an ARM template creating Microsoft.CognitiveServices\/accounts/,
    ],
    // Key material in any non-secret GitHub resource, wherever it sits (regression: ActionsVariable, exact value only).
    [
      "a key inside a longer variable value",
      breaking("base-url", (p) => ({ ...p, value: `AZURE_OPENAI_API_KEY=${HEX_KEY};` })),
      "no-key-in-github-variables",
      /AZURE_OPENAI_BASE_URL: value holds secret or key-shaped material/,
    ],
    [
      "a key in an environment variable",
      [
        ...compliant(),
        r("github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable", "env-var", {
          repository: "api",
          environment: "codex",
          variableName: "TOKEN",
          value: `key ${HEX_KEY}`,
        }),
      ],
      "no-key-in-github-variables",
      /ActionsEnvironmentVariable TOKEN: value/,
    ],
    [
      "an 84-character key in an organization variable",
      [
        ...compliant(),
        r("github:index/actionsOrganizationVariable:ActionsOrganizationVariable", "org-var", {
          variableName: "K",
          visibility: "all",
          value: LONG_KEY,
        }),
      ],
      "no-key-in-github-variables",
      /ActionsOrganizationVariable K: value/,
    ],
    [
      "a key in a line of a repository file",
      [
        ...compliant(),
        r("github:index/repositoryFile:RepositoryFile", "file", {
          repository: "api",
          file: ".env",
          content: `# settings
AZURE_OPENAI_API_KEY="${HEX_KEY}"
`,
        }),
      ],
      "no-key-in-github-variables",
      /RepositoryFile \.env: content holds/,
    ],
    [
      "a secret in a repository description",
      [...compliant(), r("github:index/repository:Repository", "repo", { name: "api", description: "[secret]" })],
      "no-key-in-github-variables",
      /description holds/,
    ],
    [
      "a key as a secret's name (only its value is the secret)",
      breaking("api-key-secret", (p) => ({ ...p, secretName: HEX_KEY.toUpperCase() })),
      "no-key-in-github-variables",
      /secretName holds/,
    ],
    // Opt-outs are named (regression: "All mandatory controls pass" over each of them).
    [
      "a wildcard outbound host",
      breaking("account", (p) => ({
        ...p,
        properties: { ...(p.properties as object), allowedFqdnList: ["*.blob.core.windows.net"] },
      })),
      "outbound-restricted",
      /"\*\.blob\.core\.windows\.net" is a wildcard/,
    ],
    [
      "outbound access unrestricted",
      breaking("account", (p) => ({
        ...p,
        properties: { ...(p.properties as object), restrictOutboundNetworkAccess: false },
      })),
      "outbound-restricted",
      /may call any host/,
    ],
    [
      "an environment any branch can use",
      breaking("env", (p) => ({ ...p, deploymentBranchPolicy: undefined })),
      "github-environment-restricted",
      /api\/codex has no custom-branch deployment policy/,
    ],
    [
      "an environment every protected branch can use (regression: main's setting)",
      breaking("env", (p) => ({
        ...p,
        deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
      })),
      "github-environment-restricted",
      /api\/codex has no custom-branch deployment policy/,
    ],
    [
      "a deployment policy admitting a branch wildcard",
      breaking("env-default-branch", (p) => ({ ...p, branchPattern: "*" })),
      "github-environment-restricted",
      /api\/codex admits the branch pattern "\*"/,
    ],
    [
      "an environment admins can bypass",
      breaking("env", (p) => ({ ...p, canAdminsBypass: true })),
      "github-environment-restricted",
      /lets admins bypass/,
    ],
  ];

  test.each(cases.map(([name, resources, policy, message]) => ({ name, resources, policy, message })))(
    "$name violates $policy",
    ({ resources, policy, message }) => {
      const failed = failures(resources);
      expect(Object.keys(failed)).toEqual([policy]);
      expect(failed[policy]?.join("\n")).toMatch(message);
    },
  );

  test("Owner is refused even on the team's own account: the allow-list knows no Owner", () => {
    const resources = breaking("users", (p) => ({
      ...p,
      roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
    }));
    expect(failures(resources)).toEqual({
      "role-assignments-scoped": [
        `grants Owner at ${ACCOUNT_ID} (the team's AI account): no team stack plans this role; remove the assignment`,
      ],
    });
  });

  test("full access opted in: the mandatory control passes, and the opt-out is named as an advisory", () => {
    const optedIn = { ...SAMPLE_INPUTS, allowFullAccess: true };
    const resources = breaking("developer-kit", () => ({
      codexConfigToml: renderConfigToml(optedIn),
      codexProfiles: renderProfileTomls(optedIn),
      allowFullAccess: true,
    }));
    expect(failures(resources)).toEqual({
      "full-access-opt-out": ["codex.allowFullAccess is true: the kit offers a danger-full-access profile"],
    });
    expect(mandatoryFailures(evaluatePolicies(resources, SHAPE_POLICIES, { nowMs: NOW }))).toEqual([]);
  });

  test("each role the stack plans passes on its own target and fails anywhere else (no false positives, no wider grant)", () => {
    const targets = { account: ACCOUNT_ID, vault: VAULT_ID };
    for (const [guid, allowed] of PLANNABLE_ROLE_TARGETS) {
      for (const [target, scope] of Object.entries(targets)) {
        const resources = breaking("users", (p) => ({ ...p, scope, roleDefinitionId: `${ROLE_DEFINITIONS}/${guid}` }));
        const expected = allowed.has(target as keyof typeof targets) ? [] : ["role-assignments-scoped"];
        expect(Object.keys(failures(resources)), `${guid} at ${scope}`).toEqual(expected);
      }
      for (const scope of [RG, SUB]) {
        const resources = breaking("users", (p) => ({ ...p, scope, roleDefinitionId: `${ROLE_DEFINITIONS}/${guid}` }));
        expect(Object.keys(failures(resources)), `${guid} at ${scope}`).toEqual(["role-assignments-scoped"]);
      }
    }
  });

  test("what a repository file legitimately holds is not mistaken for a key", () => {
    const workflow = [
      "steps:",
      "  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
      "  - run: echo 'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'",
      "env:",
      "  AZURE_OPENAI_API_KEY: ${{ secrets.AZURE_OPENAI_API_KEY }}",
      "  TENANT: 3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
      "  BASE_URL: https://codex-payments-eu-abc123.openai.azure.com/openai/v1",
    ].join("\n");
    expect(
      failures([
        ...compliant(),
        r("github:index/repositoryFile:RepositoryFile", "workflow", {
          repository: "api",
          file: ".github/workflows/codex.yml",
          content: workflow,
        }),
      ]),
    ).toEqual({});
  });

  describe("opt-outs and time-boxed settings are named (advisories)", () => {
    const secret = (expiresAt: number | undefined, validityDays = 60) =>
      breaking("api-key", (p) => ({
        ...p,
        tags: { ValidityPeriodDays: String(validityDays) },
        properties: {
          value: HEX_KEY,
          attributes: expiresAt === undefined ? {} : { expires: Math.floor(expiresAt / 1000) },
        },
      }));
    const exemption = (expiresOn: string) => breaking("exemption", (p) => ({ ...p, expiresOn }));
    const optOuts: Array<[string, PolicyResource[], string, RegExp]> = [
      [
        "dataBoundary global",
        breaking("account", (p) => ({ ...p, tags: { "data-boundary": "global" } })),
        "data-boundary-opt-out",
        /dataBoundary is "global": aif-codex-t may process prompts in any Azure region/,
      ],
      [
        "a host off the outbound allow list",
        breaking("account", (p) => ({
          ...p,
          properties: {
            ...(p.properties as object),
            allowedFqdnList: ["login.microsoftonline.com", "contoso.search.windows.net"],
          },
        })),
        "outbound-fqdns-allow-listed",
        /"contoso.search.windows.net" \(account.allowedFqdns\) is not on the boundary's allow list/,
      ],
      [
        "a plain repository secret",
        [
          ...compliant(),
          r(TYPES.actionsSecret, "repo-secret", {
            repository: "legacy",
            secretName: "AZURE_OPENAI_API_KEY",
            value: "[secret]",
          }),
        ],
        "github-repository-secret-opt-out",
        /AZURE_OPENAI_API_KEY is a plain repository secret of legacy/,
      ],
      [
        "a rotation period over 90 days",
        secret(NOW + 100 * DAY, 240),
        "key-rotation-bounded",
        /rotation period is 120 days/,
      ],
      [
        "a key valid far beyond two periods (epoch ahead of the clock)",
        secret(Date.parse("2099-03-02T00:00:00Z")),
        "key-rotation-bounded",
        /valid until 2099-03-02, more than two rotation periods \(60 days\) from now/,
      ],
      ["a key without expiry", secret(undefined), "key-rotation-bounded", /no expiry date/],
      [
        "an exemption ending in 12 days",
        exemption("2026-12-08T00:00:00Z"),
        "key-auth-exemption-expiry",
        /expires on 2026-12-08, in 12 day\(s\)/,
      ],
      ["an expired exemption", exemption("2026-10-01T00:00:00Z"), "key-auth-exemption-expiry", /expired on 2026-10-01/],
      [
        "an exemption beyond the maximum",
        exemption("2099-12-31T00:00:00Z"),
        "key-auth-exemption-expiry",
        /runs until 2099-12-31, beyond the 12-month maximum \(2027-11-25\)/,
      ],
      // Weakened settings (issue 24 point 9): each named with its fix.
      [
        "bare self-hosted runner labels",
        breaking("developer-kit", (p) => ({ ...p, runnerLabels: ["self-hosted", "linux", "X64"] })),
        "runner-labels-dedicated",
        /codex.runnerLabels is \[self-hosted, linux, X64\]: no dedicated label/,
      ],
      [
        "a key environment with no reviewers",
        breaking("env", (p) => ({ ...p, reviewers: [{ teams: [], users: [] }] })),
        "key-environment-reviewed",
        /environment api\/codex has no required reviewers \(github.reviewers is empty\)/,
      ],
      [
        "an audit workspace in another subscription",
        breaking("diag-vault", (p) => ({
          ...p,
          workspaceId:
            "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-sec/providers/Microsoft.OperationalInsights/workspaces/central",
        })),
        "audit-workspace-in-stack-subscription",
        /audit.workspaceId \/subscriptions\/11111111-2222-4333-8444-555555555555\/.+ is in subscription 11111111-2222-4333-8444-555555555555, not the stack's 00000000-0000-4000-8000-00000000c0de/,
      ],
      [
        "a GitHub Enterprise Server host",
        breaking("github", (p) => ({ ...p, baseUrl: "https://GitHub.Example.com/api/v3" })),
        "github-host-default",
        /the GitHub host is github.example.com, not github.com/,
      ],
      [
        "a budget of 1e9",
        breaking("budget", (p) => ({ ...p, amount: 1e9 })),
        "budget-amount-bounded",
        /monthly budget is 1000000000/,
      ],
    ];
    test.each(optOuts.map(([name, resources, policy, message]) => ({ name, resources, policy, message })))(
      "$name: $policy",
      ({ resources, policy, message }) => {
        const verdicts = evaluatePolicies(resources, SHAPE_POLICIES, { nowMs: NOW });
        expect(verdicts.filter((v) => v.verdict === "fail").map((v) => [v.name, v.enforcement])).toEqual([
          [policy, "advisory"],
        ]);
        expect(
          verdicts
            .find((v) => v.name === policy)
            ?.violations.map((v) => v.message)
            .join("\n"),
        ).toMatch(message);
      },
    );

    test("a key valid exactly two periods from now (the start of its generation) is within bounds", () => {
      expect(failures(secret(NOW + 60 * DAY))).toEqual({});
      expect(failures(exemption("2026-12-26T00:00:00Z"))).toEqual({});
    });
  });

  test("advisory findings never count as mandatory failures", () => {
    const resources = breaking("account", (p) => ({
      ...p,
      properties: { ...(p.properties as object), encryption: undefined },
    })).filter((x) => x.name !== "exemption");
    const verdicts = evaluatePolicies(resources, SHAPE_POLICIES, { nowMs: NOW });
    expect(
      verdicts
        .filter((v) => v.verdict === "fail")
        .map((v) => v.name)
        .sort(),
    ).toEqual(["customer-managed-keys", "key-auth-exception-recorded"]);
    expect(mandatoryFailures(verdicts)).toEqual([]);
  });
});
