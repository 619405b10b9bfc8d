/**
 * node_modules/.bin/tsx scripts/pipeline/emergency.ts <check|record>
 * check:  REASON is a usable emergency reason (lib/keys/emergencyReason.ts); prints every problem at once.
 * record: also appends it, marked with RUN_ID, to codex-boundary:keyRotation.emergencies in Pulumi.<STACK>.yaml
 *         (repository root = working directory). A re-run of the same workflow run appends nothing.
 *         Writes `recorded=<new|already>` to GITHUB_OUTPUT.
 * The reason arrives in an environment variable, never in an argument or through the shell.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { emergencyReasonProblems } from "../../lib/keys/emergencyReason";
import { appendEmergency } from "../../lib/pipeline/emergencyRecord";
import { CliExit, type CliIo, exitCodeOf, processIo, runCli } from "../../tools/cliIo";

/** The workflow step's environment: STACK, REASON, RUN_ID, GITHUB_OUTPUT. */
export interface PipelineIo extends CliIo {
  env: NodeJS.ProcessEnv;
}

/** Writes each line as a workflow error annotation; main ends with exit 1 when it is thrown. */
function fail(io: CliIo, lines: string[]): CliExit {
  for (const line of lines) io.stderr(`::error::${line}\n`);
  return new CliExit(1);
}

/** `emergency.ts <check|record>`: 0 usable (and recorded), 1 with every problem as an annotation. */
export async function main(argv: string[], io: PipelineIo): Promise<number> {
  try {
    return emergency(argv, io);
  } catch (error) {
    return exitCodeOf(error);
  }
}

function emergency(argv: string[], io: PipelineIo): number {
  const mode = argv[0];
  if (mode !== "check" && mode !== "record")
    throw fail(io, [`usage: emergency.ts <check|record>; got ${JSON.stringify(mode ?? "")}`]);
  const stack = io.env.STACK ?? "";
  const reason = io.env.REASON ?? "";
  const problems = emergencyReasonProblems(reason);
  if (stack === "") problems.unshift("Set the 'stack' input: an emergency rotates one team's key.");
  if (problems.length > 0) throw fail(io, problems);
  if (mode === "check") {
    io.stdout(`The emergency reason for ${stack} is usable (${reason.length} characters).\n`);
    return 0;
  }

  const file = `Pulumi.${stack}.yaml`;
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw fail(io, [`No stack file ${file}.`]);
  let outcome;
  try {
    outcome = appendEmergency(readFileSync(path, "utf8"), reason, io.env.RUN_ID ?? "");
  } catch (error) {
    throw fail(io, [`${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (outcome.kind === "appended") {
    writeFileSync(path, outcome.text);
    io.stdout(`Recorded the emergency as codex-boundary:keyRotation.emergencies[${outcome.index}] in ${file}.\n`);
  } else {
    io.stdout(
      `This run already recorded its emergency (emergencies[${outcome.index}] in ${file}); not recording it twice.\n`,
    );
  }
  if (io.env.GITHUB_OUTPUT)
    appendFileSync(io.env.GITHUB_OUTPUT, `recorded=${outcome.kind === "appended" ? "new" : "already"}\n`);
  return 0;
}

if (require.main === module) runCli(main, { ...processIo, env: process.env });
