/**
 * node_modules/.bin/tsx scripts/pipeline/changeScope.ts <changed-paths-file>
 * Run by deploy.yml's `scope` job on a pull request, from the BASE branch's checkout (the pull request cannot change
 * the check that judges it). The file holds the pull request's changed paths, NUL-separated
 * (`git diff --name-only -z --no-renames`). Exit 0 when it changes stack files or platform files but not both,
 * 1 when it changes both (a workflow error annotation naming the files and the fix), 2 on a usage error.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { changeScope } from "../../lib/pipeline/changeScope";
import { type CliIo, processIo, runCli } from "../../tools/cliIo";

const USAGE = "usage: changeScope.ts <changed-paths-file> (NUL-separated, from git diff --name-only -z --no-renames)";

/** `changeScope.ts <file>`: 0 one tier changed, 1 both (as an annotation), 2 a usage error or an unreadable file. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [file, ...rest] = argv;
  if (file === undefined || rest.length > 0) {
    io.stderr(`::error::${USAGE}; got ${JSON.stringify(argv)}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), "utf8");
  } catch (error) {
    io.stderr(`::error::Could not read the changed paths from ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const verdict = changeScope(text.split("\0"));
  if (!verdict.ok) {
    io.stderr(`::error::${verdict.message}\n`);
    return 1;
  }
  io.stdout(`${verdict.message}\n`);
  return 0;
}

if (require.main === module) runCli(main, processIo);
