import { describe, expect, test } from "vitest";
import { clockAt } from "../../lib/clock";
import { utcDay } from "../../lib/days";
import { retirementOf } from "../../lib/models/modelCatalog";
import { MODEL_DEPLOYMENTS_OUTPUT, type ModelDeployment } from "../../lib/models/retirementGate";
import { planVerdicts } from "../../lib/plan/render";
import { mandatoryFailures } from "../../lib/policy/report";
import { runStack, stackConfig } from "../support/runStack";
import { DAY_MS, dayMs } from "../support/clock";

// The real stack program under the mock engine, on a day inside the 30-day window of the dev stack's first
// retirement (dates from the shipped catalog, which is refreshed: nothing here pins them).

const planned: ModelDeployment[] = (
  JSON.parse(stackConfig({ stack: "dev" }).values["codex-boundary:models"] ?? "[]") as ModelDeployment[]
).map(({ name, model, version, sku }) => ({ name, model, version, sku }));
const dated = planned
  .map((d) => ({ ...d, day: retirementOf(d.model, d.version) }))
  .filter((d): d is ModelDeployment & { day: Date } => d.day !== undefined);
if (dated.length === 0)
  throw new Error("Pulumi.dev.yaml has no model with a retirement date in the catalog: these tests need one");
const firstDay = utcDay(Math.min(...dated.map((d) => d.day.getTime())));
const retiring = dated.filter((d) => utcDay(d.day.getTime()) === firstDay);
/** 13:00 UTC ten days before: inside the window, at an hour where ceil and floor of the distance differ. */
const nowMs = dayMs(firstDay) - 10 * DAY_MS + 13 * 3_600_000;
const clock = clockAt(nowMs);

describe("a retiring model blocks adding it, never an update that leaves it as it is", () => {
  test("previous outputs record every deployment: the update plans, no mandatory verdict fails, the record is kept", async () => {
    expect(retiring.length).toBeGreaterThan(0);
    const run = await runStack({ stack: "dev", clock, previousOutputs: { [MODEL_DEPLOYMENTS_OUTPUT]: planned } });
    expect(mandatoryFailures(planVerdicts(run, nowMs))).toEqual([]);
    expect(run.outputs[MODEL_DEPLOYMENTS_OUTPUT]).toEqual(planned);
  });

  test("a stack deployed before the record existed (only its deployment names) counts them as deployed", async () => {
    const run = await runStack({ stack: "dev", clock, previousOutputs: { deployments: planned.map((d) => d.name) } });
    expect(mandatoryFailures(planVerdicts(run, nowMs))).toEqual([]);
  });

  test("an update adding the retiring deployment is refused, naming it, the model, the date, the successor and the fix", async () => {
    const [added] = retiring;
    if (added === undefined) throw new Error("no retiring deployment");
    const kept = planned.filter((d) => d.name !== added.name);
    const refusal = runStack({ stack: "dev", clock, previousOutputs: { [MODEL_DEPLOYMENTS_OUTPUT]: kept } });
    await expect(refusal).rejects.toThrow(`deployment ${JSON.stringify(added.name)}`);
    const message = await refusal.then(
      () => "",
      (error: unknown) => (error as Error).message,
    );
    const index = planned.findIndex((d) => d.name === added.name);
    expect(message).toContain(
      `codex-boundary:models[${index}].version: ${added.model} ${added.version} retires on ${firstDay} (in 10 days)`,
    );
    expect(message).toMatch(/successor: (\S+ \d{4}-\d{2}-\d{2} \(|none in the catalog offered as )/);
    expect(message).toContain("This update adds it");
    expect(message).toContain("npm run models -- --upgrade --stack dev");
    // Only the added one: the deployments the update leaves as they are are not refused.
    for (const other of kept) expect(message).not.toContain(`deployment ${JSON.stringify(other.name)} answers`);
  });

  test.each([
    ["inside the window", 0],
    ["a day after its retirement day", 11],
  ])(
    "an emergency rotation of the stack with a retiring model %s plans, and records the emergency",
    async (_when, later) => {
      const at = clockAt(nowMs + later * DAY_MS);
      const emergency = {
        keyRotation: {
          periodDays: 30,
          epoch: "2026-01-01",
          emergencies: ["key pasted in a chat, rotated by the platform team"],
        },
      };
      const run = await runStack({
        stack: "dev",
        clock: at,
        overrides: emergency,
        previousOutputs: { [MODEL_DEPLOYMENTS_OUTPUT]: planned },
      });
      expect(mandatoryFailures(planVerdicts(run, at.nowMs()))).toEqual([]);
      expect(run.outputs.keyRotation).toMatchObject({
        emergencies: 1,
        lastEmergencyReason: "key pasted in a chat, rotated by the platform team",
      });
    },
  );
});
