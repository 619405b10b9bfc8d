/**
 * The one clock. lib/ never reads the time: callers pass `nowMs`, and the entry points (the stack program, the
 * policy pack, the CLIs) take a Clock so a test or `--as-of` can fix the day. tools/clock.ts holds the real one.
 */
export interface Clock {
  nowMs(): number;
}

/** A clock stopped at one instant: what a run reads when all its parts must agree on "now". */
export function clockAt(nowMs: number): Clock {
  return { nowMs: () => nowMs };
}

/** A clock that always reads midnight UTC of `isoDay` (YYYY-MM-DD); throws on anything else. */
export function fixedClock(isoDay: string): Clock {
  const ms = Date.parse(`${isoDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDay) {
    throw new Error(`not a date as YYYY-MM-DD: ${JSON.stringify(isoDay)}`);
  }
  return clockAt(ms);
}
