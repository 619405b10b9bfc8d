import * as pulumi from "@pulumi/pulumi";
import type { Clock } from "../../lib/clock";
import type { CapturedResource, CapturedRun } from "../../lib/plan/types";
import { runStack, type RunStackOptions } from "./runStack";

/** What a second update would do to one resource, compared with the state the first one left. */
export interface ResourceChange {
  urn: string;
  type: string;
  change: "create" | "delete" | "update";
  /** Input paths whose value differs (dot paths to leaves); `<unknown>` marks a value unknown in a preview. */
  paths: string[];
}

/** Secrets unwrapped, so two runs compare value for value; a value unknown in a preview stays recognisable. */
export function reveal(value: unknown): unknown {
  if (value === pulumi.unknown || value === pulumi.runtime.unknownValue) return "<unknown>";
  if (Array.isArray(value)) return value.map(reveal);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return reveal(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

function leafPaths(before: unknown, after: unknown, prefix: string): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => leafPaths(before[k], after[k], prefix === "" ? k : `${prefix}.${k}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** The engine keeps the old value at each `ignoreChanges` path (a dot path, as this program writes them). */
function ignored(path: string, resource: CapturedResource): boolean {
  return (resource.ignoreChanges ?? []).some((p) => path === p || path.startsWith(`${p}.`));
}

/**
 * The steps a second update would take: resources matched by URN (or a URN they claim as an alias), inputs
 * compared as the engine diffs them. Components and dependency lists are not Azure changes and are left out.
 */
export function changesBetween(state: CapturedRun, next: CapturedRun): ResourceChange[] {
  const old = new Map(state.resources.filter((r) => r.custom).map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  for (const resource of next.resources.filter((r) => r.custom)) {
    const claimed = [resource.urn, ...resource.aliases].find((urn) => old.has(urn));
    const before = claimed === undefined ? undefined : old.get(claimed);
    if (claimed === undefined || before === undefined) {
      changes.push({ urn: resource.urn, type: resource.type, change: "create", paths: [] });
      continue;
    }
    old.delete(claimed);
    const paths = leafPaths(reveal(before.inputs), reveal(resource.inputs), "").filter((p) => !ignored(p, resource));
    if (paths.length > 0) changes.push({ urn: resource.urn, type: resource.type, change: "update", paths });
  }
  for (const gone of old.values()) changes.push({ urn: gone.urn, type: gone.type, change: "delete", paths: [] });
  return changes;
}

/** The run's stack outputs as the next run's self-reference reads them (the real engine hands secrets back plain). */
export function outputsOf(run: CapturedRun): Record<string, unknown> {
  return reveal(run.outputs) as Record<string, unknown>;
}

/**
 * One more update of a stack: the previous run's outputs fed back as its previous outputs, planned on `clock`,
 * compared with the previous run's resources as its state.
 */
export async function nextUpdate(
  previous: CapturedRun,
  clock: Clock,
  options: RunStackOptions = {},
): Promise<{ run: CapturedRun; changes: ResourceChange[] }> {
  const run = await runStack({ ...options, clock, previousOutputs: outputsOf(previous) });
  return { run, changes: changesBetween(previous, run) };
}
