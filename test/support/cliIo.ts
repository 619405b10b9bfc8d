import type { CliIo } from "../../tools/cliIo";
import { PROJECT_DIR } from "./stackFiles";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A CliIo that keeps what main writes, so a test reads it back with the exit code. */
export function captureIo(cwd = PROJECT_DIR): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** Runs a CLI's main in this process, as `npm run <cli> -- ...argv` would from the project folder. */
export async function runMain<T extends CliIo>(
  main: (argv: string[], io: T) => Promise<number>,
  argv: string[],
  extra?: Omit<T, keyof CliIo>,
  cwd = PROJECT_DIR,
): Promise<CliRun> {
  const io = captureIo(cwd);
  // T is CliIo plus `extra`: what the spread builds.
  const code = await main(argv, { ...io, ...extra } as unknown as T);
  return { code, stdout: io.out(), stderr: io.err() };
}
