import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { CapturedResource } from "../../lib/plan/types";
import { asDeployedOutputs } from "../../lib/fleet/asDeployed";
import { runStack, stackConfig } from "../support/runStack";

type OldState = Record<string, Array<{ urn: string; type: string }>>;
const read = (file: string) => JSON.parse(readFileSync(join(__dirname, file), "utf8")) as OldState;

/**
 * Two generations of deployed state. Before components named their children from their own name: taken from
 * `npm run plan -- --json` of the dev stack and the fixtures before the rename (its deployments renamed to the models
 * the stack files deploy since the catalog review of 2026-12-07). Before children were named from what they are
 * (issue 25: role assignments by list position): the plan of dev and every fixture on main after issue 24.
 */
const BEFORE_CHILD_NAMES = read("urnsBeforeChildNames.json");
const BEFORE_STABLE_NAMES = read("urnsBeforeStableNames.json");

const DEPLOYMENT_POLICY = "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy";
/** New by design in issue 26: the created subnet's NSG (the subnet itself is kept and updated in place). */
const isSubnetNsg = (r: CapturedResource) =>
  r.type === "azure-native:network:NetworkSecurityGroup" && r.name === "network-nsg";

const STACKS: Array<{ stack: string; fixture?: string }> = [
  { stack: "dev" },
  { stack: "hub", fixture: "Pulumi.hub.yaml" },
  { stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" },
  { stack: "optouts", fixture: "Pulumi.optouts.yaml" },
];
const EVERY_STACK: Array<{ stack: string; fixture?: string }> = [
  ...STACKS,
  { stack: "entra", fixture: "Pulumi.entra.yaml" },
  { stack: "retiring", fixture: "Pulumi.retiring.yaml" },
];

/** Which resources of the new program the engine would take for an old state entry: by URN first, then by alias. */
function claimants(resources: readonly CapturedResource[], oldUrn: string): CapturedResource[] {
  return resources.filter((r) => r.urn === oldUrn || r.aliases.includes(oldUrn));
}

/** What the engine would do with an old state: every old entry claimed once, nothing new but the deliberate. */
async function claimOldState(
  { stack, fixture }: { stack: string; fixture?: string },
  before: OldState,
  deliberate: (r: CapturedResource) => boolean,
): Promise<void> {
  const old = before[stack] ?? [];
  expect(old.length).toBeGreaterThan(0);
  // A deployed stack: its model deployments recorded as configured (the retiring fixture's old model stays allowed).
  const run = await runStack({
    stack,
    fixture,
    previousOutputs: asDeployedOutputs(stackConfig({ stack, fixture }).values),
  });
  const oldUrns = new Set(old.map((r) => r.urn));

  const unmatched: string[] = [];
  for (const entry of old) {
    const found = claimants(run.resources, entry.urn);
    // Two claimants is the engine's "duplicate resource alias" error; none would delete the deployed resource.
    if (found.length !== 1 || found[0]?.type !== entry.type)
      unmatched.push(`${entry.urn}: ${found.map((r) => `${r.type}::${r.name}`).join(", ") || "no resource"}`);
  }
  expect(unmatched).toEqual([]);
  // Nothing new: every resource of the program stands for one in the old state (no create, so no replace).
  const isNew = (r: CapturedResource) => !oldUrns.has(r.urn) && !r.aliases.some((a) => oldUrns.has(a));
  expect(run.resources.filter((r) => isNew(r) && !deliberate(r)).map((r) => r.urn)).toEqual([]);
  // An alias never names another live resource's URN (the engine refuses that as a duplicate).
  const live = new Set(run.resources.map((r) => r.urn));
  expect(run.resources.flatMap((r) => r.aliases.filter((a) => a !== r.urn && live.has(a)))).toEqual([]);
  // The rename is real: children carry new names, and the aliases are what keeps them.
  expect(run.resources.filter((r) => !oldUrns.has(r.urn)).length).toBeGreaterThan(0);
}

test.each(STACKS)(
  "$stack: every resource in the state from before child names is found again, by its URN or an alias",
  async (target) => {
    // The exceptions: the hub's explicit provider for the subnet's subscription (issue 12), which creates nothing in
    // Azure, each key environment's default-branch deployment policy (issue 24), which is new on GitHub by design, and
    // the subnet's NSG (issue 26).
    await claimOldState(
      target,
      BEFORE_CHILD_NAMES,
      (r) =>
        (target.stack === "hub" && r.type === "pulumi:providers:azure-native") ||
        (r.type === DEPLOYMENT_POLICY && r.name.endsWith("-default-branch")) ||
        isSubnetNsg(r),
    );
  },
);

test.each(EVERY_STACK)(
  "$stack: every resource in the state from before stable names (role assignments by list position) is found again",
  async (target) => {
    await claimOldState(target, BEFORE_STABLE_NAMES, isSubnetNsg);
  },
);
