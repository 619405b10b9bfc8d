import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { KEY_SCRIPT_BASH, renderKeyScriptBash } from "../../lib/devkit/keyScripts";
import { EGRESS_SETTINGS } from "../../lib/devkit/egressSettings";
import { azureStandInForSuite, STAND_IN_ANSWER } from "../support/azureOpenAiStandIn";
import { type Attempt, egressProxyForSuite, proxyEnv } from "../support/egressProxy";
import { PROJECT_DIR } from "../support/stackFiles";
import { stubAzBin } from "../support/stubAz";
import { SAMPLE_INPUTS } from "./support";

// The real Codex CLI with each generated file, every request sent through a recording proxy on 127.0.0.1. The
// generated base URL keeps its host; only its scheme becomes http, so the proxy sees the team's host name in
// plain HTTP and forwards it to the stand-in for Azure. Any other destination is refused and recorded.

const CODEX = join(PROJECT_DIR, "node_modules", ".bin", "codex");
const TEAM_HOST = new URL(SAMPLE_INPUTS.baseUrl).hostname;
const PROMPT = "Say hello through the proxy.";
/** The TUI fetches this file once per start; Codex 0.169 has no setting that stops it (see docs/security-review.md). */
const TUI_ANNOUNCEMENT_HOST = "raw.githubusercontent.com:443";

type Strip = "none" | "egress-settings";

/** A temp CODEX_HOME with the generated config.toml and every profile file; optionally without the egress settings. */
function codexHome(strip: Strip): string {
  const home = mkdtempSync(join(tmpdir(), "cb-codex-egress-"));
  const files = {
    "config.toml": renderConfigToml(SAMPLE_INPUTS),
    ...renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true }),
  };
  for (const [file, generated] of Object.entries(files)) {
    let text = generated.replace(SAMPLE_INPUTS.baseUrl, SAMPLE_INPUTS.baseUrl.replace("https://", "http://"));
    if (strip === "egress-settings") {
      for (const s of EGRESS_SETTINGS) text = text.replace(new RegExp(`^${s.key} = .*$`, "m"), "");
    }
    writeFileSync(join(home, file), text);
  }
  writeFileSync(join(home, KEY_SCRIPT_BASH), renderKeyScriptBash(SAMPLE_INPUTS));
  return home;
}

function env(home: string, proxyUrl: string): Record<string, string> {
  return {
    PATH: `${stubAzBin("test-key-not-real")}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    CODEX_HOME: home,
    NO_COLOR: "1",
    RUST_LOG: "error",
    ...proxyEnv(proxyUrl),
  };
}

function run(
  command: string,
  args: string[],
  environment: Record<string, string>,
  cwd: string,
  input?: (write: (s: string) => void, output: () => string) => Promise<void>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: environment, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 200_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
    if (input === undefined) child.stdin.end();
    else
      void input(
        (s) => child.stdin.write(s),
        () => output,
      ).finally(() => child.stdin.end());
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A timeout measures elapsed time (performance.now, monotonic), not the date: nothing here reads the clock.
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const end = performance.now() + timeoutMs; !condition() && performance.now() < end;) await sleep(100);
}

/** Destinations other than the team endpoint, once each, sorted. */
function foreign(attempts: readonly Attempt[]): string[] {
  return [...new Set(attempts.filter((a) => !(a.kind === "HTTP" && a.host === TEAM_HOST)).map((a) => a.target))].sort();
}

/** Processes still running from this CODEX_HOME (Codex's background server would be one). */
function leftoverProcesses(home: string): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
        return cmdline.includes(home) ? [`${pid} ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}

describe("Codex with the generated files reaches the team endpoint and nothing else", () => {
  const azure = azureStandInForSuite();
  const proxy = egressProxyForSuite(TEAM_HOST, azure.baseUrl);

  const runs: Array<[string, string | undefined]> = [
    ["config.toml alone", undefined],
    ...["chat", "agent", "ci", "full-access"].map((p): [string, string] => [`--profile ${p}`, p]),
  ];
  test.each(runs)("codex exec with %s", async (_name, profile) => {
    const home = codexHome("none");
    proxy.attempts.length = 0;
    azure.seen.length = 0;
    const args = ["exec", "--skip-git-repo-check", ...(profile === undefined ? [] : ["--profile", profile]), PROMPT];
    const result = await run(CODEX, args, env(home, proxy.url()), home);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(STAND_IN_ANSWER);
    expect(proxy.attempts.map((a) => a.target)).toContain(`POST http://${TEAM_HOST}/openai/v1/responses`);
    expect(foreign(proxy.attempts)).toEqual([]);
    // Codex asks the service not to store the response (Responses API `store`); 0.169 has no setting for it.
    const body = JSON.parse(azure.seen.find((s) => s.url === "/openai/v1/responses")?.body ?? "{}") as {
      store?: boolean;
    };
    expect(body.store).toBe(false);
  });

  test("without the egress settings the same run calls OpenAI and GitHub hosts (the checks above can fail)", async () => {
    const home = codexHome("egress-settings");
    proxy.attempts.length = 0;
    const result = await run(CODEX, ["exec", "--skip-git-repo-check", PROMPT], env(home, proxy.url()), home);
    expect(result.code, result.output).toBe(0);
    // Which of these hosts Codex reaches before it exits, and in what order, varies from run to run (some calls are
    // in the background): that it reaches any is what shows the checks above can fail.
    await until(() => foreign(proxy.attempts).length > 0, 5_000);
    const known = [
      "CONNECT ab.chatgpt.com:443",
      "CONNECT chatgpt.com:443",
      "CONNECT api.github.com:443",
      "CONNECT github.com:443",
    ];
    expect(foreign(proxy.attempts).length).toBeGreaterThan(0);
    for (const attempt of foreign(proxy.attempts)) expect(known).toContain(attempt);
  });

  test("interactive codex in a terminal: the team endpoint, the TUI's announcement file, nothing else; no process left behind", async () => {
    const home = codexHome("none");
    const work = mkdtempSync(join(tmpdir(), "cb-codex-tui-"));
    proxy.attempts.length = 0;
    azure.seen.length = 0;
    // `script` (util-linux) gives Codex a pseudo-terminal; keystrokes go in through its stdin.
    const result = await run(
      "script",
      ["-qfec", `stty cols 120 rows 40; exec ${CODEX}`, "/dev/null"],
      { ...env(home, proxy.url()), TERM: "xterm-256color" },
      work,
      async (write, output) => {
        await until(() => output().includes("for shortcuts"), 60_000);
        write(PROMPT);
        await sleep(500);
        write("\r");
        await until(() => azure.seen.some((s) => s.body.includes(PROMPT)), 60_000);
        await sleep(1_500);
        write("\u0003");
        await sleep(500);
        write("\u0003");
      },
    );
    expect(
      azure.seen.some((s) => s.url === "/openai/v1/responses" && s.body.includes(PROMPT)),
      result.output.slice(-2000),
    ).toBe(true);
    expect(foreign(proxy.attempts).filter((t) => t !== `CONNECT ${TUI_ANNOUNCEMENT_HOST}`)).toEqual([]);
    await sleep(500);
    expect(leftoverProcesses(home)).toEqual([]);
  }, 240_000);

  test("without the egress settings the terminal session also checks GitHub for updates and starts a background server", async () => {
    const home = codexHome("egress-settings");
    const work = mkdtempSync(join(tmpdir(), "cb-codex-tui-"));
    proxy.attempts.length = 0;
    await run(
      "script",
      ["-qfec", `stty cols 120 rows 40; exec ${CODEX}`, "/dev/null"],
      { ...env(home, proxy.url()), TERM: "xterm-256color" },
      work,
      async (write, output) => {
        await until(() => output().includes("for shortcuts"), 60_000);
        await until(() => foreign(proxy.attempts).includes("CONNECT api.github.com:443"), 45_000);
        write("\u0003");
        await sleep(500);
        write("\u0003");
      },
    );
    expect(foreign(proxy.attempts)).toContain("CONNECT api.github.com:443");
    const leftovers = leftoverProcesses(home);
    for (const line of leftovers) process.kill(Number(line.split(" ")[0]));
    expect(leftovers.join("\n")).toMatch(/app-server/);
  }, 240_000);
});
