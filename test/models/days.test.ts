import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DAY_MS, dayStartMs, daysUntil, utcDay } from "../../lib/days";

describe("one way to count days (lib/days.ts)", () => {
  test("whole UTC calendar days: 1 the day before, 0 on the day, -1 the day after, whatever the hour", () => {
    for (const time of ["00:00:00.000", "00:00:00.001", "12:00:00", "23:59:59.999"]) {
      expect(daysUntil("2027-01-20", Date.parse(`2027-01-19T${time}Z`))).toBe(1);
      expect(daysUntil("2027-01-20", Date.parse(`2027-01-20T${time}Z`))).toBe(0);
      expect(daysUntil("2027-01-20", Date.parse(`2027-01-21T${time}Z`))).toBe(-1);
    }
  });

  test("where ceil and floor of the distance differ (any hour but midnight), it is the calendar difference", () => {
    const nowMs = Date.parse("2026-11-25T13:37:00Z");
    const exact = (dayStartMs("2027-01-14") - nowMs) / DAY_MS;
    expect([Math.floor(exact), Math.ceil(exact)]).toEqual([49, 50]);
    expect(daysUntil("2027-01-14", nowMs)).toBe(50);
  });

  test("across a leap day and a year end", () => {
    expect(daysUntil("2028-03-01", Date.parse("2028-02-28T18:00:00Z"))).toBe(2);
    expect(daysUntil("2027-01-01", Date.parse("2026-12-31T23:00:00Z"))).toBe(1);
  });

  test("property: the count is the day difference of utcDay, and adding n days to now's day gives n", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2000-01-01T00:00:00Z"), max: Date.parse("2100-01-01T00:00:00Z") }),
        fc.integer({ min: -800, max: 800 }),
        (nowMs, n) => {
          const target = utcDay(dayStartMs(utcDay(nowMs)) + n * DAY_MS);
          expect(daysUntil(target, nowMs)).toBe(n);
          expect(utcDay(dayStartMs(target))).toBe(target);
        },
      ),
    );
  });
});
