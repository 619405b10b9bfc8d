import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FIXTURE_DAY } from "../support/clock";
import { runbookBlocks, runbookScript } from "../support/runbook";
import { PROJECT_DIR } from "../support/stackFiles";

// docs/first-deployment.md is run as written: every bash block, in order, in one shell, in a copy of this repository
// (a git clone with an origin to push to), with stand-ins for the CLIs that would reach Azure, GitHub or a Pulumi
// backend (az, gh, pulumi) and for `npm ci` / `npm run build` (the copy shares this checkout's node_modules).
// Everything else runs for real: new-team, the offline plan, git, the kit. The stand-ins log every call.

const RUNBOOK = join(PROJECT_DIR, "docs/first-deployment.md");

const sh = (lines: string[]) =>
  `#!/usr/bin/env bash\nset -euo pipefail\necho "$(basename "$0") $*" >> "$RUNBOOK_LOG"\n${lines.join("\n")}\n`;

/** Stand-ins: each answers what the runbook asks of it, as the real CLI prints it, and logs the call. */
function stubs(realNpm: string): Record<string, string> {
  return {
    az: sh([
      'case "$*" in',
      '  "account show --query id -o tsv") echo "$SUBSCRIPTION_ID" ;;',
      '  "ad signed-in-user show --query id -o tsv") echo 11111111-2222-4333-8444-555555555555 ;;',
      '  "identity show"*"--query principalId -o tsv") echo 22222222-3333-4444-8555-666666666666 ;;',
      '  "identity show"*"--query clientId -o tsv") echo 33333333-4444-4555-8666-777777777777 ;;',
      '  "storage account show"*"--query id -o tsv") echo "/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$STATE_RG/providers/Microsoft.Storage/storageAccounts/$STATE_ACCOUNT" ;;',
      '  "keyvault show"*"--query id -o tsv") echo "/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$STATE_RG/providers/Microsoft.KeyVault/vaults/$STATE_VAULT" ;;',
      "  *) ;;",
      "esac",
    ]),
    gh: sh([
      'case "$*" in',
      '  "api user --jq .login") echo platform-admin ;;',
      '  "api orgs/"*"/memberships/"*) echo admin ;;',
      '  "api orgs/"*"/teams/"*) echo 4242 ;;',
      '  "run list"*) echo 4242 ;;',
      "  *) ;;",
      "esac",
    ]),
    pulumi: sh([
      'if [ "${1:-} ${2:-} ${3:-}" = "stack output --json" ] && [ -f "Pulumi.${5:-}.yaml" ]; then',
      `  exec node --require ./tools/tsRequire.cjs test/support/fakePulumi/deployedOutputs.ts "$5"`,
      "fi",
    ]),
    npm: sh(['case "${1:-} ${2:-}" in', '  "ci "*|"run build") exit 0 ;;', "esac", `exec "${realNpm}" "$@"`]),
  };
}

const git = (cwd: string, ...args: string[]) => {
  const run = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
};

/** A clone of this working tree (tracked and new files, not ignored ones) with an origin it can push to. */
function sandboxRepository(root: string): string {
  const repo = join(root, "codex-boundary");
  const files = git(PROJECT_DIR, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0");
  for (const file of files.filter((f) => f !== "" && existsSync(join(PROJECT_DIR, f)))) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(PROJECT_DIR, file), join(repo, file));
  }
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(repo, "node_modules"));
  const origin = join(root, "origin.git");
  git(root, "init", "-q", "--bare", "-b", "main", origin);
  git(repo, "init", "-q", "-b", "main");
  git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A");
  git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "platform repository");
  git(repo, "remote", "add", "origin", origin);
  git(repo, "push", "-q", "origin", "main");
  return repo;
}

describe("docs/first-deployment.md, run as written", () => {
  let root: string;
  let repo: string;
  let run: ReturnType<typeof spawnSync>;
  let log: string[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "cb-runbook-"));
    repo = sandboxRepository(root);
    const bin = join(root, "bin");
    mkdirSync(bin);
    const realNpm = spawnSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
    for (const [name, text] of Object.entries(stubs(realNpm))) {
      writeFileSync(join(bin, name), text);
      chmodSync(join(bin, name), 0o755);
    }
    const logFile = join(root, "calls.log");
    writeFileSync(logFile, "");
    writeFileSync(join(root, "runbook.sh"), runbookScript(runbookBlocks(readFileSync(RUNBOOK, "utf8"))));
    // On the catalog's day, so the models new-team offers are the shipped stack files' (docs/testing.md).
    run = spawnSync("faketime", [`${FIXTURE_DAY} 12:00:00`, "bash", join(root, "runbook.sh")], {
      cwd: repo,
      encoding: "utf8",
      timeout: 240_000,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        RUNBOOK_LOG: logFile,
        HOME: root,
        GIT_AUTHOR_NAME: "Platform Admin",
        GIT_AUTHOR_EMAIL: "platform-admin@contoso.com",
        GIT_COMMITTER_NAME: "Platform Admin",
        GIT_COMMITTER_EMAIL: "platform-admin@contoso.com",
        FORCE_COLOR: "0",
      },
    });
    log = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  }, 300_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("every block runs, in order, to the end", () => {
    const stderr = String(run.stderr);
    expect(stderr, stderr.slice(-3000)).toContain("::done");
    expect(run.status).toBe(0);
  });

  test("the team's stack file is written, planned and pushed for review, and its kit written from the deployment", () => {
    const team = "payments";
    expect(existsSync(join(repo, `Pulumi.${team}.yaml`))).toBe(true);
    expect(git(join(root, "origin.git"), "ls-tree", "-r", "--name-only", `onboard-${team}`)).toContain(
      `Pulumi.${team}.yaml`,
    );
    expect(existsSync(join(repo, `kit/${team}/config.toml`))).toBe(true);
    expect(log).toContain(`pulumi stack output --json --stack ${team}`);
  });

  test("the person signs in to Azure and GitHub before anything reads either", () => {
    const first = (prefix: string) => log.findIndex((line) => line.startsWith(prefix));
    expect(first("az login")).toBe(0);
    expect(first("gh auth login")).toBeGreaterThan(first("az login"));
    expect(first("pulumi ")).toBeGreaterThan(first("gh auth login"));
  });
});
