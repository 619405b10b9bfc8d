import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { expect } from "vitest";
import { parseTeamConfig, projectKeys, providerKeys } from "../../lib/config/parse";
import type { TeamConfig } from "../../lib/config/schema";
import { readPlatformFile } from "../../stacks/platformFile";
import { samplePlatform, writePlatformFile } from "./platformFiles";
import { loadStackConfig } from "../../tools/plan/stackFiles";
import { main } from "../../scripts/newTeam";
import { FIXTURE_DAY, FIXTURE_NOW_MS, monthAfter } from "./clock";
import { PROJECT_DIR } from "./stackFiles";

/** The month after the fixture day, as YYYY-MM: a valid start for a new budget on that day. */
export const nextMonth = (): string => monthAfter(FIXTURE_DAY, 1);

/** Every flag new-team needs for a valid team file, on the fixture day (no --stack-dir: each test adds its own). */
export const NEW_TEAM_FLAGS: readonly string[] = [
  "--name",
  "payments",
  "--cost-center",
  "CC-1",
  "--location",
  "swedencentral",
  "--data-boundary",
  "eu",
  "--runner-labels",
  "self-hosted,codex-runner",
  "--github-owner",
  "contoso",
  "--repos",
  "api,web",
  "--users",
  "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
  "--admins",
  "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  "--budget",
  "1500",
  "--emails",
  "leads@contoso.com",
  "--start-month",
  nextMonth(),
  "--as-of",
  FIXTURE_DAY,
];

/** What a person types at new-team's prompts for the same team (empty lines take the defaults shown). */
export function newTeamAnswers(startMonth: string): string {
  return (
    [
      "payments",
      "CC-1",
      "",
      "",
      "contoso",
      "api",
      "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
      "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
      "1500",
      "leads@contoso.com",
      startMonth,
      "",
      "",
      "",
    ].join("\n") + "\n"
  );
}

/** The files in a stack folder besides its platform.yaml (what new-team may have written, and what was there). */
export function filesWritten(dir: string): string[] {
  return readdirSync(dir).filter((file) => file !== "platform.yaml");
}

/** An empty stack folder but for a platform.yaml admitting team `payments` (samplePlatform). */
export function emptyStackDir(prefix = "cb-newteam-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writePlatformFile(dir, samplePlatform());
  return dir;
}

/**
 * A stack folder that already holds the example stack (address space 10.60.0.0/24), as the project folder does, and a
 * platform.yaml admitting team `payments` (samplePlatform).
 */
export function stackDirWithDev(prefix = "cb-newteam-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  copyFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), join(dir, "Pulumi.dev.yaml"));
  writePlatformFile(dir, samplePlatform());
  return dir;
}

/** The team file new-team wrote in `dir`, parsed within that folder's platform.yaml as the plan would. */
export function parseWrittenTeamFile(dir: string, team = "payments", nowMs = FIXTURE_NOW_MS): TeamConfig {
  const values = loadStackConfig(PROJECT_DIR, team, join(dir, `Pulumi.${team}.yaml`)).values;
  return parseTeamConfig(projectKeys(values), undefined, nowMs, {
    platform: readPlatformFile(dir),
    providerKeys: providerKeys(values),
  });
}

/**
 * What must hold after new-team was answered with newTeamAnswers in `dir`: the prompts showed their defaults, the
 * file was written and is a valid team config with the defaults taken (region, boundary, runner, entra, no key setting).
 */
export function expectPromptedTeamFile(dir: string, status: number | null, stdout: string): void {
  expect(status, stdout).toBe(0);
  expect(stdout).toContain("Azure region [swedencentral]: ");
  expect(stdout).toContain("Authentication: entra (recommended, no key) or key [entra]: ");
  expect(stdout).toContain("Wrote ");
  const file = join(dir, "Pulumi.payments.yaml");
  const config = parseWrittenTeamFile(dir);
  expect([
    config.location,
    config.dataBoundary,
    config.github.repositories.map((r) => r.name),
    config.codex.runnerLabels,
  ]).toEqual(["swedencentral", "eu", ["api"], ["self-hosted", "codex-runner"]]);
  expect(config.auth).toEqual({ mode: "entra", switching: false });
  expect(readFileSync(file, "utf8")).not.toMatch(/keyRotation/);
}

/** new-team with `input` typed at its prompts; prompts, output and errors in one text, as a terminal shows them. */
export async function inTerminal(
  input: string,
  dir: string,
  flags: string[] = [],
): Promise<{ status: number; stdout: string }> {
  let stdout = "";
  const terminal = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stdout += chunk.toString("utf8");
      done();
    },
  });
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stdout += t),
    cwd: PROJECT_DIR,
    input: Readable.from([input]),
    terminal,
  };
  const status = await main(["--stack-dir", dir, "--as-of", FIXTURE_DAY, ...flags], io);
  return { status, stdout };
}
