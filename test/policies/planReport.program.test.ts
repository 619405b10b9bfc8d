import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mandatoryFailures } from "../../lib/policy/report";
import { noNestedArmDeployments, noPimOrRoleDefinitions } from "../../lib/policy/privilege";
import { planVerdicts } from "../../lib/plan/render";
import { catalogEntry } from "../../lib/models/modelCatalog";
import { FIXTURES_DIR, runStack } from "../support/runStack";
import { addDays, FIXTURE_DAY, FIXTURE_NOW_MS } from "../support/clock";
import { stackConfig } from "../support/stackFiles";
import { main } from "../../scripts/plan";
import { runMain } from "../support/cliIo";

/** `npm run plan` in this process (its main, from the project folder) on the fixture day, unless the arguments name another. */
async function plan(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const asOf = args.includes("--as-of") ? [] : ["--as-of", FIXTURE_DAY];
  const { code, stdout, stderr } = await runMain(main, [...args, ...asOf]);
  return { status: code, stdout, stderr };
}

describe("the compliance report in plan", () => {
  test.each([
    ["dev", {}],
    ["hub", { fixture: "Pulumi.hub.yaml" }],
  ])("the %s stack passes every mandatory control", async (stack, options) => {
    const verdicts = planVerdicts(await runStack({ stack, ...options }), FIXTURE_NOW_MS);
    expect(mandatoryFailures(verdicts)).toEqual([]);
    // Every mandatory control had something to judge; an opt-out control may find nothing to look at (no opt-out taken),
    // nor may a control refusing resource types no team stack has (PIM, role definitions, nested ARM deployments).
    const refusing = [noPimOrRoleDefinitions.name, noNestedArmDeployments.name];
    expect(
      verdicts
        .filter((v) => v.enforcement === "mandatory" && v.examined.length === 0 && !refusing.includes(v.name))
        .map((v) => v.name),
    ).toEqual([]);
  });

  test("a deliberately non-compliant team: everything is printed and written, the failure is named, exit code 3", async () => {
    const out = mkdtempSync(join(tmpdir(), "cb-noncompliant-"));
    const text = await plan(["--stack", "noncompliant", "--stack-dir", FIXTURES_DIR, "--out", out]);
    expect(text.status).toBe(3);
    expect(text.stdout).toMatch(/^Resources: \d+ to create$/m);
    expect(text.stdout).toMatch(/\[FAIL\] ai-and-vault-private-only \(mandatory, each resource before it is created\)/);
    expect(text.stdout).toContain(
      'cognitiveservices:Account::ai-account: publicNetworkAccess is "Enabled", must be "Disabled"',
    );
    expect(text.stdout).toMatch(/fix: Remove the account.publicNetworkAccess opt-out/);
    expect(text.stdout).toMatch(/\[PASS\] key-vault-protected/);
    expect(existsSync(join(out, "noncompliant", "config.toml"))).toBe(true);

    const json = await plan(["--stack", "noncompliant", "--stack-dir", FIXTURES_DIR, "--out", out, "--json"]);
    expect(json.status).toBe(3);
    const doc = JSON.parse(json.stdout) as {
      policies: Array<{
        name: string;
        enforcement: string;
        verdict: string;
        violations: Array<{ urn: string; message: string }>;
      }>;
    };
    const failed = doc.policies.filter((p) => p.verdict === "fail" && p.enforcement === "mandatory");
    expect(failed.map((p) => p.name)).toEqual(["ai-and-vault-private-only"]);
    expect(failed[0]?.violations).toEqual([
      {
        urn: "urn:pulumi:noncompliant::codex-boundary::codex-boundary:azure:AiAccount$azure-native:cognitiveservices:Account::ai-account",
        message: 'publicNetworkAccess is "Enabled", must be "Disabled"',
      },
    ]);
    for (const policy of doc.policies)
      expect(Object.keys(policy).sort()).toEqual(["enforcement", "name", "verdict", "violations"]);
  });

  test("a team taking every opt-out: the report and --json name each one, never a bare 'all pass' (regression)", async () => {
    const out = mkdtempSync(join(tmpdir(), "cb-optouts-"));
    const text = await plan(["--stack", "optouts", "--stack-dir", FIXTURES_DIR, "--out", out]);
    expect(text.status, text.stderr).toBe(3);
    const named: Array<[string, "FAIL" | "ADVISE", RegExp]> = [
      ["data-boundary-opt-out", "ADVISE", /dataBoundary is "global"/],
      ["full-access-opt-out", "ADVISE", /codex.allowFullAccess is true/],
      ["outbound-restricted", "FAIL", /outbound host "\*\.blob\.core\.windows\.net" is a wildcard/],
      [
        "outbound-fqdns-allow-listed",
        "ADVISE",
        /outbound host "contoso-search.search.windows.net" \(account.allowedFqdns\) is not on the boundary's allow list/,
      ],
      [
        "github-repository-secret-opt-out",
        "ADVISE",
        /AZURE_OPENAI_API_KEY is a plain repository secret of legacy-tools/,
      ],
      ["key-rotation-bounded", "ADVISE", /the rotation period is 120 days/],
      ["ai-and-vault-private-only", "FAIL", /publicNetworkAccess is "Enabled"/],
      ["budget-amount-bounded", "ADVISE", /monthly budget is 1000000000/],
      ["key-environment-reviewed", "ADVISE", /environment payments-api\/codex has no required reviewers/],
    ];
    for (const [name, label, message] of named) {
      expect(text.stdout).toMatch(new RegExp(`\\[${label}\\] ${name} \\(`));
      expect(text.stdout).toMatch(message);
    }
    expect(text.stdout).toMatch(
      /the key stays valid until 2099-\d\d-\d\d, more than two rotation periods \(240 days\) from now/,
    );
    expect(text.stdout).not.toContain("All mandatory controls pass.");
    expect(text.stdout).toMatch(
      /advisory finding\(s\), opt-outs or recommendations not followed: .*data-boundary-opt-out.*full-access-opt-out/,
    );

    const json = await plan(["--stack", "optouts", "--stack-dir", FIXTURES_DIR, "--out", out, "--json"]);
    expect(json.status).toBe(3);
    const doc = JSON.parse(json.stdout) as {
      policies: Array<{ name: string; enforcement: string; verdict: string; violations: Array<{ message: string }> }>;
    };
    for (const [name, label, message] of named) {
      const policy = doc.policies.find((p) => p.name === name);
      expect([policy?.verdict, policy?.enforcement], name).toEqual([
        "fail",
        label === "FAIL" ? "mandatory" : "advisory",
      ]);
      expect(policy?.violations.map((v) => v.message).join("\n")).toMatch(message);
    }
  });

  test("a deployed model inside its 30-day window, and on its retirement day: planned as deployed, exit 0, named with the date and the successor", async () => {
    // The fixture's retiring deployment and its date come from the catalog (test/config/shippedStackFiles.test.ts checks it
    // still retires with no replacement); the days around it are passed with --as-of. Offline, the plan has no
    // state: it plans the stack as deployed, so the retirement is named, not refused (adding it is:
    // test/models/retirementGate.program.test.ts).
    const models = JSON.parse(
      stackConfig({ stack: "retiring", fixture: "Pulumi.retiring.yaml" }).values["codex-boundary:models"] ?? "[]",
    ) as Array<{ name: string; model: string; version: string }>;
    const retiring = models[1]!;
    const retires = catalogEntry(retiring.model, retiring.version)?.retirementDate ?? "";
    const out = mkdtempSync(join(tmpdir(), "cb-retiring-"));
    const before = await plan([
      "--stack",
      "retiring",
      "--stack-dir",
      FIXTURES_DIR,
      "--out",
      out,
      "--as-of",
      addDays(retires, -10),
    ]);
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/\[ADVISE\] model-not-retiring \(advisory/);
    expect(before.stdout).toContain(
      `deployment-${retiring.name}: ${retiring.model} ${retiring.version} retires on ${retires} (in 10 days); successor: `,
    );
    expect(before.stdout).toContain(
      "pulumi up refuses adding or changing to it, and leaves a deployment of it as it is",
    );
    const on = await plan(["--stack", "retiring", "--stack-dir", FIXTURES_DIR, "--out", out, "--as-of", retires]);
    expect(on.status, on.stderr).toBe(0);
    expect(on.stdout).toContain(
      `${retiring.model} ${retiring.version} retired on ${retires}: it answers 410 Gone; successor: `,
    );
  });

  test("a compliant stack with an opt-out still says which: the summary line names every advisory finding", async () => {
    const out = mkdtempSync(join(tmpdir(), "cb-dev-"));
    const text = await plan(["--stack", "dev", "--out", out]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /All mandatory controls pass\.\n {2}\d+ advisory finding\(s\), opt-outs or recommendations not followed: .*data-boundary-opt-out/,
    );
  });
});
