import { describe, expect, test } from "vitest";
import { emergencyDigest, readPreviousRecord, RecordError, type DistributionRecord } from "../../lib/keys/record";
import type { RotationSettings } from "../../lib/keys/rotation";

/** Reading the previous record: which output wins, how a damaged one is reported, how a legacy output is adopted. */

const settings = (emergencies: string[] = []): RotationSettings => ({ periodDays: 30, epoch: "2026-01-01", emergencies });
const RECORD: DistributionRecord = { generation: 3, slot: "key2", offset: 1, emergencies: [], expiresOn: "2026-07-01T00:00:00.000Z", standbyExpiresOn: null };
const LEGACY = { generation: 9, activeSlot: "key2", keyExpiresOn: "2026-12-01T00:00:00Z", nextRotationOn: "2026-11-01T00:00:00Z", emergencies: 0 };

describe("which output is read", () => {
  test("a null record is no record: the legacy output is adopted", () => {
    expect(readPreviousRecord(null, LEGACY, settings())).toMatchObject({ generation: 9, slot: "key2", offset: 0 });
    expect(readPreviousRecord(undefined, LEGACY, settings())).toMatchObject({ generation: 9, slot: "key2", offset: 0 });
  });

  test("a record, when there is one, wins over a legacy output", () => {
    expect(readPreviousRecord(RECORD, LEGACY, settings())).toEqual(RECORD);
  });

  test("no legacy output either (undefined or null) is a first deployment", () => {
    expect(readPreviousRecord(undefined, null, settings())).toBeNull();
    expect(readPreviousRecord(null, undefined, settings())).toBeNull();
  });
});

describe("a damaged record", () => {
  test("names every bad field, by its path, separated by semicolons", () => {
    let message = "";
    try {
      readPreviousRecord({ ...RECORD, generation: 1.5, emergencies: ["ok", "0123456789abcdef"] }, undefined, settings());
    } catch (error) {
      expect(error).toBeInstanceOf(RecordError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^the stack output keyRotationRecord is not a rotation record \(generation: [^;]+; emergencies\.0: [^;]+\); nothing was rotated\. /);
  });

  test("a slot that contradicts the generation is refused for either slot", () => {
    expect(() => readPreviousRecord({ ...RECORD, slot: "key1" }, undefined, settings())).toThrowError(
      "the stack output keyRotationRecord names slot key1 for generation 3; nothing was rotated.",
    );
  });
});

describe("adopting a legacy output", () => {
  test("a null last reason is no reason", () => {
    expect(readPreviousRecord(undefined, { ...LEGACY, emergencies: 1, lastEmergencyReason: null }, settings())?.emergencies).toEqual(["legacy-0"]);
  });

  test("the last reason, missing from the config, stands for the last emergency not matched; unmatched ones before it stay markers", () => {
    expect(readPreviousRecord(undefined, { ...LEGACY, emergencies: 3, lastEmergencyReason: "b" }, settings(["a"]))).toEqual({
      generation: 9,
      slot: "key2",
      offset: 3,
      emergencies: [emergencyDigest("a"), emergencyDigest("b"), "legacy-2"],
      expiresOn: "2026-12-01T00:00:00Z",
      standbyExpiresOn: "2026-11-01T00:00:00Z",
    });
    expect(readPreviousRecord(undefined, { ...LEGACY, emergencies: 2, lastEmergencyReason: "c" }, settings(["a", "b", "x"]))?.emergencies).toEqual([
      emergencyDigest("a"),
      emergencyDigest("c"),
    ]);
  });

  test.each([
    ["a fractional generation", { ...LEGACY, generation: 1.5 }],
    ["a next rotation that is no time", { ...LEGACY, nextRotationOn: "soon" }],
    ["an expiry that is no time", { ...LEGACY, keyExpiresOn: "later" }],
    ["a fractional emergency count", { ...LEGACY, emergencies: 0.5 }],
    ["a last reason that is not text", { ...LEGACY, lastEmergencyReason: 5 }],
  ])("a legacy output with %s is ignored (a first deployment)", (_name, legacy) => {
    expect(readPreviousRecord(undefined, legacy, settings())).toBeNull();
  });
});
