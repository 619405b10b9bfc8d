import { resolve } from "node:path";
import { systemClock } from "../clock";
import { runAccessCli } from "./accessCli";
import { armTokenCredential, runCommand } from "./armToken";
import { runRefreshCli } from "./refreshCli";

/** `npm run models -- --refresh ...` or `--access ...` with the real clock, token and files; undefined for other actions. */
export function refreshOrAccess(argv: readonly string[]): Promise<number> | undefined {
  const deps = {
    credential: () => armTokenCredential(process.env, runCommand, systemClock),
    clock: systemClock,
    env: process.env,
    projectDir: resolve(__dirname, "..", ".."),
    out: (text: string) => void process.stdout.write(text),
    err: (text: string) => void process.stderr.write(text),
  };
  if (argv.includes("--refresh")) return runRefreshCli(argv, deps);
  if (argv.includes("--access")) return runAccessCli(argv, deps);
  return undefined;
}
