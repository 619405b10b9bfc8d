import { DAY_MS } from "./rotation";
import type { RotationPlan } from "./plan";

/**
 * MCSB v2 assigns "Secrets should have more than the specified number of days before expiration" (b0eb591a, mode
 * Microsoft.KeyVault.Data) with 90 days: a secret write whose `exp` is sooner than utcNow() + 90 days is denied. A
 * rotated key is promised for one period after its replacement is due (30 + 30 days by default), so the promise
 * itself can never be the `exp` of a write.
 */
export const POLICY_MINIMUM_DAYS_BEFORE_EXPIRATION = 90;

/** Between the plan's clock and Azure's evaluation of the write (a long `pulumi up`, a preview applied later). */
export const WRITE_MARGIN_DAYS = 1;

/** The tag on the Key Vault secret that holds the key's real expiry (the rotation's promise), as ISO 8601. */
export const KEY_EXPIRES_ON_TAG = "keyExpiresOn";

/**
 * The Key Vault `exp` of the key's secret: the promise, or, when that is sooner, the policy's floor counted from the
 * plan's `nextRotationOn` (never before the run's clock in any step, so the floor holds at write time). It is derived
 * from plan dates only: a run that holds computes the same value and rewrites nothing. The key's real end stays in
 * the record, the KeyRotation output and the secret's `keyExpiresOn` tag.
 */
export function vaultSecretExpiry(plan: Pick<RotationPlan, "expiresOn" | "nextRotationOn">): Date {
  const floor = plan.nextRotationOn.getTime() + (POLICY_MINIMUM_DAYS_BEFORE_EXPIRATION + WRITE_MARGIN_DAYS) * DAY_MS;
  return new Date(Math.max(plan.expiresOn.getTime(), floor));
}
