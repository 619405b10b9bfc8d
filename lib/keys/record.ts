import { createHash } from "node:crypto";
import { z } from "zod";
import { activeSlot, type KeySlot, type RotationSettings } from "./rotation";

/**
 * What the last successful distribution left behind (stack output `keyRotationRecord`): the key generation
 * and slot that Key Vault and every GitHub secret hold, the promises made about both keys, and which
 * emergencies were acted upon. The program reads it back at the start of every run.
 */
export interface DistributionRecord {
  /** The generation of the key Key Vault and GitHub hold. Moves by one per successful step, never back. */
  generation: number;
  slot: KeySlot;
  /** generation = schedule (clock or override) + offset when the schedule is in step. */
  offset: number;
  /** Digests of the emergency reasons already acted upon (a multiset: its length is the count). */
  emergencies: string[];
  /** Expiry promised for the key in `slot` (the Key Vault secret's expiry). */
  expiresOn: string;
  /** Expiry promised for the key in the other slot (the previous key), or null when nobody holds it (revoked, never handed out). */
  standbyExpiresOn: string | null;
}

export const RECORD_OUTPUT = "keyRotationRecord";
/** The human-facing output of earlier versions, read once to adopt a stack deployed before the record existed. */
export const LEGACY_OUTPUT = "keyRotation";

const isoTime = z.iso.datetime();
const recordSchema = z.strictObject({
  generation: z.number().int().nonnegative(),
  slot: z.enum(["key1", "key2"]),
  offset: z.number().int(),
  emergencies: z.array(z.string().regex(/^[0-9a-f]{16}$|^legacy-\d+$/)),
  expiresOn: isoTime,
  standbyExpiresOn: isoTime.nullable(),
});

const legacySchema = z.object({
  generation: z.number().int().nonnegative(),
  activeSlot: z.enum(["key1", "key2"]),
  keyExpiresOn: isoTime,
  nextRotationOn: isoTime,
  emergencies: z.number().int().nonnegative(),
  lastEmergencyReason: z.string().nullable().optional(),
});

/** A short, stable fingerprint of one emergency reason: the record keeps these, not the text. */
export function emergencyDigest(reason: string): string {
  return createHash("sha256").update(reason.normalize("NFC")).digest("hex").slice(0, 16);
}

/** Thrown when the stored record cannot be trusted: the run stops instead of guessing which key is handed out. */
export class RecordError extends Error {}

/**
 * The previous state, from the stack's own outputs. No record and no legacy output: a first deployment.
 * A record that does not parse stops the run (guessing could regenerate the key in use).
 */
export function readPreviousRecord(
  record: unknown,
  legacy: unknown,
  settings: RotationSettings,
): DistributionRecord | null {
  if (record !== undefined && record !== null) {
    const parsed = recordSchema.safeParse(record);
    if (!parsed.success) {
      throw new RecordError(
        `the stack output ${RECORD_OUTPUT} is not a rotation record (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}); ` +
          `nothing was rotated. Restore it from the stack's history (pulumi stack history, pulumi stack export) before running again.`,
      );
    }
    if (parsed.data.slot !== activeSlot(parsed.data.generation)) {
      throw new RecordError(
        `the stack output ${RECORD_OUTPUT} names slot ${parsed.data.slot} for generation ${parsed.data.generation}; nothing was rotated.`,
      );
    }
    return parsed.data;
  }
  // No legacy output (undefined or null) fails the schema too: a first deployment.
  const old = legacySchema.safeParse(legacy);
  if (!old.success) return null;
  return adoptLegacy(old.data, settings);
}

/**
 * Earlier versions exported generation = schedule + number of emergencies, and the key of g-1 was promised
 * until the start of g+1 (their nextRotationOn). Reasons are matched against the config where it still has them.
 */
function adoptLegacy(old: z.infer<typeof legacySchema>, settings: RotationSettings): DistributionRecord {
  const known = settings.emergencies.slice(0, old.emergencies).map(emergencyDigest);
  const last = old.lastEmergencyReason ? emergencyDigest(old.lastEmergencyReason) : null;
  if (last !== null && old.emergencies > 0 && !known.includes(last))
    known.splice(Math.max(0, old.emergencies - 1), 1, last);
  while (known.length < old.emergencies) known.push(`legacy-${known.length}`);
  return {
    generation: old.generation,
    slot: old.activeSlot,
    offset: old.emergencies,
    // At most old.emergencies by construction: the slice above, a one-for-one splice, and the padding.
    emergencies: known,
    expiresOn: old.keyExpiresOn,
    standbyExpiresOn: old.nextRotationOn,
  };
}
