/**
 * Dual-key arithmetic: the account has two keys (slots); generation g hands out key1 for even g, key2 for odd g.
 * The schedule's clock counts whole periods since the epoch. What a run actually does is decided by
 * planRotation (./plan.ts) from these pieces and the state recorded by the last successful distribution.
 */

export type KeySlot = "key1" | "key2";
/** The name ARM's regenerateKey takes. */
export type ArmKeyName = "Key1" | "Key2";

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RotationSettings {
  periodDays: number;
  epoch: string;
  /** Replaces the clock's generation (see docs/key-rotation.md, manual rotation). */
  generation?: number;
  /** Reasons of emergency rotations, one per leak. */
  emergencies: readonly string[];
}

export function epochMs(epoch: string): number {
  const ms = Date.parse(`${epoch}T00:00:00Z`);
  if (Number.isNaN(ms))
    throw new Error(`keyRotation.epoch must be a date as YYYY-MM-DD (got ${JSON.stringify(epoch)})`);
  return ms;
}

export function periodMs(periodDays: number): number {
  return periodDays * DAY_MS;
}

/** The clock's generation. Before the epoch it is 0: rotation starts at the epoch. */
export function generationAt(nowMs: number, epoch: string, periodDays: number): number {
  return Math.max(0, Math.floor((nowMs - epochMs(epoch)) / periodMs(periodDays)));
}

/** When the clock next moves to a new generation. */
export function nextBoundaryAfter(nowMs: number, epoch: string, periodDays: number): number {
  return epochMs(epoch) + (generationAt(nowMs, epoch, periodDays) + 1) * periodMs(periodDays);
}

export function activeSlot(generation: number): KeySlot {
  return generation % 2 === 0 ? "key1" : "key2";
}

export function otherSlot(slot: KeySlot): KeySlot {
  return slot === "key1" ? "key2" : "key1";
}

export function armKeyName(slot: KeySlot): ArmKeyName {
  return slot === "key1" ? "Key1" : "Key2";
}

/** The trigger of the regeneration that makes generation g's key. Its format is in deployed state: never change it. */
export function scheduledTrigger(generation: number): string {
  return `scheduled:g${generation}`;
}

/** The generation a scheduled trigger names, or null for any other trigger. */
export function triggerGeneration(trigger: string): number | null {
  const match = /^scheduled:g(\d+)$/.exec(trigger);
  return match ? Number(match[1]) : null;
}
