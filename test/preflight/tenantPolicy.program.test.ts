import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TokenCredential } from "@azure/core-auth";
import { main, type PreflightIo } from "../../scripts/preflight";
import type { PreflightFinding } from "../../lib/preflight/findings";
import { runMain } from "../support/cliIo";
import { clockOn, NEVER_EXPIRES_MS } from "../support/clock";
import { PreflightStandIns } from "../support/preflightStandIns";
import { tempStackDir } from "../support/platformFiles";
import { PROJECT_DIR } from "../support/stackFiles";
import { assignment, builtIn, byId, descendant, initiative, MG, SUB } from "./tenantPolicyShapes";

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
  beforeEach(() => {
    s.calls.length = 0;
    s.assignmentsAt = {};
    s.unreadableSubscriptions = new Set();
    s.resourceGroups = new Set();
    s.managementGroupDescendants = {};
  });
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
      `at /subscriptions/${SUB}/resourceGroups/rg-codex-dev: assignment 'mcsb' (${assignment("mcsb", "").id}) would deny it: definition '${KEYS.properties.displayName}' (${KEYS.id}) in initiative 'mcsb initiative' as aiKeys; the rule tests Microsoft.CognitiveServices/accounts/disableLocalAuth, Microsoft.Search/searchServices/disableLocalAuth`,
    );
    expect(policy[0]?.fix).toContain("with policyDefinitionReferenceIds [aiKeys]");
    expect(policy[1]?.problem).toContain(
      "not evaluated offline (alias Microsoft.CognitiveServices/accounts/networkInjections is not in the alias table)",
    );
    const asked = s.calls.map((c) => `${c.path}?${c.apiVersion}`);
    for (const d of [MCSB, KEYS, CUSTOM]) expect(asked).toContain(`${d.id}?2023-04-01`);
    expect(asked).not.toContain(`${DNS.id}?2023-04-01`);
    // The team's group does not exist yet (404): the subscription's list stands for it.
    expect(asked).toContain(
      `/subscriptions/${SUB}/resourceGroups/rg-codex-dev/providers/Microsoft.Authorization/policyAssignments?2023-04-01`,
    );
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
      [
        "ai-account",
        `at /subscriptions/${SUB}/resourceGroups/rg-codex-payments-eu: assignment 'mcsb-keys' (${eu}/providers/Microsoft.Authorization/policyAssignments/mcsb-keys`,
      ],
    ]);
  });

  const HUB = "22222222-3333-4444-8555-666666666666";
  const HUB_GROUP = `/subscriptions/${HUB}/resourceGroups/rg-spoke-payments-endpoints`;
  const FIXTURES = join(PROJECT_DIR, "test", "fixtures");
  const NO_PUBLIC_ENDPOINTS = {
    id: `/subscriptions/${HUB}/providers/Microsoft.Authorization/policyDefinitions/endpoints-need-cost-center`,
    name: "endpoints-need-cost-center",
    properties: {
      displayName: "Private endpoints need a costCenter tag",
      mode: "Indexed",
      parameters: {},
      policyRule: {
        if: {
          allOf: [
            { field: "type", equals: "Microsoft.Network/privateEndpoints" },
            { field: "tags['costCenter']", exists: false },
          ],
        },
        then: { effect: "deny" },
      },
    },
  };
  const keysDeny = (name: string, more: Partial<ReturnType<typeof assignment>["properties"]> = {}) =>
    assignment(name, KEYS.id, { parameters: { effect: { value: "Deny" } }, ...more });

  test("the hub subscription's Deny hits the endpoints the stack writes there, and only them", async () => {
    s.policyAssignments = [];
    s.assignmentsAt = {
      [`/subscriptions/${HUB}`]: [
        assignment("hub-endpoints", NO_PUBLIC_ENDPOINTS.id, { scope: `/subscriptions/${HUB}` }),
        keysDeny("hub-keys", { scope: `/subscriptions/${HUB}` }),
      ],
    };
    s.resourceGroups = new Set([HUB_GROUP.toLowerCase()]);
    s.policyDefinitions = byId(NO_PUBLIC_ENDPOINTS, KEYS);
    const result = await run(["--stack-dir", FIXTURES], "hub");
    expect(result.stderr).toBe("");
    const policy = policyFindings(result.stdout);
    expect(policy.map((f) => f.subject)).toEqual([
      `private-endpoints-account (Microsoft.Network/privateEndpoints ${HUB_GROUP}/providers/Microsoft.Network/privateEndpoints/pe-aif-codex-payments-eu)`,
      `private-endpoints-vault (Microsoft.Network/privateEndpoints ${HUB_GROUP}/providers/Microsoft.Network/privateEndpoints/pe-kv-codex-payments-eu)`,
    ]);
    expect(policy[0]?.problem).toMatch(new RegExp(`^at ${HUB_GROUP}: assignment 'hub-endpoints'`));
    const asked = s.calls.map((c) => c.path);
    expect(asked).toContain(`${HUB_GROUP}/providers/Microsoft.Authorization/policyAssignments`);
    expect(asked).toContain(`/subscriptions/${HUB}/providers/Microsoft.Authorization/policyAssignments`);
  });

  test("a hub subscription the identity cannot read: not checked, with the fix", async () => {
    s.policyAssignments = [];
    s.unreadableSubscriptions = new Set([`/subscriptions/${HUB}`]);
    s.policyDefinitions = {};
    const result = await run(["--stack-dir", FIXTURES], "hub");
    expect(result.code).toBe(1);
    const policy = policyFindings(result.stdout);
    expect(policy.map((f) => [f.subject, f.fix])).toEqual([
      [
        `/subscriptions/${HUB}`,
        `grant the signed-in identity Reader (Microsoft.Authorization/policyAssignments/read, policyDefinitions/read, policySetDefinitions/read) on subscription ${HUB}, or ask the platform team that runs it to check the stack's endpoints against its assignments`,
      ],
    ]);
    expect(policy[0]?.problem).toContain(
      `where the stack writes the private endpoints and their DNS zone groups (${HUB_GROUP}) (HTTP 403: AuthorizationFailed: The client does not have authorization to perform action 'Microsoft.Authorization/policyAssignments/read'`,
    );
    expect(policy[0]?.problem).toMatch(/; Azure Policy denials there were not checked$/);
  });

  test("management-group notScopes: the group above the subscription excludes it, a sibling does not, an unreadable one is not evaluated", async () => {
    const mg = (name: string) => `/providers/Microsoft.Management/managementGroups/${name}`;
    s.policyAssignments = [
      keysDeny("keys-but-sandbox", { notScopes: [mg("corp-sandbox")] }),
      keysDeny("keys-but-online", { notScopes: [mg("online")] }),
      keysDeny("keys-but-restricted", { notScopes: [mg("restricted")] }),
    ];
    s.managementGroupDescendants = {
      [mg("corp-sandbox").toLowerCase()]: [
        descendant(mg("corp-sandbox-eu"), mg("corp-sandbox")),
        descendant(`/subscriptions/${SUB}`, mg("corp-sandbox-eu")),
      ],
      [mg("online").toLowerCase()]: [descendant(`/subscriptions/${HUB}`, mg("online"))],
    };
    s.policyDefinitions = byId(KEYS);
    const result = await run(["--stack-dir", tempStackDir({ "Pulumi.dev.yaml": DEV })]);
    expect(result.stderr).toBe("");
    const policy = policyFindings(result.stdout);
    expect(policy.map((f) => f.problem.split(": ")[1]?.split(" (")[0])).toEqual([
      "assignment 'keys-but-online'",
      "assignment 'keys-but-restricted'",
    ]);
    expect(policy[0]?.subject).toMatch(/^ai-account /);
    expect(policy[1]?.subject).toBe(`${MG}/providers/Microsoft.Authorization/policyAssignments/keys-but-restricted`);
    expect(policy[1]?.problem).toContain(
      `not evaluated: cannot read management groups (${mg("restricted")}: HTTP 403: AuthorizationFailed:`,
    );
    const asked = s.calls.map((c) => `${c.path}?${c.apiVersion}`);
    // Both pages of corp-sandbox's descendants were read (the subscription is on the second).
    expect(asked.filter((a) => a === `${mg("corp-sandbox")}/descendants?2023-04-01`)).toHaveLength(2);
  });
});
