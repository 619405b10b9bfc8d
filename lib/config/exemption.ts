import { isCalendarDate } from "./dates";

/**
 * The key-auth exemption is a waiver someone must renew on purpose: it may run at most this long from the day the
 * config is checked, and the report warns when it ends soon.
 */
export const EXEMPTION_MAX_MONTHS = 12;
export const EXEMPTION_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last allowed expiry date (YYYY-MM-DD, UTC): the same calendar day, EXEMPTION_MAX_MONTHS later. */
export function latestExemptionExpiry(nowMs: number): string {
  const now = new Date(nowMs);
  // Date.UTC rolls 29 February into 1 March of a common year: never later than a year plus a day.
  const latest = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + EXEMPTION_MAX_MONTHS, now.getUTCDate()));
  return latest.toISOString().slice(0, 10);
}

/** Whole days from now until the expiry (negative once it has passed); undefined when the date does not parse. */
export function daysUntil(expiresOn: string, nowMs: number): number | undefined {
  // Stryker disable next-line ConditionalExpression: Date.parse reads a date-only ISO string as UTC midnight, the same instant
  const ms = Date.parse(expiresOn.length === 10 ? `${expiresOn}T00:00:00Z` : expiresOn);
  return Number.isNaN(ms) ? undefined : Math.floor((ms - nowMs) / DAY_MS);
}

/**
 * Why an exemption expiry is refused: already over (Azure ends it at 00:00 UTC of that day), or beyond the maximum;
 * undefined when it is fine or not a real date (the schema reports that).
 */
export function exemptionExpiryProblem(expiresOn: string, nowMs: number): string | undefined {
  const latest = latestExemptionExpiry(nowMs);
  if (!isCalendarDate(expiresOn)) return undefined;
  if (Date.parse(`${expiresOn}T00:00:00Z`) <= nowMs) {
    const today = new Date(nowMs).toISOString().slice(0, 10);
    return (
      `has passed (the exemption ended at 00:00 UTC on ${expiresOn}; today is ${today}): Azure ignores an expired exemption, ` +
      `so a Deny assignment of the key-auth policy refuses the account; review the waiver and set a date after today, up to ${latest}, ` +
      `or remove policy.keyAuthExemption`
    );
  }
  if (expiresOn <= latest) return undefined;
  return (
    `must be at most ${EXEMPTION_MAX_MONTHS} months ahead (${latest} at the latest, counted from today): the waiver is ` +
    `reviewed and renewed on purpose; set a date up to ${latest} and renew it before it lapses`
  );
}
