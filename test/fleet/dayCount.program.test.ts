import { describe, expect, test } from "vitest";
import { clockAt } from "../../lib/clock";
import { utcDay } from "../../lib/days";
import { stackFacts, stackSubscription } from "../../lib/fleet/facts";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { buildFleetReport } from "../../lib/fleet/report";
import { retirementDate } from "../../lib/fleet/retirements";
import { retirementOf } from "../../lib/models/modelCatalog";
import { MODEL_DEPLOYMENTS_OUTPUT, type ModelDeployment } from "../../lib/models/retirementGate";
import { planVerdicts } from "../../lib/plan/render";
import { planStacks } from "../../scripts/fleet/planStacks";
import { DAY_MS, dayMs } from "../support/clock";
import { PROJECT_DIR, runStack, stackConfig } from "../support/runStack";

// One way to count days: the plan's compliance report and the fleet report say the same "in N days" on the same
// clock, at an hour (13:00 UTC) where rounding the distance up or down would differ by one.

const planned = (
  JSON.parse(stackConfig({ stack: "dev" }).values["codex-boundary:models"] ?? "[]") as ModelDeployment[]
).map(({ name, model, version, sku }) => ({ name, model, version, sku }));
const dates = planned.flatMap((d) => retirementOf(d.model, d.version)?.getTime() ?? []);
if (dates.length === 0)
  throw new Error("Pulumi.dev.yaml has no model with a retirement date in the catalog: this test needs one");
const firstDay = utcDay(Math.min(...dates));

/** "in N days" for model@version in the plan's advisories (the report `npm run plan` prints). */
async function planSays(nowMs: number): Promise<Map<string, string>> {
  const run = await runStack({
    stack: "dev",
    clock: clockAt(nowMs),
    previousOutputs: { [MODEL_DEPLOYMENTS_OUTPUT]: planned },
  });
  const said = new Map<string, string>();
  for (const v of planVerdicts(run, nowMs).filter(
    (x) => x.name === "model-not-retiring" || x.name === "model-retirement-ahead",
  )) {
    for (const { message } of v.violations) {
      const m = /^(\S+ \S+) retires on \S+ \((in \d+ days?)\)/.exec(message);
      if (m?.[1] !== undefined && m[2] !== undefined) said.set(m[1], m[2]);
    }
  }
  return said;
}

/** The same for the fleet report of the dev stack planned as the fleet plans it. */
async function fleetSays(nowMs: number): Promise<Map<string, string>> {
  const [dev] = await planStacks(PROJECT_DIR, PROJECT_DIR, ["dev"], clockAt(nowMs));
  if (dev === undefined || !("plan" in dev)) throw new Error(`dev did not plan: ${JSON.stringify(dev)}`);
  const subscription = stackSubscription(dev.plan.config, EMPTY_FLEET_FILE);
  if ("problem" in subscription) throw new Error(subscription.problem);
  const report = buildFleetReport([stackFacts(dev.plan, subscription)], EMPTY_FLEET_FILE, retirementDate, nowMs);
  const said = new Map<string, string>();
  for (const p of report.problems.filter((x) => x.rule === "model-retiring")) {
    const m = /^(\S+ \S+) retires on \S+ \((in \d+ days?);/.exec(p.message);
    if (m?.[1] !== undefined && m[2] !== undefined) said.set(m[1], m[2]);
  }
  return said;
}

describe("plan and fleet count the same days", () => {
  test.each([10, 50])(
    "%i days before the dev stack's first retirement, at 13:00 UTC",
    async (days) => {
      const nowMs = dayMs(firstDay) - days * DAY_MS + 13 * 3_600_000;
      const [plan, fleet] = [await planSays(nowMs), await fleetSays(nowMs)];
      expect(plan.size).toBeGreaterThan(0);
      expect(Object.fromEntries(plan)).toEqual(Object.fromEntries(fleet));
      expect([...plan.values()]).toContain(`in ${days} days`);
    },
    60_000,
  );
});
