import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { PROJECT_DIR } from "../support/stackFiles";
import { readJob, runJob, stub } from "../support/workflowRunner";

// deploy.yml's `scope` job, run as a runner would: a real git merge commit two commits deep (what actions/checkout
// gives a pull request), the base branch's checkout (this project), npm stubbed out.

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: cwd,
    },
  });
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A workspace holding `pr`: the merge of a branch changing `changed` into a main that moved on meanwhile. */
function pullRequest(changed: Record<string, string>, removed: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), "cb-scope-job-"));
  const pr = join(root, "pr");
  mkdirSync(pr);
  git(pr, "init", "-q", "-b", "main");
  write(pr, { "Pulumi.dev.yaml": "config: {}\n", "lib/a.ts": "export {};\n", "docs/a.md": "a\n" });
  git(pr, "add", "-A");
  git(pr, "commit", "-qm", "base");
  git(pr, "checkout", "-qb", "feature");
  write(pr, changed);
  for (const path of removed) git(pr, "rm", "-q", path);
  git(pr, "add", "-A");
  git(pr, "commit", "-qm", "feature");
  git(pr, "checkout", "-q", "main");
  // main moves on with a platform change: not the pull request's, so never counted against it.
  write(pr, { "lib/b.ts": "export {};\n" });
  git(pr, "add", "-A");
  git(pr, "commit", "-qm", "main moves on");
  git(pr, "merge", "-q", "--no-ff", "-m", "merge", "feature");
  symlinkSync(PROJECT_DIR, join(root, "base"));
  return root;
}

function scope(root: string, eventName = "pull_request") {
  const bin = join(root, "bin");
  stub(bin, "npm", "#!/bin/sh\nexit 0\n");
  const runnerTemp = join(root, "tmp");
  mkdirSync(runnerTemp, { recursive: true });
  return runJob({
    workflow: "deploy.yml",
    job: "scope",
    cwd: root,
    environments: {},
    github: { event_name: eventName },
    env: { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: root, RUNNER_TEMP: runnerTemp },
    loginLog: join(root, "logins"),
  });
}

describe("deploy.yml scope job", () => {
  test("a pull request changing a stack file and a workflow fails, naming both (regression: it was deployed as one)", () => {
    const result = scope(
      pullRequest({ "Pulumi.dev.yaml": "config: {a: 1}\n", ".github/workflows/deploy.yml": "name: x\n" }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "::error::This pull request changes team stack files (Pulumi.dev.yaml) together with platform files (.github/workflows/deploy.yml): split into two pull requests",
    );
    expect(result.stderr).not.toContain("lib/b.ts");
  });

  test("a new stack file with its CODEOWNERS line and a doc passes", () => {
    const result = scope(
      pullRequest({ "Pulumi.payments.yaml": "config: {}\n", ".github/CODEOWNERS": "* @o\n", "docs/b.md": "b\n" }),
    );
    expect([result.status, result.stdout]).toEqual([
      0,
      "This pull request changes team stack files only (Pulumi.payments.yaml).\n",
    ]);
  });

  test("a deleted stack file counts as changed", () => {
    const result = scope(pullRequest({ "lib/a.ts": "export const a = 1;\n" }, ["Pulumi.dev.yaml"]));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("team stack files (Pulumi.dev.yaml) together with platform files (lib/a.ts)");
  });

  test("on a push nothing runs, and the job passes", () => {
    const result = scope(pullRequest({ "docs/b.md": "b\n" }), "push");
    expect([result.status, result.ran]).toEqual([0, []]);
  });
});

describe("deploy.yml's shape around the scope job", () => {
  const doc = parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", "deploy.yml"), "utf8")) as {
    jobs: Record<string, { needs?: string | string[]; environment?: string; permissions?: Record<string, string> }>;
  };

  test("the plan and every job with an environment wait for it; it holds no identity and no secret", () => {
    for (const [name, job] of Object.entries(doc.jobs)) {
      if (name === "plan" || job.environment !== undefined) expect([job.needs ?? []].flat(), name).toContain("scope");
    }
    expect(doc.jobs.scope?.permissions).toEqual({ contents: "read" });
    expect(doc.jobs.scope?.environment).toBeUndefined();
    expect(JSON.stringify(readJob("deploy.yml", "scope"))).not.toMatch(/secrets\.|id-token|azure\/login/);
  });

  test("it runs the base branch's check, never the pull request's", () => {
    const job = readJob("deploy.yml", "scope");
    const base = job.steps.find((s) => s.with?.path === "base");
    expect(base?.with?.ref).toBe("${{ github.event.pull_request.base.sha }}");
    const run = job.steps.map((s) => s.run ?? "").join("\n");
    expect(run).toContain("base/node_modules/.bin/tsx base/scripts/pipeline/changeScope.ts");
    expect(run).not.toMatch(/pr\/scripts/);
  });
});
