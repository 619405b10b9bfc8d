/**
 * npm run policy:baseline -- --azure-policy <checkout> --enterprise-scale <checkout> [--out <file>]
 * Re-reads the baseline's definitions (lib/azurePolicy/baselineSources.ts) from local clones or sparse checkouts of
 * Azure/azure-policy and Azure/Enterprise-Scale and writes lib/azurePolicy/baselineDefinitions.json with each one's commit.
 *   git clone --filter=blob:none --sparse https://github.com/Azure/azure-policy && \
 *     git -C azure-policy sparse-checkout set built-in-policies
 *   git clone --filter=blob:none --sparse https://github.com/Azure/Enterprise-Scale && \
 *     git -C Enterprise-Scale sparse-checkout set src/resources/Microsoft.Authorization/policyDefinitions
 * Exit codes: 0 written, 2 a checkout or a file is missing.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Baseline, initiativeParameters, toBaselineDefinition } from "../lib/azurePolicy/baseline";
import { BASELINE_INITIATIVE, BASELINE_SOURCES, type BaselineSource } from "../lib/azurePolicy/baselineSources";
import { type CliIo, processIo, runCli } from "../tools/cliIo";

const USAGE =
  "usage: npm run policy:baseline -- --azure-policy <checkout> --enterprise-scale <checkout> [--out <file>]";

function headCommit(dir: string): string {
  return execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { "azure-policy": { type: "string" }, "enterprise-scale": { type: "string" }, out: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const azurePolicy = values["azure-policy"];
  const enterpriseScale = values["enterprise-scale"];
  if (azurePolicy === undefined || enterpriseScale === undefined) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const checkouts: Record<BaselineSource["repository"], string> = {
    "Azure/azure-policy": resolve(io.cwd, azurePolicy),
    "Azure/Enterprise-Scale": resolve(io.cwd, enterpriseScale),
  };
  try {
    const commits = Object.fromEntries(Object.entries(checkouts).map(([repo, dir]) => [repo, headCommit(dir)]));
    const read = (source: BaselineSource): unknown =>
      JSON.parse(readFileSync(join(checkouts[source.repository], source.path), "utf8"));
    const assigned = initiativeParameters(read(BASELINE_INITIATIVE));
    const initiativeRef = {
      repository: BASELINE_INITIATIVE.repository,
      path: BASELINE_INITIATIVE.path,
      commit: commits[BASELINE_INITIATIVE.repository]!,
    };
    const baseline: Baseline = {
      definitions: BASELINE_SOURCES.flatMap((source) => {
        const definition = toBaselineDefinition(read(source), { ...source, commit: commits[source.repository]! });
        if (source.assignments !== undefined) {
          return source.assignments.map((a) => ({
            ...definition,
            assignment: a.label,
            assignedParameters: { values: a.parameters, initiative: source.why },
          }));
        }
        const values = assigned.get(definition.name);
        return values === undefined
          ? [definition]
          : [
              {
                ...definition,
                assignedParameters: {
                  values,
                  initiative: "Microsoft cloud security benchmark v2",
                  source: initiativeRef,
                },
              },
            ];
      }),
    };
    const out = resolve(io.cwd, values.out ?? join(__dirname, "../lib/azurePolicy/baselineDefinitions.json"));
    writeFileSync(out, `${JSON.stringify(baseline, null, 2)}\n`);
    io.stdout(`wrote ${baseline.definitions.length} definitions to ${out}\n`);
    for (const [repo, commit] of Object.entries(commits)) io.stdout(`  ${repo} at ${commit}\n`);
    return 0;
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) runCli(main, processIo);
