import { DEFAULT_BRANCH, type RepositoryTarget } from "../config/schema";

/**
 * Only the branches named by the environment's own deployment policies may run a job in it. GitHub's other choice,
 * `protectedBranches: true`, admits every branch of a repository that has no branch protection rule, and every
 * branch matching any rule where it has one: anyone who can push such a branch would get the key (and, in entra
 * mode, the federated subject environment:<env>).
 */
export const KEY_BRANCH_POLICY = { protectedBranches: false, customBranchPolicies: true } as const;

export interface KeyEnvironmentSettings {
  deploymentBranchPolicy: typeof KEY_BRANCH_POLICY;
  canAdminsBypass: false;
  /** Present only with reviewers: GitHub has no self-review to prevent without them. */
  preventSelfReview?: true;
  reviewers?: Array<{ teams: number[]; users: number[] }>;
}

/**
 * The settings of a team repository's key environment: custom branch policies only (keyDeploymentBranch names the
 * one), no admin bypass, and the configured reviewers (optional) as required approvers of every job that uses the key.
 */
export function keyEnvironmentSettings(reviewers: {
  teamIds: readonly number[];
  userIds: readonly number[];
}): KeyEnvironmentSettings {
  const settings: KeyEnvironmentSettings = { deploymentBranchPolicy: { ...KEY_BRANCH_POLICY }, canAdminsBypass: false };
  if (reviewers.teamIds.length + reviewers.userIds.length === 0) return settings;
  return {
    ...settings,
    preventSelfReview: true,
    reviewers: [{ teams: [...reviewers.teamIds], users: [...reviewers.userIds] }],
  };
}

/**
 * The one branch the key environment admits: the repository's default branch (github.repositories[].defaultBranch,
 * default main). Branch names the config accepts hold no fnmatch character (`*`, `?`, `[`), so the pattern matches
 * that branch alone; no tag pattern is ever written, so no tag can deploy.
 */
export function keyDeploymentBranch(repo: Pick<RepositoryTarget, "defaultBranch">): string {
  return repo.defaultBranch ?? DEFAULT_BRANCH;
}

/** True when a deployment policy's branch pattern names exactly one branch (no fnmatch wildcard or class). */
export function isSingleBranchPattern(pattern: string): boolean {
  return pattern.length > 0 && !/[*?[\]{}\\]/.test(pattern);
}
