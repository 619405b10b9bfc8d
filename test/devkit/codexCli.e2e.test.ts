import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderAgentsMd } from "../../lib/devkit/agentsMd";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { KEY_SCRIPT_BASH, renderKeyScriptBash } from "../../lib/devkit/keyScripts";
import { azureStandInForSuite, STAND_IN_ANSWER as ANSWER } from "../support/azureOpenAiStandIn";
import { PROJECT_DIR } from "../support/stackFiles";
import { stubAzBin } from "../support/stubAz";
import { SAMPLE_INPUTS } from "./support";

// The real Codex CLI from the @openai/codex devDependency (its npm package ships the native binary).
const CODEX = join(PROJECT_DIR, "node_modules", ".bin", "codex");
const FAKE_KEY = "test-key-not-real";

function runCodex(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(CODEX, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/**
 * A temp HOME/CODEX_HOME holding the generated config.toml, profile files (full access opted in, so every profile is
 * there) and get-key.sh, with only the base URL's host pointed at 127.0.0.1.
 */
function codexHome(baseUrl: string): string {
  const home = mkdtempSync(join(tmpdir(), "cb-codex-home-"));
  const generated = renderConfigToml(SAMPLE_INPUTS);
  expect(generated.split(SAMPLE_INPUTS.baseUrl)).toHaveLength(2);
  writeFileSync(join(home, "config.toml"), generated.replace(SAMPLE_INPUTS.baseUrl, baseUrl));
  for (const [file, text] of Object.entries(renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true })))
    writeFileSync(join(home, file), text);
  writeFileSync(join(home, KEY_SCRIPT_BASH), renderKeyScriptBash(SAMPLE_INPUTS));
  return home;
}

/** No AZURE_OPENAI_API_KEY anywhere: the key can only come from get-key.sh (a stub az first on PATH, unless `az: false`). */
function baseEnv(home: string, { az = true } = {}): Record<string, string> {
  const path = process.env.PATH ?? "/usr/bin:/bin";
  return {
    PATH: az ? `${stubAzBin(FAKE_KEY)}:${path}` : path,
    HOME: home,
    CODEX_HOME: home,
    NO_COLOR: "1",
    RUST_LOG: "error",
  };
}

describe("the real Codex CLI with the generated config.toml", () => {
  const azure = azureStandInForSuite();
  const { seen, baseUrl: standInUrl } = azure;

  test("codex doctor loads it: provider azure, the default deployment, no unrecognized setting", async () => {
    const home = codexHome(standInUrl());
    const result = await runCodex(["doctor", "--json"], baseEnv(home), home);
    const report = JSON.parse(result.stdout) as {
      checks: Record<string, { status: string; details: Record<string, string> }>;
    };
    const load = report.checks["config.load"];
    expect(load?.status, JSON.stringify(load)).toBe("ok");
    expect(load?.details["config.toml parse"]).toBe("ok");
    expect(load?.details["model provider"]).toBe("azure");
    expect(load?.details.model).toBe("gpt-5.3-codex");
    // Codex lists every unrecognized setting under "startup warning"; a clean config has none.
    expect(load?.details["startup warning"]).toBeUndefined();
    expect(load?.details["startup warnings"] ?? "0").toBe("0");
    // No env_key: nothing for doctor to find in the environment.
    expect(report.checks["auth.credentials"]?.details["provider auth env var"]).toBeUndefined();
  });

  test("codex doctor would catch a misspelled setting (the check above can fail)", async () => {
    const home = codexHome(standInUrl());
    writeFileSync(
      join(home, "config.toml"),
      `modle_reasoning_effort = "low"\n${renderConfigToml(SAMPLE_INPUTS).replace(SAMPLE_INPUTS.baseUrl, standInUrl())}`,
    );
    const result = await runCodex(["doctor", "--json"], baseEnv(home), home);
    const report = JSON.parse(result.stdout) as { checks: Record<string, { details: Record<string, string> }> };
    expect(report.checks["config.load"]?.details["startup warning"]).toMatch(/`modle_reasoning_effort` is ignored/);
  });

  test("codex exec sends the deployment name and the key get-key.sh printed to /openai/v1/responses, and prints the answer", async () => {
    const home = codexHome(standInUrl());
    seen.length = 0;
    const result = await runCodex(["exec", "--skip-git-repo-check", "Say hello."], baseEnv(home), home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(ANSWER);
    const call = seen.find((s) => s.url === "/openai/v1/responses");
    expect(call?.method).toBe("POST");
    expect(call?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    const body = JSON.parse(call?.body ?? "{}") as { model: string; stream: boolean };
    expect(body.model).toBe(SAMPLE_INPUTS.defaultModel);
    expect(body.stream).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(FAKE_KEY);
  });

  test("codex exec fails, and sends no key, when get-key.sh has no az to read the vault with", async () => {
    const home = codexHome(standInUrl());
    seen.length = 0;
    azure.requireAuthorization = true;
    let result: Awaited<ReturnType<typeof runCodex>>;
    try {
      result = await runCodex(["exec", "--skip-git-repo-check", "Say hello."], baseEnv(home, { az: false }), home);
    } finally {
      azure.requireAuthorization = false;
    }
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("get-key.sh: the Azure CLI (az) is required");
    expect(result.stdout).not.toContain(ANSWER);
    expect(seen.filter((s) => s.headers.authorization !== undefined)).toEqual([]);
  });

  test.each([
    ["chat", "read-only"],
    ["agent", "workspace-write"],
    ["ci", "workspace-write"],
    ["full-access", "danger-full-access"],
  ])("codex exec --profile %s loads its file: sandbox %s, no unrecognized setting", async (profile, sandbox) => {
    const home = codexHome(standInUrl());
    const result = await runCodex(
      ["exec", "--skip-git-repo-check", "--profile", profile, "Say hello."],
      baseEnv(home),
      home,
    );
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(0);
    expect(output).toMatch(new RegExp(`^sandbox: ${sandbox}\\b`, "m"));
    expect(output).toContain(ANSWER);
    expect(output).not.toMatch(/unrecognized configuration setting|is ignored|no longer supported/);
  });

  test("a misspelled setting in a profile file is reported, and a legacy [profiles] table breaks --profile (the checks above can fail)", async () => {
    const home = codexHome(standInUrl());
    writeFileSync(join(home, "chat.config.toml"), 'sandbox_mode = "read-only"\napproval_polcy = "on-request"\n');
    const misspelled = await runCodex(
      ["exec", "--skip-git-repo-check", "--profile", "chat", "Say hello."],
      baseEnv(home),
      home,
    );
    expect(misspelled.stdout + misspelled.stderr).toMatch(/`approval_polcy` is ignored/);

    const legacy = codexHome(standInUrl());
    writeFileSync(
      join(legacy, "config.toml"),
      `${renderConfigToml(SAMPLE_INPUTS).replace(SAMPLE_INPUTS.baseUrl, standInUrl())}\n[profiles.ci]\napproval_policy = "never"\n`,
    );
    const rejected = await runCodex(
      ["exec", "--skip-git-repo-check", "--profile", "ci", "Say hello."],
      baseEnv(legacy),
      legacy,
    );
    expect(rejected.code).not.toBe(0);
    expect(rejected.stdout + rejected.stderr).toMatch(/legacy/);
  });

  test("commands Codex runs under the ci profile never see the key, have no network and cannot write /tmp; no web search tool is offered", async () => {
    const home = codexHome(standInUrl());
    const workdir = mkdtempSync(join(tmpdir(), "cb-codex-work-"));
    const port = new URL(standInUrl()).port;
    seen.length = 0;
    // The model (the stand-in) asks Codex to dump its environment and to open a TCP connection to the stand-in.
    const probe = `cb-ci-probe-${process.pid}`;
    azure.toolCall = [
      "env > envdump.txt",
      `(exec 3<>/dev/tcp/127.0.0.1/${port} && echo NET-REACHABLE || echo NET-BLOCKED) > net.txt 2>&1`,
      `(touch /tmp/${probe} && echo TMP-WRITABLE || echo TMP-BLOCKED) > tmp.txt 2>&1`,
    ].join("; ");
    try {
      const result = await runCodex(
        ["exec", "--skip-git-repo-check", "--profile", "ci", "Check the environment."],
        baseEnv(home),
        workdir,
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(ANSWER);
      // The ci sandbox's writable roots are the working directory only: not /tmp, not $TMPDIR.
      expect(result.stdout + result.stderr).toMatch(/^sandbox: workspace-write \[workdir\]$/m);
    } finally {
      azure.toolCall = undefined;
    }
    const requests = seen
      .filter((s) => s.url === "/openai/v1/responses")
      .map((s) => JSON.parse(s.body) as { tools: Array<{ type: string; name?: string }> });
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(requests[1])).toContain("function_call_output");
    const tools = requests[0]?.tools.map((t) => t.name ?? t.type) ?? [];
    expect(tools).toContain("exec_command");
    expect(tools).not.toContain("web_search");
    const env = readFileSync(join(workdir, "envdump.txt"), "utf8");
    expect(env).toMatch(/^PATH=/m);
    expect(env).not.toContain(FAKE_KEY);
    expect(env).not.toContain("AZURE_OPENAI_API_KEY");
    expect(readFileSync(join(workdir, "net.txt"), "utf8")).toContain("NET-BLOCKED");
    expect(readFileSync(join(workdir, "tmp.txt"), "utf8")).toContain("TMP-BLOCKED");
  });

  test("Codex reads the generated AGENTS.md from the repository and sends it with the task", async () => {
    const home = codexHome(standInUrl());
    const repo = mkdtempSync(join(tmpdir(), "cb-codex-repo-"));
    execFileSync("git", ["init", "--quiet", repo]);
    writeFileSync(join(repo, "AGENTS.md"), renderAgentsMd(SAMPLE_INPUTS));
    seen.length = 0;
    const result = await runCodex(["exec", "--profile", "ci", "Say hello."], baseEnv(home), repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const sent = seen.find((s) => s.url === "/openai/v1/responses")?.body ?? "";
    expect(sent).toContain("Never edit, create or delete files outside this repository's working directory.");
  });
});
