/**
 * Progress of long work (the fleet's plans, the catalog refresh's regions, the preflight's reads) on stderr, drawn
 * by cli-progress, only when stderr is a terminal: redirected to a file or a pipe, a CLI prints nothing more than
 * before. It never touches stdout, and the bar is erased before the CLI prints its result, so the output is the
 * same with and without it. An adapter: lib/ knows nothing of it.
 */
import { SingleBar } from "cli-progress";
import type { CliIo } from "./cliIo";

/** What a progress bar needs of a CLI's io: stderr, and whether (and how wide) it is a terminal. */
export type ProgressIo = Pick<CliIo, "stderr" | "stderrIsTTY" | "stderrColumns">;

export interface Progress {
  /** One more piece of the work done; `label` names it (the stack planned, the region read). */
  tick(label: string): void;
  /** The work turned out larger: `count` more pieces (the preflight learns its reads as it starts them). */
  grow(count: number): void;
  /** Erases the bar. Call it before the CLI writes its result (or fails); ticks after it are ignored. */
  stop(): void;
}

const SILENT: Progress = { tick: () => undefined, grow: () => undefined, stop: () => undefined };

/** The terminal width assumed when the terminal does not say (cli-progress's own default). */
export const DEFAULT_COLUMNS = 80;

/**
 * A bar `<task> [=====-----] <done>/<total> <unit> | <last label>` on stderr when it is a terminal; otherwise a
 * Progress that does nothing. The line is cut at the terminal's width (it never wraps), and no terminal mode is
 * changed (the cursor stays visible, line wrapping stays on), so an interrupted run leaves the terminal as it was.
 */
export function startProgress(io: ProgressIo, task: string, total: number, unit: string): Progress {
  if (io.stderrIsTTY !== true) return SILENT;
  // cli-progress draws through a stream: isTTY, columns and write are all it reads (readline's cursor moves write
  // their escape sequences through write).
  const stream = {
    isTTY: true,
    get columns(): number {
      return io.stderrColumns ?? DEFAULT_COLUMNS;
    },
    write(text: string): boolean {
      io.stderr(text);
      return true;
    },
  };
  const bar = new SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    format: `${task} [{bar}] {value}/{total} ${unit} | {label}`,
    barsize: 20,
    barCompleteChar: "=",
    barIncompleteChar: "-",
    // true: cut the line at the terminal's width, with no escape sequence that turns wrapping off.
    linewrap: true,
    hideCursor: false,
    clearOnComplete: true,
    gracefulExit: false,
  });
  let size = total;
  let done = 0;
  let active = true;
  // A bar of 0 would draw full: with no work known yet it starts at the first grow.
  let drawn = false;
  const draw = (): void => {
    if (drawn || size === 0) return;
    drawn = true;
    bar.start(size, done, { label: "" });
  };
  draw();
  return {
    tick(label) {
      if (!active) return;
      done += 1;
      if (drawn) bar.update(done, { label });
    },
    grow(count) {
      if (!active) return;
      size += count;
      if (drawn) bar.setTotal(size);
      else draw();
    },
    stop() {
      if (!active) return;
      active = false;
      if (drawn) bar.stop();
    },
  };
}

/** Runs `work` with a bar, erased when the work ends, however it ends. */
export async function withProgress<T>(
  io: ProgressIo,
  bar: { task: string; total: number; unit: string },
  work: (progress: Progress) => Promise<T>,
): Promise<T> {
  const progress = startProgress(io, bar.task, bar.total, bar.unit);
  try {
    return await work(progress);
  } finally {
    progress.stop();
  }
}
