import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { planRotation, type RotationPlan } from "../../lib/keys/plan";
import { emergencyDigest, readPreviousRecord, RecordError, type DistributionRecord } from "../../lib/keys/record";
import { regenerationChanges } from "../../providers/keyRegeneration";
import { activeSlot, generationAt, otherSlot, type RotationSettings } from "../../lib/keys/rotation";

const DAY = 24 * 60 * 60 * 1000;
const EPOCH = "2026-01-01";
const EPOCH_MS = Date.parse("2026-01-01T00:00:00Z");
const RUN_AT = 5 * 60 * 60 * 1000 + 17 * 60 * 1000; // the daily workflow's 05:17 UTC

function settings(patch: Partial<RotationSettings> = {}): RotationSettings {
  return { periodDays: 30, epoch: EPOCH, emergencies: [], ...patch };
}

const day = (n: number) => EPOCH_MS + n * DAY + RUN_AT;
const iso = (n: number) => new Date(EPOCH_MS + n * DAY).toISOString();

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

function regeneration(plan: RotationPlan) {
  return {
    subscriptionId: "s",
    resourceGroupName: "rg",
    accountName: "a",
    armEndpoint: "https://management.azure.com",
    ...plan.regeneration,
  };
}

describe("clock arithmetic", () => {
  test("generation counts whole periods since the epoch, and is 0 before it", () => {
    expect(generationAt(EPOCH_MS, EPOCH, 30)).toBe(0);
    expect(generationAt(EPOCH_MS + 30 * DAY - 1, EPOCH, 30)).toBe(0);
    expect(generationAt(EPOCH_MS + 30 * DAY, EPOCH, 30)).toBe(1);
    expect(generationAt(EPOCH_MS + 95 * DAY, EPOCH, 30)).toBe(3);
    expect(generationAt(EPOCH_MS - 400 * DAY, EPOCH, 30)).toBe(0);
  });

  test("key1 for even generations, key2 for odd", () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        (g) => activeSlot(g) === (g % 2 === 0 ? "key1" : "key2") && activeSlot(g + 1) === otherSlot(activeSlot(g)),
      ),
    );
  });
});

describe("planRotation: known answers", () => {
  test("first deployment: the clock's generation (plus recorded emergencies), regenerated and promised one period past the next boundary", () => {
    const plan = planRotation({ settings: settings(), nowMs: day(95), previous: null });
    expect(plan).toMatchObject({
      step: "initial",
      generation: 3,
      slot: "key2",
      regeneration: { keyName: "Key2", trigger: "scheduled:g3" },
      revoke: null,
    });
    expect(plan.nextRotationOn.toISOString()).toBe(iso(120));
    expect(plan.expiresOn.toISOString()).toBe(iso(150));
    expect(plan.record).toMatchObject({
      generation: 3,
      slot: "key2",
      offset: 0,
      emergencies: [],
      standbyExpiresOn: null,
    });
    const withEmergency = planRotation({
      settings: settings({ emergencies: ["old leak"] }),
      nowMs: day(95),
      previous: null,
    });
    expect(withEmergency).toMatchObject({
      generation: 4,
      revoke: null,
      record: { offset: 1, emergencies: [emergencyDigest("old leak")] },
    });
  });

  test("a normal period: hold inside it (same trigger, same expiry), one step at the boundary, promises as before", () => {
    const hold = planRotation({ settings: settings(), nowMs: day(310), previous: recordAt(10) });
    expect(hold).toMatchObject({
      step: "hold",
      holdReason: "not-due",
      generation: 10,
      regeneration: { keyName: "Key1", trigger: "scheduled:g10" },
    });
    expect(hold.expiresOn.toISOString()).toBe(iso(360));
    expect(hold.record).toEqual(recordAt(10));
    const step = planRotation({ settings: settings(), nowMs: day(330), previous: recordAt(10) });
    expect(step).toMatchObject({
      step: "scheduled",
      generation: 11,
      slot: "key2",
      regeneration: { keyName: "Key2", trigger: "scheduled:g11" },
    });
    expect([step.nextRotationOn.toISOString(), step.expiresOn.toISOString()]).toEqual([iso(360), iso(390)]);
    expect(step.record).toMatchObject({ standbyExpiresOn: iso(360), expiresOn: iso(390), offset: 0 });
  });

  test("periodDays 30 -> 20 (clock jumps 10 -> 16) never regenerates the slot handed out; one step once the standby's promise is over", () => {
    // Today's main computed generation 16 = key1, the slot handed out in g10, and regenerated it.
    const changed = settings({ periodDays: 20 });
    expect(generationAt(day(320), EPOCH, 20)).toBe(16);
    const before = planRotation({ settings: changed, nowMs: day(320), previous: recordAt(10) });
    expect(before).toMatchObject({
      step: "hold",
      holdReason: "standby-still-promised",
      generation: 10,
      regeneration: { keyName: "Key1", trigger: "scheduled:g10" },
    });
    expect(before.earliestStepOn?.toISOString()).toBe(iso(330));
    const after = planRotation({ settings: changed, nowMs: day(331), previous: before.record });
    expect(after).toMatchObject({
      step: "scheduled",
      generation: 11,
      regeneration: { keyName: "Key2", trigger: "scheduled:g11" },
    });
    // The key of g10 (now the standby) keeps its promise of day 360; the schedule re-aligns to 20-day periods.
    expect(after.record.standbyExpiresOn).toBe(iso(360));
    const next = planRotation({ settings: changed, nowMs: day(340), previous: after.record });
    expect(next.step).toBe("hold");
    expect(planRotation({ settings: changed, nowMs: day(361), previous: after.record }).step).toBe("scheduled");
  });

  test("an override jumping ahead moves one step per run; one below the record holds and never regenerates", () => {
    // Inside g11's period the standby (g10's key) is promised until day 360: even a forced jump waits for it.
    expect(
      planRotation({ settings: settings({ generation: 25 }), nowMs: day(335), previous: recordAt(11) }),
    ).toMatchObject({ step: "hold", generation: 11 });
    const jump = planRotation({ settings: settings({ generation: 25 }), nowMs: day(361), previous: recordAt(11) });
    expect(jump).toMatchObject({
      step: "scheduled",
      generation: 12,
      regeneration: { keyName: "Key1", trigger: "scheduled:g12" },
    });
    expect(planRotation({ settings: settings({ generation: 25 }), nowMs: day(362), previous: jump.record }).step).toBe(
      "hold",
    );
    const below = planRotation({ settings: settings({ generation: 2 }), nowMs: day(361), previous: recordAt(11) });
    expect(below).toMatchObject({
      step: "hold",
      generation: 11,
      regeneration: { keyName: "Key2", trigger: "scheduled:g11" },
    });
    // Removing the low override takes one step (the clock is past g11), not a wait until the clock catches up.
    expect(planRotation({ settings: settings(), nowMs: day(362), previous: below.record })).toMatchObject({
      step: "scheduled",
      generation: 12,
    });
  });

  test("an epoch moved into the future holds, then resumes at the new schedule's next boundary", () => {
    const moved = settings({ epoch: "2026-06-01" });
    const hold = planRotation({ settings: moved, nowMs: day(335), previous: recordAt(11) });
    expect(hold).toMatchObject({ step: "hold", generation: 11, regeneration: { trigger: "scheduled:g11" } });
    const nextBoundary = hold.nextRotationOn.getTime();
    expect(planRotation({ settings: moved, nowMs: nextBoundary - DAY, previous: hold.record }).step).toBe("hold");
    expect(planRotation({ settings: moved, nowMs: nextBoundary + RUN_AT, previous: hold.record }).generation).toBe(12);
  });

  test("an emergency: one step now, the leaked slot revoked after; expiry and next rotation from the schedule, not one period late", () => {
    const plan = planRotation({
      settings: settings({ emergencies: ["key pasted in a CI log"] }),
      nowMs: day(190),
      previous: recordAt(6),
    });
    expect(plan).toMatchObject({
      step: "emergency",
      generation: 7,
      regeneration: { keyName: "Key2", trigger: "scheduled:g7" },
      revoke: { slot: "key1", keyName: "Key1", trigger: "emergency:g7", reasons: 1 },
    });
    // Today's main put these at days 240 and 270 (generation 7 counted from the epoch).
    expect([plan.nextRotationOn.toISOString(), plan.expiresOn.toISOString()]).toEqual([iso(210), iso(240)]);
    expect(plan.record).toMatchObject({
      generation: 7,
      offset: 1,
      standbyExpiresOn: null,
      emergencies: [emergencyDigest("key pasted in a CI log")],
    });
    // The schedule continues at the next boundary, with no wait for the revoked slot.
    expect(
      planRotation({
        settings: settings({ emergencies: ["key pasted in a CI log"] }),
        nowMs: day(210),
        previous: plan.record,
      }).generation,
    ).toBe(8);
  });

  test("an emergency record seen again (a later merge) or removed never revokes again and never steps back", () => {
    const reason = "leak A";
    const first = planRotation({
      settings: settings({ emergencies: [reason] }),
      nowMs: day(190),
      previous: recordAt(6),
    });
    const removed = planRotation({ settings: settings(), nowMs: day(191), previous: first.record });
    expect(removed).toMatchObject({
      step: "hold",
      generation: 7,
      revoke: null,
      regeneration: { trigger: "scheduled:g7" },
    });
    const merged = planRotation({
      settings: settings({ emergencies: [reason] }),
      nowMs: day(192),
      previous: removed.record,
    });
    expect(merged).toMatchObject({ step: "hold", generation: 7, revoke: null });
    // A new leak recorded as entry 0 on a branch that never had entry A still acts, once.
    const other = planRotation({
      settings: settings({ emergencies: ["leak B"] }),
      nowMs: day(193),
      previous: merged.record,
    });
    expect(other).toMatchObject({ step: "emergency", generation: 8, revoke: { slot: "key2" } });
    const both = planRotation({
      settings: settings({ emergencies: ["leak B", reason] }),
      nowMs: day(194),
      previous: other.record,
    });
    expect(both).toMatchObject({ step: "hold", revoke: null });
  });

  test("a failed distribution: the rerun plans the same step (same trigger, no second regeneration); a hold after it never regenerates backwards", () => {
    const attempt = planRotation({ settings: settings(), nowMs: day(330), previous: recordAt(10) });
    const retry = planRotation({ settings: settings(), nowMs: day(331), previous: recordAt(10) });
    expect(retry.regeneration).toEqual(attempt.regeneration);
    expect(regenerationChanges(regeneration(attempt), regeneration(retry))).toEqual([]);
    // The override is lowered after the failed attempt: the plan holds at g10 (Key1, handed out) and the provider
    // sees a trigger below the one in state: no change, the key in use survives.
    const hold = planRotation({ settings: settings({ generation: 3 }), nowMs: day(331), previous: recordAt(10) });
    expect(hold.regeneration).toEqual({ keyName: "Key1", trigger: "scheduled:g10" });
    expect(regenerationChanges(regeneration(attempt), regeneration(hold))).toEqual([]);
    expect(regenerationChanges(regeneration(hold), regeneration(attempt))).toEqual(["trigger"]);
  });

  test("nextGenerationOverride is the value that forces exactly one step (never the key in use)", () => {
    fc.assert(
      fc.property(
        fc.nat(40),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 1, max: 90 }),
        (g, offset, periodDays) => {
          const previous = { ...recordAt(g, { offset, standbyExpiresOn: null }) };
          const now = day(g * 30 + 1);
          const plan = planRotation({ settings: settings({ periodDays }), nowMs: now, previous });
          fc.pre(plan.step === "hold");
          const forced = planRotation({
            settings: settings({ periodDays, generation: plan.nextGenerationOverride }),
            nowMs: now + DAY,
            previous: plan.record,
          });
          expect(forced.step).toBe("scheduled");
          expect(forced.generation).toBe(g + 1);
          expect(forced.regeneration.keyName).not.toBe(previous.slot === "key1" ? "Key1" : "Key2");
        },
      ),
    );
  });
});

describe("the record", () => {
  test("a stack deployed before the record existed is adopted from its keyRotation output: same trigger, no regeneration", () => {
    const legacy = {
      generation: 7,
      activeSlot: "key2",
      keyExpiresOn: iso(240),
      nextRotationOn: iso(210),
      emergencies: 1,
      lastEmergencyReason: "leak",
    };
    const previous = readPreviousRecord(undefined, legacy, settings({ emergencies: ["leak"] }));
    expect(previous).toMatchObject({
      generation: 7,
      slot: "key2",
      offset: 1,
      emergencies: [emergencyDigest("leak")],
      standbyExpiresOn: iso(210),
    });
    const plan = planRotation({ settings: settings({ emergencies: ["leak"] }), nowMs: day(200), previous });
    expect(plan).toMatchObject({
      step: "hold",
      regeneration: { keyName: "Key2", trigger: "scheduled:g7" },
      revoke: null,
    });
    // The reason was on an unmerged branch only: its later merge does not fire again.
    const fromMain = readPreviousRecord(undefined, legacy, settings());
    expect(
      planRotation({ settings: settings({ emergencies: ["leak"] }), nowMs: day(200), previous: fromMain }).step,
    ).toBe("hold");
  });

  test("no output at all is a first deployment; a damaged record stops the run instead of guessing", () => {
    expect(readPreviousRecord(undefined, undefined, settings())).toBeNull();
    expect(() => readPreviousRecord({ generation: 4, slot: "key2" }, undefined, settings())).toThrow(RecordError);
    expect(() => readPreviousRecord({ ...recordAt(4), slot: "key2" }, undefined, settings())).toThrow(
      /names slot key2 for generation 4/,
    );
    expect(readPreviousRecord(recordAt(4), { generation: 99 }, settings())).toEqual(recordAt(4));
  });
});
