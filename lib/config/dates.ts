/**
 * Calendar dates as the config writes them (YYYY-MM-DD). JavaScript's Date rolls a day that does not exist into the
 * next month (2026-02-30 becomes 2 March), so a date is checked against its month's length before anything uses it.
 */

export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Days in a month of the Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `text` is YYYY-MM-DD and names a day that exists. */
export function isCalendarDate(text: string): boolean {
  return ISO_DATE_PATTERN.test(text) && calendarDateProblem(text) === undefined;
}

/**
 * Why a YYYY-MM-DD text names no real day (e.g. 2026-02-30), with the month's last day as the fix; undefined when the
 * day exists or the text is not in that shape at all (the format check reports that).
 */
export function calendarDateProblem(text: string): string | undefined {
  if (!ISO_DATE_PATTERN.test(text)) return undefined;
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const last = daysInMonth(year, month);
  if (day <= last) return undefined;
  // A month has 28 to 31 days: two digits, so no padding.
  const lastDay = `${text.slice(0, 8)}${last}`;
  return `is not a day of the calendar: ${MONTH_NAMES[month - 1] ?? "the month"} ${year} has ${last} days; use a real date such as ${lastDay}`;
}
