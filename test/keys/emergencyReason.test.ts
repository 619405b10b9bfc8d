import { describe, expect, test } from "vitest";
import { emergencyReasonProblems, emergencyRecord, keyShapedRuns, MAX_REASON_LENGTH, recordedByRun } from "../../lib/keys/emergencyReason";

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
    expect(emergencyReasonProblems("typed it myself [rotate-keys run 1]")).toEqual(["The reason ends like a workflow run marker ([rotate-keys run <id>]); remove that part."]);
  });
});
