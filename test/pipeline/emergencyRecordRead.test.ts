import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { appendEmergency } from "../../lib/pipeline/emergencyRecord";

/** Edges of appending an emergency to a stack file's text (the round trip through the stack program is in emergencyRecord.test.ts). */

const HEADER = "# team stack\nsecretsprovider: azurekeyvault://kv.vault.azure.net/keys/k\n";

function emergenciesOf(text: string): unknown {
  return (parse(text) as { config: Record<string, { emergencies?: unknown }> }).config["codex-boundary:keyRotation"]
    ?.emergencies;
}

describe("where the entry goes", () => {
  test("a keyRotation map without emergencies gets the list, after its other keys", () => {
    const text = `${HEADER}config:\n  codex-boundary:keyRotation:\n    periodDays: 30 # monthly\n`;
    const outcome = appendEmergency(text, "key in a ticket", "42");
    expect(outcome).toEqual({
      kind: "appended",
      index: 0,
      text: `${HEADER}config:\n  codex-boundary:keyRotation:\n    periodDays: 30 # monthly\n    emergencies:\n      - "key in a ticket [rotate-keys run 42]"\n`,
    });
  });

  test("an entry is appended after the recorded ones, its index is the new entry's position, and it is always double-quoted", () => {
    const text = `config:\n  codex-boundary:keyRotation:\n    emergencies:\n      - first [rotate-keys run 1]\n      - 'second [rotate-keys run 2]'\n`;
    const outcome = appendEmergency(text, "123", "3");
    expect(outcome).toMatchObject({ kind: "appended", index: 2 });
    const appended = outcome.kind === "appended" ? outcome.text : "";
    expect(appended).toContain('      - "123 [rotate-keys run 3]"\n');
    expect(emergenciesOf(appended)).toEqual([
      "first [rotate-keys run 1]",
      "second [rotate-keys run 2]",
      "123 [rotate-keys run 3]",
    ]);
  });

  test("a long reason stays on one line (no folding at 80 columns)", () => {
    const reason =
      "the storage key was pasted into a public gist while debugging the upload job on a shared laptop, then copied to chat";
    const outcome = appendEmergency("config:\n  codex-boundary:keyRotation:\n    periodDays: 30\n", reason, "7");
    expect(outcome.kind === "appended" ? outcome.text : "").toContain(`\n      - "${reason} [rotate-keys run 7]"\n`);
  });
});

describe("the same run never records twice", () => {
  test("a run's entry is found wherever it is, even beside an entry that is not a string", () => {
    const text = `config:\n  codex-boundary:keyRotation:\n    emergencies:\n      - 17\n      - "leak [rotate-keys run 9]"\n`;
    expect(appendEmergency(text, "leak", "9")).toEqual({ kind: "already-recorded", index: 1 });
  });

  test("another run's entry, or an entry naming no run, is not this run's", () => {
    const text = `config:\n  codex-boundary:keyRotation:\n    emergencies:\n      - "leak [rotate-keys run 90]"\n      - "leak typed by hand"\n`;
    expect(appendEmergency(text, "leak", "9")).toMatchObject({ kind: "appended", index: 2 });
  });
});

describe("a stack file the job cannot safely edit is refused, naming what is wrong", () => {
  test.each([
    [
      "YAML that does not parse",
      "config:\n  a: [1\n",
      /^The stack file is not valid YAML: Flow sequence in block collection must be sufficiently indented/,
    ],
    ["no config map", "secretsprovider: x\n", /^The stack file has no `config:` map\.$/],
    ["a config that is a list", "config:\n  - a\n", /^The stack file has no `config:` map\.$/],
    [
      "keyRotation that is not a map",
      "config:\n  codex-boundary:keyRotation: monthly\n",
      /^codex-boundary:keyRotation in the stack file is not a map\.$/,
    ],
    [
      "emergencies that are a map",
      "config:\n  codex-boundary:keyRotation:\n    emergencies: {a: 1}\n",
      /^codex-boundary:keyRotation\.emergencies in the stack file is not a list\.$/,
    ],
    [
      "an entry that is not a string",
      'config:\n  codex-boundary:keyRotation:\n    emergencies:\n      - "ok [rotate-keys run 1]"\n      - {reason: x}\n',
      /^codex-boundary:keyRotation\.emergencies\[1\] in the stack file is not a string\.$/,
    ],
    [
      "an entry YAML reads as a number",
      "config:\n  codex-boundary:keyRotation:\n    emergencies: [123]\n",
      /^codex-boundary:keyRotation\.emergencies\[0\] in the stack file is not a string\.$/,
    ],
  ])("%s", (_name, text, message) => {
    expect(() => appendEmergency(text, "leak", "5")).toThrow(message);
  });
});
