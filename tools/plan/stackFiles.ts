import { existsSync, readFileSync } from "node:fs";
import { STACK_NAME_PATTERN } from "../../lib/config/patterns";
import { join } from "node:path";
import { parse } from "yaml";
import { describeYamlError } from "../../lib/config/yamlError";
import { PROJECT_NAME } from "../../lib/config/parse";

/** A problem the person running plan must fix (missing file, unreadable YAML): printed without a stack trace. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanInputError";
  }
}

/**
 * True for a mistake in the input rather than a bug: a PlanInputError, the config parser's ConfigError, platform.yaml's
 * PlatformFileError, or a
 * pulumi.RunError the program threw to stop with a message. Such errors are printed as their message, never a trace.
 */
export function isUserError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const flagged = error as Error & { __pulumiRunError?: boolean };
  return (
    ["PlanInputError", "ConfigError", "PlatformFileError"].includes(error.name) || flagged.__pulumiRunError === true
  );
}

export const SECURE_PLACEHOLDER = "[secure value: not decrypted offline]";

export interface StackConfig {
  /** Flat config, as the Pulumi CLI hands it to a program: `<namespace>:<key>` -> string (objects as JSON). */
  values: Record<string, string>;
  /** Keys whose value is secret (`secure:` in the stack file). */
  secretKeys: string[];
  /** Keys whose `secure:` value was replaced by a placeholder, because the offline plan cannot decrypt it. */
  placeholders: string[];
}

function readYaml(path: string): unknown {
  try {
    return parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PlanInputError(`${path} is not valid YAML: ${describeYamlError(error)}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSecure(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
}

/** Replaces every `{secure: ...}` at any depth by the placeholder; reports whether one was found. */
function stripSecure(value: unknown): { value: unknown; found: boolean } {
  if (isSecure(value)) return { value: SECURE_PLACEHOLDER, found: true };
  if (Array.isArray(value)) {
    const items = value.map(stripSecure);
    return { value: items.map((i) => i.value), found: items.some((i) => i.found) };
  }
  if (isRecord(value)) {
    let found = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const inner = stripSecure(v);
      out[k] = inner.value;
      found ||= inner.found;
    }
    return { value: out, found };
  }
  return { value, found: false };
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Project-level values from Pulumi.yaml `config:` (typed declarations with a default, or `value:` entries). */
function projectDefaults(project: unknown): Record<string, unknown> {
  const config = isRecord(project) && isRecord(project.config) ? project.config : {};
  const defaults: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
    if (isRecord(declaration)) {
      if ("value" in declaration) defaults[fullKey] = declaration.value;
      else if ("default" in declaration) defaults[fullKey] = declaration.default;
    } else {
      defaults[fullKey] = declaration;
    }
  }
  return defaults;
}

export function stackFilePath(projectDir: string, stack: string): string {
  return join(projectDir, `Pulumi.${stack}.yaml`);
}

/**
 * Reads config the way the Pulumi CLI would hand it to the program: Pulumi.yaml project values first,
 * then Pulumi.<stack>.yaml on top (a key set in the stack replaces the project value whole).
 */
export function loadStackConfig(
  projectDir: string,
  stack: string,
  stackPath = stackFilePath(projectDir, stack),
): StackConfig {
  if (!STACK_NAME_PATTERN.test(stack)) {
    throw new PlanInputError(`'${stack}' is not a stack name: use 1-100 letters, digits, '-', '_' or '.'`);
  }
  if (!existsSync(stackPath)) {
    throw new PlanInputError(
      `No stack file ${stackPath}. Create it with 'npm run new-team -- --name ${stack}' or pick an existing stack with --stack.`,
    );
  }
  const project = readYaml(join(projectDir, "Pulumi.yaml"));
  const stackDoc = readYaml(stackPath);
  const stackConfig = isRecord(stackDoc) && isRecord(stackDoc.config) ? stackDoc.config : {};
  if (isRecord(stackDoc) && stackDoc.config !== undefined && !isRecord(stackDoc.config)) {
    throw new PlanInputError(`${stackPath}: 'config' must be a map of keys`);
  }
  const merged: Record<string, unknown> = { ...projectDefaults(project) };
  for (const [key, value] of Object.entries(stackConfig)) {
    merged[key.includes(":") ? key : `${PROJECT_NAME}:${key}`] = value;
  }
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const placeholders: string[] = [];
  for (const [key, value] of Object.entries(merged)) {
    const { value: plain, found } = stripSecure(value);
    values[key] = encode(plain);
    if (found) {
      secretKeys.push(key);
      placeholders.push(key);
    }
  }
  return { values, secretKeys, placeholders };
}
