import { emergencyDigest, type DistributionRecord } from "./record";
import {
  activeSlot,
  armKeyName,
  type ArmKeyName,
  generationAt,
  type KeySlot,
  nextBoundaryAfter,
  periodMs,
  type RotationSettings,
  scheduledTrigger,
} from "./rotation";

export interface RotationInput {
  settings: RotationSettings;
  nowMs: number;
  /** The record of the last successful distribution; null on a first deployment. */
  previous: DistributionRecord | null;
}

/**
 * - initial: first deployment, nothing of ours is handed out yet.
 * - scheduled: one step: regenerate the standby slot, hand it out.
 * - emergency: one step now, then regenerate the slot handed out before (the leaked key).
 * - hold: nothing is regenerated; the key in use stays.
 */
export type RotationStep = "initial" | "scheduled" | "emergency" | "hold";

/** Why a due rotation did not happen in this run. */
export type HoldReason = "not-due" | "standby-still-promised";

export interface RotationPlan {
  step: RotationStep;
  holdReason: HoldReason | null;
  /** The generation handed out after this run. */
  generation: number;
  slot: KeySlot;
  /** The regeneration that makes this generation's key; its trigger only changes when a step is taken. */
  regeneration: { keyName: ArmKeyName; trigger: string };
  /** Emergency only: regenerate the leaked slot after the fresh key is handed out everywhere. */
  revoke: { slot: KeySlot; keyName: ArmKeyName; trigger: string; reasons: number } | null;
  /** The schedule's generation (override or clock) plus the offset: what the schedule asks for. */
  target: number;
  /** When the key handed out now is expected to be replaced (the next step is allowed from then on). */
  nextRotationOn: Date;
  /** The Key Vault expiry of the key handed out now; the plan never regenerates it earlier, except in an emergency. */
  expiresOn: Date;
  /** The value of keyRotation.generation that makes the next run take one step (not before `earliestStepOn`). */
  nextGenerationOverride: number;
  /** No scheduled step is taken before this (the key in the standby slot was promised until then); null: none waits. */
  earliestStepOn: Date | null;
  /** The record to store once Key Vault and every GitHub secret (and the revocation) succeeded. */
  record: DistributionRecord;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Config reasons not yet acted upon: a multiset difference, so a reason seen again (a later merge) never fires twice. */
export function unhandledEmergencies(reasons: readonly string[], handled: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const digest of handled) left.set(digest, (left.get(digest) ?? 0) + 1);
  const fresh: string[] = [];
  for (const digest of reasons.map(emergencyDigest)) {
    const count = left.get(digest) ?? 0;
    if (count > 0) left.set(digest, count - 1);
    else fresh.push(digest);
  }
  return fresh;
}

/**
 * The one rotation decision. Rules:
 * - the slot Key Vault and GitHub hold (previous.slot) is never regenerated, except as the revocation of an emergency;
 * - a step moves the generation by exactly one, whatever the config asks;
 * - a scheduled step waits until the key in the standby slot is past the expiry promised for it;
 * - a target at or below the recorded generation holds, and the schedule re-aligns so it resumes at the next boundary;
 * - emergencies are matched by reason against the record: removing one never steps back, seeing one again never revokes again.
 */
export function planRotation(input: RotationInput): RotationPlan {
  const { settings, nowMs, previous } = input;
  const period = periodMs(settings.periodDays);
  const schedule = settings.generation ?? generationAt(nowMs, settings.epoch, settings.periodDays);
  const boundary = nextBoundaryAfter(nowMs, settings.epoch, settings.periodDays);

  if (previous === null) {
    const offset = settings.emergencies.length;
    const generation = schedule + offset;
    const nextRotationOn = boundary;
    const expiresOn = nextRotationOn + period;
    return build({
      step: "initial",
      holdReason: null,
      generation,
      target: generation,
      offset,
      handled: settings.emergencies.map(emergencyDigest),
      nextRotationOn,
      expiresOn,
      standbyExpiresOn: null,
      revoke: null,
    });
  }

  const fresh = unhandledEmergencies(settings.emergencies, previous.emergencies);
  const standbyPromise = previous.standbyExpiresOn === null ? null : Date.parse(previous.standbyExpiresOn);
  const target = schedule + previous.offset;

  if (fresh.length > 0) {
    const generation = previous.generation + 1;
    // The leaked slot is revoked: nobody holds a promised key there any more.
    const nextRotationOn = boundary;
    return build({
      step: "emergency",
      holdReason: null,
      generation,
      target,
      offset: generation - schedule,
      handled: [...previous.emergencies, ...fresh],
      nextRotationOn,
      expiresOn: nextRotationOn + period,
      standbyExpiresOn: null,
      revoke: {
        slot: previous.slot,
        keyName: armKeyName(previous.slot),
        trigger: `emergency:g${generation}`,
        reasons: fresh.length,
      },
    });
  }

  const due = target > previous.generation;
  const allowed = standbyPromise === null || nowMs >= standbyPromise;
  if (due && allowed) {
    const generation = previous.generation + 1;
    // The schedule re-aligns on this step; the key handed out until now becomes the standby, promised until its expiry.
    const nextRotationOn = Math.max(boundary, Date.parse(previous.expiresOn));
    return build({
      step: "scheduled",
      holdReason: null,
      generation,
      target,
      offset: generation - schedule,
      handled: previous.emergencies,
      nextRotationOn,
      expiresOn: nextRotationOn + period,
      standbyExpiresOn: previous.expiresOn,
      revoke: null,
    });
  }

  // Hold. Behind but blocked: keep the offset so the step happens once the standby's promise has passed.
  // At or ahead of the schedule: re-align so the next step comes at the next boundary, not months later.
  const offset = due ? previous.offset : previous.generation - schedule;
  const nextRotationOn = Math.max(due ? nowMs : boundary, standbyPromise ?? Number.NEGATIVE_INFINITY);
  // A promise is only ever extended (e.g. an override that freezes the schedule past the key's expiry).
  const expiresOn = Math.max(Date.parse(previous.expiresOn), nextRotationOn + period);
  return build({
    step: "hold",
    holdReason: due ? "standby-still-promised" : "not-due",
    generation: previous.generation,
    target,
    offset,
    handled: previous.emergencies,
    nextRotationOn,
    expiresOn,
    standbyExpiresOn: previous.standbyExpiresOn,
    revoke: null,
  });

  function build(parts: {
    step: RotationStep;
    holdReason: HoldReason | null;
    generation: number;
    target: number;
    offset: number;
    handled: string[];
    nextRotationOn: number;
    expiresOn: number;
    /** The standby's promise as recorded (every caller passes a record's text or null). */
    standbyExpiresOn: string | null;
    revoke: RotationPlan["revoke"];
  }): RotationPlan {
    const slot = activeSlot(parts.generation);
    const standby = parts.standbyExpiresOn;
    return {
      step: parts.step,
      holdReason: parts.holdReason,
      generation: parts.generation,
      slot,
      regeneration: { keyName: armKeyName(slot), trigger: scheduledTrigger(parts.generation) },
      revoke: parts.revoke,
      target: parts.target,
      nextRotationOn: new Date(parts.nextRotationOn),
      expiresOn: new Date(parts.expiresOn),
      nextGenerationOverride: parts.generation + 1 - parts.offset,
      earliestStepOn: standby === null ? null : new Date(standby),
      record: {
        generation: parts.generation,
        slot,
        offset: parts.offset,
        emergencies: parts.handled,
        expiresOn: iso(parts.expiresOn),
        standbyExpiresOn: standby,
      },
    };
  }
}
