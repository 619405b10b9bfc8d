import { expect, test } from "vitest";
import {
  isSingleBranchPattern,
  KEY_BRANCH_POLICY,
  keyDeploymentBranch,
  keyEnvironmentSettings,
} from "../../lib/github/keyEnvironment";
import { CREATE_ONLY_POLICIES } from "../../lib/policy/createOnly";
import { TYPES } from "../../lib/policy/types";

const LOCKED = {
  deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
  canAdminsBypass: false,
};

test("the key environment: its own branch policies only (regression: protected branches), no admin bypass; reviewers and self-review only when configured", () => {
  expect(KEY_BRANCH_POLICY).toEqual({ protectedBranches: false, customBranchPolicies: true });
  expect(keyEnvironmentSettings({ teamIds: [], userIds: [] })).toEqual(LOCKED);
  expect(keyEnvironmentSettings({ teamIds: [7], userIds: [101] })).toEqual({
    ...LOCKED,
    preventSelfReview: true,
    reviewers: [{ teams: [7], users: [101] }],
  });
});

test("one team, or one user, alone is a reviewer", () => {
  expect(keyEnvironmentSettings({ teamIds: [7], userIds: [] })).toEqual({
    ...LOCKED,
    preventSelfReview: true,
    reviewers: [{ teams: [7], users: [] }],
  });
  expect(keyEnvironmentSettings({ teamIds: [], userIds: [101, 102] })).toEqual({
    ...LOCKED,
    preventSelfReview: true,
    reviewers: [{ teams: [], users: [101, 102] }],
  });
});

test("the settings are copies: changing one stack's settings never changes the shared branch policy or the caller's lists", () => {
  const teamIds = [7];
  const settings = keyEnvironmentSettings({ teamIds, userIds: [] });
  (settings.deploymentBranchPolicy as { protectedBranches: boolean }).protectedBranches = true;
  settings.reviewers?.[0]?.teams.push(8);
  expect(KEY_BRANCH_POLICY.protectedBranches).toBe(false);
  expect(teamIds).toEqual([7]);
});

test("the branch the environment admits: the repository's default branch, main unless written", () => {
  expect(keyDeploymentBranch({})).toBe("main");
  expect(keyDeploymentBranch({ defaultBranch: "trunk" })).toBe("trunk");
});

test("a single-branch pattern holds no fnmatch wildcard, class or escape", () => {
  for (const branch of ["main", "release/1.x", "a-b_c.d"]) expect(isSingleBranchPattern(branch), branch).toBe(true);
  for (const pattern of ["", "*", "**", "main?", "[ab]", "{a,b}", "a\\*"])
    expect(isSingleBranchPattern(pattern), pattern).toBe(false);
});

test("budget-start-as-configured: a budget without start advice passes; the advice is the finding", () => {
  const [control] = CREATE_ONLY_POLICIES;
  const budget = (startAdvice: unknown) => ({
    urn: "urn:b",
    type: TYPES.teamBudget,
    name: "b",
    props: { startAdvice },
  });
  expect(control?.name).toBe("budget-start-as-configured");
  expect(control?.check([budget(""), budget(undefined)], { nowMs: 0 })).toEqual([]);
  expect(
    control?.check([budget("budget.startMonth 2024-01 must not be before the current month; using 2026-11")], {
      nowMs: 0,
    }),
  ).toEqual([
    { urn: "urn:b", message: "budget.startMonth 2024-01 must not be before the current month; using 2026-11" },
  ]);
});
