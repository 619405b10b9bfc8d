import { daysUntil, EXEMPTION_MAX_MONTHS, EXEMPTION_WARNING_DAYS, latestExemptionExpiry } from "../config/exemption";
import { isSingleBranchPattern } from "../github/keyEnvironment";
import { KEY_EXPIRES_ON_TAG } from "../keys/vaultExpiry";
import { type BoundaryPolicy, ofType, type PolicyResource, record, text, TYPES, type Violation } from "./types";

/**
 * Controls that make every opt-out of the secure defaults visible: a team config may take them, but the report
 * (and the policy pack) names each one, so "all mandatory controls pass" never hides a weaker boundary.
 */

/**
 * Outbound hosts the boundary accepts without a finding. Codex's use of the account (the Responses API) needs no
 * outbound call at all; Entra ID's sign-in host is the one entry, for account features that authenticate to other
 * services. Any other host (a search service, a storage account) is named in the report; a wildcard fails.
 */
export const BOUNDARY_OUTBOUND_ALLOW_LIST: readonly string[] = ["login.microsoftonline.com"];

/**
 * A monthly budget above this (in the billing currency) alerts too late to notice a leaked key or an agent in a
 * loop; the largest Codex team budget in the examples is 5,000.
 */
export const MAX_PLAUSIBLE_MONTHLY_BUDGET = 100_000;

/** Longest recommended rotation period: a leaked-but-unnoticed key stays usable for up to two periods. */
export const MAX_ROTATION_PERIOD_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

function accountLabel(urn: string, props: Record<string, unknown>): string {
  return text(props.accountName) || urn.split("::").pop() || urn;
}

const dataBoundaryOptOut: BoundaryPolicy = {
  name: "data-boundary-opt-out",
  description:
    "Checks that each account keeps its data zone (dataBoundary eu or us): with dataBoundary: global, Global* deployments may process prompts and completions in any Azure region.",
  remediation:
    "Set dataBoundary: eu or us and DataZoneStandard (or Standard) deployments, unless the team's data may leave its data zone.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    return ofType(resources, TYPES.account)
      .filter((a) => text(record(a.props.tags)["data-boundary"]) === "global")
      .map((a) => ({
        urn: a.urn,
        message: `dataBoundary is "global": ${accountLabel(a.urn, a.props)} may process prompts in any Azure region`,
      }));
  },
};

const fullAccessOptOut: BoundaryPolicy = {
  name: "full-access-opt-out",
  description:
    "Checks that the developer kit offers no danger-full-access profile (codex.allowFullAccess unset or false): that profile runs with no sandbox, no approvals and any network.",
  remediation: "Remove codex.allowFullAccess unless a risk review approved it for a disposable, isolated environment.",
  enforcement: "advisory",
  scope: "stack",
  appliesTo: [TYPES.developerKit],
  check(resources) {
    return ofType(resources, TYPES.developerKit)
      .filter((kit) => kit.props.allowFullAccess === true)
      .map((kit) => ({
        urn: kit.urn,
        message: "codex.allowFullAccess is true: the kit offers a danger-full-access profile",
      }));
  },
};

function allowedFqdns(props: Record<string, unknown>): string[] {
  const list = record(props.properties).allowedFqdnList;
  return Array.isArray(list) ? list.map(text) : [];
}

const outboundRestricted: BoundaryPolicy = {
  name: "outbound-restricted",
  description:
    "The AI account may call out only to named hosts (restrictOutboundNetworkAccess with an allow list), never to a wildcard: '*.blob.core.windows.net' is every storage account of every tenant, a ready path for data to leave.",
  remediation: "List exact host names in account.allowedFqdns (no '*.'), and keep restrictOutboundNetworkAccess on.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    return ofType(resources, TYPES.account).flatMap((account) => {
      const violations: Violation[] = [];
      if (record(account.props.properties).restrictOutboundNetworkAccess !== true) {
        violations.push({
          urn: account.urn,
          message: "restrictOutboundNetworkAccess is not true: the account may call any host",
        });
      }
      for (const host of allowedFqdns(account.props).filter((h) => h.includes("*"))) {
        violations.push({
          urn: account.urn,
          message: `outbound host "${host}" is a wildcard (account.allowedFqdns): any host under it is reachable`,
        });
      }
      return violations;
    });
  },
};

const outboundAllowListed: BoundaryPolicy = {
  name: "outbound-fqdns-allow-listed",
  description: `Checks that the account calls out only to hosts on the boundary's allow list (${BOUNDARY_OUTBOUND_ALLOW_LIST.join(", ")}); Codex itself needs none.`,
  remediation:
    "Remove the host from account.allowedFqdns, or record in the team's risk review why the account must reach it.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    const allowed = new Set(BOUNDARY_OUTBOUND_ALLOW_LIST.map((h) => h.toLowerCase()));
    return ofType(resources, TYPES.account).flatMap((account) =>
      allowedFqdns(account.props)
        .filter((host) => !host.includes("*") && !allowed.has(host.toLowerCase()))
        .map((host) => ({
          urn: account.urn,
          message: `outbound host "${host}" (account.allowedFqdns) is not on the boundary's allow list`,
        })),
    );
  },
};

const environmentRestricted: BoundaryPolicy = {
  name: "github-environment-restricted",
  description:
    "The GitHub environment holding the key admits only the branch its own deployment policy names (the default branch), and admins cannot bypass it: a workflow pushed on any other branch never sees the key or the CI identity's token. GitHub's 'protected branches' choice is not enough: in a repository with no branch protection rule it admits every branch.",
  remediation:
    "Keep the environment's deploymentBranchPolicy {protectedBranches: false, customBranchPolicies: true}, canAdminsBypass: false and one deployment policy naming the default branch, with no wildcard and no tag pattern (set by the GitHub distribution component).",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.repositoryEnvironment, TYPES.repositoryEnvironmentDeploymentPolicy],
  check(resources) {
    const environments = ofType(resources, TYPES.repositoryEnvironment).flatMap((env) => {
      const label = `${text(env.props.repository)}/${text(env.props.environment)}`;
      const policy = record(env.props.deploymentBranchPolicy);
      const violations: Violation[] = [];
      if (policy.protectedBranches !== false || policy.customBranchPolicies !== true) {
        violations.push({
          urn: env.urn,
          message: `environment ${label} has no custom-branch deployment policy: branches other than the default branch can use its secrets`,
        });
      }
      if (env.props.canAdminsBypass !== false)
        violations.push({ urn: env.urn, message: `environment ${label} lets admins bypass its protection` });
      return violations;
    });
    const branchPolicies = ofType(resources, TYPES.repositoryEnvironmentDeploymentPolicy).flatMap((rule) => {
      const label = `${text(rule.props.repository)}/${text(rule.props.environment)}`;
      const violations: Violation[] = [];
      const branch = text(rule.props.branchPattern);
      if (!isSingleBranchPattern(branch))
        violations.push({
          urn: rule.urn,
          message: `environment ${label} admits the branch pattern ${JSON.stringify(branch)}: not one named branch`,
        });
      if (rule.props.tagPattern !== undefined)
        violations.push({
          urn: rule.urn,
          message: `environment ${label} admits tags matching ${JSON.stringify(rule.props.tagPattern)}`,
        });
      return violations;
    });
    return [...environments, ...branchPolicies];
  },
};

const repositorySecretOptOut: BoundaryPolicy = {
  name: "github-repository-secret-opt-out",
  description:
    "Checks that each repository gets the key as a branch-restricted environment secret, not as a plain repository (or organization) secret (github.repositories[].allowRepositorySecret: true), which a workflow pushed on any branch can read.",
  remediation:
    "Remove allowRepositorySecret from the repository's entry: the key then goes to the 'codex' environment (the default branch only).",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.actionsSecret, TYPES.actionsOrganizationSecret],
  check(resources) {
    return [...ofType(resources, TYPES.actionsSecret), ...ofType(resources, TYPES.actionsOrganizationSecret)].map(
      (s) => ({
        urn: s.urn,
        message: `${text(s.props.secretName)} is a plain ${s.props.repository === undefined ? "organization" : "repository"} secret${s.props.repository === undefined ? "" : ` of ${text(s.props.repository)}`}: any branch's workflow can read it`,
      }),
    );
  },
};

/**
 * When the key stops working, in ms: the secret's keyExpiresOn tag (its Key Vault `exp` may be later, to meet the
 * 90-day rule: lib/keys/vaultExpiry.ts), else the vault secret's own expiry, or, where the plan redacts the secret's
 * properties, the expiry its KeyRotation component registered.
 */
function keyExpiryMs(secret: PolicyResource, rotations: readonly PolicyResource[]): number | undefined {
  const tagged = Date.parse(text(record(secret.props.tags)[KEY_EXPIRES_ON_TAG]));
  if (!Number.isNaN(tagged)) return tagged;
  const expires = record(record(secret.props.properties).attributes).expires;
  if (typeof expires === "number") return expires * 1000;
  const registered = rotations.map((r) => Date.parse(text(r.props.expiresOn))).filter((ms) => !Number.isNaN(ms));
  return registered.length > 0 ? Math.max(...registered) : undefined;
}

const rotationBounded: BoundaryPolicy = {
  name: "key-rotation-bounded",
  description: `Checks that the key rotates at least every ${MAX_ROTATION_PERIOD_DAYS} days and stays valid at most two rotation periods from now (no epoch or generation set ahead of the clock): otherwise a leaked key keeps working longer than the boundary promises.`,
  remediation: `Set keyRotation.periodDays to ${MAX_ROTATION_PERIOD_DAYS} or less, and keyRotation.epoch (and any generation override) so the current generation started in the past.`,
  enforcement: "advisory",
  scope: "stack",
  appliesTo: [TYPES.vaultSecret, TYPES.keyRotation],
  check(resources, context) {
    const rotations = ofType(resources, TYPES.keyRotation);
    return ofType(resources, TYPES.vaultSecret).flatMap((secret) => {
      const validityDays = Number(text(record(secret.props.tags).ValidityPeriodDays));
      if (!Number.isFinite(validityDays) || validityDays <= 0) return [];
      const periodDays = validityDays / 2;
      const violations: Violation[] = [];
      if (periodDays > MAX_ROTATION_PERIOD_DAYS) {
        violations.push({
          urn: secret.urn,
          message: `the rotation period is ${periodDays} days (keyRotation.periodDays), over ${MAX_ROTATION_PERIOD_DAYS}`,
        });
      }
      const expiresMs = keyExpiryMs(secret, rotations);
      if (expiresMs === undefined) {
        violations.push({ urn: secret.urn, message: "the key has no expiry date" });
      } else if (expiresMs - context.nowMs > validityDays * DAY_MS) {
        const until = new Date(expiresMs).toISOString().slice(0, 10);
        violations.push({
          urn: secret.urn,
          message: `the key stays valid until ${until}, more than two rotation periods (${validityDays} days) from now`,
        });
      }
      return violations;
    });
  },
};

const exemptionExpiry: BoundaryPolicy = {
  name: "key-auth-exemption-expiry",
  description: `The key-auth exemption is time-boxed: it ends within ${EXEMPTION_MAX_MONTHS} months, and the report warns ${EXEMPTION_WARNING_DAYS} days before it lapses (after that, a Deny assignment of the key-auth policy blocks changes to the account).`,
  remediation: `Renew on purpose: review the exception, then set policy.keyAuthExemption.expiresOn to a new date at most ${EXEMPTION_MAX_MONTHS} months ahead.`,
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.policyExemption],
  check(resources, context) {
    return ofType(resources, TYPES.policyExemption).flatMap((exemption) => {
      const expiresOn = text(exemption.props.expiresOn);
      const days = daysUntil(expiresOn, context.nowMs);
      if (days === undefined) return [{ urn: exemption.urn, message: "the exemption has no expiry date" }];
      const date = expiresOn.slice(0, 10);
      const latest = latestExemptionExpiry(context.nowMs);
      if (days < 0) return [{ urn: exemption.urn, message: `the exemption expired on ${date}` }];
      if (days < EXEMPTION_WARNING_DAYS)
        return [{ urn: exemption.urn, message: `the exemption expires on ${date}, in ${days} day(s)` }];
      if (date > latest)
        return [
          {
            urn: exemption.urn,
            message: `the exemption runs until ${date}, beyond the ${EXEMPTION_MAX_MONTHS}-month maximum (${latest})`,
          },
        ];
      return [];
    });
  },
};

const budgetBounded: BoundaryPolicy = {
  name: "budget-amount-bounded",
  description: `Checks that the monthly budget is at most ${MAX_PLAUSIBLE_MONTHLY_BUDGET.toLocaleString("en-US")}: above that, its alerts would fire too late (or never) to catch a leaked key or a runaway agent.`,
  remediation: "Set budget.amount to what the team expects to spend in a month, with some headroom.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.budget],
  check(resources) {
    return ofType(resources, TYPES.budget)
      .filter((b) => typeof b.props.amount === "number" && b.props.amount > MAX_PLAUSIBLE_MONTHLY_BUDGET)
      .map((b) => ({
        urn: b.urn,
        message: `the monthly budget is ${String(b.props.amount)} (budget.amount), over ${MAX_PLAUSIBLE_MONTHLY_BUDGET}`,
      }));
  },
};

export const OPT_OUT_POLICIES: readonly BoundaryPolicy[] = [
  dataBoundaryOptOut,
  fullAccessOptOut,
  outboundRestricted,
  outboundAllowListed,
  environmentRestricted,
  repositorySecretOptOut,
  rotationBounded,
  exemptionExpiry,
  budgetBounded,
];
