import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { backendStacks, fakePulumi, pulumiCalls, READER_CLIENT_ID } from "../support/fakePulumi";
import { PROJECT_DIR } from "../support/stackFiles";
import { checkout, type JobRun, runJob, stub } from "../support/workflowRunner";

// The shell inside deploy.yml and rotate-keys.yml, run as a runner runs a step with no `shell:`
// (bash -eo pipefail), with stub CLIs.

interface Step {
  id?: string;
  name?: string;
  run?: string;
}

function step(workflow: string, job: string, match: (s: Step) => boolean): string {
  const parsed = parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", workflow), "utf8")) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const found = parsed.jobs[job]?.steps.find(match)?.run;
  if (found === undefined) throw new Error(`no such step in ${workflow} job ${job}`);
  return found;
}

function runStep(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    encoding: "utf8",
  });
}

describe("finding the team stacks", () => {
  const script = step("rotate-keys.yml", "stacks", (s) => s.id === "find");

  function find(only: string, run = script) {
    const dir = mkdtempSync(join(tmpdir(), "cb-stacks-"));
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.payments.yaml", "Pulumi.web-team.yaml", "README.md"])
      writeFileSync(join(dir, file), "");
    const output = join(dir, "github-output");
    writeFileSync(output, "");
    const result = runStep(run, dir, { ONLY: only, GITHUB_OUTPUT: output });
    return { ...result, output: readFileSync(output, "utf8") };
  }

  test("every Pulumi.<team>.yaml is one stack, as a JSON list for the matrix (rotation and deployment alike)", () => {
    for (const run of [script, step("deploy.yml", "stacks", (s) => s.id === "find")]) {
      const result = find("", run);
      expect(result.status, result.stderr).toBe(0);
      expect(result.output).toBe('stacks=["dev","payments","web-team"]\n');
    }
  });

  test("the stack input narrows it to one; an unknown stack fails with its name", () => {
    expect(find("payments").output).toBe('stacks=["payments"]\n');
    const unknown = find("nosuch");
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("No stack file Pulumi.nosuch.yaml");
    expect(unknown.output).toBe("");
  });
});

// ---- The jobs with stub CLIs: a new stack file from pull request to deployment to rotation; emergencies. ----

const KV = "azurekeyvault://kv-platform-state.vault.azure.net/keys/pulumi-state";
const DEPLOYER = "deployer-1111";
const GITHUB_WRITE = "github-write-token-not-real";
const shared = {
  AZURE_TENANT_ID: "tenant",
  AZURE_SUBSCRIPTION_ID: "sub",
  PULUMI_BACKEND_URL: "azblob://state?storage_account=cbstate",
  PULUMI_SECRETS_PROVIDER: KV,
};
/** What each GitHub environment holds (docs/security-review.md, one-time setup). */
const environments = {
  preview: { ...shared, PREVIEW_AZURE_CLIENT_ID: READER_CLIENT_ID },
  production: { ...shared, DEPLOY_AZURE_CLIENT_ID: DEPLOYER, CODEX_BOUNDARY_GITHUB_TOKEN: GITHUB_WRITE },
  "keys-rotation": { ...shared, DEPLOY_AZURE_CLIENT_ID: DEPLOYER, CODEX_BOUNDARY_GITHUB_TOKEN: GITHUB_WRITE },
  "keys-emergency": {
    ...shared,
    DEPLOY_AZURE_CLIENT_ID: DEPLOYER,
    CODEX_BOUNDARY_GITHUB_TOKEN: GITHUB_WRITE,
    CODEX_BOUNDARY_RECORD_TOKEN: "record-token-not-real",
  },
};
const teamFile = (team: string) => `config:\n  codex-boundary:team: ${team}\n`;

/** A fake estate: stub pulumi and npm on PATH, a fake backend, and a fresh checkout per job. */
function estate() {
  const root = mkdtempSync(join(tmpdir(), "cb-flow-"));
  const bin = join(root, "bin");
  fakePulumi(root, bin);
  stub(bin, "npm", `#!/bin/sh\nprintf '%s\\n' "$*" >> "${root}/npm-calls"\n`);
  let checkouts = 0;
  const run = (workflow: string, job: string, files: Record<string, string>, extra: Partial<JobRun> = {}) => {
    const cwd = join(root, `checkout-${++checkouts}`);
    checkout(cwd, files);
    const runnerTemp = mkdtempSync(join(root, "runner-temp-"));
    const result = runJob({
      workflow,
      job,
      cwd,
      environments,
      env: { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: root, RUNNER_TEMP: runnerTemp },
      loginLog: join(root, "logins"),
      ...extra,
    });
    return { ...result, cwd };
  };
  const logins = () =>
    existsSync(join(root, "logins")) ? readFileSync(join(root, "logins"), "utf8").trim().split("\n") : [];
  return { root, run, logins, calls: () => pulumiCalls(root) };
}

describe("a new team's stack file, from pull request to deployment to rotation", () => {
  test("preview as the reader on a throwaway state, create with the Key Vault provider on main, then rotate", () => {
    const fleet = estate();
    // Already deployed: dev, encrypted with the configured key.
    mkdirSync(join(fleet.root, "backends", "azblob", "stacks"), { recursive: true });
    writeFileSync(join(fleet.root, "backends", "azblob", "stacks", "dev"), KV);
    const files = { dev: `secretsprovider: ${KV}\n${teamFile("dev")}`, payments: teamFile("payments") };

    // 1. The pull request adding Pulumi.payments.yaml.
    const pr = fleet.run("deploy.yml", "preview", files, { matrix: { stack: "payments" } });
    expect(pr.status, pr.stderr).toBe(0);
    expect(pr.stdout).toContain(
      "::notice::Stack payments is not deployed yet: previewing it against an empty throwaway state (nothing is created).",
    );
    expect(fleet.logins()).toEqual([READER_CLIENT_ID]);
    expect(fleet.calls()).toEqual([
      `stack ls --json | client=${READER_CLIENT_ID} | backend=azblob | github-token=-`,
      `stack init payments --secrets-provider passphrase --non-interactive | client=${READER_CLIENT_ID} | backend=file | github-token=-`,
      `preview --stack payments --policy-pack dist/policies --diff --non-interactive | client=${READER_CLIENT_ID} | backend=file | github-token=-`,
    ]);
    expect(backendStacks(fleet.root)).toEqual({ dev: KV });
    // The existing stack's preview in the same pull request reads the estate's state, still as the reader.
    const prDev = fleet.run("deploy.yml", "preview", files, { matrix: { stack: "dev" } });
    expect(prDev.status, prDev.stderr).toBe(0);
    expect(fleet.calls().slice(3)).toEqual([
      `stack ls --json | client=${READER_CLIENT_ID} | backend=azblob | github-token=-`,
      `stack export --stack dev | client=${READER_CLIENT_ID} | backend=azblob | github-token=-`,
      `preview --stack dev --policy-pack dist/policies --diff --non-interactive | client=${READER_CLIENT_ID} | backend=azblob | github-token=-`,
    ]);

    // 2. Merged: the deploy job on main creates the stack with the Key Vault provider, then deploys it.
    const before = fleet.calls().length;
    const main = fleet.run("deploy.yml", "deploy", files, { matrix: { stack: "payments" } });
    expect(main.status, main.stderr).toBe(0);
    expect(fleet.calls().slice(before)).toEqual([
      `stack ls --json | client=${DEPLOYER} | backend=azblob | github-token=-`,
      `stack init payments --secrets-provider ${KV} --non-interactive | client=${DEPLOYER} | backend=azblob | github-token=-`,
      `up --yes --stack payments --policy-pack dist/policies --non-interactive | client=${DEPLOYER} | backend=azblob | github-token=${GITHUB_WRITE}`,
    ]);
    expect(backendStacks(fleet.root)).toEqual({ dev: KV, payments: KV });
    // The preflight (providers, rights, models, RAI policies, quota, the token) runs for this stack before pulumi up.
    expect(readFileSync(join(fleet.root, "npm-calls"), "utf8")).toContain(
      "ci --ignore-scripts --no-audit --no-fund\nrun build\nrun --silent preflight -- --stack payments\n",
    );

    // 3. The next day: rotation finds the stack (a fresh checkout, the file as committed) and rotates it.
    const next = fleet.calls().length;
    const rotation = fleet.run("rotate-keys.yml", "rotate", files, { matrix: { stack: "payments" } });
    expect(rotation.status, rotation.stderr).toBe(0);
    expect(fleet.calls().slice(next)).toEqual([
      `stack ls --json | client=${DEPLOYER} | backend=azblob | github-token=-`,
      `stack export --stack payments | client=${DEPLOYER} | backend=azblob | github-token=-`,
      `up --yes --stack payments --policy-pack dist/policies --non-interactive | client=${DEPLOYER} | backend=azblob | github-token=${GITHUB_WRITE}`,
    ]);
  });

  test("the reader cannot create a stack in the estate's backend, even if a pull request tried", () => {
    const fleet = estate();
    const attempt = spawnSync("pulumi", ["stack", "init", "payments", "--secrets-provider", KV], {
      cwd: fleet.root,
      env: {
        PATH: `${join(fleet.root, "bin")}:${process.env.PATH ?? ""}`,
        ARM_CLIENT_ID: READER_CLIENT_ID,
        PULUMI_BACKEND_URL: shared.PULUMI_BACKEND_URL,
      },
      encoding: "utf8",
    });
    expect(attempt.status).not.toBe(0);
    expect(backendStacks(fleet.root)).toEqual({});
  });

  test("rotation skips a stack file that is not deployed yet, with a notice, and does not fail", () => {
    const fleet = estate();
    const result = fleet.run("rotate-keys.yml", "rotate", { web: teamFile("web") }, { matrix: { stack: "web" } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "::notice::Stack web is not deployed yet (no such stack in the backend): rotation skipped. deploy.yml creates it when Pulumi.web.yaml reaches main.",
    );
    expect(result.ran).not.toContain("Rotate (pulumi up)");
    expect(fleet.calls().some((c) => c.startsWith("up "))).toBe(false);
  });

  test("a stack encrypted with a passphrase is refused before anything runs, with the fix", () => {
    const fleet = estate();
    mkdirSync(join(fleet.root, "backends", "azblob", "stacks"), { recursive: true });
    writeFileSync(join(fleet.root, "backends", "azblob", "stacks", "legacy"), "passphrase");
    for (const [workflow, job] of [
      ["deploy.yml", "deploy"],
      ["rotate-keys.yml", "rotate"],
    ] as const) {
      const result = fleet.run(
        workflow,
        job,
        { legacy: `encryptionsalt: v1:abc\n${teamFile("legacy")}` },
        { matrix: { stack: "legacy" } },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `::error::Pulumi.legacy.yaml has encryptionsalt: the stack uses a passphrase, which the workflows cannot open. Run pulumi stack change-secrets-provider "${KV}" --stack legacy, then commit the file.`,
      );
    }
    expect(fleet.calls().some((c) => c.startsWith("up ") || c.startsWith("stack init"))).toBe(false);
  });
});

describe("an emergency", () => {
  const reasonCheck = (reason: string) =>
    estate().run(
      "rotate-keys.yml",
      "emergency-check",
      {},
      { inputs: { stack: "payments", emergency: reason }, github: { ref: "refs/heads/main" } },
    );

  test("free text with quotes, unicode or digits only passes the check; a pasted key fails it without being printed", () => {
    for (const reason of [`it's "bad": ünï 🔑`, "123", "x".repeat(500)]) {
      const ok = reasonCheck(reason);
      expect(ok.status, ok.stderr).toBe(0);
    }
    const key = "0123456789abcdef".repeat(2);
    const refused = reasonCheck(`pasted ${key} in chat`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("::error::Characters 8-39 of the reason look like a key or token");
    expect(refused.stdout + refused.stderr).not.toContain(key);
    expect(reasonCheck("x".repeat(501)).stderr).toContain("The reason is 501 characters; at most 500 are kept.");
  });

  test("dispatched from another branch, it stops before anything else", () => {
    const fleet = estate();
    const result = fleet.run(
      "rotate-keys.yml",
      "emergency-check",
      {},
      { inputs: { stack: "payments", emergency: "leak" }, github: { ref: "refs/heads/feature" } },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error::Run the emergency from main (got refs/heads/feature)");
    expect(result.ran).toEqual(["Emergencies run from main only"]);
  });

  /** A bare origin with main holding the stack file, and a clone as the job's checkout. */
  function repository(root: string) {
    const origin = join(root, "origin.git");
    const repo = join(root, "repo");
    const gitConfig = join(root, "gitconfig");
    writeFileSync(gitConfig, "[init]\n\tdefaultBranch = main\n");
    const env = {
      HOME: root,
      GIT_CONFIG_GLOBAL: gitConfig,
      GIT_CONFIG_NOSYSTEM: "1",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
    };
    const git = (args: string[], cwd = repo) => spawnSync("git", args, { cwd, env, encoding: "utf8" });
    git(["init", "--bare", "--quiet", origin], root);
    const seed = join(root, "seed");
    git(["clone", "--quiet", origin, seed], root);
    writeFileSync(join(seed, "Pulumi.payments.yaml"), teamFile("payments"));
    writeFileSync(join(seed, "README.md"), "# stacks\n");
    git(["-c", "user.name=Dev", "-c", "user.email=dev@contoso.example", "add", "-A"], seed);
    git(["-c", "user.name=Dev", "-c", "user.email=dev@contoso.example", "commit", "--quiet", "-m", "initial"], seed);
    git(["push", "--quiet", "origin", "HEAD:main"], seed);
    git(["clone", "--quiet", origin, repo], root);
    for (const name of ["scripts", "lib", "node_modules"]) symlinkSync(join(PROJECT_DIR, name), join(repo, name));
    return { origin, repo, seed, env, git };
  }

  function recordStep(repoDir: string, env: Record<string, string>, runId: string, reason: string) {
    const script = step("rotate-keys.yml", "emergency", (s) => s.name === "Record the emergency on main");
    return runStep(script, repoDir, {
      ...env,
      STACK: "payments",
      REASON: reason,
      RUN_ID: runId,
      RECORD_TOKEN: "record-token-not-real",
      GITHUB_SERVER_URL: "https://github.example",
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), "cb-runner-")),
    });
  }

  test("the record lands on main (on top of whatever main has become) before the rotation, once per run", () => {
    const root = mkdtempSync(join(tmpdir(), "cb-record-"));
    const { origin, repo, seed, env, git } = repository(root);
    // Someone merges to main after the job checked out: the record must not undo it.
    writeFileSync(join(seed, "README.md"), "# stacks, updated\n");
    git(["-c", "user.name=Dev", "-c", "user.email=dev@contoso.example", "commit", "--quiet", "-am", "docs"], seed);
    git(["push", "--quiet", "origin", "HEAD:main"], seed);

    const reason = `key "pasted" in Teams — 123`;
    const first = recordStep(repo, env, "4242", reason);
    expect(first.status, first.stderr).toBe(0);
    expect(git(["log", "--format=%s", "main"], origin).stdout.trim().split("\n")).toEqual([
      "Record emergency key rotation for payments (rotate-keys run 4242)",
      "docs",
      "initial",
    ]);
    expect(git(["diff", "--name-only", "main~1", "main"], origin).stdout.trim()).toBe("Pulumi.payments.yaml");
    const recorded = parse(git(["show", "main:Pulumi.payments.yaml"], origin).stdout) as {
      config: Record<string, { emergencies: unknown[] }>;
    };
    expect(recorded.config["codex-boundary:keyRotation"]?.emergencies).toEqual([`${reason} [rotate-keys run 4242]`]);
    expect(git(["branch", "-a"], origin).stdout.trim()).toBe("* main");

    // "Re-run jobs" keeps the run id: the record is not written twice, so no second revocation.
    const rerun = recordStep(repo, env, "4242", reason);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain("This run already recorded its emergency");
    expect(git(["rev-list", "--count", "main"], origin).stdout.trim()).toBe("3");
    // The token is never left in the checkout's git config.
    expect(readFileSync(join(repo, ".git", "config"), "utf8")).not.toContain("record-token-not-real");
  });

  test("an invalid reason records nothing", () => {
    const root = mkdtempSync(join(tmpdir(), "cb-record-"));
    const { origin, repo, env, git } = repository(root);
    const result = recordStep(repo, env, "5", "ab");
    expect(result.status).not.toBe(0);
    expect(git(["rev-list", "--count", "main"], origin).stdout.trim()).toBe("1");
  });

  test("the rotation waits while another run holds the stack's lock, and stops on any other failure", () => {
    const script = step("rotate-keys.yml", "emergency", (s) => s.name?.startsWith("Rotate both keys") === true);
    const fleet = estate();
    mkdirSync(join(fleet.root, "backends", "azblob", "stacks"), { recursive: true });
    writeFileSync(join(fleet.root, "backends", "azblob", "stacks", "payments"), KV);
    writeFileSync(join(fleet.root, "locked-payments"), "2");
    const env = {
      PATH: `${join(fleet.root, "bin")}:${process.env.PATH ?? ""}`,
      STACK: "payments",
      PULUMI_BACKEND_URL: shared.PULUMI_BACKEND_URL,
      ARM_CLIENT_ID: DEPLOYER,
      RUNNER_TEMP: fleet.root,
      LOCK_WAIT_SECONDS: "0",
    };
    const waited = runStep(script, fleet.root, env);
    expect(waited.status, waited.stderr).toBe(0);
    expect(fleet.calls().filter((c) => c.startsWith("up "))).toHaveLength(3);
    const failed = runStep(script, fleet.root, { ...env, UP_FAILS: "policy violation" });
    expect(failed.status).not.toBe(0);
    expect(fleet.calls().filter((c) => c.startsWith("up "))).toHaveLength(4);
  });
});
