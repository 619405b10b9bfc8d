import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { renderDeveloperKit } from "../../lib/devkit/files";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { SAMPLE_INPUTS } from "./support";

// The path guard of the generated workflow, run as a runner runs a step (bash -eo pipefail, in the checkout, with
// GITHUB_SHA) after "Codex" changed the files each case names: the job must fail on any path outside the stage's list.

type Step = { name?: string; run?: string };

function guardStep(inputs: DevKitInputs): string {
  const workflow = renderDeveloperKit(inputs, [{ name: "api" }]).workflows.api ?? "";
  const step = (parseYaml(workflow) as { jobs: { codex: { steps: Step[] } } }).jobs.codex.steps.find((s) =>
    s.name?.startsWith("Allow only"),
  );
  if (step?.run === undefined) throw new Error("no path guard step");
  return step.run;
}

const gitEnv = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

/** A checkout with CHANGELOG.md, docs/ and src/ committed; `change` plays Codex; then the guard step runs. */
function runGuard(inputs: DevKitInputs, change: (repo: string, git: (...args: string[]) => void) => void) {
  const repo = mkdtempSync(join(tmpdir(), "cb-guard-"));
  const git = (...args: string[]) => {
    execFileSync("git", args, { cwd: repo, env: gitEnv, stdio: "pipe" });
  };
  git("init", "-q", "-b", "main");
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  for (const path of ["CHANGELOG.md", "docs/guide.md", "src/app.ts", "README.md"]) write(path, `${path}\n`);
  git("add", "-A");
  git("commit", "-qm", "initial");
  const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, env: gitEnv, encoding: "utf8" }).trim();
  change(repo, git);
  const ran = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", guardStep(inputs)], {
    cwd: repo,
    env: { ...gitEnv, GITHUB_SHA: sha },
    encoding: "utf8",
  });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

const edit = (path: string) => (repo: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), "changed by Codex\n");
};

describe("ci-docs (and no rollout): only CHANGELOG.md and docs/", () => {
  const docs = SAMPLE_INPUTS;

  test("a changelog and docs change passes; no change passes and says so", () => {
    expect(runGuard(docs, (repo) => (edit("CHANGELOG.md")(repo), edit("docs/new/page.md")(repo))).status).toBe(0);
    expect(runGuard(docs, () => undefined)).toMatchObject({ status: 0, stdout: "No changes.\n" });
  });

  test.each([
    ["an edit of code", edit("src/app.ts"), "src/app.ts"],
    ["a new file in a new folder", edit("tools/x/run.sh"), "tools/x/run.sh"],
    ["a workflow", edit(".github/workflows/codex.yml"), ".github/workflows/codex.yml"],
    [
      "a staged rename out of docs/",
      (_repo: string, git: (...a: string[]) => void) => git("mv", "docs/guide.md", "run.sh"),
      "run.sh",
    ],
    [
      "a commit made during the run",
      (repo: string, git: (...a: string[]) => void) => {
        edit("src/app.ts")(repo);
        git("commit", "-qam", "sneaky");
      },
      "src/app.ts",
    ],
  ])("%s fails the job and names the path", (_what, change, path) => {
    const result = runGuard(docs, change);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")).toContain(path);
    expect(result.stderr).toContain(
      "Codex changed files outside CHANGELOG.md and docs/; refusing to open a pull request.",
    );
  });
});

describe("ci-code: the code paths too, nothing else", () => {
  const code: DevKitInputs = { ...SAMPLE_INPUTS, rolloutStage: "ci-code", ciCodePaths: ["src/"] };

  test("a change under src/ with the changelog passes", () => {
    expect(runGuard(code, (repo) => (edit("src/app.ts")(repo), edit("CHANGELOG.md")(repo))).status).toBe(0);
  });

  test("a change beside the code paths fails the job", () => {
    const result = runGuard(code, (repo) => (edit("src/app.ts")(repo), edit("README.md")(repo)));
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toBe("README.md");
    expect(result.stderr).toContain("outside CHANGELOG.md, docs/, src/");
  });
});
