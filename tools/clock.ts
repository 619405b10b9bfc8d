import { type Clock, fixedClock } from "../lib/clock";

/** The real clock: the only place the project reads the time (eslint.config.mjs forbids it anywhere else). */
export const systemClock: Clock = { nowMs: () => Date.now() };

/** The clock a CLI runs on: midnight UTC of `--as-of YYYY-MM-DD` when given, else the real one. */
export function clockAsOf(asOf: string | undefined): Clock {
  if (asOf === undefined) return systemClock;
  try {
    return fixedClock(asOf);
  } catch {
    throw new Error(`--as-of must be a date as YYYY-MM-DD (got ${JSON.stringify(asOf)})`);
  }
}
