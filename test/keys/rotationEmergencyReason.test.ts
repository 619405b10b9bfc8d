import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkEmergencyReason, EMERGENCY_REASON_MAX } from "../../lib/keys/emergencyReason";
import { ConfigError, projectKeys } from "../../lib/config/parse";
import { stackConfig } from "../support/stackFiles";
import { FIXTURE_NOW_MS } from "../support/clock";
import { parseAdmitted } from "../support/platformFiles";

/** The dev stack's config with keyRotation.emergencies replaced, parsed the way the program parses it. */
function parseWithEmergencies(emergencies: unknown[]): ConfigError | null {
  const config = stackConfig({ overrides: { keyRotation: { periodDays: 30, epoch: "2026-01-01", emergencies } } });
  const raw = projectKeys(config.values);
  try {
    parseAdmitted(raw, undefined, FIXTURE_NOW_MS);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

describe("emergency reasons", () => {
  test("free text: quotes, unicode, colons and incident links up to the documented length", () => {
    const reasons = [
      `key pasted in CI log of "payments-api" run 4711: rotated by Zoë (ticket: https://jira.example.com/browse/SEC-1234)`,
      "Schlüssel im Chat geteilt — 2026-11-25 'aus Versehen'",
      "https://github.com/contoso/payments-api/actions/runs/12345678901/job/98765432101",
      "x".repeat(EMERGENCY_REASON_MAX),
    ];
    for (const reason of reasons) expect(checkEmergencyReason(reason), reason).toEqual([]);
    expect(parseWithEmergencies(reasons)).toBeNull();
    // The old limit was 200 characters.
    expect(parseWithEmergencies(["y".repeat(201)])).toBeNull();
  });

  test("too short, too long: the message names the limit", () => {
    expect(checkEmergencyReason("  ")).toEqual([expect.stringContaining("at least 3")]);
    expect(checkEmergencyReason("z".repeat(EMERGENCY_REASON_MAX + 1))).toEqual([
      expect.stringContaining(`at most ${EMERGENCY_REASON_MAX}`),
    ]);
  });

  test("a YAML number is an error that says to quote it, never coerced to text", () => {
    const error = parseWithEmergencies([20261125, "fine reason"]);
    expect(error?.problems).toEqual([
      {
        path: "keyRotation.emergencies[0]",
        message: expect.stringMatching(/YAML read it as a number: quote it \(e\.g\. '20261125'\)/),
      },
    ]);
    expect(error?.message).toContain("codex-boundary:keyRotation.emergencies[0]");
  });

  test("key-shaped reasons are refused and the value is not echoed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 64 }),
        fc.constantFrom("hex", "base64", "base64url"),
        fc.string({ maxLength: 20 }),
        (bytes, encoding, prefix) => {
          const key = randomBytes(bytes).toString(encoding as BufferEncoding);
          fc.pre(
            encoding === "hex" ||
              (/\d/.test(key) && /[a-z]/.test(key) && /[A-Z]/.test(key) && /[A-Za-z0-9+_-]{24,}/.test(key)),
          );
          expect(checkEmergencyReason(`${prefix} leaked ${key}`)).toContainEqual(
            expect.stringContaining("looks like key material"),
          );
        },
      ),
      { numRuns: 200 },
    );
    const key = randomBytes(16).toString("hex");
    const error = parseWithEmergencies([`the key is ${key}`]);
    expect(error?.problems[0]?.message).toContain("looks like key material");
    expect(error?.message).not.toContain(key);
  });
});
