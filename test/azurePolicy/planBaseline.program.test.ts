import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { BaselineReport } from "../../lib/azurePolicy/report";
import { BASELINE } from "../../lib/azurePolicy/report";
import { main } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";

async function plan(args: string[]) {
  return runMain(main, [...args, "--as-of", FIXTURE_DAY, "--out", mkdtempSync(join(tmpdir(), "cb-plan-out-"))]);
}

// Which findings dev has changes as issue 26's fixes land (test/azurePolicy/baselineFindings.test.ts pins them from
// constructed inputs); what holds here is the wiring: every finding names a planned resource and a baseline
// definition, key mode's key access stays reported, and the section never changes the exit code.
test("npm run plan reports the Azure Policy baseline per planned resource in --json and in the text, advisory only", async () => {
  const json = await plan(["--stack", "dev", "--json"]);
  expect(json.code, json.stderr).toBe(0);
  const doc = JSON.parse(json.stdout) as { resources: Array<{ urn: string }>; azurePolicyBaseline: BaselineReport };
  const report = doc.azurePolicyBaseline;
  expect(report.sources).toEqual([
    { repository: "Azure/azure-policy", commit: "f4a50bacae07ddb096943c597669bcae494a6e29" },
    { repository: "Azure/Enterprise-Scale", commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
  ]);
  expect(report.definitions).toBe(BASELINE.definitions.length);
  const urns = new Set(doc.resources.map((r) => r.urn));
  const names = new Set(BASELINE.definitions.map((d) => d.name.slice(0, /^[0-9a-f]{8}-/.test(d.name) ? 8 : undefined)));
  for (const f of report.findings) {
    expect(urns.has(f.urn), f.urn).toBe(true);
    expect(names.has(f.definition), f.definition).toBe(true);
  }
  expect(report.findings).toContainEqual(
    expect.objectContaining({
      resource: "ai-account",
      definition: "71ef260a",
      effect: "Audit",
      denyCapable: true,
      outcome: "noncompliant",
      optOut: expect.objectContaining({ path: "auth.mode", value: "key" }),
    }),
  );
  expect(report.findings.filter((f) => f.denyCapable && f.outcome === "noncompliant").length).toBeGreaterThan(0);

  const text = await plan(["--stack", "dev"]);
  expect(text.code).toBe(0);
  const lines = text.stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Azure Policy baseline (advisory, "));
  expect(start).toBeGreaterThan(lines.findIndex((l) => l.startsWith("Compliance report")));
  expect(lines.slice(start)).toContain("  ai-account (Microsoft.CognitiveServices/accounts)");
  expect(
    lines.slice(start).some((l) => /^ {4}Audit +71ef260a v1\.1\.0 .*, opt-out: auth\.mode = key$/.test(l)),
  ).toBe(true);
});

test("entra mode: the federated credentials are reported under 2571b7c3's default parameters, the account's key access is not", async () => {
  const json = await plan(["--stack-dir", "test/fixtures", "--stack", "entra", "--json"]);
  expect(json.code, json.stderr).toBe(0);
  const { findings } = (JSON.parse(json.stdout) as { azurePolicyBaseline: BaselineReport }).azurePolicyBaseline;
  expect(findings.filter((f) => f.definition === "2571b7c3").length).toBeGreaterThan(0);
  expect(findings.filter((f) => f.definition === "71ef260a")).toEqual([]);
});
