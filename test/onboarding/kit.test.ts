import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, test } from "vitest";
import { KIT_FOLDER, kitFromOutputs } from "../../lib/onboarding/kit";
import { createPlanMocks, mockAccountKeys } from "../../tools/plan/mocks";
import { redact } from "../../lib/plan/redact";
import { PROJECT_DIR, runStack } from "../support/runStack";

/** The suffix `pulumi up` drew for this (pretend) deployment: not the plan's stand-in. */
const DEPLOYED_SUFFIX = "k3x9q2";
const TSX_CLI = join(PROJECT_DIR, "node_modules/tsx/dist/cli.mjs");

/** The dev stack as deployed: the real program under mocks, with the random suffix the deployment drew. */
async function deployedOutputs(): Promise<Record<string, unknown>> {
  const plan = createPlanMocks();
  const mocks: pulumi.runtime.Mocks = {
    newResource: async (args) => {
      const result = await plan.newResource(args);
      return args.type === "random:index/randomString:RandomString" ? { ...result, state: { ...result.state, result: DEPLOYED_SUFFIX } } : result;
    },
    call: (args) => plan.call(args),
  };
  const run = await runStack({ stack: "dev", mocks });
  // What `pulumi stack output --json` prints without --show-secrets: every secret as "[secret]".
  return redact(run.outputs) as Record<string, unknown>;
}

/** A stub `pulumi` on PATH that answers only `stack output --json --stack <stack>` with the given outputs. */
function stubPulumi(outputs: unknown): { bin: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), "cb-kit-stub-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  writeFileSync(join(dir, "outputs.json"), JSON.stringify(outputs, null, 2));
  const log = join(dir, "calls.log");
  writeFileSync(
    join(bin, "pulumi"),
    [
      "#!/usr/bin/env bash",
      `printf '%s\\n' "$*" >> '${log}'`,
      'case "$*" in',
      `  "stack output --json --stack dev") cat '${join(dir, "outputs.json")}' ;;`,
      '  *) echo "error: no stack named \'${5:-}\' found" >&2; exit 255 ;;',
      "esac",
    ].join("\n"),
  );
  chmodSync(join(bin, "pulumi"), 0o755);
  return { bin, log };
}

function kit(args: string[], path: string) {
  return spawnSync(process.execPath, [TSX_CLI, "scripts/kit.ts", ...args], { cwd: PROJECT_DIR, encoding: "utf8", timeout: 60_000, env: { ...process.env, PATH: path } });
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

describe("npm run kit after a deployment", () => {
  let outputs: Record<string, unknown>;
  beforeAll(async () => {
    outputs = await deployedOutputs();
  }, 60_000);

  test("writes every developer file from the stack outputs, naming the deployed account and vault", () => {
    const { bin, log } = stubPulumi(outputs);
    const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
    const result = kit(["--stack", "dev", "--out", out], `${bin}:${process.env.PATH ?? ""}`);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(log, "utf8")).toBe("stack output --json --stack dev\n");

    const files = readTree(join(out, "dev"));
    expect(Object.keys(files).sort()).toEqual([KIT_FOLDER.marker, ...Object.keys(outputs.developerFiles as object)].sort());
    expect(files["config.toml"]).toContain(`base_url = "https://codex-dev-${DEPLOYED_SUFFIX}.openai.azure.com/openai/v1"`);
    expect(files["get-key.sh"]).toContain(`--vault-name 'kv-dev-${DEPLOYED_SUFFIX}'`);
    expect(files["get-key.ps1"]).toContain(`'kv-dev-${DEPLOYED_SUFFIX}'`);
    for (const workflow of Object.keys(files).filter((f) => f.endsWith("codex.yml"))) {
      expect(files[workflow]).toContain(`codex-dev-${DEPLOYED_SUFFIX}.openai.azure.com`);
    }
    const everything = Object.values(files).join("\n");
    expect(everything).not.toMatch(/after-pulumi-up/);
    expect(everything).not.toContain("[secret]");
    expect(everything).not.toContain(mockAccountKeys(String(outputs.accountName)).key1);
    expect(result.stdout).toContain(`Codex base URL: https://codex-dev-${DEPLOYED_SUFFIX}.openai.azure.com/openai/v1`);
  });

  test("a stack with no outputs yet (never deployed) is an error that says to deploy first, and nothing is written", () => {
    const { bin } = stubPulumi({});
    const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
    const result = kit(["--stack", "dev", "--out", out], `${bin}:${process.env.PATH ?? ""}`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("stack 'dev' has no outputs: deploy it first");
    expect(readdirSync(out)).toEqual([]);
  });

  test("the Pulumi CLI's own failure and a missing CLI are reported, with no stack trace", () => {
    const { bin } = stubPulumi(outputs);
    const unknown = kit(["--stack", "ghost"], `${bin}:${process.env.PATH ?? ""}`);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("`pulumi stack output --json --stack ghost` failed (exit 255)");
    expect(unknown.stderr).toContain("no stack named 'ghost' found");
    const missing = kit(["--stack", "dev"], mkdtempSync(join(tmpdir(), "cb-kit-empty-path-")));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("the Pulumi CLI (pulumi) is not on PATH");
    expect(`${unknown.stderr}${missing.stderr}`).not.toMatch(/^\s+at /m);
  });

  test("--stack is required, and --help lists the flags", () => {
    const none = kit([], process.env.PATH ?? "");
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("--stack is required");
    const help = kit(["--help"], process.env.PATH ?? "");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--stack .*required/);
    expect(help.stdout).toContain("--out");
  });

  test("outputs that would hand out a secret, a placeholder or names that disagree are refused, every problem at once", () => {
    const files = outputs.developerFiles as Record<string, string>;
    const bad = {
      ...outputs,
      baseUrl: "https://codex-dev-other1.openai.azure.com/openai/v1",
      developerFiles: { ...files, "AGENTS.md": "[secret]", "get-key.sh": (files["get-key.sh"] ?? "").split(DEPLOYED_SUFFIX).join("<unique-suffix-after-pulumi-up>") },
    };
    expect(() => kitFromOutputs(bad, "dev")).toThrowError(
      /entry 'AGENTS\.md' is or holds a secret[\s\S]*entry 'get-key\.sh' names a placeholder[\s\S]*config\.toml does not point at the deployed base URL https:\/\/codex-dev-other1/,
    );
    expect(() => kitFromOutputs({ ...outputs, developerFiles: "[secret]" }, "dev")).toThrowError(/developerFiles is a secret/);
    const { developerFiles: _omitted, ...older } = outputs;
    expect(() => kitFromOutputs(older, "dev")).toThrowError(/developerFiles is missing: run pulumi up --stack dev/);
  });

  test("a non-empty folder the kit command did not write (a plan preview, your files) is left alone", () => {
    const { bin } = stubPulumi(outputs);
    const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
    mkdirSync(join(out, "dev"));
    writeFileSync(join(out, "dev", "notes.md"), "mine");
    const result = kit(["--stack", "dev", "--out", out], `${bin}:${process.env.PATH ?? ""}`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("already holds files that npm run kit did not write");
    expect(readdirSync(join(out, "dev"))).toEqual(["notes.md"]);
    expect(existsSync(join(out, "dev", "config.toml"))).toBe(false);
  });
});
