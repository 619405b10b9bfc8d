import { parse as parseToml } from "@iarna/toml";
import { keyMaterialPaths } from "./keyMaterial";
import { CREATE_ONLY_POLICIES } from "./createOnly";
import { MODEL_POLICIES } from "./models";
import { CATALOG_AGE_POLICIES } from "./catalogAge";
import { GEOGRAPHY_POLICIES } from "./geography";
import { LANDING_ZONE_POLICIES } from "./landingZone";
import { OPT_OUT_POLICIES } from "./optOuts";
import { PRIVILEGE_POLICIES, roleAssignments } from "./privilege";
import { WEAKENED_SETTING_POLICIES } from "./weakened";
import {
  type BoundaryPolicy,
  endsWithSegment,
  matchesType,
  ofType,
  type PolicyResource,
  record,
  text,
  TYPES,
  type Violation,
} from "./types";

function accountName(r: PolicyResource): string {
  return text(r.props.accountName) || r.name;
}
function vaultName(r: PolicyResource): string {
  return text(r.props.vaultName) || r.name;
}
function armSegment(r: PolicyResource): string {
  return matchesType(r.type, TYPES.account) ? `/accounts/${accountName(r)}` : `/vaults/${vaultName(r)}`;
}

const noPublicNetwork: BoundaryPolicy = {
  name: "ai-and-vault-private-only",
  description:
    "AI accounts and key vaults accept no traffic from the public internet: prompts, completions and the key only travel inside the company network.",
  remediation:
    "Remove the account.publicNetworkAccess opt-out from the team config (or set properties.publicNetworkAccess: Disabled and networkAcls.defaultAction: Deny).",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.account, TYPES.vault],
  check(resources) {
    const violations: Violation[] = [];
    for (const r of [...ofType(resources, TYPES.account), ...ofType(resources, TYPES.vault)]) {
      const p = record(r.props.properties);
      if (p.publicNetworkAccess !== "Disabled")
        violations.push({
          urn: r.urn,
          message: `publicNetworkAccess is ${JSON.stringify(p.publicNetworkAccess ?? "unset (Azure defaults to Enabled)")}, must be "Disabled"`,
        });
      if (record(p.networkAcls).defaultAction !== "Deny")
        violations.push({ urn: r.urn, message: 'networkAcls.defaultAction must be "Deny"' });
    }
    return violations;
  },
};

const privateEndpointPerAccount: BoundaryPolicy = {
  name: "ai-account-has-private-endpoint",
  description:
    "Every AI account has a private endpoint: with public access off, it is the only way in, and the Codex base URL resolves to it inside the company network.",
  remediation: "Keep the private endpoints component (networking.mode create or existing) for the account.",
  enforcement: "mandatory",
  scope: "stack",
  appliesTo: [TYPES.account, TYPES.privateEndpoint],
  check(resources) {
    const endpoints = ofType(resources, TYPES.privateEndpoint).flatMap((e) =>
      // Stryker disable next-line ArrayDeclaration: a text connection has no privateLinkServiceId, so it matches no account either
      (Array.isArray(e.props.privateLinkServiceConnections) ? e.props.privateLinkServiceConnections : []).map((c) =>
        text(record(c).privateLinkServiceId),
      ),
    );
    return ofType(resources, TYPES.account)
      .filter((account) => !endpoints.some((id) => endsWithSegment(id, armSegment(account))))
      .map((account) => ({ urn: account.urn, message: "no private endpoint connects to this account" }));
  },
};

const dataBoundarySkus: BoundaryPolicy = {
  name: "deployments-inside-data-boundary",
  description:
    "Model deployments of an eu or us team use no Global* SKU: a global deployment may process prompts in any Azure region, outside the team's data zone.",
  remediation:
    "Use DataZoneStandard (or Standard / DataZoneProvisionedManaged) for every deployment of an eu or us team.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.deployment],
  check(resources) {
    return ofType(resources, TYPES.deployment).flatMap((deployment) => {
      // Each deployment carries the team's data-boundary tag, so it can be judged on its own, before it is created.
      const boundary = text(record(deployment.props.tags)["data-boundary"]);
      const sku = text(record(deployment.props.sku).name);
      if (!["global", "eu", "us"].includes(boundary))
        return [
          {
            urn: deployment.urn,
            message: "the deployment's data-boundary tag is missing, so the SKU cannot be checked",
          },
        ];
      if (boundary !== "global" && sku.startsWith("Global"))
        return [{ urn: deployment.urn, message: `SKU ${sku} leaves the '${boundary}' data boundary` }];
      return [];
    });
  },
};

const vaultProtection: BoundaryPolicy = {
  name: "key-vault-protected",
  description:
    "The vault holding the Codex key uses Azure RBAC (no access policies), soft delete and purge protection: nobody can read the key without a role, and a deleted key can be recovered.",
  remediation:
    "Set enableRbacAuthorization: true, enableSoftDelete: true and enablePurgeProtection: true (purge protection can never be turned off).",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.vault],
  check(resources) {
    return ofType(resources, TYPES.vault).flatMap((vault) => {
      const p = record(vault.props.properties);
      const problems = [
        p.enableRbacAuthorization !== true ? "RBAC authorization is off" : "",
        p.enablePurgeProtection !== true ? "purge protection is off" : "",
        p.enableSoftDelete === false ? "soft delete is off" : "",
      ].filter(Boolean);
      return problems.map((message) => ({ urn: vault.urn, message }));
    });
  },
};

const budgetPerGroup: BoundaryPolicy = {
  name: "budget-per-resource-group",
  description:
    "Every team resource group has a cost budget with at least one notification: a runaway agent or a leaked key shows up as spend within days, not at the end of the month.",
  remediation: "Set codex-boundary:budget (amount, contactEmails, startMonth) for the team.",
  enforcement: "mandatory",
  scope: "stack",
  appliesTo: [TYPES.resourceGroup, TYPES.budget],
  check(resources) {
    const budgets = ofType(resources, TYPES.budget);
    return ofType(resources, TYPES.resourceGroup).flatMap((group) => {
      const name = text(group.props.resourceGroupName) || group.name;
      const budget = budgets.find((b) => endsWithSegment(b.props.scope, `/resourceGroups/${name}`));
      if (!budget) return [{ urn: group.urn, message: `resource group ${name} has no budget` }];
      if (Object.keys(record(budget.props.notifications)).length === 0)
        return [{ urn: budget.urn, message: "the budget has no notification" }];
      return [];
    });
  },
};

const diagnostics: BoundaryPolicy = {
  name: "audit-logs-to-workspace",
  description:
    "Every AI account and vault sends its logs to a Log Analytics workspace: model calls (when, what, from which address) and key reads (by whom) are on record; with one shared team key a call cannot be tied to a person.",
  remediation:
    "Keep the audit component: a diagnostic setting per account and vault with logs enabled and a workspaceId.",
  enforcement: "mandatory",
  scope: "stack",
  appliesTo: [TYPES.account, TYPES.vault, TYPES.diagnosticSetting],
  check(resources) {
    const settings = ofType(resources, TYPES.diagnosticSetting);
    return [...ofType(resources, TYPES.account), ...ofType(resources, TYPES.vault)].flatMap((target) => {
      const ok = settings.some(
        (s) =>
          endsWithSegment(s.props.resourceUri, armSegment(target)) &&
          text(s.props.workspaceId) !== "" &&
          Array.isArray(s.props.logs) &&
          s.props.logs.some((l) => record(l).enabled === true),
      );
      return ok ? [] : [{ urn: target.urn, message: "no diagnostic setting sends its logs to a workspace" }];
    });
  },
};

/** GitHub resources that are secrets: their value fields are where the key belongs (encrypted, write-only). */
const GITHUB_SECRET_TYPE = /^github:index\/[A-Za-z]+Secret:[A-Za-z]+Secret$/;
const SECRET_VALUE_FIELDS = ["value", "plaintextValue", "encryptedValue"];

const noKeyInVariables: BoundaryPolicy = {
  name: "no-key-in-github-variables",
  description:
    "No key material in any GitHub variable, file or other non-secret GitHub resource (repository, environment and organization variables, repository files, descriptions): anyone with read access sees them and logs print them. A key is caught wherever it sits inside a value; it belongs only in an Actions secret.",
  remediation:
    "Move the value to an Actions secret (github.ActionsEnvironmentSecret) and reference it as ${{ secrets.NAME }}.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: ["github:*"],
  check(resources) {
    return resources
      .filter((r) => r.type.startsWith("github:"))
      .flatMap((r) => {
        // Stryker disable next-line ArrayDeclaration: no GitHub resource has a field named like the mutant's entry
        const paths = keyMaterialPaths(r.props, GITHUB_SECRET_TYPE.test(r.type) ? SECRET_VALUE_FIELDS : []);
        const kind = r.type.split(":").pop() ?? r.type;
        const label = text(r.props.variableName) || text(r.props.file) || r.name;
        return paths.map((path) => ({
          urn: r.urn,
          message: `${kind} ${label}: ${path} holds secret or key-shaped material`,
        }));
      });
  },
};

const noUnapprovedFullAccess: BoundaryPolicy = {
  name: "no-unapproved-full-access",
  description:
    "The generated Codex config offers a full-access profile (no sandbox, no approvals) only when the team config opted in (codex.allowFullAccess), so nobody gets it by accident.",
  remediation: "Remove the full-access profile, or set codex.allowFullAccess: true after the team's risk review.",
  enforcement: "mandatory",
  scope: "stack",
  appliesTo: [TYPES.developerKit],
  check(resources) {
    return ofType(resources, TYPES.developerKit).flatMap((kit) => {
      const toml = text(kit.props.codexConfigToml);
      if (toml === "") return [{ urn: kit.urn, message: "the developer kit exposes no config.toml to check" }];
      const top = record(parseToml(toml));
      // Profile files (<name>.config.toml), and the legacy [profiles.*] table should one ever reappear.
      const profiles = [
        ...Object.values(record(kit.props.codexProfiles)).map((p) => record(parseToml(text(p)))),
        ...Object.values(record(top.profiles)).map(record),
      ];
      const fullAccess = [top, ...profiles].some((p) => p.sandbox_mode === "danger-full-access");
      return fullAccess && kit.props.allowFullAccess !== true
        ? [
            {
              urn: kit.urn,
              message: "the Codex config offers a danger-full-access profile but the team did not opt in",
            },
          ]
        : [];
    });
  },
};

const customerManagedKeys: BoundaryPolicy = {
  name: "customer-managed-keys",
  description:
    "Recommendation: encrypt the account's data at rest with a customer-managed key in the team's Key Vault, for tenants that require key custody.",
  remediation: "Configure properties.encryption with keySource Microsoft.KeyVault (not managed by this stack yet).",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    return ofType(resources, TYPES.account)
      .filter((a) => record(record(a.props.properties).encryption).keySource !== "Microsoft.KeyVault")
      .map((a) => ({ urn: a.urn, message: "data at rest uses Microsoft-managed keys" }));
  },
};

/** Whether an exemption's resource selectors (none: everything in its scope) take in AI accounts. */
function selectsAiAccounts(selectors: unknown): boolean {
  if (!Array.isArray(selectors) || selectors.length === 0) return true;
  return selectors.some((selector) => {
    const kinds = record(selector).selectors;
    if (!Array.isArray(kinds)) return true;
    return kinds.every((kind) => {
      const k = record(kind);
      if (text(k.kind) !== "resourceType") return true;
      const listed = (list: unknown) =>
        Array.isArray(list) && list.some((t) => text(t).toLowerCase() === "microsoft.cognitiveservices/accounts");
      return k.in !== undefined ? listed(k.in) : !listed(k.notIn);
    });
  });
}

/** An exemption on the account itself, or on its resource group (created before the account) selecting AI accounts. */
function exemptsAccount(exemption: PolicyResource, account: PolicyResource): boolean {
  if (endsWithSegment(exemption.props.scope, armSegment(account))) return true;
  const group = text(account.props.resourceGroupName);
  return (
    group !== "" &&
    endsWithSegment(exemption.props.scope, `/resourceGroups/${group}`) &&
    selectsAiAccounts(exemption.props.resourceSelectors)
  );
}

const keyAuthException: BoundaryPolicy = {
  name: "key-auth-exception-recorded",
  description:
    "Recommendation: key authentication stays on only in auth.mode key, and then as an explicit, expiring Azure Policy exemption where the tenant enforces 'AI Services resources should have key access disabled'. auth.mode entra needs no exception: no key exists.",
  remediation:
    "Switch to auth.mode entra (recommended: key auth off, nothing to rotate or exempt; docs/entra.md), or set policy.keyAuthExemption (policyAssignmentId, expiresOn) in the team config.",
  enforcement: "advisory",
  scope: "stack",
  appliesTo: [TYPES.account, TYPES.policyExemption],
  check(resources) {
    const exemptions = ofType(resources, TYPES.policyExemption);
    return ofType(resources, TYPES.account)
      .filter((a) => record(a.props.properties).disableLocalAuth !== true)
      .filter((a) => !exemptions.some((e) => exemptsAccount(e, a)))
      .map((a) => ({ urn: a.urn, message: "key authentication is on and no policy exemption records why" }));
  },
};

/** The account tag entra mode writes (lib/azure/naming.ts ENTRA_AUTH_TAG): its value starts with this. */
const KEYLESS_TAG = { name: "codex-key-auth", prefix: "disabled" };

function keyless(account: PolicyResource): boolean {
  return text(record(account.props.tags)[KEYLESS_TAG.name]).startsWith(KEYLESS_TAG.prefix);
}

/** GitHub secrets and vault secrets: where a key would be. */
const KEY_BEARING = [
  TYPES.vaultSecret,
  TYPES.actionsSecret,
  TYPES.actionsOrganizationSecret,
  TYPES.keyRotation,
  "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
];

const keyAuthDisabled: BoundaryPolicy = {
  name: "key-auth-disabled-when-keyless",
  description:
    "An account in auth.mode entra has key authentication disabled (disableLocalAuth), and its stack holds no key: no Key Vault secret, no GitHub secret, no key rotation. Codex and CI use Entra ID tokens, so a key could only be a way around them. Key-mode accounts are judged by key-auth-exception-recorded.",
  remediation:
    "Keep properties.disableLocalAuth: true on an entra-mode account and remove every key-bearing resource (set auth.mode key, with auth.switching while switching, if a key is really needed).",
  enforcement: "mandatory",
  scope: "stack",
  appliesTo: [TYPES.account, ...KEY_BEARING],
  check(resources) {
    const accounts = ofType(resources, TYPES.account).filter(keyless);
    if (accounts.length === 0) return [];
    const violations: Violation[] = accounts
      .filter((a) => record(a.props.properties).disableLocalAuth !== true)
      .map((a) => ({
        urn: a.urn,
        message: "the account is tagged keyless (auth.mode entra) but key authentication is on",
      }));
    for (const r of resources.filter((x) => KEY_BEARING.some((type) => matchesType(x.type, type)))) {
      violations.push({
        urn: r.urn,
        message: `${r.type.split(":").pop() ?? r.type} ${r.name} would hold a key, but the team's account is keyless (auth.mode entra)`,
      });
    }
    return violations;
  },
};

export const BOUNDARY_POLICIES: readonly BoundaryPolicy[] = [
  noPublicNetwork,
  privateEndpointPerAccount,
  dataBoundarySkus,
  ...GEOGRAPHY_POLICIES,
  vaultProtection,
  budgetPerGroup,
  diagnostics,
  roleAssignments,
  ...PRIVILEGE_POLICIES,
  noKeyInVariables,
  noUnapprovedFullAccess,
  customerManagedKeys,
  keyAuthException,
  keyAuthDisabled,
  ...LANDING_ZONE_POLICIES,
  ...OPT_OUT_POLICIES,
  ...WEAKENED_SETTING_POLICIES,
  ...MODEL_POLICIES,
  ...CATALOG_AGE_POLICIES,
  ...CREATE_ONLY_POLICIES,
];
