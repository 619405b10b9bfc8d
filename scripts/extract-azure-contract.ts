/**
 * npx tsx scripts/extract-azure-contract.ts
 * Reads the Azure REST API spec files cached under .cache/azure-specs/ (listed, with the commit each was read at,
 * in .cache/azure-specs/manifest.json) and writes lib/azure/contract/azure-contract.json: per resource type the
 * API version azure-native uses, the source path and commit, and a JSON Schema of the accepted input.
 * No network. See docs/azure-contract.md for how to refresh the cache.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { extractContract, type SpecSource } from "../lib/azure/contract/extract";
import { SpecNotCached, type SwaggerDoc } from "../lib/azure/contract/swagger";
import { REQUEST_TARGETS, RESOURCE_TARGETS, SPEC_SUBSTITUTIONS } from "../lib/azure/contract/targets";

const PROJECT_DIR = resolve(__dirname, "..");
const CACHE_DIR = join(PROJECT_DIR, ".cache", "azure-specs");
const OUTPUT = join(PROJECT_DIR, "lib", "azure", "contract", "azure-contract.json");

interface Manifest {
  files: SpecSource[];
}

function main(): void {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(CACHE_DIR, "manifest.json"), "utf8")) as Manifest;
  } catch (error) {
    process.stderr.write(`error: cannot read ${join(CACHE_DIR, "manifest.json")} (${(error as Error).message}); fill the cache first (docs/azure-contract.md)\n`);
    process.exit(2);
  }
  const read = (specPath: string): SwaggerDoc => {
    const file = join(CACHE_DIR, specPath);
    if (!existsSync(file)) throw new SpecNotCached(specPath);
    return JSON.parse(readFileSync(file, "utf8")) as SwaggerDoc;
  };
  try {
    const contract = extractContract({ read, sources: manifest.files, resources: RESOURCE_TARGETS, requests: REQUEST_TARGETS, substitutions: SPEC_SUBSTITUTIONS });
    writeFileSync(OUTPUT, `${JSON.stringify(contract, null, 2)}\n`);
    process.stdout.write(`wrote ${OUTPUT}: ${Object.keys(contract.resources).length} resource types, ${Object.keys(contract.requests).length} request bodies, ${contract.sources.length} spec files, ${contract.unextracted.length} references left unextracted\n`);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

main();
