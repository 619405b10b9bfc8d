import type { z } from "zod";
import { modelProblems } from "../models/availability";
import { keyOnlySettingProblems } from "./authMode";
import { crossFieldProblems } from "./crossField";
import { providerLocationProblems } from "./geography";
import { exemptionExpiryProblem } from "./exemption";
import { alternatives, type JsonSchemaNode, teamConfigJsonSchema } from "./jsonSchema";
import { teamConfigSchema, type TeamConfig } from "./schema";
import type { PlatformConfig } from "../platform/schema";
import { platformProblems } from "../platform/teamRules";

import { PROJECT_NAME } from "../names";
import { ConfigError, type ConfigProblem } from "./problem";

export { PROJECT_NAME } from "../names";

export { ConfigError, type ConfigProblem } from "./problem";

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    const key = String(segment);
    return text === "" ? key : `${text}.${key}`;
  }, "");
}

/** The raw value at a problem's path, or undefined where the path leaves the data (shared with fleet.yaml's messages). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** The schema node for the value at `path` (a union resolved by the value's `mode`), or undefined. */
function schemaAt(path: readonly PropertyKey[], raw: unknown): JsonSchemaNode | undefined {
  const pick = (node: JsonSchemaNode, depth: number): JsonSchemaNode => {
    // A plain node is its own only alternative: it is found by its mode (none) or kept by the fallback.
    const options = alternatives(node);
    const value = valueAt(raw, path.slice(0, depth));
    const mode = value !== null && typeof value === "object" ? (value as Record<string, unknown>).mode : undefined;
    return options.find((option) => option.properties?.mode?.const === mode) ?? node;
  };
  let node: JsonSchemaNode | undefined = pick(teamConfigJsonSchema(), 0);
  for (let i = 0; i < path.length && node !== undefined; i++) {
    const segment = path[i];
    const next: JsonSchemaNode | undefined =
      typeof segment === "number" ? node.items : node.properties?.[String(segment)];
    node = next === undefined ? undefined : pick(next, i + 1);
  }
  return node;
}

/** The keys the schema allows at a path, so an unknown key's error can say what would have been right. */
function allowedKeysAt(path: readonly PropertyKey[], raw: unknown): string[] {
  return Object.keys(schemaAt(path, raw)?.properties ?? {});
}

/** The value as JSON, cut at 80 characters; callers leave out a value that is not there (undefined). */
function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function kindOf(expected: string): string {
  if (expected === "object") return "a map of keys";
  if (expected === "array") return "a list";
  return `a ${expected}`;
}

function describeIssue(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (got === undefined) return `is required (${kindOf(issue.expected)}; see README 'Config reference')`;
      if (issue.expected === "int") return "must be an integer";
      // YAML reads a quoted number as text: the fix is to drop the quotes.
      if (issue.expected === "number" && typeof got === "string" && got.trim() !== "" && !Number.isNaN(Number(got)))
        return `must be a number, not text: write ${got.trim()} without quotes`;
      return `must be ${kindOf(issue.expected)}`;
    case "too_small":
      if (issue.origin === "array") return `must list at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === "string")
        return Number(issue.minimum) === 1
          ? "must not be empty"
          : `must be at least ${String(issue.minimum)} characters`;
      if (Number(issue.minimum) === 0 && !issue.inclusive) return "must be a positive number";
      return `must be at least ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === "array") return `must list at most ${String(issue.maximum)} item(s)`;
      return `must be at most ${String(issue.maximum)}`;
    case "invalid_value":
      if (got === undefined) return `is required: one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

/** Turns zod's issues into one problem per path, with the bad value quoted. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(issue.path, raw);
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key]),
          message: `unknown key (a typo?); allowed here: ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      // The path ends in the key itself: quote the name that is wrong, not the value it holds.
      const key = issue.path[issue.path.length - 1];
      const message = issue.issues.map((inner) => inner.message).join("; ");
      problems.push({
        path: formatPath(issue.path),
        message: `${message} (got the name ${describeValue(String(key))})`,
      });
      continue;
    }
    const got = valueAt(raw, issue.path);
    const base = issue.message.startsWith("must") ? issue.message : describeIssue(issue, got);
    // A value that looks like key material is never echoed into a log.
    // Stryker disable next-line ConditionalExpression: zod sets params only on custom issues
    const hidden = issue.code === "custom" && (issue.params as { hideValue?: boolean } | undefined)?.hideValue === true;
    const suffix = got === undefined || hidden ? "" : ` (got ${describeValue(got)})`;
    problems.push({ path: formatPath(issue.path), message: `${base}${suffix}` });
  }
  return problems;
}

/**
 * Raw config values arrive as strings; Pulumi serializes maps and lists as JSON. Decode those, and keep
 * every scalar a string (a cost center of 1234 stays "1234"): all top-level scalar keys are strings.
 */
export function decodeConfigValue(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return text;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return text;
  }
}

/** What a stack file is checked against besides its own keys: platform.yaml, and the stack file's other keys. */
export interface PlatformContext {
  platform: PlatformConfig;
  /** The stack file's keys outside `codex-boundary:`, as written (`azure-native:location` -> value). */
  providerKeys: Record<string, unknown>;
  /** The stack file's name (`Pulumi.dev.yaml`), so the error says which file to fix. */
  stackFile?: string;
}

/**
 * Reads `codex-boundary:*` keys (already stripped of the namespace) into a validated TeamConfig within platform.yaml,
 * or throws one ConfigError listing every problem. The rest of the stack file (`context.providerKeys`) is checked
 * too: the keys platform.yaml allows, and azure-native:location against the team's (lib/config/geography.ts).
 */
export function parseTeamConfig(
  raw: Record<string, unknown>,
  source: string | undefined,
  nowMs: number,
  context: PlatformContext,
): TeamConfig {
  const result = teamConfigSchema.safeParse(raw);
  const tier = platformProblems(raw, context.providerKeys, context.platform, nowMs);
  // A key the platform rules explain (github.baseUrl) needs no second, generic "unknown key" line.
  const explained = new Set(tier.map((p) => p.path));
  const schemaProblems = result.success ? [] : problemsFromIssues(result.error.issues, raw);
  const problems = [
    ...schemaProblems.filter((p) => !(explained.has(p.path) && p.message.startsWith("unknown key"))),
    ...tier,
    ...[...crossFieldProblems(raw), ...providerLocationProblems(locationKeys(raw, context.providerKeys))].map((p) =>
      withValue(p.path, p.message, raw),
    ),
    ...clockProblems(raw, nowMs),
    ...modelProblems(catalogInput(raw), nowMs),
    ...keyOnlySettingProblems(raw),
  ].sort(bySection);
  if (!result.success || problems.length > 0) {
    throw new ConfigError(problems, source, context.stackFile);
  }
  const parsed = result.data;
  // Stryker disable next-line OptionalChaining: the schema requires at least one model
  const defaultModel = parsed.codex.defaultModel ?? parsed.models[0]?.name ?? "";
  return { ...parsed, codex: { ...parsed.codex, defaultModel } };
}

/** The two locations providerLocationProblems compares, as the flat config map it reads. */
function locationKeys(raw: Record<string, unknown>, providerKeys: Record<string, unknown>): Record<string, string> {
  const keys: Record<string, string> = {};
  const provider = providerKeys["azure-native:location"];
  if (typeof provider === "string") keys["azure-native:location"] = provider;
  if (typeof raw.location === "string") keys[`${PROJECT_NAME}:location`] = raw.location;
  return keys;
}

const SECTIONS = Object.keys(teamConfigSchema.shape);

/** Groups problems by top-level key in the schema's order (unknown keys last), keeping their order within a key. */
function bySection(a: ConfigProblem, b: ConfigProblem): number {
  const rank = (p: ConfigProblem) => {
    // Stryker disable next-line OptionalChaining,Regex: every problem path starts with a key, so the match is at index 0
    const index = SECTIONS.indexOf(/^[^.[]+/.exec(p.path)?.[0] ?? "");
    return index === -1 ? SECTIONS.length : index;
  };
  return rank(a) - rank(b);
}

function withValue(path: readonly PropertyKey[], message: string, raw: unknown): ConfigProblem {
  const got = valueAt(raw, path);
  // Stryker disable next-line ConditionalExpression: every cross-field rule reports a path it read a value from
  return { path: formatPath(path), message: got === undefined ? message : `${message} (got ${describeValue(got)})` };
}

/** The raw config for the catalog pass, without a location that is not a region name (that has its own problem). */
function catalogInput(raw: Record<string, unknown>): Record<string, unknown> {
  return teamConfigSchema.shape.location.safeParse(raw.location).success ? raw : { ...raw, location: undefined };
}

/** Checks that depend on today's date (kept out of the static schema so tests can pass the clock). */
function clockProblems(raw: Record<string, unknown>, nowMs: number): ConfigProblem[] {
  const path = ["policy", "keyAuthExemption", "expiresOn"] as const;
  const expiresOn = valueAt(raw, path);
  const problem = typeof expiresOn === "string" ? exemptionExpiryProblem(expiresOn, nowMs) : undefined;
  return problem === undefined
    ? []
    : [{ path: formatPath(path), message: `${problem} (got ${describeValue(expiresOn)})` }];
}

/**
 * Picks this project's keys out of a flat Pulumi config map (`codex-boundary:team` -> `team`),
 * decoding JSON values. Keys of other namespaces (azure-native:, github:) are left to their providers.
 */
export function projectKeys(allConfig: Record<string, string>): Record<string, unknown> {
  const prefix = `${PROJECT_NAME}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(allConfig)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = decodeConfigValue(value);
  }
  return raw;
}

/** The keys of a flat Pulumi config map outside this project's namespace (`azure-native:location` -> value). */
export function providerKeys(allConfig: Record<string, string>): Record<string, unknown> {
  const prefix = `${PROJECT_NAME}:`;
  return Object.fromEntries(
    Object.entries(allConfig)
      .filter(([key]) => !key.startsWith(prefix))
      .map(([key, value]) => [key, decodeConfigValue(value)]),
  );
}
