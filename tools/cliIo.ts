/**
 * What a CLI's `main(argv, io)` gets from the outside: its output streams and the folder relative paths start
 * from. The entry file passes the process's own (runCli); a test passes strings it can read back (test/support/cliIo.ts).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Relative paths in arguments (--out, --stack-dir, ...) are resolved from here. */
  cwd: string;
  /** stderr is a terminal: long work shows a progress bar there (tools/progress.ts). Absent or false: it does not. */
  stderrIsTTY?: boolean;
  /** The terminal's width in columns, when stderr is one (the bar is cut to it). */
  stderrColumns?: number;
}

/** Thrown by a CLI's helpers to end main with an exit code once the message is written; main returns the code. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "CliExit";
  }
}

/** main's exit code when `error` is a CliExit; anything else is rethrown. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliExit) return error.exitCode;
  throw error;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stderr.columns !== undefined ? { stderrColumns: process.stderr.columns } : {}),
};

/** The entry of a CLI file run directly: main with the process's arguments and streams, its result as the exit code. */
export function runCli<T extends CliIo>(main: (argv: string[], io: T) => Promise<number>, io: T): void {
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
