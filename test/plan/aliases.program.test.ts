import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { CapturedResource } from "../../lib/plan/types";
import { runStack } from "../support/runStack";

/**
 * The URNs (and types) the stacks had before components named their children from their own name: the state a
 * deployed stack holds. Taken from `npm run plan -- --json` of the dev stack and the fixtures before the rename
 * (its deployments renamed to the models the stack files deploy since the catalog review of 2026-12-07).
 */
const BEFORE = JSON.parse(readFileSync(join(__dirname, "urnsBeforeChildNames.json"), "utf8")) as Record<
  string,
  Array<{ urn: string; type: string }>
>;

const DEPLOYMENT_POLICY = "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy";

const STACKS: Array<{ stack: string; fixture?: string }> = [
  { stack: "dev" },
  { stack: "hub", fixture: "Pulumi.hub.yaml" },
  { stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" },
  { stack: "optouts", fixture: "Pulumi.optouts.yaml" },
];

/** Which resources of the new program the engine would take for an old state entry: by URN first, then by alias. */
function claimants(resources: readonly CapturedResource[], oldUrn: string): CapturedResource[] {
  return resources.filter((r) => r.urn === oldUrn || r.aliases.includes(oldUrn));
}

test.each(STACKS)(
  "$stack: every resource in the old state is found again, by its URN or an alias, so nothing is created or deleted",
  async ({ stack, fixture }) => {
    const before = BEFORE[stack] ?? [];
    expect(before.length).toBeGreaterThan(0);
    const run = await runStack({ stack, fixture });
    const oldUrns = new Set(before.map((r) => r.urn));

    const unmatched: string[] = [];
    for (const old of before) {
      const found = claimants(run.resources, old.urn);
      // Two claimants is the engine's "duplicate resource alias" error; none would delete the deployed resource.
      if (found.length !== 1 || found[0]?.type !== old.type)
        unmatched.push(`${old.urn}: ${found.map((r) => `${r.type}::${r.name}`).join(", ") || "no resource"}`);
    }
    expect(unmatched).toEqual([]);
    // Nothing new: every resource of the program stands for one in the old state (no create, so no replace).
    // The exceptions: the hub's explicit provider for the subnet's subscription (issue 12), which creates nothing in
    // Azure, and each key environment's default-branch deployment policy (issue 24), which is new on GitHub by design.
    const isNew = (r: CapturedResource) => !oldUrns.has(r.urn) && !r.aliases.some((a) => oldUrns.has(a));
    const deliberate = (r: CapturedResource) =>
      (stack === "hub" && r.type === "pulumi:providers:azure-native") ||
      (r.type === DEPLOYMENT_POLICY && r.name.endsWith("-default-branch"));
    expect(run.resources.filter((r) => isNew(r) && !deliberate(r)).map((r) => r.urn)).toEqual([]);
    // An alias never names another live resource's URN (the engine refuses that as a duplicate).
    const live = new Set(run.resources.map((r) => r.urn));
    expect(run.resources.flatMap((r) => r.aliases.filter((a) => a !== r.urn && live.has(a)))).toEqual([]);
    // The rename is real: children carry new names, and the aliases are what keeps them.
    expect(run.resources.filter((r) => !oldUrns.has(r.urn)).length).toBeGreaterThan(0);
  },
);
