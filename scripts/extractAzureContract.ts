/**
 * npx tsx scripts/extractAzureContract.ts
 * Reads the Azure REST API spec files cached under .cache/azure-specs/ (listed, with the commit each was read at,
 * in .cache/azure-specs/manifest.json) and writes tools/azureContract/azureContract.json: per resource type the
 * API version azure-native uses, the source path and commit, and a JSON Schema of the accepted input.
 * No network. See docs/azure-contract.md for how to refresh the cache.
 * `--only <token>[,<token>...]`: extract those resource types alone and merge them into the committed contract
 * (for a new resource type when the cache holds only its spec files).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type AzureContract, extractContract, type SpecSource } from "../tools/azureContract/extract";
import { SpecNotCached, type SwaggerDoc } from "../tools/azureContract/swagger";
import { REQUEST_TARGETS, RESOURCE_TARGETS, SPEC_SUBSTITUTIONS } from "../tools/azureContract/targets";

const PROJECT_DIR = resolve(__dirname, "..");
const CACHE_DIR = join(PROJECT_DIR, ".cache", "azure-specs");
const OUTPUT = join(PROJECT_DIR, "tools", "azureContract", "azureContract.json");

interface Manifest {
  files: SpecSource[];
}

/** The committed contract with the freshly extracted entries added (or replaced); sources and $defs stay sorted. */
function mergeInto(existing: AzureContract, fresh: AzureContract): AzureContract {
  const sources = new Map(existing.sources.map((s) => [s.path, s]));
  for (const s of fresh.sources) sources.set(s.path, s);
  const defs = { ...existing.$defs, ...fresh.$defs };
  return {
    ...existing,
    sources: [...sources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    resources: { ...existing.resources, ...fresh.resources },
    unextracted: [...new Set([...existing.unextracted, ...fresh.unextracted])].sort(),
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function onlyTokens(argv: string[]): string[] | undefined {
  const index = argv.indexOf("--only");
  return index === -1 ? undefined : (argv[index + 1] ?? "").split(",").filter(Boolean);
}

function main(): void {
  const only = onlyTokens(process.argv.slice(2));
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(CACHE_DIR, "manifest.json"), "utf8")) as Manifest;
  } catch (error) {
    process.stderr.write(
      `error: cannot read ${join(CACHE_DIR, "manifest.json")} (${(error as Error).message}); fill the cache first (docs/azure-contract.md)\n`,
    );
    process.exit(2);
  }
  const read = (specPath: string): SwaggerDoc => {
    const file = join(CACHE_DIR, specPath);
    if (!existsSync(file)) throw new SpecNotCached(specPath);
    return JSON.parse(readFileSync(file, "utf8")) as SwaggerDoc;
  };
  try {
    const contract =
      only === undefined
        ? extractContract({
            read,
            sources: manifest.files,
            resources: RESOURCE_TARGETS,
            requests: REQUEST_TARGETS,
            substitutions: SPEC_SUBSTITUTIONS,
          })
        : mergeInto(
            JSON.parse(readFileSync(OUTPUT, "utf8")) as AzureContract,
            extractContract({
              read,
              sources: manifest.files,
              resources: RESOURCE_TARGETS.filter((t) => only.includes(t.token)),
              requests: [],
            }),
          );
    writeFileSync(OUTPUT, `${JSON.stringify(contract, null, 2)}\n`);
    process.stdout.write(
      `wrote ${OUTPUT}: ${Object.keys(contract.resources).length} resource types, ${Object.keys(contract.requests).length} request bodies, ${contract.sources.length} spec files, ${contract.unextracted.length} references left unextracted\n`,
    );
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

main();
