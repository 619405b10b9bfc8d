/**
 * The reason given for an emergency rotation: free text (quotes, unicode), kept in the stack file as the record.
 * It is refused when it is empty, too long, has control characters, or looks like a key or token: a reason
 * lands in the repository and in the `keyRotation` stack output, so pasting the leaked key there would leak it again.
 */

/** The longest reason a person may give (characters, as JavaScript counts them). */
export const MAX_REASON_LENGTH = 500;
export const MIN_REASON_LENGTH = 3;

/** What the workflow appends so one run can recognise its own record: ` [rotate-keys run <id>]`. */
const RUN_MARKER = /\s\[rotate-keys run (\d{1,20})\]$/;
/** The longest record the stack config accepts: a reason plus the workflow's run marker. */
export const MAX_RECORD_LENGTH = MAX_REASON_LENGTH + " [rotate-keys run 99999999999999999999]".length;

/** A run of the characters keys and tokens are made of (hex, base64 with "/", base64url, prefixes like ghp_). */
const TOKEN_RUN = /[A-Za-z0-9+/=_-]{24,}/g;
/** Shortest hex run treated as a secret: 16 bytes. */
export const HEX_RUN_MIN = 32;
const HEX_RUN = new RegExp(`[0-9a-fA-F]{${HEX_RUN_MIN},}`);
/** Shortest slash-free stretch treated as a secret: 16 random bytes in base64 (shorter than any Azure key). */
export const MIXED_RUN_MIN = 24;

export interface KeyShapedRun {
  /** Zero-based start and length, so a message can point at it without repeating it. */
  start: number;
  length: number;
}

/**
 * Runs that look like a key or token: 32+ hex digits, or a run mixing upper case, lower case and digits with a
 * stretch of 24+ characters and no "/". The slash rule keeps links (an incident URL) out: their path segments are
 * short, while a base64 key, "/" and all, still has a long stretch.
 */
export function keyShapedRuns(text: string): KeyShapedRun[] {
  const runs: KeyShapedRun[] = [];
  for (const match of text.matchAll(TOKEN_RUN)) {
    const run = match[0];
    const looksHex = HEX_RUN.test(run);
    const longStretch = run.split("/").some((part) => part.length >= MIXED_RUN_MIN);
    const mixed = longStretch && /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
    if (looksHex || mixed) runs.push({ start: match.index, length: run.length });
  }
  return runs;
}

/** Every problem with a reason at once, each a full sentence that never repeats a key-shaped part. */
export function emergencyReasonProblems(reason: string): string[] {
  const problems: string[] = [];
  const trimmed = reason.trim();
  if (trimmed.length < MIN_REASON_LENGTH) {
    problems.push(
      `The reason must say why the key is replaced (at least ${MIN_REASON_LENGTH} characters); got ${JSON.stringify(reason)}.`,
    );
  }
  if (reason.length > MAX_REASON_LENGTH) {
    problems.push(
      `The reason is ${reason.length} characters; at most ${MAX_REASON_LENGTH} are kept. Shorten it (link to the incident instead).`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) {
    problems.push("The reason contains a line break or another control character; write it on one line.");
  }
  for (const run of keyShapedRuns(reason)) {
    problems.push(
      `Characters ${run.start + 1}-${run.start + run.length} of the reason look like a key or token (${run.length} characters of hex or mixed-case letters and digits). ` +
        "Never paste the leaked key: describe where it leaked instead.",
    );
  }
  if (RUN_MARKER.test(reason))
    problems.push("The reason ends like a workflow run marker ([rotate-keys run <id>]); remove that part.");
  return problems;
}

/** The entry the workflow records: the reason (trimmed) and the run that recorded it. */
export function emergencyRecord(reason: string, runId: string): string {
  if (!/^\d{1,20}$/.test(runId)) throw new Error(`The workflow run id must be digits; got ${JSON.stringify(runId)}.`);
  return `${reason.trim()} [rotate-keys run ${runId}]`;
}

/** The run that recorded an entry, when the workflow wrote it (entries written by hand have none). */
export function recordedByRun(entry: string): string | undefined {
  return RUN_MARKER.exec(entry)?.[1];
}

/**
 * Every problem with one entry of `keyRotation.emergencies` as the config schema reports it (short fragments after
 * the path): the reason less the workflow's run marker. Never repeats a key-shaped part.
 */
export function checkEmergencyReason(entry: string): string[] {
  const reason = entry.replace(RUN_MARKER, "");
  const problems: string[] = [];
  if (reason.trim().length < MIN_REASON_LENGTH)
    problems.push(`must say why (at least ${MIN_REASON_LENGTH} characters)`);
  const length = [...reason].length;
  if (length > MAX_REASON_LENGTH) {
    problems.push(
      `must be at most ${MAX_REASON_LENGTH} characters (got ${length}); keep the details in the incident ticket and put its link here`,
    );
  }
  if (keyShapedRuns(reason).length > 0)
    problems.push("looks like key material (a long hex or base64 run); describe the leak, never paste the key");
  return problems;
}

/** The documented limits, under the names the rotation docs and tests use. */
export const EMERGENCY_REASON_MIN = MIN_REASON_LENGTH;
export const EMERGENCY_REASON_MAX = MAX_REASON_LENGTH;
