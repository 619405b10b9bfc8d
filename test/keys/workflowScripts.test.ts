import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { PROJECT_DIR } from "../support/runStack";

// The shell inside rotate-keys.yml, run as a runner runs a step with no `shell:` (bash -e), with stub CLIs.

interface Step {
  id?: string;
  name?: string;
  run?: string;
}

function step(workflow: string, job: string, match: (s: Step) => boolean): string {
  const parsed = parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", workflow), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const found = parsed.jobs[job]?.steps.find(match)?.run;
  if (found === undefined) throw new Error(`no such step in ${workflow} job ${job}`);
  return found;
}

function runStep(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync("bash", ["-e", "-c", script], { cwd, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env }, encoding: "utf8" });
}

describe("finding the team stacks", () => {
  const script = step("rotate-keys.yml", "stacks", (s) => s.id === "find");

  function find(only: string, run = script) {
    const dir = mkdtempSync(join(tmpdir(), "cb-stacks-"));
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.payments.yaml", "Pulumi.web-team.yaml", "README.md"]) writeFileSync(join(dir, file), "");
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

describe("recording an emergency", () => {
  const script = step("rotate-keys.yml", "emergency", (s) => s.run?.includes("keyRotation.emergencies") === true && s.run.includes("pulumi up"));

  /** A stub pulumi: `config get` answers from RECORDED (or fails like an unset key); `up` records its arguments. */
  function run(recorded: string | undefined) {
    const dir = mkdtempSync(join(tmpdir(), "cb-emergency-"));
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "pulumi"),
      [
        "#!/bin/sh",
        'if [ "$1" = config ] && [ "$2" = get ]; then',
        '  if [ -z "${RECORDED:-}" ]; then echo "error: configuration key \'codex-boundary:keyRotation\' not found for stack \'$STACK\'" >&2; exit 255; fi',
        '  printf \'%s\\n\' "$RECORDED"; exit 0',
        "fi",
        `if [ "$1" = up ]; then for a in "$@"; do printf '%s\\n' "$a"; done > "${dir}/up-args"; exit 0; fi`,
        "exit 9",
      ].join("\n"),
    );
    chmodSync(join(bin, "pulumi"), 0o755);
    const result = runStep(script, dir, { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, STACK: "payments", REASON: "key pasted in a public gist", ...(recorded !== undefined ? { RECORDED: recorded } : {}) });
    const upArgs = existsSync(join(dir, "up-args")) ? readFileSync(join(dir, "up-args"), "utf8").trim().split("\n") : [];
    return { ...result, upArgs };
  }

  test("the first emergency of a stack becomes emergencies[0], with the policy pack on", () => {
    const result = run(undefined);
    expect(result.status, result.stderr).toBe(0);
    expect(result.upArgs).toEqual([
      "up", "--yes", "--stack", "payments", "--policy-pack", "dist/policies", "--config-path",
      "--config", "codex-boundary:keyRotation.emergencies[0]=key pasted in a public gist",
    ]);
  });

  test("later emergencies are appended after the recorded ones, never overwriting them", () => {
    const result = run('["laptop stolen","token in CI log"]');
    expect(result.status, result.stderr).toBe(0);
    expect(result.upArgs).toContain("codex-boundary:keyRotation.emergencies[2]=key pasted in a public gist");
  });

  test("a malformed record stops the job before anything is rotated", () => {
    const result = run('{"not":"a list"}');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/keyRotation\.emergencies is not a list/);
    expect(result.upArgs).toEqual([]);
  });
});

describe("proposing the emergency record", () => {
  const script = step("rotate-keys.yml", "emergency", (s) => s.name === "Propose the record for main");

  test("the updated stack file goes to a new branch and a pull request; main is untouched", () => {
    const root = mkdtempSync(join(tmpdir(), "cb-record-"));
    const origin = join(root, "origin.git");
    const repo = join(root, "repo");
    const bin = join(root, "bin");
    mkdirSync(bin);
    const token = "ghs-test-token-not-real";
    const gitConfig = join(root, "gitconfig");
    writeFileSync(gitConfig, `[url "${origin}"]\n\tinsteadOf = https://x-access-token:${token}@github.example/contoso/codex-boundary.git\n[init]\n\tdefaultBranch = main\n`);
    const env = { HOME: root, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: "1", PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}` };
    const git = (args: string[], cwd = repo) => spawnSync("git", args, { cwd, env, encoding: "utf8" });
    git(["init", "--bare", "--quiet", origin], root);
    git(["clone", "--quiet", origin, repo], root);
    git(["config", "user.email", "dev@contoso.example"]);
    git(["config", "user.name", "Developer"]);
    writeFileSync(join(repo, "Pulumi.payments.yaml"), "config:\n  codex-boundary:team: payments\n");
    writeFileSync(join(repo, "README.md"), "# stacks\n");
    git(["add", "-A"]);
    git(["commit", "--quiet", "-m", "initial"]);
    git(["push", "--quiet", "origin", "HEAD:main"]);
    // What `pulumi up --config ...` left behind: the stack file with the record, and an unrelated local change.
    writeFileSync(join(repo, "Pulumi.payments.yaml"), "config:\n  codex-boundary:team: payments\n  codex-boundary:keyRotation:\n    emergencies:\n      - key pasted in a public gist\n");
    writeFileSync(join(repo, "README.md"), "# stacks, edited locally\n");
    writeFileSync(join(bin, "gh"), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${root}/gh-calls"\n`);
    chmodSync(join(bin, "gh"), 0o755);

    const result = runStep(script, repo, { ...env, STACK: "payments", GH_TOKEN: token, GITHUB_RUN_ID: "777", GITHUB_SERVER_URL: "https://github.example", GITHUB_REPOSITORY: "contoso/codex-boundary" });
    expect(result.status, result.stderr).toBe(0);
    const branch = "emergency-rotation/payments-777";
    expect(git(["diff", "--name-only", "main", branch], origin).stdout.trim().split("\n")).toEqual(["Pulumi.payments.yaml"]);
    expect(git(["show", `${branch}:Pulumi.payments.yaml`], origin).stdout).toContain("key pasted in a public gist");
    expect(git(["log", "--format=%s", "main"], origin).stdout.trim()).toBe("initial");
    expect(readFileSync(join(root, "gh-calls"), "utf8")).toMatch(new RegExp(`^pr create --head ${branch} --title Record emergency key rotation for payments`));
  });
});
