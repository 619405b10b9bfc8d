import { REDACTED } from "../plan/redact";

/**
 * Azure OpenAI / AI Services keys: 32 lowercase hex characters (classic) or 84 letters and digits (the newer
 * form). A key is caught wherever it sits in a string ("KEY=<key>", a URL query, a line of a file), so the
 * check looks at maximal runs of those characters, not at whole values.
 */
const HEX_RUN = /[0-9a-f]+/gi;
const ALNUM_RUN = /[A-Za-z0-9]+/g;
const HEX_KEY_LENGTH = 32;
const LONG_KEY_LENGTH = 84;
/**
 * Hex runs of exactly these lengths are SHA-1 and SHA-256 digests (a pinned `uses: owner/action@<sha>` in a
 * workflow file, a checksum), common and harmless in files. A key glued to exactly 8 or 32 more hex characters
 * hides among them: documented as a limit of the shape check.
 */
const DIGEST_LENGTHS = new Set([40, 64]);

/** True when the text holds something shaped like an Azure OpenAI key, or the plan's marker for a secret. */
export function holdsKeyMaterial(text: string): boolean {
  if (text === REDACTED) return true;
  for (const [run] of text.matchAll(HEX_RUN)) {
    if (run.length >= HEX_KEY_LENGTH && !DIGEST_LENGTHS.has(run.length)) return true;
  }
  for (const [run] of text.matchAll(ALNUM_RUN)) {
    if (run.length >= LONG_KEY_LENGTH) return true;
  }
  return false;
}

/**
 * The paths (`value`, `configuration.url`, `files[2]`) of every string inside `value` that holds key material,
 * skipping the top-level fields in `skip`. Returns paths only: a violation message must never repeat the key.
 */
// Stryker disable next-line ArrayDeclaration: no resource has a field named like the mutant's entry
export function keyMaterialPaths(value: unknown, skip: readonly string[] = []): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return pathsIn(value, "");
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !skip.includes(key))
    .flatMap(([key, item]) => pathsIn(item, key));
}

function pathsIn(value: unknown, path: string): string[] {
  if (typeof value === "string") return holdsKeyMaterial(value) ? [path === "" ? "(value)" : path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsIn(item, `${path}[${index}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => pathsIn(item, `${path}.${key}`));
}
