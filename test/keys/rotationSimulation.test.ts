import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { planRotation, type RotationPlan } from "../../lib/keys/plan";
import type { DistributionRecord } from "../../lib/keys/record";
import { regenerationChanges, type KeyRegenerationInputs } from "../../providers/keyRegeneration";
import type { KeySlot, RotationSettings } from "../../lib/keys/rotation";

/**
 * A model of one stack over many `pulumi up` runs: the account's two keys, the regeneration resources as the
 * engine keeps them in state (their diff is the provider's), Key Vault and GitHub (each write can fail on its
 * own), the record exported only when every write succeeded, and consumers holding what was handed out.
 * The config changes at random between runs, and runs are skipped for random stretches.
 */

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse("2026-01-01T00:00:00Z");

interface Key {
  slot: KeySlot;
  version: number;
}
interface HandedOut extends Key {
  /** Expiry promised by a successful distribution (the record); extended, never shortened. */
  promisedUntil: number;
}

interface Failures {
  regenerate: boolean;
  keyVault: boolean;
  github: boolean;
  revoke: boolean;
}

type Event =
  | { kind: "run"; hours: number; fail: Failures }
  | { kind: "periodDays"; value: number }
  | { kind: "epoch"; shiftDays: number }
  | { kind: "override"; delta: number | null }
  | { kind: "emergency" }
  | { kind: "dropEmergencies"; count: number }
  | { kind: "mergeEmergencies" };

class World {
  now = START + 3 * DAY + 5 * 60 * 60 * 1000;
  settings: RotationSettings = { periodDays: 30, epoch: "2026-01-01", emergencies: [] };
  version: Record<KeySlot, number> = { key1: 0, key2: 0 };
  regenerationState: KeyRegenerationInputs | null = null;
  revocationState: KeyRegenerationInputs | null = null;
  keyVault: Key | null = null;
  github: Key | null = null;
  record: DistributionRecord | null = null;
  handedOut: HandedOut[] = [];
  /** Every reason ever written, and the ones the simulated branch lost (to merge back later). */
  reasons: string[] = [];
  dropped: string[] = [];
  revocations = 0;
  steps: number[] = [];
  /** Reasons acted upon (the simulation's own bookkeeping, by identity: every reason it writes is unique). */
  handled = new Set<string>();

  /** Reasons in the config not acted upon yet: the next plan must take an emergency step for them. */
  get pendingReasons(): number {
    return this.settings.emergencies.filter((reason) => !this.handled.has(reason)).length;
  }

  private inputs(regeneration: { keyName: "Key1" | "Key2"; trigger: string }): KeyRegenerationInputs {
    return {
      subscriptionId: "sub",
      resourceGroupName: "rg",
      accountName: "aif",
      armEndpoint: "https://management.azure.com",
      ...regeneration,
    };
  }

  private regenerate(slot: KeySlot, emergency: boolean): void {
    const t = this.now;
    for (const sink of [this.keyVault, this.github]) {
      // At every instant, what Key Vault and GitHub hold works: the slot they hold is never regenerated.
      expect(
        sink !== null && sink.slot === slot && sink.version === this.version[slot],
        `regenerating ${slot}, held by a sink`,
      ).toBe(false);
    }
    if (!emergency) {
      for (const key of this.handedOut) {
        if (key.slot === slot && key.version === this.version[slot]) {
          expect(t, `${slot} v${key.version} regenerated before its promised expiry`).toBeGreaterThanOrEqual(
            key.promisedUntil,
          );
        }
      }
    }
    this.version[slot] += 1;
  }

  run(fail: Failures): RotationPlan {
    const hadRecord = this.record !== null;
    const plan = planRotation({ settings: this.settings, nowMs: this.now, previous: this.record });
    if (hadRecord)
      expect(plan.step === "emergency", "an emergency step iff a new reason is pending").toBe(this.pendingReasons > 0);
    const emergency = plan.step === "emergency";
    const news = this.inputs(plan.regeneration);
    if (this.regenerationState === null || regenerationChanges(this.regenerationState, news).length > 0) {
      if (fail.regenerate) return plan;
      this.regenerate(plan.slot, emergency);
      this.regenerationState = news;
    }
    const key = { slot: plan.slot, version: this.version[plan.slot] };
    if (!fail.keyVault) this.keyVault = key;
    if (!fail.github) this.github = key;
    if (fail.keyVault || fail.github) return plan;
    if (plan.revoke !== null) {
      const revocation = this.inputs({ keyName: plan.revoke.keyName, trigger: plan.revoke.trigger });
      if (this.revocationState === null || regenerationChanges(this.revocationState, revocation).length > 0) {
        if (fail.revoke) return plan;
        this.regenerate(plan.revoke.slot, true);
        this.revocations += 1;
        this.revocationState = revocation;
      }
    } else {
      this.revocationState = null;
    }
    // Everything succeeded: the record is exported.
    if (this.record !== null) {
      expect(
        plan.record.generation - this.record.generation,
        "a run moves the generation by 0 or 1",
      ).toBeGreaterThanOrEqual(0);
      expect(plan.record.generation - this.record.generation).toBeLessThanOrEqual(1);
      expect(plan.record.emergencies.length).toBeGreaterThanOrEqual(this.record.emergencies.length);
    }
    if (this.record === null || plan.record.generation !== this.record.generation) this.steps.push(this.now);
    if (emergency || !hadRecord) for (const reason of this.settings.emergencies) this.handled.add(reason);
    this.record = plan.record;
    const promise = Date.parse(plan.record.expiresOn);
    const held = this.handedOut.find((k) => k.slot === key.slot && k.version === key.version);
    if (held) {
      expect(promise, "a promise is never shortened").toBeGreaterThanOrEqual(held.promisedUntil);
      held.promisedUntil = promise;
    } else {
      this.handedOut.push({ ...key, promisedUntil: promise });
    }
    expect(plan.record.slot).toBe(key.slot);
    return plan;
  }

  apply(event: Event): void {
    switch (event.kind) {
      case "run":
        this.now += event.hours * 60 * 60 * 1000;
        this.run(event.fail);
        break;
      case "periodDays":
        this.settings = { ...this.settings, periodDays: event.value };
        break;
      case "epoch": {
        const epoch = new Date(Date.parse(`${this.settings.epoch}T00:00:00Z`) + event.shiftDays * DAY)
          .toISOString()
          .slice(0, 10);
        this.settings = { ...this.settings, epoch };
        break;
      }
      case "override": {
        const { generation: _old, ...rest } = this.settings;
        this.settings =
          event.delta === null
            ? rest
            : { ...rest, generation: Math.max(0, (this.record?.generation ?? 0) + event.delta) };
        break;
      }
      case "emergency": {
        const reason = `leak ${this.reasons.length + 1}`;
        this.reasons.push(reason);
        this.settings = { ...this.settings, emergencies: [...this.settings.emergencies, reason] };
        break;
      }
      case "dropEmergencies": {
        const keep = Math.max(0, this.settings.emergencies.length - event.count);
        this.dropped.push(...this.settings.emergencies.slice(keep));
        this.settings = { ...this.settings, emergencies: this.settings.emergencies.slice(0, keep) };
        break;
      }
      case "mergeEmergencies":
        this.settings = { ...this.settings, emergencies: [...this.settings.emergencies, ...this.dropped] };
        this.dropped = [];
        break;
    }
  }
}

const ok: Failures = { regenerate: false, keyVault: false, github: false, revoke: false };

/** Mostly successful runs; each kind of failure about one run in eight. */
const failure = fc
  .tuple(fc.nat(7), fc.nat(7), fc.nat(7), fc.nat(7))
  .map(([a, b, c, d]) => ({ regenerate: a === 0, keyVault: b === 0, github: c === 0, revoke: d === 0 }));

const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant("run" as const),
      hours: fc.oneof(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 48, max: 24 * 45 })),
      fail: failure,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("periodDays" as const),
      value: fc.oneof(fc.constantFrom(1, 7, 20, 30, 90), fc.integer({ min: 1, max: 120 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("epoch" as const), shiftDays: fc.integer({ min: -200, max: 200 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("override" as const), delta: fc.option(fc.integer({ min: -6, max: 8 })) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "emergency" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("dropEmergencies" as const), count: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "mergeEmergencies" as const }) },
);

describe("rotation under random config edits, failed writes and skipped runs", () => {
  test("the keys Key Vault and GitHub hold always work; promises hold; emergencies act once; the generation moves one step at a time", () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 40, maxLength: 160 }), (events) => {
        const world = new World();
        world.run(ok);
        for (const e of events) world.apply(e);
        // Then a stable config (the clock, no override) and a daily run for 24+ periods, every run succeeding.
        world.apply({ kind: "mergeEmergencies" });
        world.apply({ kind: "override", delta: null });
        const period = world.settings.periodDays * DAY;
        const before = world.revocations;
        const pending = world.pendingReasons;
        world.apply({ kind: "run", hours: 24, fail: ok });
        // Once every promise made under earlier configs is over, the schedule is the config's: one step per period.
        const record = world.record;
        const settle =
          Math.max(world.now, Date.parse(record?.expiresOn ?? ""), Date.parse(record?.standbyExpiresOn ?? "") || 0) +
          period;
        const end = settle + 24 * period;
        while (world.now < end) world.apply({ kind: "run", hours: 24, fail: ok });
        // Every reason ever written was acted upon; each revocation was for a new reason, at most one per reason.
        expect(world.revocations - before).toBe(pending > 0 ? 1 : 0);
        expect(world.revocations).toBeLessThanOrEqual(world.reasons.length);
        expect(world.pendingReasons).toBe(0);
        const steps = world.steps.filter((t) => t >= settle);
        expect(steps.length).toBeGreaterThanOrEqual(23);
        for (let i = 1; i < steps.length; i++)
          expect((steps[i] ?? 0) - (steps[i - 1] ?? 0)).toBeGreaterThanOrEqual(period - DAY);
      }),
      { numRuns: 100 },
    );
  });

  test("a distribution failing for whole periods never leads to regenerating the distributed key", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 24, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        (failingPeriods, periods, periodDays) => {
          const world = new World();
          world.settings = { ...world.settings, periodDays };
          world.run(ok);
          for (let p = 0; p < periods; p++) {
            const failing = p >= 3 && p < 3 + failingPeriods;
            for (let d = 0; d < periodDays; d++)
              world.apply({
                kind: "run",
                hours: 24,
                fail: failing ? { ...ok, github: d % 2 === 0, keyVault: d % 2 === 1 } : ok,
              });
          }
          expect(world.keyVault).toEqual(world.github);
          expect(world.keyVault?.version).toBe(world.version[world.keyVault?.slot ?? "key1"]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
