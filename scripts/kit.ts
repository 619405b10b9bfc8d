/**
 * npm run kit -- --stack <team> [--out <dir>]
 * After `pulumi up`: writes the team's developer kit (config.toml and profiles, AGENTS.md, key scripts, Codex CI
 * workflows) from the deployed stack's outputs, so every file names the deployed account and vault.
 * Reads `pulumi stack output --json --stack <team>` (never --show-secrets); the kit holds no secret.
 * Exit codes: 0 written, 2 a problem (named, nothing written).
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { QUALIFIED_STACK_NAME_PATTERN } from "../lib/config/patterns";
import { KIT_FOLDER, KitError, kitFromOutputs, parseStackOutputs } from "../lib/onboarding/kit";
import { writeDeveloperFiles } from "../tools/plan/developerFiles";
import { PlanInputError } from "../tools/plan/stackFiles";
import { CliExit, type CliIo, exitCodeOf, processIo, runCli } from "../tools/cliIo";

/** What running the Pulumi CLI gave: spawnSync's result, as far as the kit reads it. */
export interface PulumiRun {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

export interface KitIo extends CliIo {
  /** Runs `pulumi <args>` in the project folder. */
  pulumi(args: string[]): PulumiRun;
}

const USAGE = `usage: npm run kit -- --stack <team> [--out <dir>]
  --stack   the deployed team stack (required); its outputs are read with the Pulumi CLI,
            logged in to the stack's backend, as 'pulumi stack output --json --stack <team>'
  --out     where the kit goes, under <out>/<team>/ (default: kit); the folder is replaced on every run,
            and a non-empty folder this command did not write is left alone`;

/** Writes the error; main ends with exit 2 when it is thrown. */
function fail(io: CliIo, message: string, usage = false): CliExit {
  io.stderr(`error: ${message}\n${usage ? `${USAGE}\n` : ""}`);
  return new CliExit(2);
}

function readOptions(argv: string[], io: CliIo): { stack: string; out: string } | "help" {
  let values: { stack?: string; out: string; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", short: "s" },
        out: { type: "string", default: "kit" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw fail(io, (error as Error).message, true);
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return "help";
  }
  if (values.stack === undefined) throw fail(io, "--stack is required: the team stack whose kit to write", true);
  if (!QUALIFIED_STACK_NAME_PATTERN.test(values.stack))
    throw fail(
      io,
      `'${values.stack}' is not a stack name: use letters, digits, '-', '_' or '.' (optionally <org>/<project>/<stack>)`,
    );
  return { stack: values.stack, out: values.out };
}

function stackOutputs(stack: string, io: KitIo): string {
  const args = ["stack", "output", "--json", "--stack", stack];
  const result = io.pulumi(args);
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    throw fail(
      io,
      "the Pulumi CLI (pulumi) is not on PATH: install it and log in to the stacks' backend (pulumi login azblob://...), then run this again",
    );
  }
  if (result.error) throw fail(io, `could not run pulumi: ${result.error.message}`);
  if (result.status !== 0) {
    const said = result.stderr.trim().split("\n").slice(-3).join("\n  ");
    throw fail(
      io,
      `\`pulumi ${args.join(" ")}\` failed (exit ${String(result.status)}):\n  ${said}\nIs the stack created and deployed (pulumi stack ls), and are you logged in to its backend?`,
    );
  }
  return result.stdout;
}

/** The kit's last line: how Codex gets its credential in the stack's auth mode (only key mode ships the key scripts). */
export function howCodexSignsIn(authMode: "key" | "entra"): string {
  return authMode === "key"
    ? "It holds no key: Codex reads it from Key Vault by running get-key.sh / get-key.ps1 (beside config.toml)."
    : "It holds no key and needs none (auth.mode entra): each developer signs in with az login --tenant <tenant id in config.toml>, and Codex runs az account get-access-token itself.";
}

/** `npm run kit -- ...argv`: 0 when the kit is written (or --help), 2 when nothing was written. */
export async function main(argv: string[], io: KitIo): Promise<number> {
  try {
    return writeKit(argv, io);
  } catch (error) {
    return exitCodeOf(error);
  }
}

function writeKit(argv: string[], io: KitIo): number {
  const options = readOptions(argv, io);
  if (options === "help") return 0;
  const { stack, out } = options;
  const team = stack.split("/").pop() ?? stack;
  const outDir = join(resolve(io.cwd, out), team);
  try {
    const kit = kitFromOutputs(parseStackOutputs(stackOutputs(stack, io), stack), stack);
    const written = writeDeveloperFiles(outDir, kit.files, KIT_FOLDER);
    io.stdout(
      [
        `Developer kit of stack ${stack}, from its deployed outputs:`,
        `  Codex base URL: ${kit.baseUrl}`,
        `  Key Vault:      ${kit.vaultName}`,
        "Files written:",
        ...written.map((f) => `  ${f}`),
        `Hand the team ${outDir} and docs/developer-guide.md. ${howCodexSignsIn(kit.authMode)}`,
        "",
      ].join("\n"),
    );
  } catch (error) {
    if (error instanceof CliExit) throw error;
    if (error instanceof KitError || error instanceof PlanInputError) throw fail(io, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined)
      throw fail(
        io,
        `could not write the kit under ${outDir} (${(error as Error).message}); choose another folder with --out`,
      );
    throw error;
  }
  return 0;
}

if (require.main === module) {
  const projectDir = resolve(__dirname, "..");
  runCli(main, {
    ...processIo,
    pulumi: (args) => spawnSync("pulumi", args, { cwd: projectDir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
  });
}
