import { describe, expect, test } from "vitest";
import { permissionFindings, providerFindings, type Read, renderFinding } from "../../lib/preflight/findings";
import {
  customRaiPolicyNames,
  quotaFindings,
  raiPolicyFindings,
  type DeclaredDeployment,
} from "../../lib/preflight/deployments";
import { repositoryFindings, type RepositoryAnswer } from "../../lib/preflight/github";
import { armItem } from "../models/armItems";

const SUB = "00000000-0000-4000-8000-00000000c0de";
const ok = <T>(value: T) => ({ ok: true as const, value });

describe("provider registration", () => {
  test("only a namespace not Registered is a finding, naming the state, what needs it and the az command", () => {
    const needs = [
      { namespace: "Microsoft.KeyVault", why: "the Key Vault" },
      { namespace: "Microsoft.Consumption", why: "the budget" },
      { namespace: "Microsoft.Insights", why: "the diagnostic settings" },
    ];
    const found = providerFindings(
      needs,
      new Map<string, Read<{ registrationState?: string }>>([
        ["Microsoft.KeyVault", ok({ registrationState: "Registered" })],
        ["Microsoft.Consumption", ok({ registrationState: "NotRegistered" })],
        ["Microsoft.Insights", { ok: false as const, status: 403, message: "AuthorizationFailed" }],
      ]),
      SUB,
    );
    expect(found.map((f) => f.subject)).toEqual(["Microsoft.Consumption", "Microsoft.Insights"]);
    expect(renderFinding(found[0]!)).toBe(
      `[provider] Microsoft.Consumption: is NotRegistered in subscription ${SUB}; the stack creates the budget with it and azure-native registers no provider; fix: az provider register --namespace Microsoft.Consumption --subscription ${SUB} (needs the Microsoft.Consumption/register/action right, which Contributor holds), then wait for Registered`,
    );
    expect(found[1]?.problem).toContain("HTTP 403: AuthorizationFailed");
  });
});

describe("the deployer's rights per scope", () => {
  test("one finding per scope, listing every missing action", () => {
    const scopes = [
      { scope: `/subscriptions/${SUB}`, what: "the subscription", actions: ["a/b/write", "a/b/read", "c/d/write"] },
      { scope: "/x", what: "hub", actions: ["e/join/action"] },
    ];
    const found = permissionFindings(
      scopes,
      new Map([
        [`/subscriptions/${SUB}`, ok([{ actions: ["*/read"] }])],
        ["/x", ok([{ actions: ["e/*"] }])],
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.problem).toBe("the deployer lacks 2 action(s) on the subscription: a/b/write, c/d/write");
  });
});

const deployment = (over: Partial<DeclaredDeployment> = {}): DeclaredDeployment => ({
  index: 0,
  name: "codex",
  model: "m-one",
  version: "2026-01-01",
  sku: "GlobalStandard",
  capacity: 100,
  ...over,
});

describe("RAI policies named by raiPolicyName", () => {
  const base = { accountName: "aif-codex-t", resourceGroup: "rg-codex-t" };
  test("built-in names need nothing; each custom name is asked once", () => {
    const ds = [
      deployment({ raiPolicyName: "Microsoft.DefaultV2" }),
      deployment({ index: 1, raiPolicyName: "strict" }),
      deployment({ index: 2, raiPolicyName: "strict" }),
    ];
    expect(customRaiPolicyNames(ds)).toEqual(["strict"]);
    expect(
      raiPolicyFindings({ ...base, deployments: ds.slice(0, 1), account: ok(false), policies: new Map() }),
    ).toEqual([]);
  });
  test("a custom name on a first deployment (no account yet) cannot exist: the finding says to deploy without it first", () => {
    const found = raiPolicyFindings({
      ...base,
      deployments: [deployment({ raiPolicyName: "strict" })],
      account: ok(false),
      policies: new Map(),
    });
    expect(found.map((f) => f.subject)).toEqual(["codex-boundary:models[0].raiPolicyName"]);
    expect(found[0]?.problem).toContain(
      "aif-codex-t does not exist yet and nothing in this stack creates RAI policies",
    );
    expect(found[0]?.fix).toContain(
      "leave raiPolicyName out (or use Microsoft.Default or Microsoft.DefaultV2) for the first deployment",
    );
  });
  test("on an existing account: found is fine, absent is a finding", () => {
    const ds = [deployment({ raiPolicyName: "strict" }), deployment({ index: 1, raiPolicyName: "gone" })];
    const found = raiPolicyFindings({
      ...base,
      deployments: ds,
      account: ok(true),
      policies: new Map([
        ["strict", ok(true)],
        ["gone", ok(false)],
      ]),
    });
    expect(found.map((f) => f.problem)).toEqual([
      "the RAI policy 'gone' does not exist on aif-codex-t; the deployment 'codex' would fail",
    ]);
  });
});

describe("quota headroom (Usages - List against the models' usage names)", () => {
  const arm = [
    armItem("m-one", "2026-01-01", ["GlobalStandard", "DataZoneStandard"]),
    armItem("m-two", "2026-03-01", ["GlobalStandard"]),
  ];
  const usage = (name: string, limit: number, currentValue: number) => ({ name: { value: name }, limit, currentValue });
  test("deployments sharing a pool are summed; what this stack already holds counts as free", () => {
    const ds = [
      deployment(),
      deployment({ index: 1, name: "codex-2", capacity: 50 }),
      deployment({ index: 2, name: "two", model: "m-two", version: "2026-03-01", capacity: 10 }),
    ];
    const usages = ok([usage("OpenAI.GlobalStandard.m-one", 200, 100), usage("OpenAI.GlobalStandard.m-two", 1000, 0)]);
    const first = quotaFindings({ deployments: ds, location: "regiona", arm, usages, deployed: [] });
    expect(first.map((f) => [f.subject, f.problem])).toEqual([
      [
        "codex-boundary:models[0].capacity, codex-boundary:models[1].capacity",
        "'codex', 'codex-2' need(s) 150 of OpenAI.GlobalStandard.m-one in regiona, but only 100 is free (limit 200, used 100)",
      ],
    ]);
    const held = [
      {
        name: "codex",
        sku: { name: "GlobalStandard", capacity: 100 },
        properties: { model: { name: "m-one", version: "2026-01-01" } },
      },
    ];
    expect(quotaFindings({ deployments: ds, location: "regiona", arm, usages, deployed: held })).toEqual([]);
  });
  test("a pool ARM lists no quota for is a finding; a model ARM does not offer is left to the model check", () => {
    const ds = [deployment({ sku: "DataZoneStandard" }), deployment({ index: 1, model: "m-absent" })];
    const found = quotaFindings({ deployments: ds, location: "regiona", arm, usages: ok([]), deployed: [] });
    expect(found.map((f) => f.problem)).toEqual([
      "ARM lists no OpenAI.DataZoneStandard.m-one quota for this subscription in regiona; 'codex' need(s) 100",
    ]);
  });
});

describe("the GitHub token on each repository", () => {
  const need = (fullName: string, environment: string | undefined = "codex") => ({ fullName, environment });
  const answer = (over: Partial<RepositoryAnswer>): RepositoryAnswer => ({
    need: need("contoso/api"),
    repo: ok({ permissions: { admin: true, push: true } }),
    oauthScopes: "repo, workflow",
    refused: [],
    ...over,
  });
  test("an admin with a repo-scoped classic token: nothing", () => {
    expect(repositoryFindings([answer({})], "https://api.github.com")).toEqual([]);
  });
  test("every problem of every repository at once", () => {
    const found = repositoryFindings(
      [
        answer({ need: need("contoso/gone"), repo: { ok: false, status: 404, message: "Not Found" } }),
        answer({
          need: need("contoso/writer"),
          repo: ok({ permissions: { admin: false, push: true } }),
          oauthScopes: "public_repo",
        }),
        answer({
          need: { fullName: "contoso/plain", environment: undefined },
          repo: ok({ permissions: { admin: false, push: true } }),
        }),
        answer({
          need: need("contoso/fine"),
          oauthScopes: undefined,
          refused: [
            {
              request: "GET /repos/contoso/fine/actions/variables",
              status: 403,
              acceptedPermissions: "actions_variables=read",
            },
          ],
        }),
      ],
      "https://api.github.com",
    );
    expect(found.map((f) => f.subject)).toEqual(["contoso/gone", "contoso/writer", "contoso/writer", "contoso/fine"]);
    expect(found[0]?.problem).toBe("does not exist or the token cannot see it (HTTP 404)");
    expect(found[1]?.problem).toContain(
      "not an admin of the repository, and the stack creates the environment 'codex'",
    );
    expect(found[2]?.problem).toContain("scopes (public_repo) lack repo");
    expect(found[3]?.problem).toBe(
      "GET /repos/contoso/fine/actions/variables answered HTTP 403 (the endpoint takes: actions_variables=read)",
    );
  });
  test("a rejected token is named as such", () => {
    const found = repositoryFindings(
      [answer({ repo: { ok: false, status: 401, message: "Bad credentials" } })],
      "https://ghe.example.com/api/v3",
    );
    expect(found[0]?.problem).toBe("https://ghe.example.com/api/v3 refuses the token (HTTP 401: Bad credentials)");
  });
});
