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
import { armItem } from "../models/armItems";
import { drawnTexts, ERASED_LINE } from "../support/terminalStderr";

const SUB = "00000000-0000-4000-8000-00000000c0de";
const DEV = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
const MODELS = [
  ["gpt-5.5", "2026-04-24"],
  ["gpt-5.1-codex", "2025-11-13"],
  ["gpt-5.1-codex-mini", "2025-11-13"],
] as const;
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-codex-dev/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`;
const NAMESPACES = [
  "Microsoft.CognitiveServices",
  "Microsoft.KeyVault",
  "Microsoft.Network",
  "Microsoft.Insights",
  "Microsoft.OperationalInsights",
  "Microsoft.Consumption",
  "Microsoft.Authorization",
];
const CONTRIBUTOR = {
  actions: ["*"],
  notActions: [
    "Microsoft.Authorization/*/Delete",
    "Microsoft.Authorization/*/Write",
    "Microsoft.Authorization/elevateAccess/Action",
  ],
};

function healthy(s: PreflightStandIns): void {
  s.providers = Object.fromEntries(NAMESPACES.map((n) => [n, "Registered"]));
  s.permissions = { [`/subscriptions/${SUB}`]: [{ actions: ["*"], notActions: [] }] };
  s.locationModels = { eastus2: MODELS.map(([m, v]) => armItem(m, v, ["GlobalStandard"])) };
  s.usages = {
    eastus2: MODELS.map(([m]) => ({
      name: { value: `OpenAI.GlobalStandard.${m}` },
      limit: 1000,
      currentValue: 0,
      unit: "Count",
    })),
  };
  s.accounts = {};
  s.raiPolicies = new Set();
  s.policyAssignments = [];
  s.policyDefinitions = {};
  s.repositories = {
    "contoso/platform-tools": { admin: true, push: true },
    "contoso/payments-api": { admin: true, push: true },
  };
  s.oauthScopes = "repo, workflow";
  s.refusedPaths = new Set();
}

describe("npm run preflight -- --stack <team>, against ARM and GitHub stand-ins on 127.0.0.1", () => {
  const s = new PreflightStandIns();
  beforeAll(() => s.start());
  afterAll(() => s.stop());
  beforeEach(() => {
    s.calls.length = 0;
    healthy(s);
  });

  const run = (args: string[], stackText = DEV, over: Partial<PreflightIo> = {}) =>
    runMain<PreflightIo>(
      main,
      [
        "--stack",
        "dev",
        "--stack-dir",
        tempStackDir({ "Pulumi.dev.yaml": stackText }),
        "--arm-endpoint",
        s.armEndpoint,
        "--github-api-url",
        s.githubApi,
        ...args,
      ],
      {
        credential: (): TokenCredential => ({
          getToken: async () => ({ token: s.token, expiresOnTimestamp: NEVER_EXPIRES_MS }),
        }),
        clock: clockOn("2026-12-07"),
        env: { ARM_SUBSCRIPTION_ID: SUB, GITHUB_TOKEN: s.githubToken },
        projectDir: PROJECT_DIR,
        tlsCa: s.ca,
        ...over,
      },
    );

  test("a subscription and token ready for dev's first deployment: exit 0, every read at its documented api-version", async () => {
    const result = await run([]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Stack dev: preflight found nothing in the way of pulumi up (subscription ${SUB}, eastus2`,
    );
    const arm = s.calls.filter((c) => c.server === "arm");
    expect(arm.every((c) => c.authorization === `Bearer ${s.token}`)).toBe(true);
    const asked = new Set(arm.map((c) => `${c.path}?${c.apiVersion}`));
    for (const n of NAMESPACES) expect(asked).toContain(`/subscriptions/${SUB}/providers/${n}?2021-04-01`);
    expect(asked).toContain(`/subscriptions/${SUB}/providers/Microsoft.Authorization/permissions?2022-04-01`);
    expect(asked).toContain(
      `/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/locations/eastus2/usages?2025-06-01`,
    );
    expect(asked).toContain(`${ACCOUNT}?2025-06-01`);
    expect(asked).toContain(`/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments?2023-04-01`);
    const github = s.calls.filter((c) => c.server === "github");
    expect(github.map((c) => c.path).sort()).toEqual([
      "/api/v3/repos/contoso/payments-api",
      "/api/v3/repos/contoso/platform-tools",
    ]);
    expect(
      github.every((c) => c.authorization === `Bearer ${s.githubToken}` && c.githubApiVersion === "2022-11-28"),
    ).toBe(true);
  });

  test("on a terminal: a progress bar of the reads on stderr, erased; stdout byte for byte as without", async () => {
    const piped = await run([]);
    s.calls.length = 0;
    const onTerminal = await run([], DEV, { stderrIsTTY: true, stderrColumns: 90 });
    expect([onTerminal.code, onTerminal.stdout]).toEqual([piped.code, piped.stdout]);
    expect(piped.stderr).toBe("");
    const drawn = drawnTexts(onTerminal.stderr);
    // One read per provider, the permissions, the models, the account, the usages, each repository, the policy
    // assignments at the subscription and at the resource group: each counted when it starts, ticked when it ends.
    const reads = NAMESPACES.length + 1 + 1 + 1 + 1 + 2 + 2;
    expect(drawn.at(-1)).toMatch(new RegExp(`^preflight \\[=+\\] ${reads}/${reads} reads \\| `));
    for (const text of drawn) expect(text.length).toBeLessThanOrEqual(90);
    expect(onTerminal.stderr.endsWith(ERASED_LINE)).toBe(true);
  });

  test("everything wrong at once: each problem listed with its fix, exit 1", async () => {
    s.providers["Microsoft.Consumption"] = "NotRegistered";
    s.providers["Microsoft.KeyVault"] = "Registering";
    // Two roles, served one per page: Contributor and a reader of role assignments; no role can write them.
    s.permissions = {
      [`/subscriptions/${SUB}`]: [
        CONTRIBUTOR,
        { actions: ["Microsoft.Authorization/roleAssignments/read"], notActions: [] },
      ],
    };
    s.locationModels = { eastus2: MODELS.slice(0, 2).map(([m, v]) => armItem(m, v, ["GlobalStandard"])) };
    s.usages = {
      eastus2: [
        { name: { value: "OpenAI.GlobalStandard.gpt-5.5" }, limit: 150, currentValue: 0 },
        { name: { value: "OpenAI.GlobalStandard.gpt-5.1-codex" }, limit: 1000, currentValue: 0 },
      ],
    };
    s.repositories = { "contoso/platform-tools": { admin: false, push: true } };
    const stack = DEV.replace("      capacity: 200\n", "      capacity: 200\n      raiPolicyName: strict-codex\n");
    const result = await run(["--json"], stack);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: PreflightFinding[] }).findings;
    expect(findings.map((f) => [f.check, f.subject])).toEqual([
      ["provider", "Microsoft.KeyVault"],
      ["provider", "Microsoft.Consumption"],
      ["permission", `/subscriptions/${SUB}`],
      ["model", "codex-boundary:models[2].version"],
      ["rai-policy", "codex-boundary:models[0].raiPolicyName"],
      ["quota", "codex-boundary:models[0].capacity"],
      ["github", "contoso/platform-tools"],
      ["github", "contoso/payments-api"],
    ]);
    expect(findings[2]?.problem).toBe(
      `the deployer lacks 2 action(s) on subscription ${SUB} (where rg-codex-dev is created): Microsoft.Authorization/roleAssignments/write, Microsoft.Authorization/roleAssignments/delete`,
    );
    expect(findings[5]?.problem).toContain(
      "need(s) 200 of OpenAI.GlobalStandard.gpt-5.5 in eastus2, but only 150 is free",
    );
    const text = await run([], stack);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Stack dev: 8 problem\(s\) would stop pulumi up/);
    expect(text.stdout).toContain("  - [provider] Microsoft.Consumption: is NotRegistered");
  });

  test("a later deployment: the account's own capacity counts as free, its custom RAI policy is found", async () => {
    s.accounts = {
      [ACCOUNT.toLowerCase()]: [
        {
          name: "gpt-5.5",
          sku: { name: "GlobalStandard", capacity: 200 },
          properties: { model: { format: "OpenAI", name: "gpt-5.5", version: "2026-04-24" } },
        },
      ],
    };
    s.raiPolicies = new Set(["strict-codex"]);
    s.usages = {
      eastus2: MODELS.map(([m]) => ({
        name: { value: `OpenAI.GlobalStandard.${m}` },
        limit: 250,
        currentValue: m === "gpt-5.5" ? 200 : 0,
      })),
    };
    const stack = DEV.replace("      capacity: 200\n", "      capacity: 200\n      raiPolicyName: strict-codex\n");
    const result = await run([], stack);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const paths = s.calls.map((c) => c.path);
    expect(paths).toContain(`${ACCOUNT}/deployments`);
    expect(paths).toContain(`${ACCOUNT}/raiPolicies/strict-codex`);
    s.raiPolicies = new Set();
    const gone = await run(["--json"], stack);
    expect((JSON.parse(gone.stdout) as { findings: PreflightFinding[] }).findings.map((f) => f.problem)).toEqual([
      "the RAI policy 'strict-codex' does not exist on aif-codex-dev; the deployment 'gpt-5.5' would fail",
    ]);
  });

  test("a fine-grained token: the read probes it fails name the permission GitHub asks for", async () => {
    s.oauthScopes = undefined;
    s.refusedPaths = new Set(["/repos/contoso/payments-api/actions/variables"]);
    const result = await run(["--json"]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: PreflightFinding[] }).findings).toEqual([
      {
        check: "github",
        subject: "contoso/payments-api",
        problem:
          "GET /repos/contoso/payments-api/actions/variables answered HTTP 403 (the endpoint takes: actions_variables=read)",
        fix: "grant the fine-grained token (or app) Secrets, Variables and Environments: write and Administration: write on this repository",
      },
    ]);
  });

  test("bad input: every problem at once, exit 2, no request", async () => {
    const args = await run(["--stack", "../x", "--arm-endpoint", "http://127.0.0.1:1"]);
    expect(args.code).toBe(2);
    expect(args.stderr).toContain('error: --stack must name a team stack (Pulumi.<team>.yaml) (got "../x")');
    expect(args.stderr).toContain('error: --arm-endpoint must be an https:// URL (got "http://127.0.0.1:1")');
    const env = await run([], DEV, { env: {} });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain(
      'error: --subscription (or azure-native:subscriptionId, $ARM_SUBSCRIPTION_ID) must be a subscription ID (a GUID) (got "")',
    );
    expect(env.stderr).toContain("error: $GITHUB_TOKEN must hold the token");
    const config = await run([], DEV.replace("  codex-boundary:costCenter: CC-4200\n", ""));
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(
      /^error: 1 problem in stack 'dev'; nothing was created:\n {2}- codex-boundary:costCenter/,
    );
    expect(s.calls).toEqual([]);
  });

  test("no Azure sign-in: exit 2 naming it, no request", async () => {
    const result = await run([], DEV, {
      credential: () => ({
        getToken: () =>
          Promise.reject(new Error("DefaultAzureCredential failed to retrieve a token from the included credentials.")),
      }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: could not sign in to Azure for ${s.armEndpoint}`);
    expect(s.calls).toEqual([]);
  });
});
