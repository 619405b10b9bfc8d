import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Clock, fixedClock } from "../../lib/clock";
import { STACK_NAME_PATTERN } from "../../lib/config/patterns";
import { RETIREMENT_ADVISE_DAYS } from "../../lib/models/lifecycle";
import { MODEL_CATALOG, type ModelCatalog } from "../../lib/models/modelCatalog";
import { describeUpgrade, upgradeStackText } from "../../lib/models/upgrade";

export const UPGRADE_USAGE = `usage: npm run models -- --upgrade (--stack <team> | --all) [--stacks-dir <dir>] [--as-of YYYY-MM-DD] [--dry-run]
  --upgrade     move deployments that retire within ${RETIREMENT_ADVISE_DAYS} days (or are retired) to their successor, in two runs:
                the first adds the successor's deployment and points codex.defaultModel at it; after that is
                deployed, the next run removes the old deployment (one per run). docs/models.md, "Retirement is a migration"
  --stack       the team stack (Pulumi.<team>.yaml) to upgrade
  --all         every Pulumi.<team>.yaml in the stacks folder
  --stacks-dir  folder holding the Pulumi.<team>.yaml files (default: the project folder)
  --as-of       judge retirements as of this day, YYYY-MM-DD (default: today)
  --dry-run     print what would change, write nothing
Exit codes: 0 changed (or would change) or nothing to do, 1 a retiring deployment has no successor, 2 bad input.`;

export interface UpgradeDeps {
  projectDir: string;
  /** The caller's clock (systemClock in the CLI); --as-of replaces it. */
  clock: Clock;
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  listDir: (dir: string) => string[];
  exists: (path: string) => boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  catalog?: ModelCatalog;
}

const STACK_FILE = /^Pulumi\.([^.]+)\.yaml$/;

function asOfMs(asOf: string): number | undefined {
  try {
    return fixedClock(asOf).nowMs();
  } catch {
    return undefined;
  }
}

interface Parsed {
  stacks: string[];
  dir: string;
  nowMs: number;
  dryRun: boolean;
}

function readArgs(argv: readonly string[], deps: UpgradeDeps): { parsed?: Parsed; problems: string[]; help?: boolean } {
  let values: {
    upgrade?: boolean;
    stack?: string[];
    all?: boolean;
    "stacks-dir"?: string;
    "as-of"?: string;
    "dry-run"?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        upgrade: { type: "boolean" },
        stack: { type: "string", multiple: true },
        all: { type: "boolean" },
        "stacks-dir": { type: "string" },
        "as-of": { type: "string" },
        "dry-run": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { problems: [(error as Error).message] };
  }
  if (values.help === true) return { problems: [], help: true };
  const problems: string[] = [];
  const dir = values["stacks-dir"] ?? deps.projectDir;
  if (!deps.exists(dir)) problems.push(`--stacks-dir ${dir} does not exist`);
  const named = values.stack ?? [];
  if (values.all === true && named.length > 0) problems.push("give --stack <team> or --all, not both");
  if (values.all !== true && named.length === 0) problems.push("--stack <team> or --all is required");
  for (const stack of named.filter((s) => !STACK_NAME_PATTERN.test(s)))
    problems.push(`--stack ${JSON.stringify(stack)} is not a stack name: letters, digits, '-', '_' or '.'`);
  let nowMs = 0;
  const asOf = values["as-of"];
  if (asOf !== undefined) {
    const ms = asOfMs(asOf);
    if (ms === undefined) problems.push(`--as-of must be a date as YYYY-MM-DD (got ${JSON.stringify(asOf)})`);
    else nowMs = ms;
  } else {
    nowMs = deps.clock.nowMs();
  }
  if (problems.length > 0) return { problems };
  const stacks =
    values.all === true
      ? deps
          .listDir(dir)
          .map((file) => STACK_FILE.exec(file)?.[1])
          .filter((s): s is string => s !== undefined)
          .sort()
      : named;
  for (const stack of named)
    if (!deps.exists(join(dir, `Pulumi.${stack}.yaml`)))
      problems.push(`--stack ${stack}: no stack file ${join(dir, `Pulumi.${stack}.yaml`)} (unknown stack)`);
  if (values.all === true && stacks.length === 0) problems.push(`--all: no Pulumi.<team>.yaml in ${dir}`);
  return problems.length > 0
    ? { problems }
    : { parsed: { stacks, dir, nowMs, dryRun: values["dry-run"] === true }, problems };
}

/** `npm run models -- --upgrade ...`; returns the exit code. Reads every file first and writes only when all are readable. */
export function runUpgradeCli(argv: readonly string[], deps: UpgradeDeps): number {
  const { parsed, problems, help } = readArgs(argv, deps);
  if (help === true) {
    deps.out(`${UPGRADE_USAGE}\n`);
    return 0;
  }
  if (parsed === undefined) {
    deps.err(`${problems.map((p) => `error: ${p}`).join("\n")}\n${UPGRADE_USAGE}\n`);
    return 2;
  }
  const catalog = deps.catalog ?? MODEL_CATALOG;
  const results = parsed.stacks.map((stack) => {
    const path = join(parsed.dir, `Pulumi.${stack}.yaml`);
    let text: string;
    try {
      text = deps.readFile(path);
    } catch (error) {
      return {
        stack,
        path,
        result: { ok: false as const, problems: [`cannot be read: ${(error as Error).message}`] },
        before: "",
      };
    }
    return { stack, path, result: upgradeStackText(text, parsed.nowMs, catalog), before: text };
  });
  const bad = results.flatMap((r) => (r.result.ok ? [] : r.result.problems.map((p) => `error: ${r.path}: ${p}`)));
  if (bad.length > 0) {
    deps.err(`${bad.join("\n")}\nnothing was written\n`);
    return 2;
  }
  let missing = 0;
  let changed = 0;
  for (const { stack, path, result, before } of results) {
    if (!result.ok) continue;
    const lines = describeUpgrade(stack, result);
    missing += result.missing.length;
    if (result.edits.length > 0 && result.text !== before) {
      changed++;
      if (!parsed.dryRun) deps.writeFile(path, result.text);
    }
    if (lines.length === 0)
      lines.push(`${stack}: nothing to upgrade (no deployment retires within ${RETIREMENT_ADVISE_DAYS} days)`);
    else if (result.edits.length > 0)
      lines.push(
        `${stack}: ${parsed.dryRun ? "would write" : "wrote"} ${path}; review it in a pull request, deploy, then run --upgrade again`,
      );
    deps.out(`${lines.join("\n")}\n`);
  }
  if (parsed.dryRun && changed > 0) deps.out("dry run: nothing was written\n");
  return missing > 0 ? 1 : 0;
}
