import { describe, expect, test } from "vitest";
import { DEFAULT_COLUMNS, type ProgressIo, startProgress, withProgress } from "../../tools/progress";
import { drawnTexts, ERASED_LINE, MODE_CHANGE } from "../support/terminalStderr";

/** A stderr that keeps what is written, as a terminal of `columns` (or not a terminal at all). */
function fakeStderr(terminal: { columns?: number } | false): ProgressIo & { text: () => string } {
  let text = "";
  return {
    stderr: (t) => void (text += t),
    ...(terminal === false ? { stderrIsTTY: false } : { stderrIsTTY: true, stderrColumns: terminal.columns }),
    text: () => text,
  };
}

describe("a progress bar on stderr (tools/progress.ts, cli-progress)", () => {
  test("on a terminal: drawn at the start and at the end with the count and the last label, then erased", () => {
    const io = fakeStderr({ columns: 100 });
    const progress = startProgress(io, "planning", 3, "stacks");
    progress.tick("team-a");
    progress.tick("team-b");
    progress.tick("team-c");
    progress.stop();
    const drawn = drawnTexts(io.text());
    expect(drawn[0]).toBe("planning [--------------------] 0/3 stacks | ");
    expect(drawn.at(-1)).toBe("planning [====================] 3/3 stacks | team-c");
    // The line is erased at the end (cursor to column 1, erase the line), so what the CLI prints next starts clean.
    expect(io.text().endsWith(ERASED_LINE)).toBe(true);
    // No terminal mode is changed: neither the cursor hidden nor line wrapping turned off.
    expect(io.text()).not.toMatch(MODE_CHANGE);
    const after = io.text();
    progress.tick("late");
    progress.stop();
    expect(io.text()).toBe(after);
  });

  test("each drawn line is cut at the terminal's width (80 when the terminal does not say)", () => {
    for (const [columns, width] of [
      [30, 30],
      [undefined, DEFAULT_COLUMNS],
    ] as const) {
      const io = fakeStderr({ columns });
      const progress = startProgress(io, "reading models", 2, "regions");
      progress.tick(`a-region-with-a-name-far-longer-than-any-terminal-line-${"x".repeat(100)}`);
      progress.tick("b");
      progress.stop();
      const drawn = drawnTexts(io.text());
      expect(drawn.length).toBeGreaterThan(1);
      for (const text of drawn) expect(text.length, text).toBeLessThanOrEqual(width);
    }
  });

  test("work learnt as it starts (grow): no bar until there is some, then the total follows", () => {
    const io = fakeStderr({ columns: 100 });
    const progress = startProgress(io, "preflight", 0, "reads");
    expect(io.text()).toBe("");
    progress.grow(2);
    progress.tick("providers/Microsoft.KeyVault");
    progress.grow(3);
    progress.tick("x");
    progress.stop();
    const drawn = drawnTexts(io.text());
    expect(drawn[0]).toBe("preflight [--------------------] 0/2 reads | ");
    expect(drawn.at(-1)).toBe("preflight [========------------] 2/5 reads | x");
  });

  test("not a terminal (a file, a pipe, or a CLI io that does not say): nothing is written at all", () => {
    for (const io of [fakeStderr(false), { ...fakeStderr(false), stderrIsTTY: undefined }]) {
      const progress = startProgress(io, "planning", 2, "stacks");
      progress.grow(1);
      progress.tick("a");
      progress.stop();
      expect(io.text()).toBe("");
    }
  });

  test("withProgress erases the bar when the work fails, and passes the failure on", async () => {
    const io = fakeStderr({ columns: 100 });
    await expect(
      withProgress(io, { task: "planning", total: 2, unit: "stacks" }, async (progress) => {
        progress.tick("a");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(io.text().endsWith(ERASED_LINE)).toBe(true);
    expect(await withProgress(io, { task: "t", total: 1, unit: "u" }, async () => 42)).toBe(42);
  });
});
