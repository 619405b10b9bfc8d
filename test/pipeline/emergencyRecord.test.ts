import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { projectKeys } from "../../lib/config/parse";
import { MAX_REASON_LENGTH } from "../../lib/keys/emergencyReason";
import { appendEmergency } from "../../lib/pipeline/emergencyRecord";
import { loadStackConfig } from "../../tools/plan/stackFiles";
import { PROJECT_DIR } from "../support/stackFiles";
import { FIXTURE_NOW_MS } from "../support/clock";
import { parseAdmitted } from "../support/platformFiles";

const devFile = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
const rotationBlock = / {2}codex-boundary:keyRotation:\n( {4}.*\n)+/;
const withRecord = (list: string) =>
  devFile.replace('    epoch: "2026-01-01"\n', `    epoch: "2026-01-01"\n    emergencies: ${list}\n`);

/** The emergencies the stack program would see, read the way the CLI hands config to it. */
function programEmergencies(stackFileText: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "cb-record-"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  writeFileSync(join(dir, "Pulumi.dev.yaml"), stackFileText);
  return [
    ...parseAdmitted(projectKeys(loadStackConfig(dir, "dev").values), undefined, FIXTURE_NOW_MS).keyRotation
      .emergencies,
  ];
}

function appended(text: string, reason: string, run: string): string {
  const outcome = appendEmergency(text, reason, run);
  if (outcome.kind !== "appended") throw new Error(`expected an append, got ${outcome.kind}`);
  return outcome.text;
}

describe("recording an emergency in the stack file", () => {
  test("reasons YAML would read as numbers, booleans or null reach the program as the text typed", () => {
    let text = devFile;
    const reasons = ["123", "1e5", "true", "null", "0x1F", `it's "quoted": ünïcode 🔑`];
    reasons.forEach((reason, i) => {
      text = appended(text, reason, String(100 + i));
    });
    expect(programEmergencies(text)).toEqual(reasons.map((reason, i) => `${reason} [rotate-keys run ${100 + i}]`));
  });

  test("a reason of the maximum length is accepted by the stack's config schema", () => {
    const reason = "é".repeat(MAX_REASON_LENGTH);
    expect(programEmergencies(appended(devFile, reason, "99999999999"))).toEqual([
      `${reason} [rotate-keys run 99999999999]`,
    ]);
  });

  test("a stack file without keyRotation gets one; the rest of the file, comments included, is unchanged", () => {
    expect(devFile).toMatch(rotationBlock);
    const withoutRotation = devFile.replace(rotationBlock, "");
    const text = appended(withoutRotation, "key in a screenshot", "7");
    expect(text).toContain('    emergencies:\n      - "key in a screenshot [rotate-keys run 7]"\n');
    expect(text.startsWith(devFile.split("config:")[0] ?? "")).toBe(true);
    expect(text).toContain("# Outbound calls the account itself may make");
    const before = parse(withoutRotation) as { config: Record<string, unknown> };
    const after = parse(text) as { config: Record<string, unknown> };
    expect({ ...after.config, "codex-boundary:keyRotation": undefined }).toEqual({
      ...before.config,
      "codex-boundary:keyRotation": undefined,
    });
    const rotation = parseAdmitted(projectKeys(loadStackConfigFrom(text)), undefined, FIXTURE_NOW_MS).keyRotation;
    expect(rotation.periodDays).toBe(30);
    expect(rotation.epoch).toBe("2026-01-01");
  });

  test("later emergencies are appended after recorded ones; the same run never records twice", () => {
    const first = appended(devFile, "laptop stolen", "10");
    const second = appended(first, "token in CI log", "11");
    expect(programEmergencies(second)).toEqual([
      "laptop stolen [rotate-keys run 10]",
      "token in CI log [rotate-keys run 11]",
    ]);
    expect(appendEmergency(second, "token in CI log", "11")).toEqual({ kind: "already-recorded", index: 1 });
    expect(appendEmergency(second, "a different wording", "10")).toEqual({ kind: "already-recorded", index: 0 });
  });

  test("a malformed record is refused, not overwritten", () => {
    const broken = withRecord("nope");
    expect(() => appendEmergency(broken, "why", "1")).toThrow(
      "codex-boundary:keyRotation.emergencies in the stack file is not a list.",
    );
  });

  test("the schema refuses a key pasted as a reason by hand", () => {
    const pasted = withRecord(`["${"0123456789abcdef".repeat(2)}"]`);
    expect(() => programEmergencies(pasted)).toThrow(/keyRotation\.emergencies\[0\][\s\S]*looks like key material/);
  });
});

function loadStackConfigFrom(text: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "cb-record-"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  writeFileSync(join(dir, "Pulumi.dev.yaml"), text);
  return loadStackConfig(dir, "dev").values;
}
