import { spawn } from "node:child_process";
import { test } from "vitest";
import { FIXTURE_DAY } from "../support/clock";
import { PROJECT_DIR } from "../support/stackFiles";
import { emptyStackDir, expectPromptedTeamFile, newTeamAnswers, nextMonth } from "../support/newTeamInputs";

// The entry on a real terminal; what new-team does, asked or not, is tested in-process (newTeamCli.test.ts).
/**
 * Runs new-team on a pseudo-terminal (util-linux `script`), typing `input` into it once the first prompt shows:
 * typed earlier, the line discipline may swallow the final Ctrl+D while the terminal is switched to raw mode.
 */
function inTerminal(input: string, dir: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(
      "script",
      ["-qec", `npm run --silent new-team -- --stack-dir ${dir} --as-of ${FIXTURE_DAY}`, "/dev/null"],
      { cwd: PROJECT_DIR },
    );
    let stdout = "";
    let typed = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (!typed && stdout.includes(": ")) {
        typed = true;
        child.stdin.end(input);
      }
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, stdout });
    });
  });
}

test("npm run new-team on a terminal asks every question, takes the defaults shown for empty answers, and writes a valid file", async () => {
  const dir = emptyStackDir("cb-newteam-tty-");
  const result = await inTerminal(newTeamAnswers(nextMonth()), dir);
  expectPromptedTeamFile(dir, result.status, result.stdout);
});
