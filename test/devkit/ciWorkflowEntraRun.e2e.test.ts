import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { renderDeveloperKit } from "../../lib/devkit/files";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { actionlint } from "../support/actionlint";
import { azureStandInForSuite } from "../support/azureOpenAiStandIn";
import { PROJECT_DIR } from "../support/stackFiles";
import { SAMPLE_INPUTS } from "./support";
import { bash } from "../support/bash";

// The entra-mode Codex CI workflow, run step by step like a runner (bash -eo pipefail, each step's env): the
// azure/login step is played by a stub az that keeps its sign-in where the step's AZURE_CONFIG_DIR says, the real
// Codex CLI asks that stub az for a token, and the stand-in for Azure records what Codex sends.

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "00000000-0000-4000-8000-00000000aaaa" };
const VARS = {
  AZURE_CLIENT_ID: "11111111-1111-4111-8111-111111111111",
  AZURE_TENANT_ID: ENTRA.tenantId ?? "",
  AZURE_SUBSCRIPTION_ID: "22222222-2222-4222-8222-222222222222",
};
const TOKEN = "stub-ci-entra-token-not-real";
const OIDC_TOKEN = "stub-github-oidc-token-not-real";

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const kit = renderDeveloperKit(ENTRA, [{ name: "payments-api", environment: "codex" }]);
const source = kit.workflows["payments-api"] ?? "";
const workflow = parseYaml(source) as {
  permissions: unknown;
  jobs: { codex: { permissions: Record<string, string>; environment?: string; steps: Step[] } };
};

function resolve(values: Record<string, string>, text: string): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expression: string) => {
    const known = values[expression];
    if (known === undefined) throw new Error(`unexpected expression: ${expression}`);
    return known;
  });
}

/** A stub az: `login` keeps a session file in $AZURE_CONFIG_DIR; get-access-token prints the token only with it. */
function stubAz(bin: string, log: string): void {
  writeFileSync(
    join(bin, "az"),
    `#!/bin/sh
printf '%s\\n' "AZURE_CONFIG_DIR=$AZURE_CONFIG_DIR $*" >> "${log}"
dir="\${AZURE_CONFIG_DIR:-$HOME/.azure}"
case "$1" in
  login) mkdir -p "$dir" && echo "signed-in" > "$dir/session" ;;
  logout) rm -f "$dir/session" ;;
  account)
    [ -f "$dir/session" ] || { echo "ERROR: Please run 'az login' to setup account." >&2; exit 1; }
    printf '%s\\n' "${TOKEN}" ;;
  *) echo "stub az: unexpected $*" >&2; exit 2 ;;
esac
`,
  );
  chmodSync(join(bin, "az"), 0o755);
}

function workspace() {
  const root = mkdtempSync(join(tmpdir(), "cb-ci-entra-"));
  const repo = join(root, "repo");
  const bin = join(root, "bin");
  const runnerTemp = join(root, "runner-temp");
  for (const dir of [repo, bin, runnerTemp]) mkdirSync(dir);
  const env = {
    PATH: `${bin}:${join(PROJECT_DIR, "node_modules", ".bin")}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: root,
    RUNNER_TEMP: runnerTemp,
    NO_COLOR: "1",
    RUST_LOG: "error",
  };
  execFileSync("git", ["init", "--quiet", repo], { env });
  writeFileSync(join(repo, "CHANGELOG.md"), "# Changelog\n");
  execFileSync("git", ["-c", "user.name=d", "-c", "user.email=d@example.com", "add", "-A"], { cwd: repo, env });
  execFileSync("git", ["-c", "user.name=d", "-c", "user.email=d@example.com", "commit", "--quiet", "-m", "initial"], {
    cwd: repo,
    env,
  });
  const azLog = join(root, "az.log");
  stubAz(bin, azLog);
  return { root, repo, runnerTemp, env, azCalls: () => (existsSync(azLog) ? readFileSync(azLog, "utf8") : "") };
}

/** Runs the steps up to the sign-out; azure/login is played by `az login` with the step's env and inputs. */
async function runUntilSignOut(
  ws: ReturnType<typeof workspace>,
  baseUrl: string,
): Promise<Array<{ name: string; code: number | null; output: string }>> {
  const values = {
    ...Object.fromEntries(Object.entries(VARS).map(([k, v]) => [`vars.${k}`, v])),
    "runner.temp": ws.runnerTemp,
    "github.token": "ghs-not-used",
    "steps.pr-app-token.outputs.token || github.token": "ghs-not-used",
  };
  const results: Array<{ name: string; code: number | null; output: string }> = [];
  for (const step of workflow.jobs.codex.steps) {
    if (step.run?.includes("npm install --global") === true || step.uses?.startsWith("actions/") === true) continue;
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(values, v).split(ENTRA.baseUrl).join(baseUrl)]),
    );
    const script =
      step.uses !== undefined
        ? `az login --service-principal --username "${resolve(values, step.with?.["client-id"] ?? "")}" --tenant "${resolve(values, step.with?.["tenant-id"] ?? "")}" --federated-token "${OIDC_TOKEN}"`
        : (step.run ?? "");
    const result = await bash(script, ws.repo, { ...ws.env, ...env });
    results.push({ name: step.name ?? step.uses ?? "", ...result });
    if (result.code !== 0 || step.name === "Sign out of Azure") break;
  }
  return results;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("the entra-mode Codex CI workflow", () => {
  const { seen, baseUrl: standInUrl } = azureStandInForSuite();

  test("no key anywhere; id-token: write on the Codex job only; azure/login pinned and fed from variables", () => {
    // The one secret: the pull request App's private key, read by the App token step only.
    expect(source).not.toContain("AZURE_OPENAI_API_KEY");
    expect(source.match(/\$\{\{\s*secrets\.\w+/g)).toEqual(["${{ secrets.CODEX_PR_APP_PRIVATE_KEY"]);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.codex.permissions).toEqual({
      contents: "write",
      "pull-requests": "write",
      "id-token": "write",
    });
    expect(workflow.jobs.codex.environment).toBe("codex");
    const login = workflow.jobs.codex.steps.find((s) => s.uses?.startsWith("azure/login@"));
    expect(login?.uses).toMatch(/^azure\/login@[0-9a-f]{40}$/);
    expect(login?.with).toEqual({
      "client-id": "${{ vars.AZURE_CLIENT_ID }}",
      "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
      "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
    });
    expect(kit.files["get-key.sh"]).toBeUndefined();
  });

  test("actionlint finds nothing", async () => {
    const config = parseYaml(kit.files["repos/payments-api/.github/actionlint.yaml"] ?? "") as {
      "self-hosted-runner": { labels: string[] };
    };
    expect(await actionlint(source, ".github/workflows/codex.yml", config["self-hosted-runner"].labels)).toEqual([]);
  });

  test("run step by step: Codex gets its token from the CI identity's sign-in, the sign-in lives outside the workspace and is gone after", async () => {
    seen.length = 0;
    const ws = workspace();
    const results = await runUntilSignOut(ws, standInUrl());
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ["Write the Codex config", 0],
      ["Sign in to Azure as the CI identity (OIDC, no secret)", 0],
      ["Run Codex on the changelog and docs", 0],
      ["Sign out of Azure", 0],
    ]);
    const requests = seen.filter((s) => s.url === "/openai/v1/responses");
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const configDir = join(ws.runnerTemp, "azure-config");
    // Every az call (the login, Codex's token command, the sign-out) used the same config dir under RUNNER_TEMP.
    const calls = ws.azCalls().trim().split("\n");
    expect(
      calls.every((c) => c.startsWith(`AZURE_CONFIG_DIR=${configDir} `)),
      ws.azCalls(),
    ).toBe(true);
    expect(
      calls.some((c) => c.includes("account get-access-token --resource https://cognitiveservices.azure.com")),
    ).toBe(true);
    expect(existsSync(configDir)).toBe(false);
    // Nothing with the token or the sign-in was written into the checkout, and no output printed the token.
    for (const file of filesUnder(ws.repo).filter((f) => !f.includes(`${join(ws.repo, ".git")}`))) {
      expect(readFileSync(file, "utf8"), file).not.toContain(TOKEN);
    }
    expect(filesUnder(ws.repo).some((f) => f.endsWith("/session"))).toBe(false);
    expect(results.map((r) => r.output).join("\n")).not.toContain(TOKEN);
  });

  test("without the sign-in (the login step failed or was skipped), Codex gets no token and sends none", async () => {
    seen.length = 0;
    const ws = workspace();
    const codex = workflow.jobs.codex.steps.find((s) => s.name === "Run Codex on the changelog and docs");
    const write = workflow.jobs.codex.steps.find((s) => s.name === "Write the Codex config");
    const values = { "runner.temp": ws.runnerTemp };
    const envOf = (step: Step | undefined) =>
      Object.fromEntries(
        Object.entries(step?.env ?? {}).map(([k, v]) => [
          k,
          resolve(values, v).split(ENTRA.baseUrl).join(standInUrl()),
        ]),
      );
    expect((await bash(write?.run ?? "", ws.repo, { ...ws.env, ...envOf(write) })).code).toBe(0);
    await bash(codex?.run ?? "", ws.repo, { ...ws.env, ...envOf(codex) });
    expect(ws.azCalls()).toMatch(/account get-access-token/);
    expect(seen.filter((s) => s.headers.authorization !== undefined)).toEqual([]);
  });
});

test("the actionlint helper still reports an unknown context next to vars (only the vars finding of the old build is dropped)", async () => {
  const broken = source.replace("${{ vars.AZURE_CLIENT_ID }}", "${{ varz.AZURE_CLIENT_ID }}");
  expect((await actionlint(broken, ".github/workflows/codex.yml", ["linux", "codex-boundary"])).join("\n")).toMatch(
    /undefined variable "varz"/,
  );
});
