/**
 * node_modules/.bin/tsx scripts/pipeline/emergency.ts <check|record>
 * check:  REASON is a usable emergency reason (lib/keys/emergencyReason.ts); prints every problem at once.
 * record: also appends it, marked with RUN_ID, to codex-boundary:keyRotation.emergencies in Pulumi.<STACK>.yaml
 *         (repository root = working directory). A re-run of the same workflow run appends nothing.
 *         Writes `recorded=<new|already>` to GITHUB_OUTPUT.
 * The reason arrives in an environment variable, never in an argument or through the shell.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { emergencyReasonProblems } from "../../lib/keys/emergencyReason";
import { appendEmergency } from "../../lib/pipeline/emergencyRecord";

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`::error::${line}\n`);
  process.exit(1);
}

const mode = process.argv[2];
if (mode !== "check" && mode !== "record") fail([`usage: emergency.ts <check|record>; got ${JSON.stringify(mode ?? "")}`]);
const stack = process.env.STACK ?? "";
const reason = process.env.REASON ?? "";
const problems = emergencyReasonProblems(reason);
if (stack === "") problems.unshift("Set the 'stack' input: an emergency rotates one team's key.");
if (problems.length > 0) fail(problems);
if (mode === "check") {
  process.stdout.write(`The emergency reason for ${stack} is usable (${reason.length} characters).\n`);
  process.exit(0);
}

const file = `Pulumi.${stack}.yaml`;
if (!existsSync(file)) fail([`No stack file ${file}.`]);
let outcome;
try {
  outcome = appendEmergency(readFileSync(file, "utf8"), reason, process.env.RUN_ID ?? "");
} catch (error) {
  fail([`${file}: ${error instanceof Error ? error.message : String(error)}`]);
}
if (outcome.kind === "appended") {
  writeFileSync(file, outcome.text);
  process.stdout.write(`Recorded the emergency as codex-boundary:keyRotation.emergencies[${outcome.index}] in ${file}.\n`);
} else {
  process.stdout.write(`This run already recorded its emergency (emergencies[${outcome.index}] in ${file}); not recording it twice.\n`);
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `recorded=${outcome.kind === "appended" ? "new" : "already"}\n`);
