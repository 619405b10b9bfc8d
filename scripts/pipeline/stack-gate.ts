/**
 * node_modules/.bin/tsx scripts/pipeline/stack-gate.ts <preview|deploy|rotate|emergency>
 * Run by the workflows before any `pulumi preview|up` on STACK (environment variable), in the repository root,
 * after Azure sign-in. Refuses a stack not encrypted with PULUMI_SECRETS_PROVIDER; in deploy mode creates a
 * missing stack with it. Writes `action=<run|preview-new|create|skip>` and `run=<true|false>` to GITHUB_OUTPUT.
 * Exit 1 with every problem at once (as workflow error annotations); nothing secret is printed.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { decide, GATE_MODES, type GateMode, stackFileFacts, stackListed, stateFacts } from "../../lib/pipeline/stackGate";

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`::error::${line}\n`);
  process.exit(1);
}

/** Runs the Pulumi CLI and returns its stdout; its stderr goes to the log (Pulumi never prints secrets there). */
function pulumi(args: string[], capture: boolean): string {
  const result = spawnSync("pulumi", args, { encoding: "utf8", stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"], maxBuffer: 512 * 1024 * 1024 });
  if (result.error !== undefined) fail([`Could not run pulumi ${args[0] ?? ""} ${args[1] ?? ""}: ${result.error.message}`]);
  if (result.status !== 0) fail([`pulumi ${args.slice(0, 2).join(" ")} failed (exit ${result.status ?? "signal"}); see its message above.`]);
  return result.stdout ?? "";
}

const mode = process.argv[2] as GateMode;
if (!GATE_MODES.includes(mode)) fail([`usage: stack-gate.ts <${GATE_MODES.join("|")}>; got ${JSON.stringify(process.argv[2] ?? "")}`]);
const stack = process.env.STACK ?? "";
if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(stack)) fail([`STACK must name a team stack; got ${JSON.stringify(stack)}.`]);
const file = `Pulumi.${stack}.yaml`;
if (!existsSync(file)) fail([`No stack file ${file} in ${process.cwd()}.`]);

const exists = stackListed(pulumi(["stack", "ls", "--json"], true), stack);
const state = exists ? stateFacts(pulumi(["stack", "export", "--stack", stack], true)) : undefined;
const configured = process.env.PULUMI_SECRETS_PROVIDER?.trim() || undefined;
const decision = decide({ mode, stack, configuredProvider: configured, file: stackFileFacts(readFileSync(file, "utf8")), exists, ...(state ? { state } : {}) });
if (!decision.ok) fail(decision.problems);

if (decision.action === "create" && configured !== undefined) {
  pulumi(["stack", "init", stack, "--secrets-provider", configured, "--non-interactive"], false);
}
const level = decision.action === "skip" || decision.action === "create" || decision.action === "preview-new" ? "::notice::" : "";
process.stdout.write(`${level}${decision.message}\n`);
if (process.env.GITHUB_OUTPUT) {
  appendFileSync(process.env.GITHUB_OUTPUT, `action=${decision.action}\nrun=${decision.action === "skip" ? "false" : "true"}\n`);
}
