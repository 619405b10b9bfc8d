/** Only branches with branch protection (or a ruleset) may run a job in the key's environment. */
export const KEY_BRANCH_POLICY = { protectedBranches: true, customBranchPolicies: false } as const;

export interface KeyEnvironmentSettings {
  deploymentBranchPolicy: typeof KEY_BRANCH_POLICY;
  canAdminsBypass: false;
  /** Present only with reviewers: GitHub has no self-review to prevent without them. */
  preventSelfReview?: true;
  reviewers?: Array<{ teams: number[]; users: number[] }>;
}

/**
 * The settings of a team repository's key environment: protected branches only, no admin bypass, and the
 * configured reviewers (optional) as required approvers of every job that uses the key.
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
