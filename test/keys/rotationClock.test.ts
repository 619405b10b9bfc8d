import { describe, expect, test } from "vitest";
import {
  activeSlot,
  armKeyName,
  DAY_MS,
  epochMs,
  generationAt,
  nextBoundaryAfter,
  otherSlot,
  periodMs,
  scheduledTrigger,
  triggerGeneration,
} from "../../lib/keys/rotation";

/** Known answers for the dual-key clock arithmetic that planRotation builds on. */

const EPOCH = "2026-01-01";
const EPOCH_MS = Date.UTC(2026, 0, 1);

describe("the clock", () => {
  test("a day is 86,400,000 ms and a period is whole days", () => {
    expect(DAY_MS).toBe(86_400_000);
    expect(periodMs(30)).toBe(2_592_000_000);
    expect(periodMs(1)).toBe(DAY_MS);
  });

  test("the epoch is midnight UTC of the given date", () => {
    expect(epochMs(EPOCH)).toBe(EPOCH_MS);
    expect(epochMs("1969-12-31")).toBe(-DAY_MS);
  });

  test("an epoch that is not a date is refused with the config path and the value", () => {
    expect(() => epochMs("2026-13-01")).toThrowError(
      'keyRotation.epoch must be a date as YYYY-MM-DD (got "2026-13-01")',
    );
    expect(() => epochMs("")).toThrowError('keyRotation.epoch must be a date as YYYY-MM-DD (got "")');
  });

  test("a generation starts at the boundary's first millisecond; before the epoch the clock reads 0", () => {
    expect(generationAt(EPOCH_MS - 1, EPOCH, 30)).toBe(0);
    expect(generationAt(EPOCH_MS - 31 * DAY_MS, EPOCH, 30)).toBe(0);
    expect(generationAt(EPOCH_MS + 2 * 30 * DAY_MS - 1, EPOCH, 30)).toBe(1);
    expect(generationAt(EPOCH_MS + 2 * 30 * DAY_MS, EPOCH, 30)).toBe(2);
    expect(generationAt(EPOCH_MS + 7 * DAY_MS, EPOCH, 7)).toBe(1);
  });

  test("the next boundary is the end of the current period, to the millisecond; before the epoch, one period after it", () => {
    expect(nextBoundaryAfter(EPOCH_MS, EPOCH, 30)).toBe(EPOCH_MS + 30 * DAY_MS);
    expect(nextBoundaryAfter(EPOCH_MS + 30 * DAY_MS - 1, EPOCH, 30)).toBe(EPOCH_MS + 30 * DAY_MS);
    expect(nextBoundaryAfter(EPOCH_MS + 30 * DAY_MS, EPOCH, 30)).toBe(EPOCH_MS + 60 * DAY_MS);
    expect(nextBoundaryAfter(EPOCH_MS - 100 * DAY_MS, EPOCH, 30)).toBe(EPOCH_MS + 30 * DAY_MS);
  });
});

describe("slots and triggers", () => {
  test("generation 0 hands out key1 (ARM's Key1), generation 1 key2 (Key2); each slot's other is the other", () => {
    expect([activeSlot(0), activeSlot(1), activeSlot(2), activeSlot(13)]).toEqual(["key1", "key2", "key1", "key2"]);
    expect([otherSlot("key1"), otherSlot("key2")]).toEqual(["key2", "key1"]);
    expect([armKeyName("key1"), armKeyName("key2")]).toEqual(["Key1", "Key2"]);
  });

  test("a scheduled trigger is `scheduled:g<generation>` (deployed state) and reads back to its generation", () => {
    expect(scheduledTrigger(0)).toBe("scheduled:g0");
    expect(scheduledTrigger(42)).toBe("scheduled:g42");
    expect(triggerGeneration("scheduled:g0")).toBe(0);
    expect(triggerGeneration("scheduled:g42")).toBe(42);
  });

  test.each([
    "emergency:g3",
    "scheduled:g",
    "xscheduled:g3",
    "scheduled:g3x",
    "scheduled:g-3",
    "scheduled:g3\n",
    " scheduled:g3",
  ])("%j is not a scheduled trigger", (trigger) => {
    expect(triggerGeneration(trigger)).toBeNull();
  });
});
