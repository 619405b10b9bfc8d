import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseTeamConfig, projectKeys } from "../../lib/config/parse";
import { CODEX_MODELS } from "../../lib/onboarding/teamFile";
import { loadStackConfig } from "../../lib/plan/stackFiles";
import { PROJECT_DIR } from "../support/runStack";

/** Next month (UTC), as YYYY-MM: always a valid start for a new budget. */
function nextMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

const GOOD = [
  "--name", "payments", "--cost-center", "CC-1", "--github-owner", "contoso", "--repos", "api,web",
  "--users", "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b", "--admins", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  "--budget", "1500", "--emails", "leads@contoso.com", "--start-month", nextMonth(),
];

function run(script: string, args: string[]) {
  return spawnSync("npm", ["run", "--silent", script, "--", ...args], { cwd: PROJECT_DIR, encoding: "utf8", timeout: 120_000, input: "" });
}

describe("npm run new-team", () => {
  test("writes a stack file the parser accepts, with secure defaults, and the plan for the new team works at once", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-newteam-"));
    const result = run("new-team", [...GOOD, "--stack-dir", dir]);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8");
    expect(text).toContain('version: "2026-02-24"');
    const config = parseTeamConfig(projectKeys(loadStackConfig(PROJECT_DIR, "payments", join(dir, "Pulumi.payments.yaml")).values));
    expect(config.dataBoundary).toBe("eu");
    expect(config.models.every((m) => m.sku === "DataZoneStandard")).toBe(true);
    expect(config.codex.allowFullAccess).toBe(false);
    expect(config.networking).toEqual({ mode: "create", addressSpace: "10.60.0.0/24" });
    const plan = run("plan", ["--stack", "payments", "--stack-dir", dir, "--out", join(dir, "out")]);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("All mandatory controls pass.");
  });

  test("rejects a bad name (and every other bad answer) with the flag and the fix, writing nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-newteam-"));
    const args = GOOD.flatMap((arg, i) => {
      if (GOOD[i - 1] === "--name") return ["Payments Team"];
      if (GOOD[i - 1] === "--start-month") return ["2020-01"];
      if (arg === "--budget") return ["--budget=-5"];
      return GOOD[i - 1] === "--budget" ? [] : [arg];
    });
    const result = run("new-team", [...args, "--stack-dir", dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--name: must be 2-16 lowercase letters, digits and single hyphens, starting with a letter (got "Payments Team")');
    expect(result.stderr).toContain("--budget: must be a positive number (got -5)");
    expect(result.stderr).toMatch(/--start-month: must not be before the current month \(\d{4}-\d{2}\): a new budget cannot start in the past \(got "2020-01"\)/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("never overwrites an existing stack file", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-newteam-"));
    expect(run("new-team", [...GOOD, "--stack-dir", dir]).status).toBe(0);
    const before = readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8");
    const again = run("new-team", [...GOOD.map((a) => (a === "CC-1" ? "CC-2" : a)), "--stack-dir", dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("already exists; new-team never overwrites a stack file");
    expect(readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8")).toBe(before);
  });

  test("without a terminal, missing answers are errors that list the flags", () => {
    const result = run("new-team", ["--name", "payments", "--stack-dir", mkdtempSync(join(tmpdir(), "cb-newteam-"))]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing --cost-center, --github-owner, --users, --admins, --budget, --emails, --start-month/);
  });
});

test("the example stack and new teams offer the same Codex models and versions", () => {
  const dev = parseTeamConfig(projectKeys(loadStackConfig(PROJECT_DIR, "dev").values));
  expect(dev.models.map((m) => [m.model, m.version])).toEqual(CODEX_MODELS.map((m) => [m.name, m.version]));
});

describe("npm run new-team in a terminal", () => {
  /** Runs new-team on a pseudo-terminal (util-linux `script`), typing `input` into it. */
  function inTerminal(input: string, dir: string) {
    return spawnSync("script", ["-qec", `npm run --silent new-team -- --stack-dir ${dir}`, "/dev/null"], { cwd: PROJECT_DIR, encoding: "utf8", timeout: 120_000, input });
  }
  const answers = (startMonth: string) =>
    ["payments", "CC-1", "", "", "contoso", "api", "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "1500", "leads@contoso.com", startMonth, "", ""].join("\n") + "\n";

  test("asks every question, takes the defaults shown for empty answers, and writes a valid file", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-newteam-tty-"));
    const result = inTerminal(answers(nextMonth()), dir);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain("Azure region [swedencentral]: ");
    expect(result.stdout).toContain("Wrote ");
    const config = parseTeamConfig(projectKeys(loadStackConfig(PROJECT_DIR, "payments", join(dir, "Pulumi.payments.yaml")).values));
    expect([config.location, config.dataBoundary, config.github.repositories.map((r) => r.name), config.codex.runnerLabels]).toEqual(["swedencentral", "eu", ["api"], ["self-hosted"]]);
  });

  test("input that ends early (Ctrl+D) stops with the missing answers named, no stack trace, nothing written", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-newteam-tty-"));
    const result = inTerminal("payments\nCC-1\n", dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("input ended before every question was answered; nothing was written. Still missing: --location");
    expect(result.stdout).not.toMatch(/AbortError|^\s+at /m);
    expect(readdirSync(dir)).toEqual([]);
  });
});
