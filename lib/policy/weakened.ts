import { type BoundaryPolicy, ofType, record, text, TYPES, type Violation } from "./types";

/**
 * Settings a team may take that weaken the boundary without breaking a mandatory control: the report names each one
 * with its fix, so "all mandatory controls pass" never hides them.
 */

/**
 * Labels GitHub gives every self-hosted runner (self-hosted, its OS, its architecture): a job asking only for these
 * runs on any self-hosted runner of the organization. Labels compare case-insensitively.
 */
const GENERIC_RUNNER_LABELS = new Set(["self-hosted", "linux", "windows", "macos", "x64", "arm", "arm64"]);

/** Whether the labels send the job to any self-hosted runner: `self-hosted` and no dedicated label beside it. */
export function bareSelfHosted(labels: readonly string[]): boolean {
  const lower = labels.map((l) => l.toLowerCase());
  return lower.includes("self-hosted") && lower.every((l) => GENERIC_RUNNER_LABELS.has(l));
}

const runnerLabelsDedicated: BoundaryPolicy = {
  name: "runner-labels-dedicated",
  description:
    "Weakened setting: the Codex CI workflow asks for bare `self-hosted` runner labels (codex.runnerLabels with no dedicated label), so any self-hosted runner of the organization can take the job, with the key or the CI identity's token.",
  remediation:
    "Add the dedicated label of the platform's Codex runners to codex.runnerLabels (e.g. [self-hosted, codex-runner]; platform.yaml github.runnerLabels lists them).",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.developerKit],
  check(resources) {
    return ofType(resources, TYPES.developerKit).flatMap((kit) => {
      const labels = Array.isArray(kit.props.runnerLabels) ? kit.props.runnerLabels.map(text) : [];
      return bareSelfHosted(labels)
        ? [
            {
              urn: kit.urn,
              message: `codex.runnerLabels is [${labels.join(", ")}]: no dedicated label, any self-hosted runner can take the job`,
            },
          ]
        : [];
    });
  },
};

function reviewerCount(reviewers: unknown): number {
  if (!Array.isArray(reviewers)) return 0;
  return reviewers.reduce<number>((sum, entry) => {
    const r = record(entry);
    const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
    return sum + count(r.teams) + count(r.users);
  }, 0);
}

const keyEnvironmentReviewed: BoundaryPolicy = {
  name: "key-environment-reviewed",
  description:
    "Weakened setting: a key environment has no required reviewers (github.reviewers is empty), so every job the branch policy admits gets the key or the CI identity's token without anyone approving it.",
  remediation:
    "Set github.reviewers.teamIds (or userIds) in the team config: those reviewers then approve every job using the environment, and nobody approves their own run.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.repositoryEnvironment],
  check(resources) {
    return ofType(resources, TYPES.repositoryEnvironment)
      .filter((env) => reviewerCount(env.props.reviewers) === 0)
      .map((env) => ({
        urn: env.urn,
        message: `environment ${text(env.props.repository)}/${text(env.props.environment)} has no required reviewers (github.reviewers is empty)`,
      }));
  },
};

function subscriptionOf(id: unknown): string {
  return (/^\/subscriptions\/([^/]+)\//i.exec(text(id).trim())?.[1] ?? "").toLowerCase();
}

const auditWorkspaceInSubscription: BoundaryPolicy = {
  name: "audit-workspace-in-stack-subscription",
  description:
    "Weakened setting: an account's or vault's audit logs go to a Log Analytics workspace in another subscription (audit.workspaceId), whose owners are not the stack's: they read the record of model calls and key reads, and can shorten or delete it.",
  remediation:
    "Remove audit.workspaceId (the stack then creates a workspace beside the account), or point it at a workspace in the stack's subscription; a central workspace elsewhere belongs in platform.yaml azure.auditWorkspaceIds, recorded by the platform.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.diagnosticSetting],
  check(resources) {
    return ofType(resources, TYPES.diagnosticSetting).flatMap((setting): Violation[] => {
      const workspace = subscriptionOf(setting.props.workspaceId);
      const target = subscriptionOf(setting.props.resourceUri);
      if (workspace === "" || target === "" || workspace === target) return [];
      return [
        {
          urn: setting.urn,
          message: `audit.workspaceId ${text(setting.props.workspaceId)} is in subscription ${workspace}, not the stack's ${target}`,
        },
      ];
    });
  },
};

/**
 * The finding for a platform's GitHub host, or none for github.com. A pure function of the host, so the report can
 * name it from platform.yaml github.host as well as from a stack's GitHub provider.
 */
export function githubHostFinding(host: string): string | undefined {
  const h = host.trim().toLowerCase();
  if (h === "github.com") return undefined;
  return `the GitHub host is ${h || "(none)"}, not github.com: the organization token and the OIDC trust go to this GitHub Enterprise Server`;
}

/** The host a GitHub provider talks to: github.com for no baseUrl or api.github.com, else the URL's host. */
export function githubHostOfBaseUrl(baseUrl: string): string {
  const raw = baseUrl.trim();
  if (raw === "") return "github.com";
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(raw)?.[1]?.toLowerCase() ?? raw;
  return host === "api.github.com" ? "github.com" : host;
}

const GITHUB_PROVIDER = "pulumi:providers:github";

const githubHostDefault: BoundaryPolicy = {
  name: "github-host-default",
  description:
    "Weakened setting: the stack's GitHub provider talks to a host other than github.com (GitHub Enterprise Server): the org-wide GitHub token goes there and, in entra mode, the CI identity trusts its OIDC issuer. Right only when it is the platform's own server.",
  remediation:
    "Confirm the host is the platform's own GitHub Enterprise Server (platform.yaml github.host); otherwise set the host back to github.com (a team config's github.baseUrl: remove it).",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [GITHUB_PROVIDER],
  check(resources) {
    return ofType(resources, GITHUB_PROVIDER).flatMap((provider) => {
      const finding = githubHostFinding(githubHostOfBaseUrl(text(provider.props.baseUrl)));
      return finding === undefined ? [] : [{ urn: provider.urn, message: finding }];
    });
  },
};

export const WEAKENED_SETTING_POLICIES: readonly BoundaryPolicy[] = [
  runnerLabelsDedicated,
  keyEnvironmentReviewed,
  auditWorkspaceInSubscription,
  githubHostDefault,
];
