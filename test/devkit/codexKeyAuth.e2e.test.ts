import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { KEY_SCRIPT_BASH, renderKeyScriptBash } from "../../lib/devkit/keyScripts";
import { azureStandInForSuite, STAND_IN_ANSWER } from "../support/azureOpenAiStandIn";
import { holding, type ProcSnapshot, processTree } from "../support/procScan";
import { PROJECT_DIR } from "../support/stackFiles";
import { SAMPLE_INPUTS } from "./support";

// The real Codex CLI (0.169.0) with the key-mode files, a stub `az` first on PATH, the stand-in on 127.0.0.1.
const CODEX = join(PROJECT_DIR, "node_modules", ".bin", "codex");
const TEST_KEY = "test-key-from-stub-az-not-real";
const ROTATED_KEY = "rotated-test-key-not-real";
const KEY: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "key" };

/** Runs codex and reads /proc of its whole process tree every 20 ms until it exits. */
function runCodexWatched(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; output: string; seen: ProcSnapshot[] }> {
  return new Promise((done) => {
    const child = spawn(CODEX, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const seen: ProcSnapshot[] = [];
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const watch = setInterval(() => {
      if (child.pid !== undefined) seen.push(...processTree(child.pid));
    }, 20);
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (code) => {
      clearInterval(watch);
      clearTimeout(timer);
      done({ code, output, seen });
    });
  });
}

/**
 * A stub Azure CLI: takes its time (so the watcher sees it and the auth script run), then prints the key of the
 * call's turn: `keys[0]` on the first call, `keys[1]` on later ones. The key is in this file only, never in its
 * arguments or environment.
 */
function stubAz(keys: readonly string[]): { bin: string; calls: () => number } {
  const dir = mkdtempSync(join(tmpdir(), "cb-keyauth-az-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const count = join(dir, "calls");
  const [first, later = first] = keys;
  writeFileSync(
    join(bin, "az"),
    `#!/bin/sh\necho x >> "${count}"\nsleep 0.4\nif [ "$(wc -l < "${count}")" -le 1 ]; then echo "${first}"; else echo "${later}"; fi\n`,
  );
  chmodSync(join(bin, "az"), 0o755);
  return { bin, calls: () => readFileSync(count, "utf8").split("\n").filter(Boolean).length };
}

/** HOME with the generated key-mode config.toml, profiles and get-key.sh in ~/.codex (CODEX_HOME unset). */
function keyHome(baseUrl: string, config = renderConfigToml(KEY)): { home: string; codexHome: string } {
  const home = mkdtempSync(join(tmpdir(), "cb-keyauth-home-"));
  const codexHome = join(home, ".codex");
  mkdirSync(codexHome);
  writeFileSync(join(codexHome, "config.toml"), config.split(KEY.baseUrl).join(baseUrl));
  for (const [file, text] of Object.entries(renderProfileTomls(KEY))) writeFileSync(join(codexHome, file), text);
  writeFileSync(join(codexHome, KEY_SCRIPT_BASH), renderKeyScriptBash(KEY));
  return { home, codexHome };
}

function filesHolding(dir: string, secret: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && readFileSync(path, "latin1").includes(secret));
}

const leaks = holding;

describe("key mode with the real Codex CLI: the key is in no environment, argument or file", () => {
  const azure = azureStandInForSuite();

  test("during a run with a tool call, no process of the codex tree (auth script and az included) holds the key; the stand-in gets it", async () => {
    const { home } = keyHome(azure.baseUrl());
    const { bin, calls } = stubAz([TEST_KEY]);
    const workdir = mkdtempSync(join(tmpdir(), "cb-keyauth-work-"));
    azure.seen.length = 0;
    azure.acceptedKey = TEST_KEY;
    azure.toolCall = "sleep 0.5; env > envdump.txt";
    let run: Awaited<ReturnType<typeof runCodexWatched>>;
    try {
      run = await runCodexWatched(
        ["exec", "--skip-git-repo-check", "--profile", "agent", "Check the environment."],
        { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: home, NO_COLOR: "1", RUST_LOG: "error" },
        workdir,
      );
    } finally {
      azure.toolCall = undefined;
      azure.acceptedKey = undefined;
    }
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(STAND_IN_ANSWER);
    // The watcher saw the whole tree: codex, its auth script and az, and the command the model asked for.
    const commands = run.seen.map((s) => s.cmdline);
    expect(commands.some((c) => c.startsWith(`sh ${KEY_SCRIPT_BASH}`))).toBe(true);
    expect(commands.some((c) => c.includes(`${bin}/az keyvault secret show --vault-name kv-dev-abc123`))).toBe(true);
    expect(commands.some((c) => c.includes("sleep 0.5"))).toBe(true);
    expect(leaks(run.seen, TEST_KEY)).toEqual([]);
    // Really authenticated: every request carried the key az printed (the stand-in refuses anything else).
    const responses = azure.seen.filter((s) => s.url === "/openai/v1/responses");
    expect(responses).toHaveLength(2);
    for (const request of azure.seen) expect(request.headers.authorization, request.url).toBe(`Bearer ${TEST_KEY}`);
    expect(calls()).toBe(1);
    expect(readFileSync(join(workdir, "envdump.txt"), "utf8")).not.toContain(TEST_KEY);
    expect(run.output).not.toContain(TEST_KEY);
    expect(filesHolding(home, TEST_KEY)).toEqual([]);
    expect(filesHolding(workdir, TEST_KEY)).toEqual([]);
  });

  test("the check catches today's env_key design: the key in codex's environment shows up in /proc/<pid>/environ", async () => {
    // main 795eba9's provider: env_key, with codex-azure putting the key in codex's environment.
    const envKeyConfig = renderConfigToml(KEY).replace(
      /\n\s*\[model_providers\.azure\.auth\][\s\S]*?refresh_interval_ms = 0\n/,
      '\nenv_key = "AZURE_OPENAI_API_KEY"\n',
    );
    expect(envKeyConfig).not.toContain("[model_providers.azure.auth]");
    const { home } = keyHome(azure.baseUrl(), envKeyConfig);
    azure.seen.length = 0;
    const run = await runCodexWatched(
      ["exec", "--skip-git-repo-check", "Say hello."],
      { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, AZURE_OPENAI_API_KEY: TEST_KEY, RUST_LOG: "error" },
      home,
    );
    expect(run.code, run.output).toBe(0);
    expect(azure.seen.find((s) => s.url === "/openai/v1/responses")?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(leaks(run.seen, TEST_KEY).length).toBeGreaterThan(0);
  });

  test("after a rotation Azure refuses the cached key; Codex runs the script again and goes on with the new key", async () => {
    const { home } = keyHome(azure.baseUrl());
    const { bin, calls } = stubAz([TEST_KEY, ROTATED_KEY]);
    azure.seen.length = 0;
    azure.acceptedKey = ROTATED_KEY;
    let run: Awaited<ReturnType<typeof runCodexWatched>>;
    try {
      run = await runCodexWatched(
        ["exec", "--skip-git-repo-check", "Say hello."],
        { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: home, RUST_LOG: "error" },
        home,
      );
    } finally {
      azure.acceptedKey = undefined;
    }
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(STAND_IN_ANSWER);
    expect(calls()).toBe(2);
    const responses = azure.seen.filter((s) => s.url === "/openai/v1/responses");
    expect(responses.at(-1)?.headers.authorization).toBe(`Bearer ${ROTATED_KEY}`);
    expect(leaks(run.seen, ROTATED_KEY)).toEqual([]);
  });

  test("Codex runs the script outside the sandbox, so a command it runs must not change it: even with HOME as the working directory, the agent sandbox refuses", async () => {
    const { home, codexHome } = keyHome(azure.baseUrl());
    const { bin } = stubAz([TEST_KEY]);
    const before = readFileSync(join(codexHome, KEY_SCRIPT_BASH), "utf8");
    azure.toolCall = `(echo 'cat "$HOME/x"' >> .codex/${KEY_SCRIPT_BASH} && echo WROTE || echo REFUSED) > probe.txt 2>&1`;
    let run: Awaited<ReturnType<typeof runCodexWatched>>;
    try {
      run = await runCodexWatched(
        ["exec", "--skip-git-repo-check", "--profile", "agent", "Change the key script."],
        { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: home, RUST_LOG: "error" },
        home,
      );
    } finally {
      azure.toolCall = undefined;
    }
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/^sandbox: workspace-write\b/m);
    expect(readFileSync(join(home, "probe.txt"), "utf8")).toContain("REFUSED");
    expect(readFileSync(join(codexHome, KEY_SCRIPT_BASH), "utf8")).toBe(before);
  });

  test("az not signed in: Codex names the script and passes on its reason; no key, no answer", async () => {
    const { home } = keyHome(azure.baseUrl());
    const dir = mkdtempSync(join(tmpdir(), "cb-keyauth-az-fail-"));
    writeFileSync(join(dir, "az"), "#!/bin/sh\necho \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    chmodSync(join(dir, "az"), 0o755);
    azure.seen.length = 0;
    azure.requireAuthorization = true;
    let run: Awaited<ReturnType<typeof runCodexWatched>>;
    try {
      run = await runCodexWatched(
        ["exec", "--skip-git-repo-check", "Say hello."],
        { PATH: `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: home, RUST_LOG: "error" },
        home,
      );
    } finally {
      azure.requireAuthorization = false;
    }
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("provider auth command `sh` exited");
    expect(run.output).toContain("could not read the key from Key Vault kv-dev-abc123");
    expect(run.output).not.toContain(STAND_IN_ANSWER);
  });
});
