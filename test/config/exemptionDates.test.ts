import { describe, expect, test } from "vitest";
import { calendarDateProblem, daysInMonth, isCalendarDate, ISO_DATE_PATTERN } from "../../lib/config/dates";
import {
  daysUntil,
  EXEMPTION_MAX_MONTHS,
  EXEMPTION_WARNING_DAYS,
  exemptionExpiryProblem,
  latestExemptionExpiry,
} from "../../lib/config/exemption";

const at = (iso: string) => Date.parse(iso);

describe("calendar dates", () => {
  test("the YYYY-MM-DD pattern is anchored at both ends and bounds month and day", () => {
    for (const ok of ["2026-01-01", "2026-12-31", "2026-09-30", "2026-10-10", "2026-02-29", "0000-01-01"])
      expect(ISO_DATE_PATTERN.test(ok), ok).toBe(true);
    for (const bad of [
      "x2026-01-01",
      "2026-01-01x",
      "2026-01-01T00:00:00Z",
      "2026-00-10",
      "2026-13-01",
      "2026-01-00",
      "2026-01-32",
      "2026-1-01",
      "2026-01-1",
      "26-01-01",
      "2026/01/01",
    ]) {
      expect(ISO_DATE_PATTERN.test(bad), bad).toBe(false);
    }
  });

  test("days in a month: leap years by the Gregorian rule, and every month end", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  test("a month's last day is a date; the day after is not, with the last day as the fix", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(calendarDateProblem("2028-02-29")).toBeUndefined();
    expect(calendarDateProblem("2026-02-28")).toBeUndefined();
    expect(calendarDateProblem("2026-01-31")).toBeUndefined();
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(calendarDateProblem("2026-02-29")).toBe(
      "is not a day of the calendar: February 2026 has 28 days; use a real date such as 2026-02-28",
    );
    expect(calendarDateProblem("2100-02-29")).toBe(
      "is not a day of the calendar: February 2100 has 28 days; use a real date such as 2100-02-28",
    );
    expect(calendarDateProblem("2026-06-31")).toBe(
      "is not a day of the calendar: June 2026 has 30 days; use a real date such as 2026-06-30",
    );
    expect(calendarDateProblem("2026-11-31")).toBe(
      "is not a day of the calendar: November 2026 has 30 days; use a real date such as 2026-11-30",
    );
    expect(calendarDateProblem("2026-09-31")).toBe(
      "is not a day of the calendar: September 2026 has 30 days; use a real date such as 2026-09-30",
    );
  });

  test("text that is not in the shape is no calendar date, and no calendar problem either (the format check reports it)", () => {
    expect(isCalendarDate("2026-2-28")).toBe(false);
    expect(isCalendarDate("x2026-02-28")).toBe(false);
    expect(calendarDateProblem("2026-02-30x")).toBeUndefined();
    expect(calendarDateProblem("someday")).toBeUndefined();
  });
});

describe("the key-auth exemption's window", () => {
  test("at most 12 months, warned 30 days before", () => {
    expect(EXEMPTION_MAX_MONTHS).toBe(12);
    expect(EXEMPTION_WARNING_DAYS).toBe(30);
  });

  test("the latest expiry is the same calendar day a year later, in UTC", () => {
    expect(latestExemptionExpiry(at("2026-11-25T09:30:00Z"))).toBe("2027-11-25");
    expect(latestExemptionExpiry(at("2026-12-31T23:59:59Z"))).toBe("2027-12-31");
    expect(latestExemptionExpiry(at("2026-01-01T00:00:00Z"))).toBe("2027-01-01");
    // 29 February rolls to 1 March of the common year after.
    expect(latestExemptionExpiry(at("2028-02-29T12:00:00Z"))).toBe("2029-03-01");
    expect(latestExemptionExpiry(at("2027-02-28T12:00:00Z"))).toBe("2028-02-28");
  });

  test("whole days until the expiry: a date counts from its midnight UTC, a timestamp as written", () => {
    const now = at("2026-11-25T09:30:00Z");
    expect(daysUntil("2026-11-26", now)).toBe(0);
    expect(daysUntil("2026-11-27", now)).toBe(1);
    expect(daysUntil("2026-11-25", now)).toBe(-1);
    expect(daysUntil("2026-12-25", at("2026-11-25T00:00:00Z"))).toBe(30);
    expect(daysUntil("2026-12-25", at("2026-11-25T00:00:00.001Z"))).toBe(29);
    expect(daysUntil("2026-11-27T09:30:00Z", now)).toBe(2);
    expect(daysUntil("2026-11-27T09:29:59Z", now)).toBe(1);
    expect(daysUntil("someday", now)).toBeUndefined();
    expect(daysUntil("2026-13-45", now)).toBeUndefined();
  });

  describe("exemptionExpiryProblem", () => {
    const now = at("2026-11-25T09:30:00Z");
    const passed = (date: string, today: string, latest: string) =>
      `has passed (the exemption ended at 00:00 UTC on ${date}; today is ${today}): Azure ignores an expired exemption, so a Deny assignment of the key-auth policy refuses the account; review the waiver and set a date after today, up to ${latest}, or remove policy.keyAuthExemption`;
    const tooFar = (latest: string) =>
      `must be at most 12 months ahead (${latest} at the latest, counted from today): the waiver is reviewed and renewed on purpose; set a date up to ${latest} and renew it before it lapses`;

    test("tomorrow and the latest day pass; the day after the latest is refused", () => {
      expect(exemptionExpiryProblem("2026-11-26", now)).toBeUndefined();
      expect(exemptionExpiryProblem("2027-11-25", now)).toBeUndefined();
      expect(exemptionExpiryProblem("2027-11-26", now)).toBe(tooFar("2027-11-25"));
      expect(exemptionExpiryProblem("2028-01-01", now)).toBe(tooFar("2027-11-25"));
    });

    test("an exemption ends at 00:00 UTC of its day: at that instant it has passed, one millisecond before it has not", () => {
      expect(exemptionExpiryProblem("2026-11-26", at("2026-11-25T23:59:59.999Z"))).toBeUndefined();
      expect(exemptionExpiryProblem("2026-11-26", at("2026-11-26T00:00:00Z"))).toBe(
        passed("2026-11-26", "2026-11-26", "2027-11-26"),
      );
      expect(exemptionExpiryProblem("2026-11-25", now)).toBe(passed("2026-11-25", "2026-11-25", "2027-11-25"));
      expect(exemptionExpiryProblem("2020-02-29", now)).toBe(passed("2020-02-29", "2026-11-25", "2027-11-25"));
    });

    test("on a leap day the limit is 1 March of the next year", () => {
      const leapDay = at("2028-02-29T08:00:00Z");
      expect(exemptionExpiryProblem("2029-02-28", leapDay)).toBeUndefined();
      expect(exemptionExpiryProblem("2029-03-01", leapDay)).toBeUndefined();
      expect(exemptionExpiryProblem("2029-03-02", leapDay)).toBe(tooFar("2029-03-01"));
    });

    test("a day that does not exist, or text that is no date, is left to the schema", () => {
      expect(exemptionExpiryProblem("2099-02-30", now)).toBeUndefined();
      expect(exemptionExpiryProblem("2020-02-30", now)).toBeUndefined();
      expect(exemptionExpiryProblem("someday", now)).toBeUndefined();
      expect(exemptionExpiryProblem("2020-01-01T00:00:00Z", now)).toBeUndefined();
    });
  });
});
