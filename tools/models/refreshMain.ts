import { resolve } from "node:path";
import { DefaultAzureCredential } from "@azure/identity";
import { systemClock } from "../clock";
import { runAccessCli } from "./accessCli";
import { runRefreshCli } from "./refreshCli";

/** `npm run models -- --refresh ...` or `--access ...` with the real clock, token and files; undefined for other actions. */
export function refreshOrAccess(argv: readonly string[]): Promise<number> | undefined {
  const deps = {
    credential: () => new DefaultAzureCredential(),
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
