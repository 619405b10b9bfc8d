import { posix, relative, sep } from "node:path";
import { STACK_FILE_SCHEMA_PATH } from "../../lib/config/stackFileSchema";

// Here, not in lib/: node:path's relative() and sep follow the platform the CLI runs on.
/** The schema reference for a stack file in `stackFileDir` (the path from there to the project's schema). */
export function schemaRefFor(stackFileDir: string, projectDir: string): string {
  const path = relative(stackFileDir, `${projectDir}${sep}${STACK_FILE_SCHEMA_PATH}`).split(sep).join(posix.sep);
  return path.startsWith(".") ? path : `./${path}`;
}
