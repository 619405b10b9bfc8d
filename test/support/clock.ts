import { type Clock, fixedClock } from "../../lib/clock";
import { DAY_MS, utcDay } from "../../lib/days";
import { MODEL_CATALOG } from "../../lib/models/modelCatalog";

// Every date a test uses comes from here or is written out in the test: no test reads the real clock (the lint
// rule in eslint.config.mjs fails one that does). docs/testing.md, "How a test sets its date".

export { DAY_MS } from "../../lib/days";

/** Midnight UTC of a day (YYYY-MM-DD), in ms. */
export function dayMs(isoDay: string): number {
  return fixedClock(isoDay).nowMs();
}

/** The day (YYYY-MM-DD, UTC) an instant falls in. */
export const isoDayOf = utcDay;

/** The day `days` after (or, negative, before) `isoDay`. */
export function addDays(isoDay: string, days: number): string {
  return isoDayOf(dayMs(isoDay) + days * DAY_MS);
}

/** The month (YYYY-MM) `months` after the month of `isoDay`. */
export function monthAfter(isoDay: string, months: number): string {
  const d = new Date(dayMs(isoDay));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).toISOString().slice(0, 7);
}

/** A clock fixed at midnight UTC of a day: for tests of date logic, which write their dates out. */
export function clockOn(isoDay: string): Clock {
  return fixedClock(isoDay);
}

/**
 * The day the shipped stack files (Pulumi.dev.yaml, test/fixtures/Pulumi.*.yaml) are planned on, with the shipped
 * model catalog: the day the catalog was reviewed. It moves with the data, never with the calendar;
 * test/config/shippedStackFiles.test.ts fails, naming the file and the value, when a catalog refresh makes a stack file
 * invalid on that day.
 */
export const FIXTURE_DAY: string = MODEL_CATALOG.reviewed;
export const FIXTURE_CLOCK: Clock = clockOn(FIXTURE_DAY);
export const FIXTURE_NOW_MS: number = FIXTURE_CLOCK.nowMs();

/** Expiry of a token a credential stand-in hands out: so far ahead that no SDK refreshes it, on any day. */
export const NEVER_EXPIRES_MS = dayMs("9999-12-31");

/**
 * The environment that carries the suite's clock into a child started with a minimal env: under `faketime` (CI's
 * run a year ahead) a child without it would read the real clock and disagree with the parent, e.g. about whether
 * a certificate the parent just made is valid yet.
 */
export function clockEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => name === "LD_PRELOAD" || name.startsWith("FAKETIME")),
  );
}
