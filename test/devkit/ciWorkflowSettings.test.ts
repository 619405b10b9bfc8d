import { beforeEach, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  ALLOWED_CHANGE_PATTERN,
  CODEX_CLI_VERSION,
  PINNED_ACTIONS,
  STAGED_DIFF,
  renderActionlintConfig,
  renderCiWorkflow,
  type CiWorkflowOptions,
} from "../../lib/devkit/ciWorkflow";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { CI_KEY_FILE, renderCiKeyScript } from "../../lib/devkit/keyScripts";
import { renderSecretScanScript } from "../../lib/devkit/secretScan";
import { SAMPLE_INPUTS } from "./support";

type Step = {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  run?: string;
};
type Job = {
  "runs-on": string[];
  "timeout-minutes": number;
  environment?: string;
  permissions: Record<string, string>;
  steps: Step[];
};
type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: Record<string, unknown>;
  jobs: Record<string, Job>;
};

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" };
const OPTIONS: CiWorkflowOptions = {
  repository: "payments-api",
  configToml: 'model = "x"\n',
  ciProfileToml: 'sandbox_mode = "workspace-write"\n',
};
const TASK =
  "Update CHANGELOG.md from the commits merged since its last entry, and fix outdated statements in docs/. " +
  "Edit only CHANGELOG.md and files under docs/. Do not touch code, configuration, workflows or secrets.";

function workflow(inputs: DevKitInputs, options: CiWorkflowOptions = OPTIONS): Workflow {
  return parseYaml(renderCiWorkflow(inputs, options)) as Workflow;
}

function step(job: Job, name: string): Step {
  const found = job.steps.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no step ${name}`);
  return found;
}

// The run scripts word for word are reviewed in the kit's snapshots (__snapshots__/keyKit/api.codex.yml) and run by
// ciWorkflowRun; here: what each step must do.

describe.each([
  ["key", SAMPLE_INPUTS],
  ["entra", ENTRA],
] as const)("the Codex CI workflow, %s mode: what both modes share", (_mode, inputs) => {
  // Rendered per test, not in the describe body: code run while collecting is credited to no test (mutation).
  let wf = {} as Workflow;
  let job = {} as Job;
  beforeEach(() => {
    wf = workflow(inputs);
    job = wf.jobs.codex as Job;
  });

  test("no workflow-wide permission; triggered by hand and weekly; one run at a time, never cancelled", () => {
    expect(Object.keys(wf.jobs)).toEqual(["codex"]);
    expect(wf.name).toBe("codex-docs");
    expect(wf.permissions).toEqual({});
    expect(wf.on).toEqual({ workflow_dispatch: null, schedule: [{ cron: "0 6 * * 1" }] });
    expect(wf.concurrency).toEqual({ group: "codex-docs", "cancel-in-progress": false });
  });

  test("runs on the configured runner labels, 30 minutes at most, without an environment unless one is named", () => {
    expect(job["runs-on"]).toEqual(["self-hosted", "linux", "codex-boundary"]);
    expect(job["timeout-minutes"]).toBe(30);
    expect("environment" in job).toBe(false);
    expect(workflow(inputs, { ...OPTIONS, environment: "production" }).jobs.codex?.environment).toBe("production");
  });

  test("checks out without persisting credentials, with full history, using SHA-pinned actions", () => {
    expect(job.steps[0]).toEqual({
      uses: PINNED_ACTIONS.checkout,
      with: { "persist-credentials": false, "fetch-depth": 0 },
    });
    expect(job.steps[1]).toEqual({ uses: PINNED_ACTIONS.setupNode, with: { "node-version": 20 } });
    expect(PINNED_ACTIONS).toEqual({
      checkout: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
      setupNode: "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
      azureLogin: "azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5",
      createAppToken: "actions/create-github-app-token@fee1f7d63c2ff003460e3d139729b119787bc349",
    });
    for (const s of job.steps) if (s.uses !== undefined) expect(s.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  });

  test("installs the pinned Codex CLI and writes config.toml and the ci profile under RUNNER_TEMP", () => {
    expect(CODEX_CLI_VERSION).toBe("0.169.0");
    expect(step(job, "Install Codex").run).toBe("npm install --global @openai/codex@0.169.0");
    const config = step(job, "Write the Codex config");
    expect(config.env).toMatchObject({
      CODEX_CONFIG_TOML: OPTIONS.configToml,
      CODEX_CI_PROFILE_TOML: OPTIONS.ciProfileToml,
    });
    expect(config.run).toContain('"$CODEX_CONFIG_TOML" > "$RUNNER_TEMP/codex-home/config.toml"');
    expect(config.run).toContain('"$CODEX_CI_PROFILE_TOML" > "$RUNNER_TEMP/codex-home/ci.config.toml"');
  });

  test("runs Codex with the ci profile on the fixed changelog-and-docs task", () => {
    const run = step(job, "Run Codex on the changelog and docs");
    expect(run.run?.split("\n").at(-1)).toBe(
      'CODEX_HOME="$RUNNER_TEMP/codex-home" codex exec --profile ci "$CODEX_TASK"',
    );
    expect(run.env?.CODEX_TASK).toBe(TASK);
  });

  test("refuses changes outside CHANGELOG.md and docs/, then scans the diff, then opens a pull request, in that order, last", () => {
    const names = job.steps.map((s) => s.name);
    expect(names.slice(-4)).toEqual([
      "Allow only changelog and docs changes",
      "Refuse a diff that holds a secret",
      "Get the GitHub App token for the pull request (if an App is set up)",
      "Open a pull request for review",
    ]);
    const allow = step(job, "Allow only changelog and docs changes").run ?? "";
    expect(allow).toContain(`grep -Ev '${ALLOWED_CHANGE_PATTERN}'`);
    expect(allow).toMatch(/exit 1\n\s*fi$/);
    const scan = step(job, "Refuse a diff that holds a secret").run ?? "";
    expect(scan.split("\n").slice(0, 7)).toEqual([
      "set -o pipefail",
      'if [ "$(git rev-parse HEAD)" != "$GITHUB_SHA" ]; then',
      '  echo "HEAD is no longer the checked-out commit (a commit was made during the run); refusing to push." >&2',
      "  exit 1",
      "fi",
      "git add -A",
      `if ! ${STAGED_DIFF} | node -e "$SECRET_SCAN_JS"; then`,
    ]);
    for (const flag of ["--cached", "--text", "--no-textconv", "--no-ext-diff", "--no-renames", "--no-color"])
      expect(STAGED_DIFF.split(" "), flag).toContain(flag);
    expect(scan).toContain("exit 1");
    const pr = step(job, "Open a pull request for review");
    expect(pr.run).toContain('branch="codex/docs-${GITHUB_RUN_ID}"');
    expect(pr.run).toContain(
      'git -c core.hooksPath=/dev/null push --no-verify "${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}.git" "$branch"',
    );
    expect(pr.run).toContain('gh pr create --head "$branch"');
    // commits the index the scan read: no second `git add`, no hook
    expect(pr.run).not.toContain("git add");
    expect(pr.run).toContain("git -c core.hooksPath=/dev/null commit --no-verify ");
    // git reads the token from the environment through a credential helper, never from an argument
    expect(pr.env).toMatchObject({
      GH_TOKEN: "${{ steps.pr-app-token.outputs.token || github.token }}",
      GIT_CONFIG_KEY_1: "credential.helper",
    });
    expect(pr.env?.GIT_CONFIG_VALUE_1).toContain("password=${GH_TOKEN}");
  });

  test("a GitHub App token opens the pull request when the repository names an App; otherwise the job token", () => {
    expect(step(job, "Get the GitHub App token for the pull request (if an App is set up)")).toEqual({
      name: "Get the GitHub App token for the pull request (if an App is set up)",
      id: "pr-app-token",
      if: "vars.CODEX_PR_APP_ID != ''",
      uses: PINNED_ACTIONS.createAppToken,
      with: {
        "app-id": "${{ vars.CODEX_PR_APP_ID }}",
        "private-key": "${{ secrets.CODEX_PR_APP_PRIVATE_KEY }}",
        "permission-contents": "write",
        "permission-pull-requests": "write",
      },
    });
    const header = renderCiWorkflow(inputs, OPTIONS)
      .split("\n")
      .filter((l) => l.startsWith("#"))
      .join(" ");
    expect(header).toContain("CODEX_PR_APP_ID variable and the CODEX_PR_APP_PRIVATE_KEY secret");
    expect(header).toContain('"Allow GitHub Actions to create and approve pull requests"');
    expect(header).toMatch(/also lets the\s+# token of every workflow in the repository approve pull requests/);
  });

  test("no token appears in any command's arguments", () => {
    for (const s of job.steps) expect(s.run ?? "", s.name).not.toMatch(/\$\{\{\s*(secrets|github\.token)/);
  });
});

describe("the Codex CI workflow, key mode", () => {
  let text = "";
  let job = {} as Job;
  beforeEach(() => {
    text = renderCiWorkflow(SAMPLE_INPUTS, OPTIONS);
    job = (parseYaml(text) as Workflow).jobs.codex as Job;
  });

  test("the job may write contents and pull requests, and nothing else (no id-token)", () => {
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  test("the secret is in the environment of the hand-off step and the scan step only, never Codex's; no Azure sign-in", () => {
    expect(step(job, "Hand the key to Codex's auth command").env).toEqual({
      AZURE_OPENAI_API_KEY: "${{ secrets.AZURE_OPENAI_API_KEY }}",
    });
    expect(step(job, "Run Codex on the changelog and docs").env).toEqual({ CODEX_TASK: TASK });
    expect(step(job, "Refuse a diff that holds a secret").env).toEqual({
      CODEX_KEY_TO_REFUSE: "${{ secrets.AZURE_OPENAI_API_KEY }}",
      SECRET_SCAN_JS: renderSecretScanScript(["CODEX_KEY_TO_REFUSE"]),
    });
    expect(job.steps.map((s) => s.name)).toEqual([
      undefined,
      undefined,
      "Install Codex",
      "Write the Codex config",
      "Hand the key to Codex's auth command",
      "Run Codex on the changelog and docs",
      "Allow only changelog and docs changes",
      "Refuse a diff that holds a secret",
      "Get the GitHub App token for the pull request (if an App is set up)",
      "Open a pull request for review",
    ]);
    expect(text.match(/secrets\.AZURE_OPENAI_API_KEY/g)).toHaveLength(2);
    expect(text).not.toContain("azure/login");
    expect(text).not.toContain("id-token");
  });

  test("the key goes to a file only the runner user reads; CI's get-key.sh prints it once and removes it", () => {
    expect(step(job, "Hand the key to Codex's auth command").run).toBe(
      `umask 077\nprintf '%s' "$AZURE_OPENAI_API_KEY" > "$RUNNER_TEMP/codex-home/${CI_KEY_FILE}"`,
    );
    const config = step(job, "Write the Codex config");
    expect(config.env?.CODEX_KEY_SCRIPT).toBe(renderCiKeyScript());
    expect(config.run).toContain('"$CODEX_KEY_SCRIPT" > "$RUNNER_TEMP/codex-home/get-key.sh"');
    expect(renderCiKeyScript()).toMatch(/\ncat azure-openai-key\nrm -f azure-openai-key$/);
    // Whatever way Codex ends, the file is gone (when Codex never asked for the key).
    expect(step(job, "Run Codex on the changelog and docs").run?.split("\n")[0]).toBe(
      `trap 'rm -f "$RUNNER_TEMP/codex-home/${CI_KEY_FILE}"' EXIT`,
    );
  });

  test("the header names the repository, the team, the stack, the runner and the secret", () => {
    const header = text
      .split("\n")
      .filter((l) => l.startsWith("#"))
      .join("\n");
    for (const fact of [
      "payments-api",
      "team dev",
      "stack dev",
      "self-hosted runner",
      "codex.runnerLabels",
      "AZURE_OPENAI_API_KEY secret",
    ])
      expect(header, fact).toContain(fact);
  });

  test("long values are not folded (lineWidth 0): the task prompt stays on one line", () => {
    expect(text).toContain(`CODEX_TASK: ${TASK}`);
  });
});

describe("the Codex CI workflow, entra mode", () => {
  let text = "";
  let job = {} as Job;
  beforeEach(() => {
    text = renderCiWorkflow(ENTRA, OPTIONS);
    job = (parseYaml(text) as Workflow).jobs.codex as Job;
  });
  const AZURE_ENV = { AZURE_CONFIG_DIR: "${{ runner.temp }}/azure-config" };

  test("the job may also ask for an OIDC token (id-token: write), and nothing else", () => {
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
  });

  test("signs in with OIDC from variables (no secret), runs Codex, and always signs out, with the sign-in under RUNNER_TEMP", () => {
    expect(job.steps.map((s) => s.name)).toEqual([
      undefined,
      undefined,
      "Install Codex",
      "Write the Codex config",
      "Sign in to Azure as the CI identity (OIDC, no secret)",
      "Run Codex on the changelog and docs",
      "Sign out of Azure",
      "Allow only changelog and docs changes",
      "Refuse a diff that holds a secret",
      "Get the GitHub App token for the pull request (if an App is set up)",
      "Open a pull request for review",
    ]);
    expect(step(job, "Sign in to Azure as the CI identity (OIDC, no secret)")).toEqual({
      name: "Sign in to Azure as the CI identity (OIDC, no secret)",
      uses: PINNED_ACTIONS.azureLogin,
      env: AZURE_ENV,
      with: {
        "client-id": "${{ vars.AZURE_CLIENT_ID }}",
        "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
        "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
      },
    });
    expect(step(job, "Run Codex on the changelog and docs").env).toEqual({ ...AZURE_ENV, CODEX_TASK: TASK });
    expect(step(job, "Sign out of Azure")).toEqual({
      name: "Sign out of Azure",
      if: "always()",
      env: AZURE_ENV,
      run: 'az logout || true\nrm -rf "$AZURE_CONFIG_DIR"',
    });
  });

  test("no secret is read but the pull request App's key; the scan refuses patterns only", () => {
    expect(text.match(/\$\{\{\s*secrets\.[A-Z_]+/g)).toEqual(["${{ secrets.CODEX_PR_APP_PRIVATE_KEY"]);
    expect(text).not.toContain("AZURE_OPENAI_API_KEY");
    expect(step(job, "Refuse a diff that holds a secret").env).toEqual({ SECRET_SCAN_JS: renderSecretScanScript([]) });
  });

  test("no YAML alias: GitHub Actions rejects them", () => {
    expect(text).not.toMatch(/[*&]a\d/);
  });

  test("the header says there is no key and where the sign-in lives", () => {
    const header = text
      .split("\n")
      .filter((l) => l.startsWith("#"))
      .join("\n");
    for (const fact of ["payments-api", "team dev", "NO KEY", "OIDC", "AZURE_CLIENT_ID", "RUNNER_TEMP", "Azure CLI"])
      expect(header, fact).toContain(fact);
    expect(text).toContain(`CODEX_TASK: ${TASK}`);
  });
});

describe("only CHANGELOG.md and docs/ may change", () => {
  const allowed = new RegExp(ALLOWED_CHANGE_PATTERN);
  test.each(["CHANGELOG.md", "docs/a.md", "docs/guide/setup.md"])("%s is allowed", (path) => {
    expect(allowed.test(path)).toBe(true);
  });
  test.each([
    "src/index.ts",
    "CHANGELOGxmd",
    "xCHANGELOG.md",
    "CHANGELOG.md.bak",
    "mydocs/a.md",
    ".github/workflows/codex.yml",
  ])("%s is refused", (path) => {
    expect(allowed.test(path)).toBe(false);
  });
});

describe("actionlint config", () => {
  test("declares only the custom runner labels (GitHub's own labels are known to actionlint)", () => {
    const text = renderActionlintConfig({
      ...SAMPLE_INPUTS,
      runnerLabels: ["self-hosted", "linux", "windows", "macos", "x64", "arm", "arm64", "codex-boundary", "gpu"],
    });
    expect(parseYaml(text)).toEqual({ "self-hosted-runner": { labels: ["codex-boundary", "gpu"] } });
    expect(text.split("\n")[0]).toBe(
      "# Generated by codex-boundary: the self-hosted runner labels the Codex workflow runs on.",
    );
  });
});
