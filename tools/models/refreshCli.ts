import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import type { Clock } from "../../lib/clock";
import { type ModelCatalog, readCatalog } from "../../lib/models/modelCatalog";
import { catalogText, refreshCatalog, type RegionAnswer, renderRefresh } from "../../lib/models/refresh";
import { listLocationModels, MODELS_API_VERSION, PUBLIC_ARM_ENDPOINT } from "./armModels";
import {
  ARM_CREDENTIALS_TEXT,
  armReadFailure,
  endpointProblem,
  failWith,
  subscriptionFrom,
  subscriptionProblem,
} from "./armArgs";
import { fleetStackNames, readFleetStack } from "./fleetStacks";
import { withProgress } from "../progress";

export const REFRESH_USAGE = `usage: npm run models -- --refresh [--write] [--json] [--subscription <id>] [--stack-dir <dir>] [--catalog <file>] [--arm-endpoint <url>]
  --refresh       rebuild lib/models/catalog.json from ARM's Models API for every region the fleet uses (the
                  codex-boundary:location of each Pulumi.<stack>.yaml) and print the diff
  --write         write the refreshed catalog (without it nothing is written)
  --json          print the changes and notes as JSON
  --subscription  the subscription whose view of the models to read (default: $ARM_SUBSCRIPTION_ID, then $AZURE_SUBSCRIPTION_ID)
  --stack-dir     folder holding the Pulumi.<stack>.yaml files (default: the project folder)
  --catalog       the catalog file (default: lib/models/catalog.json)
  --arm-endpoint  the ARM endpoint (default ${PUBLIC_ARM_ENDPOINT}; another for a sovereign cloud)
Reads GET /subscriptions/<id>/providers/Microsoft.CognitiveServices/locations/<region>/models?api-version=${MODELS_API_VERSION}
${ARM_CREDENTIALS_TEXT}. Read-only on Azure.
Each changed fact cites the source arm-models-api, dated today; versions ARM lists that the catalog lacks are
printed as notes, never added (docs/models.md, "Refreshing the catalog").
Exit codes: 0 nothing changed, or --write wrote the catalog; 1 facts changed (not written); 2 bad input or a request failed.`;

export interface RefreshDeps {
  credential: () => TokenCredential;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  /** The project folder: Pulumi.yaml, and the default stack folder and catalog. */
  projectDir: string;
  tlsCa?: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal (of what width): the regions' reads show a progress bar there (tools/progress.ts). */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
}

interface Options {
  write: boolean;
  json: boolean;
  subscriptionId: string;
  stackDir: string;
  catalogFile: string;
  endpoint: string | undefined;
}

/** The arguments, or every problem with them at once. */
function readOptions(argv: readonly string[], deps: RefreshDeps): Options | string[] {
  let values: {
    refresh?: boolean;
    write?: boolean;
    json?: boolean;
    subscription?: string;
    "stack-dir"?: string;
    catalog?: string;
    "arm-endpoint"?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        refresh: { type: "boolean" },
        write: { type: "boolean" },
        json: { type: "boolean" },
        subscription: { type: "string" },
        "stack-dir": { type: "string" },
        catalog: { type: "string" },
        "arm-endpoint": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return [(error as Error).message];
  }
  const subscriptionId = subscriptionFrom(values.subscription, deps.env);
  const endpoint = values["arm-endpoint"];
  const problems = [
    values.refresh !== true ? "--refresh is required" : "",
    subscriptionProblem(subscriptionId, true),
    endpointProblem(endpoint),
  ].filter(Boolean);
  if (problems.length > 0) return problems;
  return {
    write: values.write === true,
    json: values.json === true,
    subscriptionId,
    stackDir: resolve(deps.projectDir, values["stack-dir"] ?? "."),
    catalogFile: resolve(deps.projectDir, values.catalog ?? join("lib", "models", "catalog.json")),
    endpoint,
  };
}

function loadCatalog(file: string): ModelCatalog | string {
  try {
    return readCatalog(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    return `${file}: not a valid model catalog: ${(error as Error).message.split("\n")[0] ?? ""}`;
  }
}

/** The fleet's regions, or what is wrong with its stack files. */
function fleetRegions(projectDir: string, stackDir: string): string[] | { problems: string[] } {
  let names: string[];
  try {
    names = fleetStackNames(stackDir);
  } catch (error) {
    return { problems: [`--stack-dir ${stackDir}: cannot be read (${(error as Error).message})`] };
  }
  if (names.length === 0)
    return {
      problems: [`--stack-dir ${stackDir}: holds no Pulumi.<stack>.yaml, so the fleet uses no region to refresh`],
    };
  const stacks = names.map((name) => readFleetStack(projectDir, stackDir, name));
  // Only the region matters here: the plan and the access check judge the rest of a stack file.
  const problems = stacks.flatMap((s) =>
    s.unreadable
      ? s.problems
      : s.problems.filter((p) => p.startsWith("codex-boundary:location")).map((p) => `${s.file}: ${p}`),
  );
  return problems.length > 0 ? { problems } : [...new Set(stacks.map((s) => s.location))].sort();
}

/** ARM's models in each region, one region after another (a bar on a terminal), or the first read that failed. */
async function readRegions(
  regions: readonly string[],
  options: Options,
  deps: RefreshDeps,
): Promise<{ answers: RegionAnswer[] } | { problem: string }> {
  const io = { stderr: deps.err, stderrIsTTY: deps.stderrIsTTY, stderrColumns: deps.stderrColumns };
  return withProgress(io, { task: "reading models", total: regions.length, unit: "regions" }, async (progress) => {
    const answers: RegionAnswer[] = [];
    for (const location of regions) {
      try {
        answers.push({
          location,
          models: await listLocationModels({
            subscriptionId: options.subscriptionId,
            location,
            credential: deps.credential(),
            endpoint: options.endpoint,
            tlsCa: deps.tlsCa,
          }),
        });
      } catch (error) {
        return { problem: `${armReadFailure(location, options.subscriptionId, error)}; nothing written` };
      }
      progress.tick(location);
    }
    return { answers };
  });
}

/** `npm run models -- --refresh`; returns the exit code. */
export async function runRefreshCli(argv: readonly string[], deps: RefreshDeps): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    deps.out(`${REFRESH_USAGE}\n`);
    return 0;
  }
  const options = readOptions(argv, deps);
  const fail = (problems: readonly string[]) => failWith(deps.err, problems);
  if (Array.isArray(options)) return failWith(deps.err, options, REFRESH_USAGE);
  const catalog = loadCatalog(options.catalogFile);
  const regions = fleetRegions(deps.projectDir, options.stackDir);
  const problems = [
    ...(typeof catalog === "string" ? [catalog] : []),
    ...(Array.isArray(regions) ? [] : regions.problems),
  ];
  if (problems.length > 0 || typeof catalog === "string" || !Array.isArray(regions)) return fail(problems);
  const read = await readRegions(regions, options, deps);
  if ("problem" in read) return fail([read.problem]);
  const answers = read.answers;
  const result = refreshCatalog({
    catalog,
    answers,
    subscriptionId: options.subscriptionId,
    nowMs: deps.clock.nowMs(),
  });
  deps.out(
    options.json
      ? `${JSON.stringify({ subscriptionId: options.subscriptionId, regions, day: result.day, changes: result.changes, notes: result.notes }, null, 2)}\n`
      : renderRefresh(result, catalog.reviewed),
  );
  if (!options.write) return result.changes.length === 0 ? 0 : 1;
  const text = catalogText(readCatalog(result.catalog));
  writeFileSync(options.catalogFile, text);
  if (!options.json) deps.out(`wrote ${options.catalogFile}\n`);
  return 0;
}
