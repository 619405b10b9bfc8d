import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { emergencyRecord, recordedByRun } from "../keys/emergencyReason";

const KEY_ROTATION = "codex-boundary:keyRotation";

export type AppendOutcome =
  { kind: "appended"; text: string; index: number } | { kind: "already-recorded"; index: number };

/**
 * Appends `<reason> [rotate-keys run <id>]` to `codex-boundary:keyRotation.emergencies` in a Pulumi.<stack>.yaml
 * text, keeping its comments and layout. The entry is a double-quoted YAML string, so a reason such as `123`,
 * `true` or `1e5` stays text. When an entry of the same run is there already (a re-run of the job), nothing is
 * appended: one run records one emergency, whatever happens to the job afterwards.
 */
export function appendEmergency(stackFileText: string, reason: string, runId: string): AppendOutcome {
  const doc = parseDocument(stackFileText);
  const [error] = doc.errors;
  if (error !== undefined) throw new Error(`The stack file is not valid YAML: ${error.message}`);
  // Only maps and lists are used: whether a scalar comes back as a node or a value makes no difference.
  const config = doc.get("config");
  if (!isMap(config)) throw new Error("The stack file has no `config:` map.");
  let rotation: unknown = config.get(KEY_ROTATION);
  if (rotation === undefined) {
    rotation = new YAMLMap();
    config.set(KEY_ROTATION, rotation);
  }
  if (!isMap(rotation)) throw new Error(`${KEY_ROTATION} in the stack file is not a map.`);
  let emergencies: unknown = rotation.get("emergencies");
  if (emergencies === undefined) {
    emergencies = new YAMLSeq();
    rotation.set("emergencies", emergencies);
  }
  if (!isSeq(emergencies)) throw new Error(`${KEY_ROTATION}.emergencies in the stack file is not a list.`);

  const entries = emergencies.items.map((item) => (isScalar(item) ? item.value : undefined));
  // Stryker disable next-line ConditionalExpression: a non-string reads as "123", "null"...: no run marker, and the next line refuses it
  const already = entries.findIndex((entry) => typeof entry === "string" && recordedByRun(entry) === runId);
  if (already >= 0) return { kind: "already-recorded", index: already };
  const bad = entries.findIndex((entry) => typeof entry !== "string");
  if (bad >= 0) throw new Error(`${KEY_ROTATION}.emergencies[${bad}] in the stack file is not a string.`);

  const entry = new Scalar(emergencyRecord(reason, runId));
  entry.type = Scalar.QUOTE_DOUBLE;
  emergencies.items.push(entry);
  return { kind: "appended", text: doc.toString({ lineWidth: 0 }), index: entries.length };
}
