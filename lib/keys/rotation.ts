/**
 * The dual-key rotation model. The account has two keys; one is handed out (the "active" slot), the other
 * is the previous period's key, still valid so that nobody holding it is cut off.
 *
 * Generation g = floor((now - epoch) / period) (+ one per recorded emergency). Active slot: key1 for even g,
 * key2 for odd g. When g advances, the slot that becomes active is regenerated first (it was last handed out
 * two periods ago, so nobody should hold it), then written to Key Vault and GitHub. The key handed out in
 * g-1 stays valid throughout g.
 */

export type KeySlot = "key1" | "key2";
/** The name ARM's regenerateKey takes. */
export type ArmKeyName = "Key1" | "Key2";

const DAY_MS = 24 * 60 * 60 * 1000;

export function epochMs(epoch: string): number {
  const ms = Date.parse(`${epoch}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`keyRotation.epoch must be a date as YYYY-MM-DD (got ${JSON.stringify(epoch)})`);
  return ms;
}

/** The clock's generation. Before the epoch it is 0: rotation starts at the epoch. */
export function generationAt(nowMs: number, epoch: string, periodDays: number): number {
  return Math.max(0, Math.floor((nowMs - epochMs(epoch)) / (periodDays * DAY_MS)));
}

export interface RotationSettings {
  periodDays: number;
  epoch: string;
  generation?: number;
  emergencies: readonly string[];
}

/** The generation in force: the config's override or the clock, plus one per emergency rotation. */
export function effectiveGeneration(settings: RotationSettings, nowMs: number): number {
  const base = settings.generation ?? generationAt(nowMs, settings.epoch, settings.periodDays);
  return base + settings.emergencies.length;
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

/** When a generation's key stops being handed out (start of g+1) and when it must stop working (start of g+2). */
export function keyExpiry(generation: number, settings: Pick<RotationSettings, "epoch" | "periodDays">): { handedOutUntil: Date; expires: Date } {
  const period = settings.periodDays * DAY_MS;
  const start = epochMs(settings.epoch);
  return { handedOutUntil: new Date(start + (generation + 1) * period), expires: new Date(start + (generation + 2) * period) };
}

export type RotationStep =
  | { kind: "regenerate"; slot: KeySlot; reason: "scheduled" | "emergency" }
  | { kind: "distribute"; slot: KeySlot };

/**
 * What one `pulumi up` does for generation g: regenerate the slot that becomes active, then distribute it.
 * With an emergency at g (the key handed out in g-1 leaked), also regenerate that previous slot, but only
 * after the fresh key is distributed: the standby first, distribute it, then the leaked one.
 */
export function rotationSteps(generation: number, emergency: boolean): RotationStep[] {
  const slot = activeSlot(generation);
  const steps: RotationStep[] = [
    { kind: "regenerate", slot, reason: "scheduled" },
    { kind: "distribute", slot },
  ];
  if (emergency) steps.push({ kind: "regenerate", slot: otherSlot(slot), reason: "emergency" });
  return steps;
}
