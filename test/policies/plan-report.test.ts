import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mandatoryFailures } from "../../lib/policy/report";
import { planVerdicts } from "../../lib/plan/render";
import { FIXTURES_DIR, PROJECT_DIR, runStack } from "../support/runStack";

function plan(args: string[]) {
  return spawnSync("npm", ["run", "--silent", "plan", "--", ...args], { cwd: PROJECT_DIR, encoding: "utf8", timeout: 120_000 });
}

describe("the compliance report in plan", () => {
  test.each([
    ["dev", {}],
    ["hub", { fixture: "Pulumi.hub.yaml" }],
  ])("the %s stack passes every mandatory control", async (stack, options) => {
    const verdicts = planVerdicts(await runStack({ stack, ...options }));
    expect(mandatoryFailures(verdicts)).toEqual([]);
    expect(verdicts.every((v) => v.examined.length > 0)).toBe(true);
  });

  test("a deliberately non-compliant team: everything is printed and written, the failure is named, exit code 3", () => {
    const out = mkdtempSync(join(tmpdir(), "cb-noncompliant-"));
    const text = plan(["--stack", "noncompliant", "--stack-dir", FIXTURES_DIR, "--out", out]);
    expect(text.status).toBe(3);
    expect(text.stdout).toMatch(/^Resources: \d+ to create$/m);
    expect(text.stdout).toMatch(/\[FAIL\] ai-and-vault-private-only \(mandatory, each resource before it is created\)/);
    expect(text.stdout).toContain('cognitiveservices:Account::account: publicNetworkAccess is "Enabled", must be "Disabled"');
    expect(text.stdout).toMatch(/fix: Remove the account.publicNetworkAccess opt-out/);
    expect(text.stdout).toMatch(/\[PASS\] key-vault-protected/);
    expect(existsSync(join(out, "noncompliant", "config.toml"))).toBe(true);

    const json = plan(["--stack", "noncompliant", "--stack-dir", FIXTURES_DIR, "--out", out, "--json"]);
    expect(json.status).toBe(3);
    const doc = JSON.parse(json.stdout) as { policies: Array<{ name: string; enforcement: string; verdict: string; violations: Array<{ urn: string; message: string }> }> };
    const failed = doc.policies.filter((p) => p.verdict === "fail" && p.enforcement === "mandatory");
    expect(failed.map((p) => p.name)).toEqual(["ai-and-vault-private-only"]);
    expect(failed[0]?.violations).toEqual([
      { urn: "urn:pulumi:noncompliant::codex-boundary::codex-boundary:azure:AiAccount$azure-native:cognitiveservices:Account::account", message: 'publicNetworkAccess is "Enabled", must be "Disabled"' },
    ]);
    for (const policy of doc.policies) expect(Object.keys(policy).sort()).toEqual(["enforcement", "name", "verdict", "violations"]);
  });
});
