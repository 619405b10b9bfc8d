import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { activeSlot, effectiveGeneration, generationAt, keyExpiry, type KeySlot, otherSlot, rotationSteps } from "../../lib/keys/rotation";

const DAY = 24 * 60 * 60 * 1000;
const EPOCH = "2026-01-01";
const EPOCH_MS = Date.parse("2026-01-01T00:00:00Z");

describe("rotation arithmetic", () => {
  test("generation counts whole periods since the epoch, and is 0 before it", () => {
    expect(generationAt(EPOCH_MS, EPOCH, 30)).toBe(0);
    expect(generationAt(EPOCH_MS + 30 * DAY - 1, EPOCH, 30)).toBe(0);
    expect(generationAt(EPOCH_MS + 30 * DAY, EPOCH, 30)).toBe(1);
    expect(generationAt(EPOCH_MS + 95 * DAY, EPOCH, 30)).toBe(3);
    expect(generationAt(EPOCH_MS - 400 * DAY, EPOCH, 30)).toBe(0);
  });

  test("the config's generation overrides the clock; each emergency adds one", () => {
    const now = EPOCH_MS + 95 * DAY;
    expect(effectiveGeneration({ periodDays: 30, epoch: EPOCH, emergencies: [] }, now)).toBe(3);
    expect(effectiveGeneration({ periodDays: 30, epoch: EPOCH, generation: 10, emergencies: [] }, now)).toBe(10);
    expect(effectiveGeneration({ periodDays: 30, epoch: EPOCH, generation: 10, emergencies: ["leak", "again"] }, now)).toBe(12);
  });

  test("key1 for even generations, key2 for odd", () => {
    fc.assert(fc.property(fc.nat(10_000), (g) => activeSlot(g) === (g % 2 === 0 ? "key1" : "key2") && activeSlot(g + 1) === otherSlot(activeSlot(g))));
  });

  test("a generation's key is handed out for one period and expires two periods after the generation starts", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 1, max: 365 }), (g, periodDays) => {
        const { handedOutUntil, expires } = keyExpiry(g, { epoch: EPOCH, periodDays });
        expect(handedOutUntil.getTime()).toBe(EPOCH_MS + (g + 1) * periodDays * DAY);
        expect(expires.getTime() - handedOutUntil.getTime()).toBe(periodDays * DAY);
        expect(generationAt(handedOutUntil.getTime() - 1, EPOCH, periodDays)).toBe(g);
      }),
    );
  });

  test("emergency order: the standby first, distribute it, then the leaked one", () => {
    expect(rotationSteps(7, true)).toEqual([
      { kind: "regenerate", slot: "key2", reason: "scheduled" },
      { kind: "distribute", slot: "key2" },
      { kind: "regenerate", slot: "key1", reason: "emergency" },
    ]);
    expect(rotationSteps(8, false)).toEqual([
      { kind: "regenerate", slot: "key1", reason: "scheduled" },
      { kind: "distribute", slot: "key1" },
    ]);
  });
});

/**
 * A simulation of the account, Key Vault/GitHub and the consumers over many `pulumi up` runs: each run applies
 * rotationSteps for the generation in force. It proves the scheme, not just the arithmetic.
 */
describe("simulation over many generations", () => {
  interface World {
    version: Record<KeySlot, number>;
    /** The key handed out now (Key Vault and GitHub). */
    distributed: { slot: KeySlot; version: number } | null;
    /** The generation in which each slot was last handed out. */
    lastHandedOut: Record<KeySlot, number | null>;
    /** Keys consumers may hold: every key handed out, with the generation it was handed out in. */
    held: Array<{ slot: KeySlot; version: number; generation: number }>;
  }

  function newWorld(): World {
    return { version: { key1: 0, key2: 0 }, distributed: null, lastHandedOut: { key1: null, key2: null }, held: [] };
  }

  function apply(world: World, generation: number, emergency: boolean, strict: boolean): void {
    for (const step of rotationSteps(generation, emergency)) {
      if (step.kind === "regenerate") {
        if (strict) expect(world.distributed?.slot, `g${generation}: regenerating the key being handed out`).not.toBe(step.slot);
        const last = world.lastHandedOut[step.slot];
        if (step.reason === "scheduled" && last !== null) {
          // The regenerated key was handed out two or more generations ago: its two-period validity is over.
          expect(generation - last, `g${generation}: ${step.slot} handed out in g${last}`).toBeGreaterThanOrEqual(2);
        }
        world.version[step.slot] += 1;
      } else {
        world.distributed = { slot: step.slot, version: world.version[step.slot] };
        world.lastHandedOut[step.slot] = generation;
        world.held.push({ ...world.distributed, generation });
      }
      // At every moment the key handed out is valid (when runs were missed, the one handed out has expired by policy).
      if (strict && world.distributed) expect(world.version[world.distributed.slot]).toBe(world.distributed.version);
    }
    // Grace: without an emergency, the key handed out in the previous generation still works.
    if (!emergency && strict) {
      const before = world.held.filter((k) => k.generation === generation - 1);
      for (const key of before) expect(world.version[key.slot], `g${generation}: g${key.generation}'s key died early`).toBe(key.version);
    }
  }

  test("a daily rotation over 24+ generations, with emergencies at arbitrary points", () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 60 }), fc.array(fc.nat(59), { maxLength: 5 }), (generations, emergencyAt) => {
        const world = newWorld();
        let emergencies = 0;
        let inForce = -1;
        for (let clock = 0; clock < generations; clock++) {
          const g = clock + emergencies;
          if (g !== inForce) apply(world, g, false, true);
          inForce = g;
          for (const _ of emergencyAt.filter((at) => at === clock)) {
            // The key handed out now leaked: one more run with the generation one higher.
            const leaked = world.distributed;
            emergencies += 1;
            inForce = clock + emergencies;
            apply(world, inForce, true, true);
            // The leaked key is dead, the new one is handed out, and it is a different key.
            if (leaked) expect(world.version[leaked.slot]).toBeGreaterThan(leaked.version);
            expect(world.distributed?.slot).not.toBe(leaked?.slot);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test("when runs are missed, a catching-up run only regenerates keys whose validity is over", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 24, maxLength: 40 }), (steps) => {
        const world = newWorld();
        let g = 0;
        for (const step of steps) {
          apply(world, g, false, false);
          // After a catching-up run the fresh key is handed out and valid.
          expect(world.version[activeSlot(g)]).toBe(world.distributed?.version);
          g += step;
        }
      }),
      { numRuns: 200 },
    );
  });
});
