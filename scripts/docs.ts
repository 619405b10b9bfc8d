/**
 * npm run docs [-- --check]
 * Writes what is generated from the config schema (lib/config/schema.ts): the README's config reference, the JSON
 * Schema of stack files (schema/team-config.schema.json) and Pulumi.yaml's config declarations.
 * --check writes nothing and exits 1 when a file is stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { generatedFiles } from "../lib/config/generated";

const projectDir = resolve(__dirname, "..");
const check = process.argv.slice(2).includes("--check");
const read = (path: string): string => readFileSync(join(projectDir, path), "utf8");
const current = (path: string): string | undefined => (existsSync(join(projectDir, path)) ? read(path) : undefined);

try {
  const stale: string[] = [];
  for (const file of generatedFiles(read)) {
    if (current(file.path) === file.text) continue;
    stale.push(file.path);
    if (!check) {
      mkdirSync(dirname(join(projectDir, file.path)), { recursive: true });
      writeFileSync(join(projectDir, file.path), file.text);
    }
  }
  if (check && stale.length > 0) {
    process.stderr.write(`stale: ${stale.join(", ")}; run 'npm run docs'\n`);
    process.exit(1);
  }
  process.stdout.write(stale.length === 0 ? "generated files are up to date\n" : `${check ? "stale" : "wrote"}: ${stale.join(", ")}\n`);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(2);
}
