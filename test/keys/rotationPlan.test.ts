import { describe, expect, test } from "vitest";
import { planRotation, unhandledEmergencies } from "../../lib/keys/plan";
import { emergencyDigest, type DistributionRecord } from "../../lib/keys/record";
import { activeSlot, type RotationSettings } from "../../lib/keys/rotation";

/** Example-based edges of the rotation plan (the property-based walk is in rotationSimulation.test.ts). */

const DAY = 24 * 60 * 60 * 1000;
const EPOCH = "2026-01-01";
const EPOCH_MS = Date.parse("2026-01-01T00:00:00Z");

const settings = (patch: Partial<RotationSettings> = {}): RotationSettings => ({
  periodDays: 30,
  epoch: EPOCH,
  emergencies: [],
  ...patch,
});
/** Midnight UTC of day n after the epoch, in milliseconds and as the record's ISO text. */
const at = (n: number) => EPOCH_MS + n * DAY;
const iso = (n: number) => new Date(at(n)).toISOString();

/** The record a 30-day schedule leaves after distributing generation g at the start of its period. */
function recordAt(g: number, patch: Partial<DistributionRecord> = {}): DistributionRecord {
  return {
    generation: g,
    slot: activeSlot(g),
    offset: 0,
    emergencies: [],
    expiresOn: iso((g + 2) * 30),
    standbyExpiresOn: iso((g + 1) * 30),
    ...patch,
  };
}

function dates(plan: ReturnType<typeof planRotation>) {
  return {
    nextRotationOn: plan.nextRotationOn.toISOString(),
    expiresOn: plan.expiresOn.toISOString(),
    earliestStepOn: plan.earliestStepOn?.toISOString() ?? null,
  };
}

describe("period boundaries, to the millisecond", () => {
  test("the step is due at the boundary's first millisecond, not the one before", () => {
    expect(planRotation({ settings: settings(), nowMs: at(330) - 1, previous: recordAt(10) })).toMatchObject({
      step: "hold",
      holdReason: "not-due",
      generation: 10,
    });
    expect(planRotation({ settings: settings(), nowMs: at(330), previous: recordAt(10) })).toMatchObject({
      step: "scheduled",
      generation: 11,
      slot: "key2",
    });
  });

  test("a due step waits for the standby's promise up to its last millisecond and is taken at the promised instant", () => {
    // Override 25 makes g11 -> g12 due at once; the standby (g10's key) is promised until day 360.
    const blocked = planRotation({
      settings: settings({ generation: 25 }),
      nowMs: at(360) - 1,
      previous: recordAt(11),
    });
    expect(blocked).toMatchObject({
      step: "hold",
      holdReason: "standby-still-promised",
      generation: 11,
      regeneration: { keyName: "Key2", trigger: "scheduled:g11" },
    });
    expect(
      planRotation({ settings: settings({ generation: 25 }), nowMs: at(360), previous: recordAt(11) }),
    ).toMatchObject({ step: "scheduled", generation: 12 });
  });

  test("a record with no standby promise never holds a due step, whatever the clock reads (null is no time, not 1970)", () => {
    // A schedule before 1970 has negative clock values: a promise of null must not be compared as 0.
    const old = settings({ epoch: "1969-01-01" });
    const epoch = Date.parse("1969-01-01T00:00:00Z");
    const previous: DistributionRecord = {
      generation: 0,
      slot: "key1",
      offset: 0,
      emergencies: [],
      expiresOn: "1969-03-02T00:00:00.000Z",
      standbyExpiresOn: null,
    };
    expect(planRotation({ settings: old, nowMs: epoch + 31 * DAY, previous })).toMatchObject({
      step: "scheduled",
      generation: 1,
    });
  });
});

describe("the dates a step promises", () => {
  test("a scheduled step's next rotation is the next boundary, or the expiry of the key handed out until now if that is later", () => {
    // The old key expires at day 340, before the boundary of day 360: the boundary counts.
    const early = planRotation({
      settings: settings(),
      nowMs: at(331),
      previous: recordAt(10, { expiresOn: iso(340) }),
    });
    expect(early).toMatchObject({ step: "scheduled", generation: 11 });
    expect(dates(early)).toEqual({ nextRotationOn: iso(360), expiresOn: iso(390), earliestStepOn: iso(340) });
    // A 20-day period puts the boundary at day 340, but the old key (now the standby) is promised until day 360.
    const late = planRotation({ settings: settings({ periodDays: 20 }), nowMs: at(331), previous: recordAt(10) });
    expect(late).toMatchObject({ step: "scheduled", generation: 11 });
    expect(dates(late)).toEqual({ nextRotationOn: iso(360), expiresOn: iso(380), earliestStepOn: iso(360) });
  });

  test("a hold blocked by the standby's promise expects its step when the promise ends, and keeps the offset", () => {
    const blocked = planRotation({ settings: settings({ generation: 25 }), nowMs: at(335), previous: recordAt(11) });
    expect(blocked).toMatchObject({
      step: "hold",
      holdReason: "standby-still-promised",
      target: 25,
      nextGenerationOverride: 12,
      record: { offset: 0 },
    });
    expect(dates(blocked)).toEqual({ nextRotationOn: iso(360), expiresOn: iso(390), earliestStepOn: iso(360) });
  });

  test("a hold that is not due expects its step at the next boundary, or when the standby's promise ends if that is later", () => {
    const normal = planRotation({ settings: settings(), nowMs: at(310), previous: recordAt(10) });
    expect(dates(normal)).toEqual({ nextRotationOn: iso(330), expiresOn: iso(360), earliestStepOn: iso(330) });
    const promisedLonger = planRotation({
      settings: settings(),
      nowMs: at(310),
      previous: recordAt(10, { standbyExpiresOn: iso(345) }),
    });
    expect(promisedLonger).toMatchObject({ step: "hold", holdReason: "not-due" });
    // The key handed out is then promised one period past day 345: a promise is extended, never cut.
    expect(dates(promisedLonger)).toEqual({ nextRotationOn: iso(345), expiresOn: iso(375), earliestStepOn: iso(345) });
  });

  test("a hold extends the expiry of the key in use when the schedule is frozen past it, and never shortens it", () => {
    // Override 10 freezes g10 while the clock runs to g13 (days 390-420): the key must stay valid until one period after day 420.
    const frozen = planRotation({ settings: settings({ generation: 10 }), nowMs: at(400), previous: recordAt(10) });
    expect(frozen).toMatchObject({
      step: "hold",
      holdReason: "not-due",
      generation: 10,
      regeneration: { trigger: "scheduled:g10" },
    });
    expect(dates(frozen)).toEqual({ nextRotationOn: iso(420), expiresOn: iso(450), earliestStepOn: iso(330) });
    expect(frozen.record.expiresOn).toBe(iso(450));
    // A key promised until day 400 keeps that promise through a hold that would only need day 360.
    const longPromise = planRotation({
      settings: settings(),
      nowMs: at(310),
      previous: recordAt(10, { expiresOn: iso(400) }),
    });
    expect(dates(longPromise).expiresOn).toBe(iso(400));
    expect(longPromise.record.expiresOn).toBe(iso(400));
  });
});

describe("the epoch and generation overrides", () => {
  test("an epoch in the future: a first deployment hands out generation 0 and rotates one period after the epoch", () => {
    const plan = planRotation({ settings: settings({ epoch: "2027-01-01" }), nowMs: at(100), previous: null });
    expect(plan).toMatchObject({
      step: "initial",
      generation: 0,
      slot: "key1",
      regeneration: { keyName: "Key1", trigger: "scheduled:g0" },
      target: 0,
    });
    expect(dates(plan)).toEqual({
      nextRotationOn: "2027-01-31T00:00:00.000Z",
      expiresOn: "2027-03-02T00:00:00.000Z",
      earliestStepOn: null,
    });
  });

  test("a first deployment with an override hands out the override plus the recorded emergencies; the override for the next step discounts them", () => {
    const plan = planRotation({
      settings: settings({ generation: 7, emergencies: ["leak a"] }),
      nowMs: at(10),
      previous: null,
    });
    expect(plan).toMatchObject({ step: "initial", generation: 8, slot: "key1", target: 8, nextGenerationOverride: 8 });
    expect(plan.record).toEqual({
      generation: 8,
      slot: "key1",
      offset: 1,
      emergencies: [emergencyDigest("leak a")],
      expiresOn: iso(60),
      standbyExpiresOn: null,
    });
    // Override 8 (as advertised) then takes exactly one step once the boundary passes the standby-free record.
    expect(
      planRotation({
        settings: settings({ generation: 8, emergencies: ["leak a"] }),
        nowMs: at(11),
        previous: plan.record,
      }),
    ).toMatchObject({ step: "scheduled", generation: 9 });
  });

  test("a record several periods behind the clock takes one step, then re-aligns instead of stepping every run", () => {
    const step = planRotation({ settings: settings(), nowMs: at(400), previous: recordAt(2) });
    expect(step).toMatchObject({
      step: "scheduled",
      generation: 3,
      target: 13,
      nextGenerationOverride: 14,
      record: { offset: -10, standbyExpiresOn: iso(120) },
    });
    expect(dates(step)).toEqual({ nextRotationOn: iso(420), expiresOn: iso(450), earliestStepOn: iso(120) });
    const next = planRotation({ settings: settings(), nowMs: at(401), previous: step.record });
    expect(next).toMatchObject({
      step: "hold",
      holdReason: "not-due",
      generation: 3,
      target: 3,
      record: { offset: -10 },
    });
    expect(planRotation({ settings: settings(), nowMs: at(420), previous: next.record })).toMatchObject({
      step: "scheduled",
      generation: 4,
    });
  });

  test("a record ahead of the clock holds and re-aligns the offset so the schedule resumes at the next boundary", () => {
    const hold = planRotation({
      settings: settings(),
      nowMs: at(310),
      previous: recordAt(20, { standbyExpiresOn: null }),
    });
    expect(hold).toMatchObject({
      step: "hold",
      holdReason: "not-due",
      generation: 20,
      target: 10,
      nextGenerationOverride: 11,
      record: { offset: 10 },
    });
    expect(dates(hold)).toEqual({ nextRotationOn: iso(330), expiresOn: iso(660), earliestStepOn: null });
    expect(planRotation({ settings: settings(), nowMs: at(330), previous: hold.record })).toMatchObject({
      step: "scheduled",
      generation: 21,
    });
  });
});

describe("emergencies against the record", () => {
  test("an emergency steps at once even while the standby is promised, and revokes the slot handed out until now", () => {
    const plan = planRotation({
      settings: settings({ generation: 25, emergencies: ["leak"] }),
      nowMs: at(335),
      previous: recordAt(11),
    });
    expect(plan).toMatchObject({
      step: "emergency",
      generation: 12,
      slot: "key1",
      target: 25,
      revoke: { slot: "key2", keyName: "Key2", trigger: "emergency:g12", reasons: 1 },
      record: { offset: -13, standbyExpiresOn: null, emergencies: [emergencyDigest("leak")] },
    });
    expect(dates(plan)).toEqual({ nextRotationOn: iso(360), expiresOn: iso(390), earliestStepOn: null });
  });

  test("reasons recorded before the record are handled; only those after it act, all at once in one step", () => {
    const previous = recordAt(6, { emergencies: [emergencyDigest("old")] });
    expect(planRotation({ settings: settings({ emergencies: ["old"] }), nowMs: at(190), previous })).toMatchObject({
      step: "hold",
      revoke: null,
    });
    const two = planRotation({
      settings: settings({ emergencies: ["old", "new 1", "new 2"] }),
      nowMs: at(190),
      previous,
    });
    expect(two).toMatchObject({ step: "emergency", generation: 7, revoke: { reasons: 2 } });
    expect(two.record.emergencies).toEqual([
      emergencyDigest("old"),
      emergencyDigest("new 1"),
      emergencyDigest("new 2"),
    ]);
  });

  test("the same reason written twice counts as two leaks: one handled entry covers only one of them", () => {
    const d = emergencyDigest("same words");
    expect(unhandledEmergencies(["same words", "same words"], [d])).toEqual([d]);
    expect(unhandledEmergencies(["same words", "same words"], [d, d])).toEqual([]);
    expect(unhandledEmergencies(["same words"], [d, d])).toEqual([]);
    expect(unhandledEmergencies(["a", "b"], [])).toEqual([emergencyDigest("a"), emergencyDigest("b")]);
  });
});
