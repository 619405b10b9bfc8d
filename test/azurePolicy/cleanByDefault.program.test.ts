import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { BaselineReport } from "../../lib/azurePolicy/report";
import { main } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";

// Issue 26, "clean by default": dev and every fixture meet every Deny-capable baseline definition, or the finding is
// an opt-out naming the stack file setting that chose it. The table pins which opt-outs each stack takes, so a
// change of that setting (or a new defect) fails here.
async function baseline(stack: string): Promise<BaselineReport> {
  const where = stack === "dev" ? [] : ["--stack-dir", "test/fixtures"];
  const run = await runMain(main, [
    ...where,
    "--stack",
    stack,
    "--json",
    "--as-of",
    FIXTURE_DAY,
    "--out",
    mkdtempSync(join(tmpdir(), "cb-clean-")),
  ]);
  // retiring plans with exit 3 (a mandatory model control), noncompliant and optouts too: the document is printed.
  expect([0, 3], run.stderr).toContain(run.code);
  return (JSON.parse(run.stdout) as { azurePolicyBaseline: BaselineReport }).azurePolicyBaseline;
}

const KEY = "71ef260a auth.mode = key";
const DNS = "Deny-Private-DNS-Zones networking.mode = create";

const EXPECTED_OPT_OUTS: Record<string, string[]> = {
  dev: [KEY, DNS],
  entra: ["2571b7c3 auth.mode = entra", DNS],
  hub: ["67121cc7 account.kind = OpenAI", KEY],
  noncompliant: [KEY, DNS],
  optouts: [KEY, DNS],
  retiring: [KEY, DNS],
};

describe("every Deny-capable baseline finding of dev and the fixtures is an opt-out the stack file chose", () => {
  for (const [stack, expected] of Object.entries(EXPECTED_OPT_OUTS)) {
    test(stack, async () => {
      const report = await baseline(stack);
      const denied = report.findings.filter((f) => f.outcome === "noncompliant" && f.denyCapable);
      expect(
        denied.filter((f) => f.optOut === undefined).map((f) => `${f.resource} ${f.definition}`),
        "Deny-capable findings without an opt-out",
      ).toEqual([]);
      const chosen = [...new Set(denied.map((f) => `${f.definition} ${f.optOut?.path} = ${f.optOut?.value}`))];
      expect(chosen.sort()).toEqual([...expected].sort());
      for (const f of denied) {
        expect(f.optOut?.why.length, `${f.definition} why`).toBeGreaterThan(0);
        expect(f.optOut?.fix.length, `${f.definition} fix`).toBeGreaterThan(0);
      }
      // The diagnostic-settings and private-endpoint remediations find what the stack plans.
      const remediations = report.findings.filter((f) => ["55d1f543", "6b359d8f", "db630ad5"].includes(f.definition));
      expect(remediations.map((f) => `${f.resource} ${f.definition}`)).toEqual([]);
    });
  }

  test("the key-access opt-out names the granted exemption where the stack plans one (hub), and entra mode has none", async () => {
    const key = (report: BaselineReport) => report.findings.find((f) => f.definition === "71ef260a");
    const hub = key(await baseline("hub"));
    expect(hub?.exemption?.name).toBe("codex-key-auth-payments-eu");
    expect(hub?.optOut?.fix).toContain("covered by the stack's exemption codex-key-auth-payments-eu");
    expect(hub?.optOut?.fix).toContain("policyAssignments/ai-disable-local-auth");
    expect(key(await baseline("dev"))?.optOut?.fix).toMatch(/^set auth\.mode: entra .*platform\.yaml/);
    expect(key(await baseline("entra"))).toBeUndefined();
  });

  test("the diagnostic settings are judged with the workspace each stack sends to: the created one, or audit's central one", async () => {
    const workspaces = (report: BaselineReport) => [...new Set(report.assumptions.map((a) => a.parameters.logAnalytics))];
    expect(workspaces(await baseline("dev"))).toEqual([
      "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourceGroups/rg-codex-dev/providers/Microsoft.OperationalInsights/workspaces/log-codex-dev",
    ]);
    const hub = await baseline("hub");
    expect(workspaces(hub)).toEqual([
      "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-hub-monitor/providers/Microsoft.OperationalInsights/workspaces/log-hub-security",
    ]);
    expect(hub.assumptions.map((a) => `${a.resource} ${a.definition} ${a.parameters.categoryGroup}`)).toEqual([
      "ai-account 55d1f543 allLogs",
      "key-vault 6b359d8f allLogs",
    ]);
  });
});
