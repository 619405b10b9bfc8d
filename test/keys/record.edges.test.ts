import { describe, expect, test } from "vitest";
import { emergencyDigest, LEGACY_OUTPUT, readPreviousRecord, RECORD_OUTPUT, RecordError, type DistributionRecord } from "../../lib/keys/record";
import type { RotationSettings } from "../../lib/keys/rotation";

const settings = (emergencies: string[] = []): RotationSettings => ({ periodDays: 30, epoch: "2026-01-01", emergencies });
const RECORD: DistributionRecord = {
  generation: 4,
  slot: "key1",
  offset: 0,
  emergencies: [],
  expiresOn: "2026-07-01T00:00:00.000Z",
  standbyExpiresOn: null,
};

describe("the distribution record (stack output keyRotationRecord)", () => {
  test("output names and digests are deployed state (known answers); reasons are compared in NFC", () => {
    expect(RECORD_OUTPUT).toBe("keyRotationRecord");
    expect(LEGACY_OUTPUT).toBe("keyRotation");
    expect(emergencyDigest("leak")).toBe("5f537b80f1f2b7d1");
    expect(emergencyDigest("caf\u00e9")).toBe("850f7dc43910ff89");
    expect(emergencyDigest("cafe\u0301")).toBe("850f7dc43910ff89");
  });

  test("a valid record is read as it is; null and undefined mean none", () => {
    const digests = { ...RECORD, emergencies: ["0123456789abcdef", "legacy-0"], standbyExpiresOn: "2026-06-01T00:00:00Z", offset: -2 };
    expect(readPreviousRecord(digests, undefined, settings())).toEqual(digests);
    expect(readPreviousRecord(null, null, settings())).toBeNull();
  });

  test.each([
    ["an extra key", { ...RECORD, extra: 1 }, /is not a rotation record \(: Unrecognized key/],
    ["a negative generation", { ...RECORD, generation: -2 }, /generation: /],
    ["a fractional offset", { ...RECORD, offset: 0.5 }, /offset: /],
    ["a digest with junk after it", { ...RECORD, emergencies: ["0123456789abcdefX"] }, /emergencies\.0: /],
    ["a digest with junk before it", { ...RECORD, emergencies: ["X0123456789abcdef"] }, /emergencies\.0: /],
    ["a legacy marker with junk", { ...RECORD, emergencies: ["legacy-1x"] }, /emergencies\.0: /],
    ["an expiry that is no time", { ...RECORD, expiresOn: "soon" }, /expiresOn: /],
  ])("a record with %s stops the run, naming the field and how to recover", (_name, record, detail) => {
    let error: unknown;
    try {
      readPreviousRecord(record, undefined, settings());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecordError);
    const message = (error as Error).message;
    expect(message).toMatch(/^the stack output keyRotationRecord is not a rotation record \(/);
    expect(message).toMatch(detail);
    expect(message).toContain("nothing was rotated. Restore it from the stack's history (pulumi stack history, pulumi stack export) before running again.");
  });

  test("a record whose slot does not match its generation stops the run", () => {
    expect(() => readPreviousRecord({ ...RECORD, generation: 5 }, undefined, settings())).toThrowError(
      "the stack output keyRotationRecord names slot key1 for generation 5; nothing was rotated.",
    );
  });
});

describe("adopting a stack deployed before the record (legacy keyRotation output)", () => {
  const legacy = { generation: 9, activeSlot: "key2", keyExpiresOn: "2026-12-01T00:00:00Z", nextRotationOn: "2026-11-01T00:00:00Z", emergencies: 0 };

  test("no emergencies: offset 0, the old next rotation is the standby's promise", () => {
    expect(readPreviousRecord(undefined, legacy, settings())).toEqual({
      generation: 9,
      slot: "key2",
      offset: 0,
      emergencies: [],
      expiresOn: "2026-12-01T00:00:00Z",
      standbyExpiresOn: "2026-11-01T00:00:00Z",
    });
  });

  test("emergencies beyond the config's reasons become legacy markers; the last reason replaces the last unknown one", () => {
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: 3 }, settings(["a"]))?.emergencies).toEqual([emergencyDigest("a"), "legacy-1", "legacy-2"]);
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: 2, lastEmergencyReason: "b" }, settings(["a"]))?.emergencies).toEqual([emergencyDigest("a"), emergencyDigest("b")]);
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: 1, lastEmergencyReason: "b" }, settings(["a", "c"]))?.emergencies).toEqual([emergencyDigest("b")]);
    // The last reason already among the config's: nothing is replaced.
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: 2, lastEmergencyReason: "a" }, settings(["a"]))?.emergencies).toEqual([emergencyDigest("a"), "legacy-1"]);
    // No emergencies recorded: a last reason alone adds none.
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: 0, lastEmergencyReason: "b" }, settings())?.emergencies).toEqual([]);
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: 2, lastEmergencyReason: "" }, settings())?.emergencies).toEqual(["legacy-0", "legacy-1"]);
  });

  test("a legacy output that does not parse is treated as none (a first deployment)", () => {
    expect(readPreviousRecord(undefined, { ...legacy, emergencies: -1 }, settings())).toBeNull();
    expect(readPreviousRecord(undefined, { ...legacy, activeSlot: "key3" }, settings())).toBeNull();
  });
});
