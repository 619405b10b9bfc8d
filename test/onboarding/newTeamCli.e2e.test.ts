import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parseTeamConfig, projectKeys } from "../../lib/config/parse";
import { loadStackConfig } from "../../tools/plan/stackFiles";
import { FIXTURE_DAY, FIXTURE_NOW_MS } from "../support/clock";
import { PROJECT_DIR } from "../support/stackFiles";
import { newTeamAnswers, nextMonth } from "../support/newTeamInputs";

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
  const dir = mkdtempSync(join(tmpdir(), "cb-newteam-tty-"));
  const result = await inTerminal(newTeamAnswers(nextMonth()), dir);
  expect(result.status, result.stdout).toBe(0);
  expect(result.stdout).toContain("Azure region [swedencentral]: ");
  expect(result.stdout).toContain("Wrote ");
  const config = parseTeamConfig(
    projectKeys(loadStackConfig(PROJECT_DIR, "payments", join(dir, "Pulumi.payments.yaml")).values),
    undefined,
    FIXTURE_NOW_MS,
  );
  expect([
    config.location,
    config.dataBoundary,
    config.github.repositories.map((r) => r.name),
    config.codex.runnerLabels,
  ]).toEqual(["swedencentral", "eu", ["api"], ["self-hosted"]]);
  // The recommended mode is the default shown: Enter chooses entra, and the file carries no key setting.
  expect(result.stdout).toContain("Authentication: entra (recommended, no key) or key [entra]: ");
  expect(config.auth).toEqual({ mode: "entra", switching: false });
  expect(readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8")).not.toMatch(/keyRotation/);
});
