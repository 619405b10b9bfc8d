/**
 * node_modules/.bin/tsx scripts/pipeline/stackGate.ts <preview|deploy|rotate|emergency>
 * Run by the workflows before any `pulumi preview|up` on STACK (environment variable), in the repository root,
 * after Azure sign-in. Refuses a stack not encrypted with PULUMI_SECRETS_PROVIDER; in deploy mode creates a
 * missing stack with it. Writes `action=<run|preview-new|create|skip>` and `run=<true|false>` to GITHUB_OUTPUT.
 * Exit 1 with every problem at once (as workflow error annotations); nothing secret is printed.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  decide,
  GATE_MODES,
  type GateMode,
  stackFileFacts,
  stackListed,
  stateFacts,
} from "../../lib/pipeline/stackGate";
import { CliExit, type CliIo, exitCodeOf, processIo, runCli } from "../../tools/cliIo";
import type { PipelineIo } from "./emergency";

/** What running the Pulumi CLI gave (spawnSync's result as far as the gate reads it). */
export interface PulumiResult {
  status: number | null;
  stdout: string | null;
  error?: Error;
}

export interface StackGateIo extends PipelineIo {
  /** Runs `pulumi <args>`; with `capture` its stdout is returned, else it goes to the log. Its stderr always goes to the log. */
  pulumi(args: string[], capture: boolean): PulumiResult;
}

/** Writes each line as a workflow error annotation; main ends with exit 1 when it is thrown. */
function fail(io: CliIo, lines: string[]): CliExit {
  for (const line of lines) io.stderr(`::error::${line}\n`);
  return new CliExit(1);
}

/** Runs the Pulumi CLI and returns its stdout (Pulumi never prints secrets to its stderr, which goes to the log). */
function pulumi(io: StackGateIo, args: string[], capture: boolean): string {
  const result = io.pulumi(args, capture);
  if (result.error !== undefined)
    throw fail(io, [`Could not run pulumi ${args[0] ?? ""} ${args[1] ?? ""}: ${result.error.message}`]);
  if (result.status !== 0)
    throw fail(io, [
      `pulumi ${args.slice(0, 2).join(" ")} failed (exit ${result.status ?? "signal"}); see its message above.`,
    ]);
  return result.stdout ?? "";
}

/** `stackGate.ts <mode>`: 0 with the action written to GITHUB_OUTPUT, 1 with every problem as an annotation. */
export async function main(argv: string[], io: StackGateIo): Promise<number> {
  try {
    return gate(argv, io);
  } catch (error) {
    return exitCodeOf(error);
  }
}

function gate(argv: string[], io: StackGateIo): number {
  const mode = argv[0] as GateMode;
  if (!GATE_MODES.includes(mode))
    throw fail(io, [`usage: stackGate.ts <${GATE_MODES.join("|")}>; got ${JSON.stringify(argv[0] ?? "")}`]);
  const stack = io.env.STACK ?? "";
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(stack))
    throw fail(io, [`STACK must name a team stack; got ${JSON.stringify(stack)}.`]);
  const file = `Pulumi.${stack}.yaml`;
  if (!existsSync(resolve(io.cwd, file))) throw fail(io, [`No stack file ${file} in ${io.cwd}.`]);

  const exists = stackListed(pulumi(io, ["stack", "ls", "--json"], true), stack);
  const state = exists ? stateFacts(pulumi(io, ["stack", "export", "--stack", stack], true)) : undefined;
  const configured = io.env.PULUMI_SECRETS_PROVIDER?.trim() || undefined;
  const decision = decide({
    mode,
    stack,
    configuredProvider: configured,
    file: stackFileFacts(readFileSync(resolve(io.cwd, file), "utf8")),
    exists,
    ...(state ? { state } : {}),
  });
  if (!decision.ok) throw fail(io, decision.problems);

  if (decision.action === "create" && configured !== undefined) {
    pulumi(io, ["stack", "init", stack, "--secrets-provider", configured, "--non-interactive"], false);
  }
  const level =
    decision.action === "skip" || decision.action === "create" || decision.action === "preview-new" ? "::notice::" : "";
  io.stdout(`${level}${decision.message}\n`);
  if (io.env.GITHUB_OUTPUT) {
    appendFileSync(
      io.env.GITHUB_OUTPUT,
      `action=${decision.action}\nrun=${decision.action === "skip" ? "false" : "true"}\n`,
    );
  }
  return 0;
}

if (require.main === module) {
  runCli(main, {
    ...processIo,
    env: process.env,
    pulumi: (args, capture) =>
      spawnSync("pulumi", args, {
        encoding: "utf8",
        stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
        maxBuffer: 512 * 1024 * 1024,
      }),
  });
}
