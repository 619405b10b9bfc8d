/**
 * npm run models -- --check --subscription <id> --location <region> [--json] [--arm-endpoint <url>]
 * Compares lib/models/catalog.json with ARM's Models API for one subscription and region (docs/models.md).
 * npm run models -- --upgrade (--stack <team> | --all) [...]: moves retiring deployments on (tools/models/upgradeCli.ts).
 * npm run models -- --refresh [--write] (tools/models/refreshCli.ts) | --access --stack <team> (tools/models/accessCli.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
import type { Clock } from "../lib/clock";
import { runAccessCli } from "../tools/models/accessCli";
import { runModelsCli } from "../tools/models/checkCli";
import { runRefreshCli } from "../tools/models/refreshCli";
import { runUpgradeCli } from "../tools/models/upgradeCli";
import { type CliIo, processIo, runCli } from "../tools/cliIo";
import { systemClock } from "../tools/clock";

export interface ModelsIo extends CliIo {
  /** The Azure sign-in the ARM calls use (DefaultAzureCredential from the entry). */
  credential: () => TokenCredential;
  /** The real clock from the entry; --as-of replaces it where a command takes it. */
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  /** Pulumi.yaml, the default stack folder and the catalog. */
  projectDir: string;
}

/** `npm run models -- ...argv`: the exit code of the action named (--check, --upgrade, --refresh, --access). */
export async function main(argv: string[], io: ModelsIo): Promise<number> {
  const out = io.stdout;
  const err = io.stderr;
  if (argv.includes("--upgrade")) {
    return runUpgradeCli(argv, {
      projectDir: io.projectDir,
      clock: io.clock,
      readFile: (path) => readFileSync(resolve(io.cwd, path), "utf8"),
      writeFile: (path, text) => writeFileSync(resolve(io.cwd, path), text),
      listDir: (dir) => readdirSync(resolve(io.cwd, dir)),
      exists: (path) => existsSync(resolve(io.cwd, path)),
      out,
      err,
    });
  }
  const deps = { credential: io.credential, clock: io.clock, env: io.env, projectDir: io.projectDir, out, err };
  if (argv.includes("--refresh"))
    return runRefreshCli(argv, { ...deps, stderrIsTTY: io.stderrIsTTY, stderrColumns: io.stderrColumns });
  if (argv.includes("--access")) return runAccessCli(argv, deps);
  return runModelsCli(argv, { credential: io.credential, out, err });
}

if (require.main === module) {
  runCli(main, {
    ...processIo,
    credential: () => new DefaultAzureCredential(),
    clock: systemClock,
    env: process.env,
    projectDir: resolve(__dirname, ".."),
  });
}
