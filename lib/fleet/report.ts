import type { RolloutView } from "../devkit/rollout";
import type { FleetFile } from "./fleetFile";
import { buildPools, type Pool } from "./quotas";
import { RETIREMENT_SOURCE, type RetirementLookup } from "./retirements";
import { fleetProblems } from "./rules";
import { utcDay } from "../days";
import type { FleetProblem, RetirementFact, StackFacts, StackVerdict } from "./types";
import { naturalCompare, naturalSort } from "./naturalOrder";

/** Version of the --json shape (docs/fleet.md documents it); bumped on any incompatible change. */
export const FLEET_REPORT_VERSION = 1;

export interface FleetStackRow {
  stack: string;
  team: string;
  subscription: string;
  subscriptionSource: StackFacts["subscriptionSource"];
  region: string;
  dataBoundary: string;
  authMode: string;
  rollout: RolloutView;
  resources: number;
  verdict: StackVerdict;
  mandatoryFailures: string[];
  advisories: string[];
  nextRotation: string | null;
  earliestRetirement: RetirementFact | null;
  /** Every model version of the stack with a known retirement date, by date (one entry per model version). */
  retirements: RetirementFact[];
  accounts: number;
  deployments: Array<{ name: string; model: string; version: string; sku: string; capacity: number }>;
}

export interface FleetReport {
  version: number;
  /** The day the report was made (rotations and retirements are relative to it). */
  date: string;
  stacks: FleetStackRow[];
  pools: Array<Omit<Pool, "use"> & { use: Pool["use"] }>;
  problems: FleetProblem[];
  summary: { stacks: number; mandatoryProblems: number; advisoryProblems: number; retirementSource: string };
}

function retirementsOf(stack: StackFacts, retirementDate: RetirementLookup): RetirementFact[] {
  const byVersion = new Map<string, RetirementFact>();
  for (const d of stack.deployments) {
    const date = retirementDate(d.model, d.version);
    if (date === undefined || byVersion.has(`${d.model}@${d.version}`)) continue;
    byVersion.set(`${d.model}@${d.version}`, {
      model: d.model,
      version: d.version,
      retiresOn: date.toISOString().slice(0, 10),
    });
  }
  // A stable sort: on a tie the deployment listed first comes first (and is the earliest retirement).
  return [...byVersion.values()].sort((a, b) => a.retiresOn.localeCompare(b.retiresOn));
}

const retirementColumns = (retirements: RetirementFact[]) => ({
  earliestRetirement: retirements[0] ?? null,
  retirements,
});

export function buildFleetReport(
  stacks: readonly StackFacts[],
  fleet: FleetFile,
  retirementDate: RetirementLookup,
  nowMs: number,
): FleetReport {
  const sorted = [...stacks].sort((a, b) => naturalCompare(a.stack, b.stack));
  const pools = buildPools(sorted, fleet);
  // Every list of stacks in the report in one order, the stacks table's: team-2 before team-10.
  const problems = fleetProblems(sorted, pools, retirementDate, nowMs).map((p) => ({
    ...p,
    stacks: naturalSort(p.stacks),
  }));
  return {
    version: FLEET_REPORT_VERSION,
    date: utcDay(nowMs),
    stacks: sorted.map((s) => ({
      stack: s.stack,
      team: s.team,
      subscription: s.subscription,
      subscriptionSource: s.subscriptionSource,
      region: s.region,
      dataBoundary: s.dataBoundary,
      authMode: s.authMode,
      rollout: s.rollout,
      resources: s.resources,
      verdict: s.verdict,
      mandatoryFailures: s.mandatoryFailures.map((f) => f.policy),
      advisories: s.advisories,
      nextRotation: s.nextRotation,
      ...retirementColumns(retirementsOf(s, retirementDate)),
      accounts: s.accounts.length,
      deployments: s.deployments.map(({ name, model, version, sku, capacity }) => ({
        name,
        model,
        version,
        sku,
        capacity,
      })),
    })),
    pools,
    problems,
    summary: {
      stacks: sorted.length,
      mandatoryProblems: problems.filter((p) => p.enforcement === "mandatory").length,
      advisoryProblems: problems.filter((p) => p.enforcement === "advisory").length,
      retirementSource: RETIREMENT_SOURCE,
    },
  };
}

/** 3 when any mandatory rule fails (a stack's policy or a fleet rule), else 0. Input problems (2) stop before a report exists. */
export function fleetExitCode(report: FleetReport): 0 | 3 {
  return report.problems.some((p) => p.enforcement === "mandatory") ? 3 : 0;
}
