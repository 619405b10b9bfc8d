import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { renderDeveloperKit } from "../../lib/devkit/files";
import { CI_KEY_FILE } from "../../lib/devkit/keyScripts";
import { azureStandInForSuite } from "../support/azureOpenAiStandIn";
import { allProcesses, holding, type ProcSnapshot } from "../support/procScan";
import { PROJECT_DIR } from "../support/stackFiles";
import { SAMPLE_INPUTS } from "./support";
import { bash } from "../support/bash";

// Runs the generated Codex CI workflow's shell steps the way a runner would (bash -eo pipefail, the step's env,
// secrets substituted), with the real Codex CLI, a git remote on disk and a stub gh. Only `uses:` steps and the
// global Codex install are left out: the repository is prepared here and Codex comes from node_modules.

const FAKE_KEY = "test-key-not-real";
const FAKE_GITHUB_TOKEN = "ghs-test-token-not-real";
const REPOSITORY = "contoso/payments-api";
const RUN_ID = "4242";
const SERVER_URL = "https://github.example";

/** The commands the steps run, wrapped to record their arguments (gh is a stub that records them too). */
const RECORDED_COMMANDS = ["git", "codex", "node", "env", "mkdir", "grep", "cut"] as const;
const RECORD_ARGV =
  'for a in "$(basename "$0")" "$@"; do printf \'%s \' "$a"; done >> "$ARGV_LOG"; echo >> "$ARGV_LOG"\n';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

interface StepResult {
  name: string;
  code: number | null;
  output: string;
}

const workflow = parseYaml(
  renderDeveloperKit({ ...SAMPLE_INPUTS }, [{ name: "payments-api" }]).workflows["payments-api"] ?? "",
) as {
  jobs: { codex: { steps: Step[] } };
};

/** Step env with the expressions a runner would fill in; any other expression fails the test. */
function resolveEnv(env: Record<string, string> = {}, baseUrl: string): Record<string, string> {
  const values: Record<string, string> = {
    "secrets.AZURE_OPENAI_API_KEY": FAKE_KEY,
    "github.token": FAKE_GITHUB_TOKEN,
    // No GitHub App set up: the app token step is skipped and its output is empty.
    "steps.pr-app-token.outputs.token || github.token": FAKE_GITHUB_TOKEN,
  };
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      const resolved = value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expression: string) => {
        const known = values[expression];
        if (known === undefined) throw new Error(`unexpected expression in step env ${name}: ${expression}`);
        return known;
      });
      // Only the host of the base URL changes: the stand-in for Azure listens on 127.0.0.1.
      return [name, resolved.split(SAMPLE_INPUTS.baseUrl).join(baseUrl)];
    }),
  );
}

/** A checked-out repository with an origin on disk, a runner temp dir, a stub gh, and git rewriting the push URL to origin. */
function runnerWorkspace() {
  const root = mkdtempSync(join(tmpdir(), "cb-ci-run-"));
  const origin = join(root, "origin.git");
  const repo = join(root, "repo");
  const bin = join(root, "bin");
  const runnerTemp = join(root, "runner-temp");
  for (const dir of [repo, bin, runnerTemp]) mkdirSync(dir);
  const git = (args: string[], cwd = repo) => execFileSync("git", args, { cwd, encoding: "utf8", env: gitEnv });
  const gitConfig = join(root, "gitconfig");
  // Both the tokenless URL and the old token-in-URL form reach the origin on disk, so only the argv check tells them apart.
  const pushUrls = [
    `${SERVER_URL}/${REPOSITORY}.git`,
    `https://x-access-token:${FAKE_GITHUB_TOKEN}@${SERVER_URL.replace("https://", "")}/${REPOSITORY}.git`,
  ];
  writeFileSync(
    gitConfig,
    `[url "${origin}"]\n${pushUrls.map((u) => `\tinsteadOf = ${u}\n`).join("")}[init]\n\tdefaultBranch = main\n`,
  );
  const gitEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: root,
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: "1",
  };
  execFileSync("git", ["init", "--bare", "--quiet", origin], { env: gitEnv });
  git(["init", "--quiet"]);
  git(["config", "user.name", "Developer"]);
  git(["config", "user.email", "dev@contoso.example"]);
  for (const [file, text] of Object.entries({
    "CHANGELOG.md": "# Changelog\n",
    "docs/usage.md": "# Usage\n",
    "src/index.ts": "export {};\n",
  })) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), text);
  }
  git(["add", "-A"]);
  git(["commit", "--quiet", "-m", "initial"]);
  git(["remote", "add", "origin", origin]);
  git(["push", "--quiet", "origin", "main"]);
  const argvLog = join(root, "argv.log");
  writeFileSync(
    join(bin, "gh"),
    `#!/bin/sh\n${RECORD_ARGV}printf '%s\\n' "$*" >> "${root}/gh-calls"\n[ -n "$GH_TOKEN" ] || { echo "gh: no GH_TOKEN" >&2; exit 4; }\n`,
  );
  chmodSync(join(bin, "gh"), 0o755);
  // Every other command the steps (and Codex's launcher) start goes through a wrapper that records its arguments.
  const realPath = { ...gitEnv, PATH: `${join(PROJECT_DIR, "node_modules", ".bin")}:${gitEnv.PATH}` };
  for (const command of RECORDED_COMMANDS) {
    const real = execFileSync("sh", ["-c", `command -v ${command}`], { env: realPath, encoding: "utf8" }).trim();
    writeFileSync(join(bin, command), `#!/bin/sh\n${RECORD_ARGV}exec "${real}" "$@"\n`);
    chmodSync(join(bin, command), 0o755);
  }
  const env = {
    ...gitEnv,
    PATH: `${bin}:${join(PROJECT_DIR, "node_modules", ".bin")}:${gitEnv.PATH}`,
    RUNNER_TEMP: runnerTemp,
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_SHA: git(["rev-parse", "HEAD"]).trim(),
    GITHUB_SERVER_URL: SERVER_URL,
    GITHUB_REPOSITORY: REPOSITORY,
    ARGV_LOG: argvLog,
    NO_COLOR: "1",
    RUST_LOG: "error",
  };
  return {
    repo,
    env,
    git,
    ghCalls: () => (existsSync(join(root, "gh-calls")) ? readFileSync(join(root, "gh-calls"), "utf8") : ""),
    argv: () => (existsSync(argvLog) ? readFileSync(argvLog, "utf8") : ""),
    originBranches: () => git(["for-each-ref", "--format=%(refname:short)", "refs/heads"], origin).trim().split("\n"),
    changedOnOrigin: (branch: string) => git(["diff", "--name-only", "main", branch], origin).trim().split("\n"),
  };
}

/** Runs the job's shell steps in order, stopping at the first failure; `afterCodex` stands in for Codex's edits. */
async function runJob(
  workspace: ReturnType<typeof runnerWorkspace>,
  baseUrl: string,
  afterCodex: (repo: string) => void,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of workflow.jobs.codex.steps) {
    if (step.uses !== undefined || step.run === undefined || step.run.includes("npm install --global")) continue;
    const result = await bash(step.run, workspace.repo, { ...workspace.env, ...resolveEnv(step.env, baseUrl) });
    results.push({ name: step.name ?? "", ...result });
    if (result.code !== 0) break;
    if (step.run.includes("codex exec")) afterCodex(workspace.repo);
  }
  return results;
}

describe("the generated Codex CI workflow, run step by step", () => {
  const { seen, baseUrl: standInUrl } = azureStandInForSuite();

  test("Codex runs with the ci profile and the key from the secret; a docs-only change becomes a pull request branch, main untouched", async () => {
    seen.length = 0;
    const workspace = runnerWorkspace();
    // Codex and everything it starts carry CODEX_HOME (set on the codex command line only): watch their /proc.
    const codexHomeVar = `CODEX_HOME=${workspace.env.RUNNER_TEMP}/codex-home\0`;
    const codexProcesses: ProcSnapshot[] = [];
    const watch = setInterval(() => {
      codexProcesses.push(...allProcesses().filter((p) => p.environ.includes(codexHomeVar)));
    }, 20);
    let results: StepResult[];
    try {
      results = await runJob(workspace, standInUrl(), (repo) => {
        writeFileSync(join(repo, "CHANGELOG.md"), "# Changelog\n\n- Documented the boundary.\n");
        writeFileSync(join(repo, "docs/new-page.md"), "# New page\n");
      });
    } finally {
      clearInterval(watch);
    }
    expect(codexProcesses.some((p) => p.cmdline.includes("codex exec --profile ci"))).toBe(true);
    expect(holding(codexProcesses, FAKE_KEY)).toEqual([]);
    expect(results.map((r) => [r.name, r.code])).toEqual(
      workflow.jobs.codex.steps
        .filter((s) => s.run !== undefined && !s.run.includes("npm install"))
        .map((s) => [s.name, 0]),
    );
    const call = seen.find((s) => s.url === "/openai/v1/responses");
    expect(call?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect((JSON.parse(call?.body ?? "{}") as { model: string }).model).toBe(SAMPLE_INPUTS.defaultModel);
    expect(results.map((r) => r.output).join("\n")).not.toContain(FAKE_KEY);
    // The hand-off file is gone once Codex took the key; nothing Codex left in its home holds it.
    const codexHome = join(workspace.env.RUNNER_TEMP, "codex-home");
    expect(existsSync(join(codexHome, CI_KEY_FILE))).toBe(false);
    for (const name of readdirSync(codexHome, { recursive: true, encoding: "utf8" })) {
      const path = join(codexHome, name);
      if (statSync(path).isFile()) expect(readFileSync(path, "latin1"), name).not.toContain(FAKE_KEY);
    }

    const branch = `codex/docs-${RUN_ID}`;
    expect(workspace.originBranches().sort()).toEqual([branch, "main"]);
    expect(workspace.changedOnOrigin(branch).sort()).toEqual(["CHANGELOG.md", "docs/new-page.md"]);
    expect(workspace.ghCalls()).toMatch(new RegExp(`^pr create --head ${branch} --title `));

    // Neither the GitHub token nor the model key is ever a process argument (git, gh, codex, node and the rest).
    const argv = workspace.argv();
    expect(argv).toMatch(
      /^git -c core.hooksPath=\/dev\/null push --no-verify https:\/\/github\.example\/contoso\/payments-api\.git codex\/docs-4242 $/m,
    );
    expect(argv).toMatch(/^codex exec --profile ci /m);
    expect(argv).not.toContain(FAKE_GITHUB_TOKEN);
    expect(argv).not.toContain(FAKE_KEY);
  });

  test("git gets the token from the push step's environment through its credential helper, not from the URL", () => {
    const push = workflow.jobs.codex.steps.find((s) => s.name === "Open a pull request for review");
    expect(push?.run).not.toMatch(/GH_TOKEN}?@|x-access-token:/);
    const workspace = runnerWorkspace();
    const filled = execFileSync("git", ["credential", "fill"], {
      cwd: workspace.repo,
      env: { ...workspace.env, ...resolveEnv(push?.env, "") },
      input: `protocol=https\nhost=${SERVER_URL.replace("https://", "")}\npath=${REPOSITORY}.git\n\n`,
      encoding: "utf8",
    });
    expect(filled).toContain("username=x-access-token\n");
    expect(filled).toContain(`password=${FAKE_GITHUB_TOKEN}\n`);
  });

  test.each([
    ["a key-shaped string", "Use key 0123456789abcdef0123456789abcdef for tests.\n", "Azure AI services key (32 hex)"],
    // A PEM header built at run time, so no key-shaped text is committed; the body is a placeholder, not key material.
    ["a private key", `${["-----BEGIN", "RSA", "PRIVATE KEY-----"].join(" ")}\nFAKE\n`, "private key"],
    ["the model key itself", `The key is ${FAKE_KEY}.\n`, "a secret this workflow holds"],
  ])("a docs change holding %s is refused before anything is pushed", async (_name, text, pattern) => {
    const workspace = runnerWorkspace();
    const results = await runJob(workspace, standInUrl(), (repo) =>
      writeFileSync(join(repo, "docs/usage.md"), `# Usage\n\n${text}`),
    );
    const last = results[results.length - 1];
    expect(results.find((r) => r.name.startsWith("Allow only"))?.code).toBe(0);
    expect(last?.name).toBe("Refuse a diff that holds a secret");
    expect(last?.code).toBe(1);
    expect(last?.output).toContain(`secret scan: docs/usage.md: ${pattern}`);
    expect(last?.output).toMatch(/refusing to push/);
    expect(last?.output).not.toContain(FAKE_KEY);
    expect(workspace.originBranches()).toEqual(["main"]);
    expect(workspace.ghCalls()).toBe("");
  });

  test("a commit made during the run (its history would be pushed unscanned) fails the scan step; nothing is pushed", async () => {
    const workspace = runnerWorkspace();
    const results = await runJob(workspace, standInUrl(), (repo) => {
      writeFileSync(join(repo, "docs/usage.md"), "# Usage\n\nkey 0123456789abcdef0123456789abcdef\n");
      workspace.git(["commit", "--quiet", "-am", "hidden"]);
      writeFileSync(join(repo, "docs/usage.md"), "# Usage\n\nclean\n");
    });
    const last = results[results.length - 1];
    expect(last?.name).toBe("Refuse a diff that holds a secret");
    expect(last?.code).toBe(1);
    expect(last?.output).toMatch(/HEAD is no longer the checked-out commit/);
    expect(workspace.originBranches()).toEqual(["main"]);
    expect(workspace.ghCalls()).toBe("");
  });

  test("a change outside CHANGELOG.md and docs/ fails the job before anything is pushed", async () => {
    const workspace = runnerWorkspace();
    const results = await runJob(workspace, standInUrl(), (repo) => {
      writeFileSync(join(repo, "docs/usage.md"), "# Usage, updated\n");
      writeFileSync(join(repo, "src/index.ts"), "export const injected = true;\n");
    });
    const last = results[results.length - 1];
    expect(last?.name).toMatch(/Allow only changelog and docs/);
    expect(last?.code).toBe(1);
    expect(last?.output).toMatch(/src\/index\.ts/);
    expect(last?.output).toMatch(/refusing to open a pull request/);
    expect(workspace.originBranches()).toEqual(["main"]);
    expect(workspace.ghCalls()).toBe("");
  });

  test("no change: the job succeeds and opens nothing", async () => {
    const workspace = runnerWorkspace();
    const results = await runJob(workspace, standInUrl(), () => undefined);
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(results.find((r) => r.name.startsWith("Allow only"))?.output).toMatch(/No changes\./);
    expect(workspace.originBranches()).toEqual(["main"]);
    expect(workspace.ghCalls()).toBe("");
  });
});
