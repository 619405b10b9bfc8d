/**
 * npm run docs [-- --check]
 * Writes what is generated from the config schema (lib/config/schema.ts): the README's config reference, the JSON
 * Schema of stack files (schema/team-config.schema.json) and Pulumi.yaml's config declarations; and from
 * platform.yaml and the stack files beside it, .github/CODEOWNERS (lib/github/codeOwners.ts).
 * --check writes nothing and exits 1 when a file is stale.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generatedFiles } from "../lib/config/generated";
import { codeOwnersFile } from "../lib/github/codeOwners";
import { type CliIo, processIo, runCli } from "../tools/cliIo";

const USAGE = "usage: npm run docs [-- --check]";

export interface DocsIo extends CliIo {
  /** The project whose generated files are checked or written. */
  projectDir: string;
}

/** `npm run docs [-- --check]`: 0 written or up to date, 1 stale under --check, 2 an error. */
export async function main(argv: string[], io: DocsIo): Promise<number> {
  const { projectDir } = io;
  let check: boolean;
  try {
    // Strict: a misspelt --check must not fall through to writing the files.
    check = parseArgs({ args: argv, options: { check: { type: "boolean", default: false } }, strict: true }).values
      .check;
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const read = (path: string): string => readFileSync(join(projectDir, path), "utf8");
  const current = (path: string): string | undefined => (existsSync(join(projectDir, path)) ? read(path) : undefined);
  try {
    const stale: string[] = [];
    const codeOwners = codeOwnersFile(current, readdirSync(projectDir));
    for (const file of [...generatedFiles(read), ...(codeOwners ? [codeOwners] : [])]) {
      if (current(file.path) === file.text) continue;
      stale.push(file.path);
      if (!check) {
        mkdirSync(dirname(join(projectDir, file.path)), { recursive: true });
        writeFileSync(join(projectDir, file.path), file.text);
      }
    }
    if (check && stale.length > 0) {
      io.stderr(`stale: ${stale.join(", ")}; run 'npm run docs'\n`);
      return 1;
    }
    io.stdout(
      stale.length === 0 ? "generated files are up to date\n" : `${check ? "stale" : "wrote"}: ${stale.join(", ")}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) runCli(main, { ...processIo, projectDir: resolve(__dirname, "..") });
