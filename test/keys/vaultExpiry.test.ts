import { describe, expect, test } from "vitest";
import { planRotation } from "../../lib/keys/plan";
import { DAY_MS, type RotationSettings } from "../../lib/keys/rotation";
import { POLICY_MINIMUM_DAYS_BEFORE_EXPIRATION, vaultSecretExpiry } from "../../lib/keys/vaultExpiry";

const SETTINGS: RotationSettings = { periodDays: 30, epoch: "2026-01-01", emergencies: [] };
const START = Date.UTC(2026, 11, 7, 9);

/** b0eb591a's rule (Azure/azure-policy f4a50bac): denied when exp is less than addDays(utcNow(), minimum days). */
function deniedAt(writeMs: number, expiresMs: number): boolean {
  return expiresMs < writeMs + POLICY_MINIMUM_DAYS_BEFORE_EXPIRATION * DAY_MS;
}

describe("the key secret's Key Vault expiry and the 90-day rule", () => {
  test("the promise alone (a 30-day period, 60 days of validity) is denied; the vault expiry is not", () => {
    const plan = planRotation({ settings: SETTINGS, nowMs: START, previous: null });
    expect(deniedAt(START, plan.expiresOn.getTime())).toBe(true);
    expect(deniedAt(START + DAY_MS - 1, vaultSecretExpiry(plan).getTime())).toBe(false);
  });

  test("every step of a year of daily runs writes an expiry the rule accepts, and a hold computes the same value", () => {
    let previous = planRotation({ settings: SETTINGS, nowMs: START, previous: null });
    let written = vaultSecretExpiry(previous);
    for (let day = 1; day <= 365; day += 1) {
      const nowMs = START + day * DAY_MS;
      const plan = planRotation({ settings: SETTINGS, nowMs, previous: previous.record });
      const expiry = vaultSecretExpiry(plan);
      if (plan.step === "hold") expect(expiry, `day ${day}`).toEqual(written);
      else expect(deniedAt(nowMs, expiry.getTime()), `day ${day}`).toBe(false);
      expect(expiry.getTime()).toBeGreaterThanOrEqual(plan.expiresOn.getTime());
      written = expiry;
      previous = plan;
    }
  });

  test("a promise already past the floor is the expiry itself", () => {
    const nextRotationOn = new Date(START + 10 * DAY_MS);
    const expiresOn = new Date(nextRotationOn.getTime() + 120 * DAY_MS);
    expect(vaultSecretExpiry({ nextRotationOn, expiresOn })).toEqual(expiresOn);
  });
});
