/**
 * The one way this project counts days to a calendar date: whole UTC days from the start of today to the start of
 * `day`. The same calendar day gives the same number all day long (0 on the day itself, negative after it), so the
 * plan, the fleet report and the gate never disagree by a day depending on the hour they run.
 */

export const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD day. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The UTC calendar day (YYYY-MM-DD) that `nowMs` falls in. */
export function utcDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/** Whole days from the start of today (UTC) to the start of `day`: 1 the day before, 0 on it, -1 the day after. */
export function daysUntil(day: string, nowMs: number): number {
  return Math.round((dayStartMs(day) - dayStartMs(utcDay(nowMs))) / DAY_MS);
}

/** Whole days from the start of `day` to the start of today (UTC): 0 on it, 1 the day after. */
export function daysSince(day: string, nowMs: number): number {
  return Math.round((dayStartMs(utcDay(nowMs)) - dayStartMs(day)) / DAY_MS);
}
