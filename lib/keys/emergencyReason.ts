/**
 * An emergency reason is free text kept in the stack config and shown in the `keyRotation` stack output:
 * quotes and any script are fine; a key pasted by mistake is not (the record would publish it).
 */

export const EMERGENCY_REASON_MIN = 3;
/** Documented in docs/key-rotation.md. */
export const EMERGENCY_REASON_MAX = 500;

/** Runs that look like key material: 32+ hex digits, or 24+ base64/base64url characters mixing digits, upper and lower case. */
const HEX_RUN = /[0-9a-f]{32,}/i;
// No "/" in the run: URL paths (an incident link) are split at it and never reach 24 mixed characters.
const BASE64_RUN = /[A-Za-z0-9+_-]{24,}={0,2}/g;

function looksLikeKey(text: string): boolean {
  if (HEX_RUN.test(text)) return true;
  return [...text.matchAll(BASE64_RUN)].some(([run]) => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run));
}

/** Every problem with one reason (empty when it is fine). */
export function checkEmergencyReason(reason: string): string[] {
  const problems: string[] = [];
  const length = [...reason].length;
  if (reason.trim().length < EMERGENCY_REASON_MIN) problems.push(`must say why (at least ${EMERGENCY_REASON_MIN} characters)`);
  if (length > EMERGENCY_REASON_MAX) problems.push(`must be at most ${EMERGENCY_REASON_MAX} characters (got ${length}); keep the details in the incident ticket and put its link here`);
  if (looksLikeKey(reason)) problems.push("looks like key material (a long hex or base64 run); describe the leak, never paste the key");
  return problems;
}
