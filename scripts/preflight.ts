/**
 * npm run preflight -- --stack <team> [--json] [--subscription <id>] [--stack-dir <dir>] [--arm-endpoint <url>] [--github-api-url <url>]
 * What a team stack's first (or next) pulumi up needs of Azure and GitHub, read before it runs (tools/preflight/cli.ts).
 * Exit codes: 0 nothing found, 1 findings (all listed), 2 bad input, no Azure sign-in, or a stack program that fails.
 */
import { resolve } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
import type { Clock } from "../lib/clock";
import { type CliIo, processIo, runCli } from "../tools/cliIo";
import { systemClock } from "../tools/clock";
import { runPreflight } from "../tools/preflight/cli";

export interface PreflightIo extends CliIo {
  /** The Azure sign-in (DefaultAzureCredential from the entry). */
  credential: () => TokenCredential;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  /** Pulumi.yaml and the default folder of the stack files. */
  projectDir: string;
  /** Trusted CA of local HTTPS stand-ins (tests only). */
  tlsCa?: string;
}

export async function main(argv: string[], io: PreflightIo): Promise<number> {
  return runPreflight(argv, {
    credential: io.credential,
    clock: io.clock,
    env: io.env,
    projectDir: io.projectDir,
    cwd: io.cwd,
    ...(io.tlsCa !== undefined ? { tlsCa: io.tlsCa } : {}),
    out: io.stdout,
    err: io.stderr,
    stderrIsTTY: io.stderrIsTTY,
    stderrColumns: io.stderrColumns,
  });
}

if (require.main === module) {
  // The policy check runs the stack program under Pulumi's mocks, whose runtime may reject outside the awaited chain.
  process.on("unhandledRejection", (error) => {
    processIo.stderr(`error: the stack program failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
  runCli(main, {
    ...processIo,
    credential: () => new DefaultAzureCredential(),
    clock: systemClock,
    env: process.env,
    projectDir: resolve(__dirname, ".."),
  });
}
