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

const USAGE = `usage: npm run kit -- --stack <team> [--out <dir>]
  --stack   the deployed team stack (required); its outputs are read with the Pulumi CLI,
            logged in to the stack's backend, as 'pulumi stack output --json --stack <team>'
  --out     where the kit goes, under <out>/<team>/ (default: kit); the folder is replaced on every run,
            and a non-empty folder this command did not write is left alone`;

function fail(message: string, usage = false): never {
  process.stderr.write(`error: ${message}\n${usage ? `${USAGE}\n` : ""}`);
  process.exit(2);
}

function readOptions(): { stack: string; out: string } {
  let values: { stack?: string; out: string; help: boolean };
  try {
    ({ values } = parseArgs({
      options: { stack: { type: "string", short: "s" }, out: { type: "string", default: "kit" }, help: { type: "boolean", short: "h", default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message, true);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.stack === undefined) fail("--stack is required: the team stack whose kit to write", true);
  if (!QUALIFIED_STACK_NAME_PATTERN.test(values.stack)) fail(`'${values.stack}' is not a stack name: use letters, digits, '-', '_' or '.' (optionally <org>/<project>/<stack>)`);
  return { stack: values.stack, out: values.out };
}

function stackOutputs(stack: string): string {
  const args = ["stack", "output", "--json", "--stack", stack];
  const result = spawnSync("pulumi", args, { cwd: resolve(__dirname, ".."), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    fail("the Pulumi CLI (pulumi) is not on PATH: install it and log in to the stacks' backend (pulumi login azblob://...), then run this again");
  }
  if (result.error) fail(`could not run pulumi: ${result.error.message}`);
  if (result.status !== 0) {
    const said = result.stderr.trim().split("\n").slice(-3).join("\n  ");
    fail(`\`pulumi ${args.join(" ")}\` failed (exit ${String(result.status)}):\n  ${said}\nIs the stack created and deployed (pulumi stack ls), and are you logged in to its backend?`);
  }
  return result.stdout;
}

function main(): void {
  const { stack, out } = readOptions();
  const team = stack.split("/").pop() ?? stack;
  const outDir = join(resolve(out), team);
  try {
    const kit = kitFromOutputs(parseStackOutputs(stackOutputs(stack), stack), stack);
    const written = writeDeveloperFiles(outDir, kit.files, KIT_FOLDER);
    process.stdout.write(
      [`Developer kit of stack ${stack}, from its deployed outputs:`, `  Codex base URL: ${kit.baseUrl}`, `  Key Vault:      ${kit.vaultName}`, "Files written:", ...written.map((f) => `  ${f}`),
        `Hand the team ${outDir} and docs/developer-guide.md. It holds no key: developers read it from Key Vault with get-key.sh / get-key.ps1.`, ""].join("\n"),
    );
  } catch (error) {
    if (error instanceof KitError || error instanceof PlanInputError) fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) fail(`could not write the kit under ${outDir} (${(error as Error).message}); choose another folder with --out`);
    throw error;
  }
}

main();
