import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { AZ_TOKEN_ARGS } from "../../lib/devkit/entraAuth";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { azureStandInForSuite, STAND_IN_ANSWER as ANSWER } from "../support/azureOpenAiStandIn";
import { PROJECT_DIR } from "../support/stackFiles";
import { SAMPLE_INPUTS } from "./support";

// The real Codex CLI (0.169.0) with the entra-mode files, and a stub `az` first on PATH.
const CODEX = join(PROJECT_DIR, "node_modules", ".bin", "codex");
const STUB_TOKEN = "stub-entra-token-not-real";
const ENTRA: DevKitInputs = {
  ...SAMPLE_INPUTS,
  authMode: "entra",
  tenantId: "00000000-0000-4000-8000-00000000aaaa",
  allowFullAccess: true,
};

function runCodex(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(CODEX, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** A stub Azure CLI: records each call's arguments (one per line, calls separated by ---), prints a token or fails. */
function stubAz(mode: "token" | "fail"): { bin: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), "cb-stub-az-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const log = join(dir, "az-calls.log");
  const body =
    mode === "token"
      ? `printf '%s\\n' "${STUB_TOKEN}"\nexit 0`
      : "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1";
  writeFileSync(
    join(bin, "az"),
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> "${log}"; done\necho --- >> "${log}"\n${body}\n`,
  );
  chmodSync(join(bin, "az"), 0o755);
  return { bin, log };
}

/** CODEX_HOME with the entra config.toml and every profile file, the base URL pointed at the local stand-in. */
function entraHome(baseUrl: string): string {
  const home = mkdtempSync(join(tmpdir(), "cb-codex-entra-"));
  const generated = renderConfigToml(ENTRA);
  expect(generated).not.toContain("env_key");
  writeFileSync(join(home, "config.toml"), generated.replace(ENTRA.baseUrl, baseUrl));
  for (const [file, text] of Object.entries(renderProfileTomls(ENTRA))) {
    expect(text).not.toContain("env_key");
    writeFileSync(join(home, file), text.split(ENTRA.baseUrl).join(baseUrl));
  }
  return home;
}

function env(home: string, bin: string): Record<string, string> {
  // No AZURE_OPENAI_API_KEY anywhere: the token can only come from az.
  return {
    PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    CODEX_HOME: home,
    NO_COLOR: "1",
    RUST_LOG: "error",
  };
}

function calls(log: string): string[][] {
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("---\n")
    .filter((c) => c.trim() !== "")
    .map((c) => c.trimEnd().split("\n"));
}

describe("the real Codex CLI with the entra-mode config (a stub az on PATH)", () => {
  const azure = azureStandInForSuite();
  const { seen, baseUrl: standInUrl } = azure;

  test("codex doctor loads config.toml, and each profile file on its own: provider azure, no unrecognized setting", async () => {
    const home = entraHome(standInUrl());
    const { bin } = stubAz("token");
    // `codex doctor` takes no --profile; an entra profile file names its provider, so it loads as a config.toml itself.
    const files = ["config.toml", ...Object.keys(renderProfileTomls(ENTRA))];
    expect(files).toHaveLength(5);
    for (const file of files) {
      const alone = mkdtempSync(join(tmpdir(), "cb-codex-entra-file-"));
      writeFileSync(join(alone, "config.toml"), readFileSync(join(home, file), "utf8"));
      const result = await runCodex(["doctor", "--json"], env(alone, bin), alone);
      const report = JSON.parse(result.stdout) as {
        checks: Record<string, { status: string; details: Record<string, string> }>;
      };
      const load = report.checks["config.load"];
      expect(load?.status, `${file}: ${JSON.stringify(load)}`).toBe("ok");
      expect(load?.details["model provider"], file).toBe("azure");
      expect(load?.details["startup warning"], file).toBeUndefined();
      expect(load?.details["startup warnings"] ?? "0", file).toBe("0");
    }
  });

  test.each([
    ["chat", "read-only"],
    ["agent", "workspace-write"],
    ["ci", "workspace-write"],
    ["full-access", "danger-full-access"],
  ])("codex exec --profile %s: sandbox %s, the token from az, no unrecognized setting", async (profile, sandbox) => {
    const home = entraHome(standInUrl());
    const { bin } = stubAz("token");
    seen.length = 0;
    const result = await runCodex(
      ["exec", "--skip-git-repo-check", "--profile", profile, "Say hello."],
      env(home, bin),
      home,
    );
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(0);
    expect(output).toMatch(new RegExp(`^sandbox: ${sandbox}\\b`, "m"));
    expect(output).not.toMatch(/unrecognized configuration setting|is ignored|no longer supported/);
    expect(seen.find((s) => s.url === "/openai/v1/responses")?.headers.authorization).toBe(`Bearer ${STUB_TOKEN}`);
  });

  test("every request carries Bearer <the token az printed>; az was asked for the Cognitive Services resource", async () => {
    const home = entraHome(standInUrl());
    const { bin, log } = stubAz("token");
    seen.length = 0;
    const result = await runCodex(["exec", "--skip-git-repo-check", "Say hello."], env(home, bin), home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(ANSWER);
    const requests = seen.filter((s) => s.url.startsWith("/openai/v1/"));
    expect(requests.some((s) => s.url === "/openai/v1/responses")).toBe(true);
    for (const request of requests) expect(request.headers.authorization, request.url).toBe(`Bearer ${STUB_TOKEN}`);
    const made = calls(log);
    expect(made.length).toBeGreaterThan(0);
    for (const call of made) expect(call).toEqual([...AZ_TOKEN_ARGS]);
    expect(made[0]).toContain("https://cognitiveservices.azure.com");
    expect(result.stdout + result.stderr).not.toContain(STUB_TOKEN);
  });

  test("the ci profile: Codex runs az itself (outside the sandbox, which has no network), and the commands it runs never see the token", async () => {
    const home = entraHome(standInUrl());
    const { bin, log } = stubAz("token");
    const workdir = mkdtempSync(join(tmpdir(), "cb-codex-entra-work-"));
    seen.length = 0;
    azure.toolCall = "env > envdump.txt";
    try {
      const result = await runCodex(
        ["exec", "--skip-git-repo-check", "--profile", "ci", "Check the environment."],
        env(home, bin),
        workdir,
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toMatch(/^sandbox: workspace-write \[workdir\]$/m);
    } finally {
      azure.toolCall = undefined;
    }
    const requests = seen.filter((s) => s.url === "/openai/v1/responses");
    expect(requests).toHaveLength(2);
    for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${STUB_TOKEN}`);
    expect(calls(log).length).toBeGreaterThan(0);
    expect(readFileSync(join(workdir, "envdump.txt"), "utf8")).not.toContain(STUB_TOKEN);
  });

  test("when az fails (not signed in), Codex reports az's error, sends no token, and the run fails on Azure's 401", async () => {
    const home = entraHome(standInUrl());
    const { bin, log } = stubAz("fail");
    seen.length = 0;
    azure.requireAuthorization = true;
    let result: { code: number | null; stdout: string; stderr: string };
    try {
      result = await runCodex(["exec", "--skip-git-repo-check", "Say hello."], env(home, bin), home);
    } finally {
      azure.requireAuthorization = false;
    }
    const output = result.stdout + result.stderr;
    expect(result.code, output).not.toBe(0);
    // Codex 0.169 names the command and passes on what az printed.
    expect(output).toContain("provider auth command `az` exited");
    expect(output).toContain("Please run 'az login'");
    expect(output).not.toContain(ANSWER);
    expect(calls(log).length).toBeGreaterThan(0);
    // Codex does not stop before sending (0.169): it sends without any credential, and Azure refuses that.
    expect(seen.filter((s) => s.headers.authorization !== undefined)).toEqual([]);
  });

  test("a mistyped --profile: Codex 0.169 runs on with config.toml alone, whose settings are the read-only chat profile's", async () => {
    const home = entraHome(standInUrl());
    const { bin } = stubAz("token");
    const result = await runCodex(
      ["exec", "--skip-git-repo-check", "--profile", "agnet", "Say hello."],
      env(home, bin),
      home,
    );
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(0);
    expect(output).toMatch(/^sandbox: read-only\b/m);
  });
});
