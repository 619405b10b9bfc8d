import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { type FolderOwner, PLAN_FOLDER } from "../../lib/plan/folders";
import { containsSecret } from "../../lib/plan/redact";
import { PlanInputError } from "./stackFiles";

/**
 * Writes the developer files a stack emits (output `developerFiles`: relative path -> text) under outDir.
 * Refuses paths that escape outDir and any value that carries a secret: generated files never hold key material.
 * The folder is replaced on every run, so a non-empty folder that an earlier plan did not write is refused untouched.
 */
export function writeDeveloperFiles(outDir: string, files: unknown, owner: FolderOwner = PLAN_FOLDER): string[] {
  if (files === undefined) return [];
  if (typeof files !== "object" || files === null || Array.isArray(files)) {
    throw new Error("stack output developerFiles must map relative paths to file contents");
  }
  if (containsSecret(files))
    throw new Error("stack output developerFiles contains a secret; generated files must never hold key material");
  const entries = Object.entries(files as Record<string, unknown>);
  for (const [path, content] of entries) {
    const clean = normalize(path);
    if (clean.startsWith("..") || clean.startsWith(sep) || typeof content !== "string") {
      throw new Error(
        `developerFiles entry '${path}' must be a relative path inside the output folder with text content`,
      );
    }
  }
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, owner.marker))) {
    throw new PlanInputError(
      `${outDir} already holds files that ${owner.command} did not write; it replaces its folder on every run, so it leaves this one alone. Choose another folder with --out, or empty this one.`,
    );
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, owner.marker),
    `Written by \`${owner.command}\` (codex-boundary). This folder is replaced on every run.\n`,
  );
  const written: string[] = [];
  for (const [path, content] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(outDir, normalize(path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content as string, { mode: path.endsWith(".sh") ? 0o755 : 0o644 });
    written.push(relative(process.cwd(), target));
  }
  return written;
}
