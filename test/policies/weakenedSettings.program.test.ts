import { describe, expect, test } from "vitest";
import { toPolicyResources } from "../../lib/plan/render";
import { evaluatePolicies } from "../../lib/policy/report";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { githubHostFinding, WEAKENED_SETTING_POLICIES } from "../../lib/policy/weakened";
import { runStack } from "../support/runStack";
import { FIXTURE_NOW_MS } from "../support/clock";

/** The weakened-setting findings (issue 24 point 9) over a planned stack, by control name. */
function findings(resources: readonly PolicyResource[]): Record<string, { examined: number; messages: string[] }> {
  return Object.fromEntries(
    evaluatePolicies(resources, WEAKENED_SETTING_POLICIES, { nowMs: FIXTURE_NOW_MS }).map((v) => [
      v.name,
      { examined: v.examined.length, messages: v.violations.map((x) => x.message) },
    ]),
  );
}

function patch(resources: PolicyResource[], type: string, props: Record<string, unknown>): PolicyResource[] {
  return resources.map((r) => (r.type === type ? { ...r, props: { ...r.props, ...props } } : r));
}

describe("weakened settings reach the report from the planned resources", () => {
  test("dev: every weakened-setting control sees its resources (the kit registers its runner labels) and finds nothing", async () => {
    const resources = toPolicyResources(await runStack({ stack: "dev" }));
    const kit = resources.find((r) => r.type === TYPES.developerKit);
    expect(kit?.props.runnerLabels).toEqual(["self-hosted", "linux", "codex-boundary"]);
    expect(findings(resources)).toEqual({
      "runner-labels-dedicated": { examined: 1, messages: [] },
      "key-environment-reviewed": { examined: 2, messages: [] },
      "audit-workspace-in-stack-subscription": { examined: 2, messages: [] },
      "github-host-default": { examined: 1, messages: [] },
    });
  });

  test("dev with bare self-hosted labels, no reviewers and a GitHub Enterprise Server provider: each is named", async () => {
    let resources = toPolicyResources(await runStack({ stack: "dev" }));
    resources = patch(resources, TYPES.developerKit, { runnerLabels: ["self-hosted", "linux"] });
    resources = patch(resources, TYPES.repositoryEnvironment, { reviewers: undefined, preventSelfReview: undefined });
    resources = patch(resources, "pulumi:providers:github", { baseUrl: "https://github.contoso.example/api/v3" });
    const found = findings(resources);
    expect(found["runner-labels-dedicated"]?.messages).toEqual([
      "codex.runnerLabels is [self-hosted, linux]: no dedicated label, any self-hosted runner can take the job",
    ]);
    expect(found["key-environment-reviewed"]?.messages).toEqual([
      "environment payments-api/codex has no required reviewers (github.reviewers is empty)",
      "environment platform-tools/codex has no required reviewers (github.reviewers is empty)",
    ]);
    expect(found["github-host-default"]?.messages).toEqual([githubHostFinding("github.contoso.example")]);
  });

  test("hub: the central audit workspace in another subscription is named for the account and the vault", async () => {
    const found = findings(toPolicyResources(await runStack({ stack: "hub", fixture: "Pulumi.hub.yaml" })));
    expect(found["audit-workspace-in-stack-subscription"]?.messages).toHaveLength(2);
    for (const message of found["audit-workspace-in-stack-subscription"]?.messages ?? [])
      expect(message).toMatch(/^audit\.workspaceId \/subscriptions\/(\S+)\/.* is in subscription \1, not the stack's /);
  });
});

describe("githubHostFinding: a pure function of the platform's host", () => {
  test("github.com (any case) is the default and no finding; any other host is named", () => {
    expect(githubHostFinding("github.com")).toBeUndefined();
    expect(githubHostFinding(" GitHub.com ")).toBeUndefined();
    expect(githubHostFinding("github.contoso.example")).toMatch(
      /^the GitHub host is github\.contoso\.example, not github\.com: .*GitHub Enterprise Server/,
    );
  });
});
