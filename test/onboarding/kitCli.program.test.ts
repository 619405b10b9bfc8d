import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { KIT_FOLDER, kitFromOutputs } from "../../lib/onboarding/kit";
import { mockAccountKeys } from "../../tools/plan/mocks";
import { redact } from "../../lib/plan/redact";
import { main, type PulumiRun } from "../../scripts/kit";
import { runMain } from "../support/cliIo";
import { runStack } from "../support/runStack";
import { deployedMocks } from "../support/deployedMocks";

/** The suffix `pulumi up` drew for this (pretend) deployment: not the plan's stand-in. */
const DEPLOYED_SUFFIX = "k3x9q2";

/** The dev stack as deployed: the real program under mocks, with the random suffix the deployment drew. */
async function deployedOutputs(): Promise<Record<string, unknown>> {
  const run = await runStack({ stack: "dev", mocks: deployedMocks(DEPLOYED_SUFFIX) });
  // What `pulumi stack output --json` prints without --show-secrets: every secret as "[secret]".
  return redact(run.outputs) as Record<string, unknown>;
}

/** A stand-in Pulumi CLI that answers only `stack output --json --stack dev` with the given outputs, keeping each call. */
function stubPulumi(outputs: unknown): { pulumi: (args: string[]) => PulumiRun; calls: string[] } {
  const calls: string[] = [];
  const pulumi = (args: string[]): PulumiRun => {
    calls.push(args.join(" "));
    if (args.join(" ") === "stack output --json --stack dev")
      return { status: 0, stdout: JSON.stringify(outputs, null, 2), stderr: "" };
    return { status: 255, stdout: "", stderr: `error: no stack named '${args[4] ?? ""}' found\n` };
  };
  return { pulumi, calls };
}

/** No `pulumi` on PATH: what spawnSync reports. */
const noPulumi = (): PulumiRun => ({
  status: null,
  stdout: "",
  stderr: "",
  error: Object.assign(new Error("spawnSync pulumi ENOENT"), { code: "ENOENT" }),
});

/** `npm run kit -- ...args` in this process with `pulumi` standing in for the Pulumi CLI. */
async function kit(
  args: string[],
  pulumi: (args: string[]) => PulumiRun,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runMain(main, args, { pulumi });
  return { status: code, stdout, stderr };
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(
        join(entry.parentPath, entry.name),
        "utf8",
      );
  }
  return files;
}

describe("npm run kit after a deployment", () => {
  let outputs: Record<string, unknown>;
  beforeAll(async () => {
    outputs = await deployedOutputs();
  }, 60_000);

  test("writes every developer file from the stack outputs, naming the deployed account and vault", async () => {
    const { pulumi, calls } = stubPulumi(outputs);
    const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
    const result = await kit(["--stack", "dev", "--out", out], pulumi);
    expect(result.status, result.stderr).toBe(0);
    expect(calls).toEqual(["stack output --json --stack dev"]);

    const files = readTree(join(out, "dev"));
    expect(Object.keys(files).sort()).toEqual(
      [KIT_FOLDER.marker, ...Object.keys(outputs.developerFiles as object)].sort(),
    );
    expect(files["config.toml"]).toContain(
      `base_url = "https://codex-dev-${DEPLOYED_SUFFIX}.openai.azure.com/openai/v1"`,
    );
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

  test("a stack with no outputs yet (never deployed) is an error that says to deploy first, and nothing is written", async () => {
    const { pulumi } = stubPulumi({});
    const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
    const result = await kit(["--stack", "dev", "--out", out], pulumi);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("stack 'dev' has no outputs: deploy it first");
    expect(readdirSync(out)).toEqual([]);
  });

  test("the Pulumi CLI's own failure and a missing CLI are reported, with no stack trace", async () => {
    const { pulumi } = stubPulumi(outputs);
    const unknown = await kit(["--stack", "ghost"], pulumi);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("`pulumi stack output --json --stack ghost` failed (exit 255)");
    expect(unknown.stderr).toContain("no stack named 'ghost' found");
    const missing = await kit(["--stack", "dev"], noPulumi);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("the Pulumi CLI (pulumi) is not on PATH");
    expect(`${unknown.stderr}${missing.stderr}`).not.toMatch(/^\s+at /m);
  });

  test("--stack is required, and --help lists the flags", async () => {
    const none = await kit([], noPulumi);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("--stack is required");
    const help = await kit(["--help"], noPulumi);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--stack .*required/);
    await expect(help.stdout).toMatchFileSnapshot("__snapshots__/kitHelp.txt");
  });

  test("outputs that would hand out a secret or names that disagree are refused, every problem at once; a placeholder says the stack is not deployed yet", async () => {
    const files = outputs.developerFiles as Record<string, string>;
    const bad = {
      ...outputs,
      baseUrl: "https://codex-dev-other1.openai.azure.com/openai/v1",
      developerFiles: {
        ...files,
        "AGENTS.md": "[secret]",
        "get-key.sh": (files["get-key.sh"] ?? "").split(DEPLOYED_SUFFIX).join("zzz999"),
      },
    };
    expect(() => kitFromOutputs(bad, "dev")).toThrowError(
      /entry 'AGENTS\.md' is or holds a secret[\s\S]*config\.toml does not point at the deployed base URL https:\/\/codex-dev-other1[\s\S]*get-key\.sh does not read the deployed Key Vault/,
    );
    const placeholder = {
      ...outputs,
      developerFiles: {
        ...files,
        "get-key.sh": (files["get-key.sh"] ?? "").split(DEPLOYED_SUFFIX).join("<unique-suffix-after-pulumi-up>"),
      },
    };
    expect(() => kitFromOutputs(placeholder, "dev")).toThrowError(
      /^stack 'dev' is not deployed yet: .* then run npm run kit -- --stack dev again$/,
    );
    expect(() => kitFromOutputs({ ...outputs, developerFiles: "[secret]" }, "dev")).toThrowError(
      /developerFiles is a secret/,
    );
    const { developerFiles: _omitted, ...older } = outputs;
    expect(() => kitFromOutputs(older, "dev")).toThrowError(/developerFiles is missing: run pulumi up --stack dev/);
  });

  test("a non-empty folder the kit command did not write (a plan preview, your files) is left alone", async () => {
    const { pulumi } = stubPulumi(outputs);
    const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
    mkdirSync(join(out, "dev"));
    writeFileSync(join(out, "dev", "notes.md"), "mine");
    const result = await kit(["--stack", "dev", "--out", out], pulumi);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("already holds files that npm run kit did not write");
    expect(readdirSync(join(out, "dev"))).toEqual(["notes.md"]);
    expect(existsSync(join(out, "dev", "config.toml"))).toBe(false);
  });
});
