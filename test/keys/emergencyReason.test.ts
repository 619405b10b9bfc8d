import { describe, expect, test } from "vitest";
import {
  emergencyReasonProblems,
  emergencyRecord,
  keyShapedRuns,
  MAX_REASON_LENGTH,
  recordedByRun,
  checkEmergencyReason,
  EMERGENCY_REASON_MAX,
  EMERGENCY_REASON_MIN,
  MAX_RECORD_LENGTH,
} from "../../lib/keys/emergencyReason";

// Shapes of real credentials, generated here (not real keys): an Azure OpenAI key of 32 hex digits, an
// 84-character AIServices key, a GitHub token.
const hexKey = "0123456789abcdef".repeat(2).split("").reverse().join("");
const base64Key = "Ab3dEf9hIj2lMn5pQr8tUv1xYz4B".repeat(3);
const githubToken = `ghp_${"aB3dE6gH9j".repeat(3)}123456`;

describe("emergency reasons", () => {
  test.each([
    ["a plain sentence", "key pasted in a public gist"],
    ["quotes, colons and a hash", `dev said "it's fine": it wasn't # sorry`],
    ["unicode", "Schlüssel im Chat geteilt — 鍵が漏れた 🔑"],
    ["text YAML reads as a number", "123"],
    ["text YAML reads as a boolean", "yes"],
    ["a URL to the incident", "https://github.com/contoso/payments-api/actions/runs/12345678901/job/98765432101"],
    ["a short commit id", "leaked in commit 3f2a9c1d0e7b"],
    ["exactly the maximum length", "x".repeat(MAX_REASON_LENGTH)],
  ])("%s is accepted", (_name, reason) => {
    expect(emergencyReasonProblems(reason)).toEqual([]);
  });

  test("one character over the maximum is refused with the numbers", () => {
    expect(emergencyReasonProblems("x".repeat(MAX_REASON_LENGTH + 1))).toEqual([
      `The reason is ${MAX_REASON_LENGTH + 1} characters; at most ${MAX_REASON_LENGTH} are kept. Shorten it (link to the incident instead).`,
    ]);
  });

  test.each([
    ["an Azure key of 32 hex digits", hexKey],
    ["an 84-character AIServices key", base64Key],
    ["a GitHub token", githubToken],
  ])("%s inside the reason is refused without repeating it", (_name, secret) => {
    const problems = emergencyReasonProblems(`leaked: ${secret} in slack`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Characters 9-\d+ of the reason look like a key or token/);
    expect(problems.join("\n")).not.toContain(secret);
  });

  test("every problem at once: too short and a line break", () => {
    expect(emergencyReasonProblems("a\n")).toEqual([
      'The reason must say why the key is replaced (at least 3 characters); got "a\\n".',
      "The reason contains a line break or another control character; write it on one line.",
    ]);
  });

  test("key-shaped runs are located, plain words and paths are not", () => {
    expect(keyShapedRuns(`x ${hexKey}`)).toEqual([{ start: 2, length: 32 }]);
    expect(keyShapedRuns("contoso/payments-api/actions/runs/12345678901234567890")).toEqual([]);
    expect(keyShapedRuns("Supercalifragilisticexpialidocious-and-more-words")).toEqual([]);
  });

  test("the record carries the run, so a re-run recognises its own entry", () => {
    const entry = emergencyRecord("  key in CI log ", "9876543210");
    expect(entry).toBe("key in CI log [rotate-keys run 9876543210]");
    expect(recordedByRun(entry)).toBe("9876543210");
    expect(recordedByRun("key in CI log")).toBeUndefined();
    expect(() => emergencyRecord("x", "12; rm -rf /")).toThrow(/must be digits/);
    expect(emergencyReasonProblems("typed it myself [rotate-keys run 1]")).toEqual([
      "The reason ends like a workflow run marker ([rotate-keys run <id>]); remove that part.",
    ]);
  });
});

describe("emergency reasons at their edges", () => {
  const hex = (n: number) => "0123456789abcdef".repeat(4).slice(0, n);
  /** Mixed case and digits, no hex run of 32: what a base64 key looks like. */
  const mixed = (n: number) => "aB3".repeat(20).slice(0, n);

  describe("emergency reason limits, at their edges", () => {
    test("the limits (known answers): 3 to 500 characters, a record up to 539 with the run marker", () => {
      expect([EMERGENCY_REASON_MIN, EMERGENCY_REASON_MAX, MAX_RECORD_LENGTH]).toEqual([3, 500, 539]);
    });

    test("three characters pass, two fail, and blanks around them do not count", () => {
      expect(emergencyReasonProblems("abc")).toEqual([]);
      expect(emergencyReasonProblems("  ab  ")).toEqual([
        'The reason must say why the key is replaced (at least 3 characters); got "  ab  ".',
      ]);
      expect(checkEmergencyReason("abc")).toEqual([]);
      expect(checkEmergencyReason(" ab ")).toEqual(["must say why (at least 3 characters)"]);
    });

    test("the config check counts characters, not UTF-16 units, and ignores the workflow's run marker", () => {
      expect(checkEmergencyReason("🔑".repeat(500))).toEqual([]);
      expect(checkEmergencyReason("🔑".repeat(501))).toEqual([
        "must be at most 500 characters (got 501); keep the details in the incident ticket and put its link here",
      ]);
      expect(checkEmergencyReason(`${"x".repeat(500)} [rotate-keys run 12345678901234567890]`)).toEqual([]);
      expect(checkEmergencyReason("ab [rotate-keys run 1]")).toEqual(["must say why (at least 3 characters)"]);
      expect(checkEmergencyReason(`leak ${hex(32)}`)).toEqual([
        "looks like key material (a long hex or base64 run); describe the leak, never paste the key",
      ]);
    });

    test("control characters: the first and last of the range and DEL are refused, a space is not", () => {
      for (const c of ["\u0000", "\u001f", "\u007f", "\t"]) {
        expect(emergencyReasonProblems(`key${c}leak`), JSON.stringify(c)).toEqual([
          "The reason contains a line break or another control character; write it on one line.",
        ]);
      }
      expect(emergencyReasonProblems("key leak ~")).toEqual([]);
    });
  });

  describe("key-shaped runs", () => {
    test("hex: 31 digits pass, 32 are a key; mixed case and digits: 23 pass, 24 are a token", () => {
      expect(keyShapedRuns(hex(31))).toEqual([]);
      expect(keyShapedRuns(`a ${hex(32)}`)).toEqual([{ start: 2, length: 32 }]);
      expect(keyShapedRuns(mixed(23))).toEqual([]);
      expect(keyShapedRuns(mixed(24))).toEqual([{ start: 0, length: 24 }]);
    });

    test("a long run needs upper case, lower case and digits to count as a token", () => {
      expect(keyShapedRuns("aBcDeFgHiJkLmNoPqRsTuVwXyZ")).toEqual([]);
      expect(keyShapedRuns("abc3efgh1jklmn0pqrst5vwxyz")).toEqual([]);
      expect(keyShapedRuns("ABC3EFGH1JKLMN0PQRST5VWXYZ")).toEqual([]);
      expect(keyShapedRuns(`ghp_${"Fake1".repeat(4)}`)).toEqual([{ start: 0, length: 24 }]);
      // Base64's other characters belong to the run; "/" splits it.
      expect(keyShapedRuns(`x+${mixed(22)}=`)).toEqual([{ start: 0, length: 25 }]);
      expect(keyShapedRuns(`${mixed(12)}/${mixed(12)}`)).toEqual([]);
    });

    test("every key-shaped run is reported, 1-based, without repeating it", () => {
      const text = `${hex(32)} and ${mixed(30)}`;
      const problems = emergencyReasonProblems(text);
      expect(problems).toEqual([
        "Characters 1-32 of the reason look like a key or token (32 characters of hex or mixed-case letters and digits). Never paste the leaked key: describe where it leaked instead.",
        "Characters 38-67 of the reason look like a key or token (30 characters of hex or mixed-case letters and digits). Never paste the leaked key: describe where it leaked instead.",
      ]);
    });
  });

  describe("the workflow's run marker", () => {
    test("run ids of 1 to 20 digits; anything else is refused with the value", () => {
      expect(emergencyRecord("leak", "1")).toBe("leak [rotate-keys run 1]");
      expect(emergencyRecord("leak", "9".repeat(20))).toBe(`leak [rotate-keys run ${"9".repeat(20)}]`);
      expect(() => emergencyRecord("leak", "9".repeat(21))).toThrowError(
        `The workflow run id must be digits; got "${"9".repeat(21)}".`,
      );
      expect(() => emergencyRecord("leak", "")).toThrowError('The workflow run id must be digits; got "".');
      expect(() => emergencyRecord("leak", "x1")).toThrowError(/must be digits/);
      expect(() => emergencyRecord("leak", "1x")).toThrowError(/must be digits/);
    });

    test("only a marker at the very end, after a blank, names the run", () => {
      expect(recordedByRun("leak [rotate-keys run 42]")).toBe("42");
      expect(recordedByRun("leak [rotate-keys run 42] later")).toBeUndefined();
      expect(recordedByRun("leak[rotate-keys run 42]")).toBeUndefined();
      expect(recordedByRun(`leak [rotate-keys run ${"1".repeat(21)}]`)).toBeUndefined();
      expect(emergencyReasonProblems("leak [rotate-keys run 42] later")).toEqual([]);
    });
  });
});
