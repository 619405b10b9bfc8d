import type { CliIo } from "../../tools/cliIo";
import { captureIo } from "./cliIo";
import { PROJECT_DIR } from "./stackFiles";

/** A captured CliIo whose stderr is a terminal `columns` wide (the progress bars draw there, tools/progress.ts). */
export function terminalIo(columns: number, cwd = PROJECT_DIR): CliIo & { out: () => string; err: () => string } {
  return { ...captureIo(cwd), stderrIsTTY: true, stderrColumns: columns };
}

// Cursor moves and erases (CSI sequences) and cursor save/restore (ESC 7 / ESC 8).
const ESC = String.fromCharCode(0x1b);
const ESCAPE = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]`, "g");

/** The texts drawn on a terminal line, one per redraw, without the escape sequences between them. */
export function drawnTexts(stderr: string): string[] {
  return stderr.split(ESCAPE).filter((t) => t !== "");
}

/** The line is left erased (cursor to column 1, erase the line): what the CLI prints next starts clean. */
export const ERASED_LINE = `${ESC}[1G${ESC}[2K`;

/** Sequences that change a terminal mode: the cursor hidden or shown, line wrapping turned off or on. */
export const MODE_CHANGE = new RegExp(`${ESC}\\[\\?(25|7)[lh]`);
