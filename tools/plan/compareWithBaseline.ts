/**
 * npx tsx tools/plan/compareWithBaseline.ts --baseline <plan.json> [--stack <name>] [--stack-dir <dir>] [--as-of YYYY-MM-DD]
 * Plans a stack offline and compares the result with a `npm run plan -- --json` document saved earlier.
 * A resource renamed with an alias that names its old URN counts as the same resource: the engine finds it in
 * state under the old URN and updates it in place. Prints the renames and every other difference;
 * exit code 1 when something other than an aliased rename differs.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { clockAt } from "../../lib/clock";
import { PROJECT_NAME } from "../../lib/config/parse";
import { markPlanDocument } from "../../lib/plan/placeholders";
import { planVerdicts, toPlanDocument } from "../../lib/plan/render";
import { clockAsOf } from "../clock";
import { captureProgram } from "./capture";
import { stackProgramOn } from "./program";
import { loadStackConfig, stackFilePath } from "./stackFiles";

interface PlanDoc {
  resources: Array<{ urn: string; name: string }>;
  [key: string]: unknown;
}

function replaceUrns(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return renames.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => replaceUrns(v, renames));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUrns(v, renames)]));
  }
  return value;
}

function differences(before: unknown, after: unknown, path: string, out: string[]): void {
  if (isDeepStrictEqual(before, after)) return;
  const bothObjects = typeof before === "object" && before !== null && typeof after === "object" && after !== null;
  if (!bothObjects || Array.isArray(before) !== Array.isArray(after)) {
    out.push(`${path}: ${JSON.stringify(before)?.slice(0, 200)} -> ${JSON.stringify(after)?.slice(0, 200)}`);
    return;
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys)
    differences(
      (before as Record<string, unknown>)[key],
      (after as Record<string, unknown>)[key],
      `${path}.${key}`,
      out,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      baseline: { type: "string" },
      stack: { type: "string", default: "dev" },
      "stack-dir": { type: "string" },
      "as-of": { type: "string" },
    },
  });
  if (values.baseline === undefined) throw new Error("--baseline <plan.json> is required");
  const baseline = JSON.parse(readFileSync(values.baseline, "utf8")) as PlanDoc;
  const projectDir = resolve(__dirname, "../..");
  const stackFile = values["stack-dir"] ? stackFilePath(resolve(values["stack-dir"]), values.stack) : undefined;
  const nowMs = clockAsOf(values["as-of"]).nowMs();
  const run = await captureProgram({
    project: PROJECT_NAME,
    stack: values.stack,
    config: loadStackConfig(projectDir, values.stack, stackFile),
    loadProgram: stackProgramOn(clockAt(nowMs)),
  });
  const oldUrns = new Set(baseline.resources.map((r) => r.urn));
  const renames = new Map<string, string>();
  for (const r of run.resources) {
    if (oldUrns.has(r.urn)) continue;
    const old = r.aliases.filter((alias) => oldUrns.has(alias));
    if (old.length === 1 && old[0] !== undefined) renames.set(r.urn, old[0]);
  }
  const current = replaceUrns(markPlanDocument(run, toPlanDocument(run, planVerdicts(run, nowMs))), renames) as PlanDoc;
  // A renamed resource is the old one under its old URN: compare it under its old name, in the old order.
  current.resources = current.resources
    .map((r) =>
      oldUrns.has(r.urn) && r.name !== r.urn.split("::").pop() ? { ...r, name: r.urn.split("::").pop() ?? r.name } : r,
    )
    .sort(
      (a, b) =>
        baseline.resources.findIndex((x) => x.urn === a.urn) - baseline.resources.findIndex((x) => x.urn === b.urn),
    );
  const found: string[] = [];
  differences(baseline, current, "plan", found);
  process.stdout.write(`${values.stack}: ${renames.size} resource(s) renamed with an alias to the old URN\n`);
  for (const [now, before] of renames) process.stdout.write(`  ${before}\n    -> ${now}\n`);
  process.stdout.write(
    found.length === 0
      ? "  no other difference\n"
      : `  ${found.length} other difference(s):\n    ${found.join("\n    ")}\n`,
  );
  if (found.length > 0) process.exitCode = 1;
}

void main();
