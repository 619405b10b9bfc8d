import { describe, expect, test } from "vitest";
import {
  emergencyDigest,
  readPreviousRecord,
  RecordError,
  type DistributionRecord,
  LEGACY_OUTPUT,
  RECORD_OUTPUT,
} from "../../lib/keys/record";
import type { RotationSettings } from "../../lib/keys/rotation";

/** Reading the previous record: which output wins, how a damaged one is reported, how a legacy output is adopted. */

const settings = (emergencies: string[] = []): RotationSettings => ({
  periodDays: 30,
  epoch: "2026-01-01",
  emergencies,
});
const RECORD: DistributionRecord = {
  generation: 3,
  slot: "key2",
  offset: 1,
  emergencies: [],
  expiresOn: "2026-07-01T00:00:00.000Z",
  standbyExpiresOn: null,
};
const LEGACY = {
  generation: 9,
  activeSlot: "key2",
  keyExpiresOn: "2026-12-01T00:00:00Z",
  nextRotationOn: "2026-11-01T00:00:00Z",
  emergencies: 0,
};

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
      readPreviousRecord(
        { ...RECORD, generation: 1.5, emergencies: ["ok", "0123456789abcdef"] },
        undefined,
        settings(),
      );
    } catch (error) {
      expect(error).toBeInstanceOf(RecordError);
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^the stack output keyRotationRecord is not a rotation record \(generation: [^;]+; emergencies\.0: [^;]+\); nothing was rotated\. /,
    );
  });

  test("a slot that contradicts the generation is refused for either slot", () => {
    expect(() => readPreviousRecord({ ...RECORD, slot: "key1" }, undefined, settings())).toThrowError(
      "the stack output keyRotationRecord names slot key1 for generation 3; nothing was rotated.",
    );
  });
});

describe("adopting a legacy output", () => {
  test("a null last reason is no reason", () => {
    expect(
      readPreviousRecord(undefined, { ...LEGACY, emergencies: 1, lastEmergencyReason: null }, settings())?.emergencies,
    ).toEqual(["legacy-0"]);
  });

  test("the last reason, missing from the config, stands for the last emergency not matched; unmatched ones before it stay markers", () => {
    expect(
      readPreviousRecord(undefined, { ...LEGACY, emergencies: 3, lastEmergencyReason: "b" }, settings(["a"])),
    ).toEqual({
      generation: 9,
      slot: "key2",
      offset: 3,
      emergencies: [emergencyDigest("a"), emergencyDigest("b"), "legacy-2"],
      expiresOn: "2026-12-01T00:00:00Z",
      standbyExpiresOn: "2026-11-01T00:00:00Z",
    });
    expect(
      readPreviousRecord(undefined, { ...LEGACY, emergencies: 2, lastEmergencyReason: "c" }, settings(["a", "b", "x"]))
        ?.emergencies,
    ).toEqual([emergencyDigest("a"), emergencyDigest("c")]);
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

describe("the record at its edges", () => {
  const settings = (emergencies: string[] = []): RotationSettings => ({
    periodDays: 30,
    epoch: "2026-01-01",
    emergencies,
  });
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
      const digests = {
        ...RECORD,
        emergencies: ["0123456789abcdef", "legacy-0"],
        standbyExpiresOn: "2026-06-01T00:00:00Z",
        offset: -2,
      };
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
      expect(message).toContain(
        "nothing was rotated. Restore it from the stack's history (pulumi stack history, pulumi stack export) before running again.",
      );
    });

    test("a record whose slot does not match its generation stops the run", () => {
      expect(() => readPreviousRecord({ ...RECORD, generation: 5 }, undefined, settings())).toThrowError(
        "the stack output keyRotationRecord names slot key1 for generation 5; nothing was rotated.",
      );
    });
  });

  describe("adopting a stack deployed before the record (legacy keyRotation output)", () => {
    const legacy = {
      generation: 9,
      activeSlot: "key2",
      keyExpiresOn: "2026-12-01T00:00:00Z",
      nextRotationOn: "2026-11-01T00:00:00Z",
      emergencies: 0,
    };

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
      expect(readPreviousRecord(undefined, { ...legacy, emergencies: 3 }, settings(["a"]))?.emergencies).toEqual([
        emergencyDigest("a"),
        "legacy-1",
        "legacy-2",
      ]);
      expect(
        readPreviousRecord(undefined, { ...legacy, emergencies: 2, lastEmergencyReason: "b" }, settings(["a"]))
          ?.emergencies,
      ).toEqual([emergencyDigest("a"), emergencyDigest("b")]);
      expect(
        readPreviousRecord(undefined, { ...legacy, emergencies: 1, lastEmergencyReason: "b" }, settings(["a", "c"]))
          ?.emergencies,
      ).toEqual([emergencyDigest("b")]);
      // The last reason already among the config's: nothing is replaced.
      expect(
        readPreviousRecord(undefined, { ...legacy, emergencies: 2, lastEmergencyReason: "a" }, settings(["a"]))
          ?.emergencies,
      ).toEqual([emergencyDigest("a"), "legacy-1"]);
      // No emergencies recorded: a last reason alone adds none.
      expect(
        readPreviousRecord(undefined, { ...legacy, emergencies: 0, lastEmergencyReason: "b" }, settings())?.emergencies,
      ).toEqual([]);
      expect(
        readPreviousRecord(undefined, { ...legacy, emergencies: 2, lastEmergencyReason: "" }, settings())?.emergencies,
      ).toEqual(["legacy-0", "legacy-1"]);
    });

    test("a legacy output that does not parse is treated as none (a first deployment)", () => {
      expect(readPreviousRecord(undefined, { ...legacy, emergencies: -1 }, settings())).toBeNull();
      expect(readPreviousRecord(undefined, { ...legacy, activeSlot: "key3" }, settings())).toBeNull();
    });
  });
});
