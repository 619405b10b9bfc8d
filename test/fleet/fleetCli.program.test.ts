import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import type { FleetReport } from "../../lib/fleet/report";
import {
  generatedSubscription,
  generatedTeamConfig,
  writeGeneratedFleet,
  writeGeneratedPlatform,
} from "../../scripts/fleet/generateFleet";
import { FIXTURE_DAY } from "../support/clock";
import { main } from "../../scripts/fleet";
import { runMain } from "../support/cliIo";

/** `npm run fleet -- --as-of FIXTURE_DAY ...args` in this process (its main, from the project folder). */
async function fleet(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runMain(main, ["--as-of", FIXTURE_DAY, ...args]);
  return { status: code, stdout, stderr };
}
const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe("npm run fleet", () => {
  test("a clean fleet exits 0; --json has stacks, pools and problems in the documented shape; --html is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-ok-"));
    writeGeneratedFleet(dir, 2);
    const html = join(dir, "report.html");
    const result = await fleet(["--stacks-dir", dir, "--json", "--html", html]);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as FleetReport;
    expect(Object.keys(report)).toEqual(["version", "date", "stacks", "pools", "problems", "summary"]);
    expect(report.date).toBe(FIXTURE_DAY);
    expect(report.stacks.map((s) => [s.stack, s.verdict, s.team, s.subscription])).toEqual([
      ["team-0", "advisory", "team-0", generatedSubscription(0)],
      ["team-1", "advisory", "team-1", generatedSubscription(0)],
    ]);
    const codex = report.pools.find((p) => p.model === "gpt-5.3-codex");
    expect(codex).toMatchObject({
      subscription: generatedSubscription(0),
      sku: "GlobalStandard",
      scope: "subscription",
      capacity: 40,
      quota: 1000,
      stacks: ["team-0", "team-1"],
    });
    expect(
      report.problems.every((p) => p.enforcement === "advisory" && typeof p.rule === "string" && p.stacks.length > 0),
    ).toBe(true);
    expect(readFileSync(html, "utf8")).toContain("team-1");
  });

  test("a pool over quota (one GlobalStandard pool across regions), a shared repository and overlapping networks exit 3 with every problem and its stacks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-bad-"));
    const big = (capacity: number) => [
      { name: "codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "GlobalStandard", capacity },
    ];
    writeGeneratedFleet(dir, 3, {
      0: { overrides: { models: big(600) } },
      1: { overrides: { models: big(500), "azure-native:location": "westus3", location: "westus3" } },
      2: {
        overrides: {
          github: { owner: "Contoso", repositories: [{ name: "TEAM-0-app" }] },
          networking: { mode: "create", addressSpace: "10.64.0.0/23" },
        },
      },
    });
    const result = await fleet(["--stacks-dir", dir]);
    expect(result.status, result.stderr).toBe(3);
    // Problems wrap at 120 columns: read them as one line of words.
    const words = result.stdout.replace(/\s+/g, " ");
    expect(words).toMatch(
      /\[FAIL\] quota-overflow: gpt-5\.3-codex GlobalStandard in subscription \S+ \(pool: subscription\) needs 1120 \(team-0 600, team-1 500, team-2 20\) but the quota is 1000/,
    );
    expect(words).toMatch(
      /\[FAIL\] repository-claimed-twice: repository contoso\/team-0-app is listed by team-0, team-2/,
    );
    expect(words).toMatch(
      /\[FAIL\] address-space-overlap: team-0 creates 10\.64\.0\.0\/24 and team-2 creates 10\.64\.0\.0\/23/,
    );
    expect(words).toMatch(
      /\[FAIL\] address-space-overlap: team-1 creates 10\.64\.1\.0\/24 and team-2 creates 10\.64\.0\.0\/23/,
    );
    expect(result.stdout).toMatch(/^4 mandatory problem\(s\)/m);
  });

  test("input problems exit 2, listed under each stack's name, and nothing is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-input-"));
    writeGeneratedFleet(dir, 1);
    writeFileSync(
      join(dir, "Pulumi.typo.yaml"),
      stringify({
        config: { ...generatedTeamConfig(5), "codex-boundary:dataBoundary": "mars", "codex-boundary:costCentre": "x" },
      }),
    );
    const elsewhere = { ...generatedTeamConfig(6), "azure-native:subscriptionId": "prod" };
    writeFileSync(join(dir, "Pulumi.elsewhere.yaml"), stringify({ config: elsewhere }));
    writeGeneratedPlatform(dir, [generatedTeamConfig(0), generatedTeamConfig(5), elsewhere]);
    const html = join(dir, "report.html");
    const result = await fleet(["--stacks-dir", dir, "--html", html]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).toMatch(/2 of 3 stack\(s\) cannot be planned/);
    expect(result.stderr).toMatch(
      / {2}elsewhere \(.*Pulumi\.elsewhere\.yaml\):\n(?: {4}- .*\n)*? {4}- azure-native:subscriptionId: must be a subscription ID/,
    );
    expect(result.stderr).toMatch(/ {2}typo \(.*\):\n(?: {4}- .*\n)*? {4}- codex-boundary:costCentre: unknown key/);
    expect(result.stderr).toMatch(/codex-boundary:dataBoundary: must be one of/);
    expect(result.stderr).toContain("Nothing was written.");
    expect(existsSync(html)).toBe(false);
  });

  test("a bad fleet.yaml exits 2 naming each problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-file-"));
    writeGeneratedFleet(dir, 1);
    writeFileSync(join(dir, "fleet.yaml"), "defaults:\n  gpt-5:\n    GlobalStandard: lots\n");
    const result = await fleet(["--stacks-dir", dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /1 problem\(s\) in .*fleet\.yaml:\n {2}- defaults\.gpt-5\.GlobalStandard: must be a number/,
    );
  });

  test("--help prints the usage and exits 0; an unknown flag exits 2 with it", async () => {
    const help = await fleet(["--help"]);
    expect(help.status).toBe(0);
    await expect(help.stdout).toMatchFileSnapshot("__snapshots__/fleetHelp.txt");
    const typo = await fleet(["--stack-dir", "x"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("usage: npm run fleet");
    expect(typo.stdout).toBe("");
  });

  describe("within the stacks folder's platform.yaml", () => {
    test("a second claim of dev's repository with baseUrl https://api.github.com written out no longer slips past: exit 2 naming github.host", async () => {
      const dir = mkdtempSync(join(tmpdir(), "fleet-baseurl-"));
      writeGeneratedFleet(dir, 2, {
        1: {
          overrides: {
            github: { owner: "contoso", baseUrl: "https://api.github.com", repositories: [{ name: "team-0-app" }] },
          },
        },
      });
      const result = await fleet(["--stacks-dir", dir]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        / {2}team-1 \(.*\):\n(?: {4}- .*\n)*? {4}- codex-boundary:github\.baseUrl: is not set in a stack file \(got "https:\/\/api\.github\.com"\): the GitHub host of every team is platform\.yaml github\.host/,
      );
      expect(result.stderr).not.toMatch(STACK_TRACE);
    });

    test("a team the platform file does not admit, or another provider's key: exit 2 under that stack", async () => {
      const dir = mkdtempSync(join(tmpdir(), "fleet-admit-"));
      writeGeneratedFleet(dir, 1);
      writeFileSync(join(dir, "Pulumi.team-7.yaml"), stringify({ config: generatedTeamConfig(7) }));
      writeFileSync(
        join(dir, "Pulumi.team-0.yaml"),
        stringify({
          config: { ...generatedTeamConfig(0), "azure-native:oidcRequestUrl": "https://evil.example/idtoken" },
        }),
      );
      const result = await fleet(["--stacks-dir", dir]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/2 of 2 stack\(s\) cannot be planned/);
      expect(result.stderr).toContain('codex-boundary:team: "team-7" is not admitted: platform.yaml teams [team-0]');
      expect(result.stderr).toContain(
        'azure-native:oidcRequestUrl: is not allowed in a stack file (got "https://evil.example/idtoken")',
      );
    });

    test("no platform.yaml in the stacks folder: exit 2 naming it, nothing planned or written", async () => {
      const dir = mkdtempSync(join(tmpdir(), "fleet-noplatform-"));
      writeFileSync(join(dir, "Pulumi.team-0.yaml"), stringify({ config: generatedTeamConfig(0) }));
      const html = join(dir, "report.html");
      const result = await fleet(["--stacks-dir", dir, "--html", html]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `no platform.yaml beside the stack files (looked for ${join(dir, "platform.yaml")})`,
      );
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stdout).toBe("");
      expect(existsSync(html)).toBe(false);
    });
  });
});
