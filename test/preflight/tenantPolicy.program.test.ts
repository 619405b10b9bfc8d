import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TokenCredential } from "@azure/core-auth";
import { main, type PreflightIo } from "../../scripts/preflight";
import type { PreflightFinding } from "../../lib/preflight/findings";
import { runMain } from "../support/cliIo";
import { clockOn, NEVER_EXPIRES_MS } from "../support/clock";
import { PreflightStandIns } from "../support/preflightStandIns";
import { tempStackDir } from "../support/platformFiles";
import { PROJECT_DIR } from "../support/stackFiles";
import { assignment, builtIn, byId, initiative, SUB } from "./tenantPolicyShapes";

const DEV = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
const KEYS = builtIn("71ef260a");
const DNS = builtIn("Deny-Private-DNS-Zones");
const MCSB = initiative(
  "mcsb",
  [{ definition: KEYS, referenceId: "aiKeys", parameters: { effect: "[parameters('aiKeysEffect')]" } }],
  { aiKeysEffect: { type: "String", defaultValue: "Audit" } },
);
const CUSTOM = {
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/no-injection`,
  name: "no-injection",
  properties: {
    displayName: "No network injection",
    mode: "Indexed",
    parameters: {},
    policyRule: {
      if: {
        allOf: [
          { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
          { field: "Microsoft.CognitiveServices/accounts/networkInjections", exists: true },
        ],
      },
      then: { effect: "deny" },
    },
  },
};

describe("npm run preflight: the tenant's policy assignments against the offline plan (ARM stand-in)", () => {
  const s = new PreflightStandIns();
  beforeAll(() => s.start());
  afterAll(() => s.stop());
  const run = (args: string[], stack = "dev") =>
    runMain<PreflightIo>(
      main,
      ["--stack", stack, "--json", "--arm-endpoint", s.armEndpoint, "--github-api-url", s.githubApi, ...args],
      {
        credential: (): TokenCredential => ({
          getToken: async () => ({ token: s.token, expiresOnTimestamp: NEVER_EXPIRES_MS }),
        }),
        clock: clockOn("2026-12-07"),
        env: { ARM_SUBSCRIPTION_ID: SUB, GITHUB_TOKEN: s.githubToken },
        projectDir: PROJECT_DIR,
        tlsCa: s.ca,
      },
    );
  const policyFindings = (stdout: string) =>
    (JSON.parse(stdout) as { findings: PreflightFinding[] }).findings.filter((f) => f.check === "policy");

  test("every Deny the dev plan would meet, DoNotEnforce respected, the unjudged rule not evaluated", async () => {
    s.policyAssignments = [
      assignment("mcsb", MCSB.id, { parameters: { aiKeysEffect: { value: "Deny" } } }),
      assignment("alz-dns", DNS.id, { enforcementMode: "DoNotEnforce" }),
      assignment("no-injection", CUSTOM.id, { scope: `/subscriptions/${SUB}` }),
    ];
    s.policyDefinitions = byId(MCSB, KEYS, DNS, CUSTOM);
    const result = await run(["--stack-dir", tempStackDir({ "Pulumi.dev.yaml": DEV })]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const policy = policyFindings(result.stdout);
    const accountId = `/subscriptions/${SUB}/resourceGroups/rg-codex-dev/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`;
    expect(policy.map((f) => f.subject)).toEqual([
      `ai-account (Microsoft.CognitiveServices/accounts ${accountId})`,
      `ai-account (Microsoft.CognitiveServices/accounts ${accountId})`,
    ]);
    expect(policy[0]?.problem).toBe(
      `assignment 'mcsb' (${assignment("mcsb", "").id}) would deny it: definition '${KEYS.properties.displayName}' (${KEYS.id}) in initiative 'mcsb initiative' as aiKeys; the rule tests Microsoft.CognitiveServices/accounts/disableLocalAuth, Microsoft.Search/searchServices/disableLocalAuth`,
    );
    expect(policy[0]?.fix).toContain("with policyDefinitionReferenceIds [aiKeys]");
    expect(policy[1]?.problem).toContain(
      "not evaluated offline (alias Microsoft.CognitiveServices/accounts/networkInjections is not in the alias table)",
    );
    const asked = s.calls.map((c) => `${c.path}?${c.apiVersion}`);
    for (const d of [MCSB, KEYS, CUSTOM]) expect(asked).toContain(`${d.id}?2023-04-01`);
    expect(asked).not.toContain(`${DNS.id}?2023-04-01`);
  });

  test("the hub fixture's planned exemption lifts the Deny of the assignment it names, not another's", async () => {
    const eu = "/providers/Microsoft.Management/managementGroups/contoso-eu";
    const deny = { parameters: { effect: { value: "Deny" } }, scope: eu };
    s.policyAssignments = [assignment("ai-disable-local-auth", KEYS.id, deny), assignment("mcsb-keys", KEYS.id, deny)];
    s.policyDefinitions = byId(KEYS);
    const result = await run(["--stack-dir", join(PROJECT_DIR, "test", "fixtures")], "hub");
    expect(result.stderr).toBe("");
    const policy = policyFindings(result.stdout);
    expect(policy.map((f) => [f.subject.split(" ")[0], f.problem.split(") would deny")[0]])).toEqual([
      ["ai-account", `assignment 'mcsb-keys' (${eu}/providers/Microsoft.Authorization/policyAssignments/mcsb-keys`],
    ]);
  });
});
