import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { EGRESS_SETTINGS } from "../../lib/devkit/egressSettings";
import {
  CODEX_VERIFIED_VERSIONS,
  renderManagedConfigToml,
  renderRequirementsToml,
} from "../../lib/devkit/managedBundle";
import { KEY_SCRIPT_BASH, renderKeyScriptBash } from "../../lib/devkit/keyScripts";
import { azureStandInForSuite, STAND_IN_ANSWER } from "../support/azureOpenAiStandIn";
import { type Attempt, egressProxyForSuite, proxyEnv } from "../support/egressProxy";
import { PROJECT_DIR } from "../support/stackFiles";
import { stubAzBin } from "../support/stubAz";
import { SAMPLE_INPUTS } from "./support";

// The real Codex CLI with the generated bundle installed as /etc/codex. Codex 0.169 has no setting or variable that
// moves /etc/codex, so each bundled run is in a private mount namespace (unshare -m, root) with an overlay on /etc
// whose upper layer holds codex/: the machine's /etc is never written. Every request goes through the recording proxy;
// the base URL keeps the team's host, with http instead of https, so the proxy forwards it to the stand-in for Azure.

const CODEX = join(PROJECT_DIR, "node_modules", ".bin", "codex");
const TEAM_HOST = new URL(SAMPLE_INPUTS.baseUrl).hostname;
const FAKE_KEY = "test-key-not-real";
const AZ_BIN = stubAzBin(FAKE_KEY);
/** A variable of the developer's shell that inherit = "core" keeps from commands and inherit = "all" hands them. */
const SHELL_PROBE = "CB_DEVELOPER_SHELL_PROBE";
const toHttp = (text: string) =>
  text.replaceAll(SAMPLE_INPUTS.baseUrl, SAMPLE_INPUTS.baseUrl.replace("https://", "http://"));

/** An overlay folder for /etc holding the bundle as codex/requirements.toml and codex/managed_config.toml. */
function bundleOverlay(): string {
  const overlay = mkdtempSync(join(tmpdir(), "cb-bundle-etc-"));
  mkdirSync(join(overlay, "upper", "codex"), { recursive: true });
  mkdirSync(join(overlay, "work"));
  writeFileSync(join(overlay, "upper", "codex", "requirements.toml"), renderRequirementsToml(SAMPLE_INPUTS));
  writeFileSync(join(overlay, "upper", "codex", "managed_config.toml"), toHttp(renderManagedConfigToml(SAMPLE_INPUTS)));
  // Key mode: the managed provider's auth command runs the key script installed beside it.
  writeFileSync(join(overlay, "upper", "codex", KEY_SCRIPT_BASH), renderKeyScriptBash(SAMPLE_INPUTS));
  return overlay;
}

/** A developer's CODEX_HOME: the kit's files, optionally without the egress settings, the repository marked trusted. */
function codexHome(repo: string, stripEgress = false): string {
  const home = mkdtempSync(join(tmpdir(), "cb-bundle-home-"));
  const files = {
    "config.toml": renderConfigToml(SAMPLE_INPUTS),
    ...renderProfileTomls(SAMPLE_INPUTS),
    [KEY_SCRIPT_BASH]: renderKeyScriptBash(SAMPLE_INPUTS),
  };
  for (const [file, generated] of Object.entries(files)) {
    let text = toHttp(generated);
    if (stripEgress) for (const s of EGRESS_SETTINGS) text = text.replace(new RegExp(`^${s.key} = .*$`, "gm"), "");
    writeFileSync(join(home, file), text);
  }
  writeFileSync(
    join(home, "config.toml"),
    `${readFileSync(join(home, "config.toml"), "utf8")}\n[projects.${JSON.stringify(repo)}]\ntrust_level = "trusted"\n`,
  );
  return home;
}

/** A git repository whose committed .codex/config.toml is the given text. */
function repository(projectConfig: string): string {
  const repo = mkdtempSync(join(tmpdir(), "cb-bundle-repo-"));
  execFileSync("git", ["init", "--quiet", repo]);
  mkdirSync(join(repo, ".codex"));
  writeFileSync(join(repo, ".codex", "config.toml"), projectConfig);
  return repo;
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs codex; with an overlay, inside a private mount namespace where /etc carries the bundle. */
function runCodex(
  args: string[],
  opts: { overlay?: string; home: string; cwd: string; proxy: string; timeoutMs?: number },
): Promise<Run> {
  const env = {
    // The key comes from the stub az through the kit's key script, never from this environment.
    PATH: `${AZ_BIN}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: opts.home,
    CODEX_HOME: opts.home,
    NO_COLOR: "1",
    [SHELL_PROBE]: "from-the-developer-shell",
    RUST_LOG: "error",
    ...proxyEnv(opts.proxy),
  };
  const mountThenRun =
    'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1/upper,workdir=$1/work" /etc && shift && exec "$@"';
  const [command, argv] =
    opts.overlay === undefined
      ? [CODEX, args]
      : ["unshare", ["-m", "--propagation", "private", "sh", "-c", mountThenRun, "sh", opts.overlay, CODEX, ...args]];
  return new Promise((done) => {
    // Its own process group, so a timeout ends Codex and everything it started (unshare does not pass a kill on).
    const child = spawn(command, argv, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => process.kill(-(child.pid ?? 0), "SIGKILL"), opts.timeoutMs ?? 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Destinations other than the team endpoint, once each, sorted. */
function foreign(attempts: readonly Attempt[]): string[] {
  return [...new Set(attempts.filter((a) => !(a.kind === "HTTP" && a.host === TEAM_HOST)).map((a) => a.target))].sort();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the managed bundle, installed for the real Codex CLI, cannot be undone by a repository or a developer", () => {
  const azure = azureStandInForSuite();
  // Only the key the kit's script reads from (stub) Key Vault is accepted: an answered run really authenticated.
  azure.acceptedKey = FAKE_KEY;
  const proxy = egressProxyForSuite(TEAM_HOST, azure.baseUrl);
  const reset = () => {
    proxy.attempts.length = 0;
    azure.seen.length = 0;
    azure.toolCall = undefined;
  };

  test("the installed Codex is a version the bundle is verified with, and it knows every key of the bundle", async () => {
    const version = execFileSync(CODEX, ["--version"], { encoding: "utf8" }).trim();
    // A Codex bump fails here first: re-run this file against the new version, then add it to CODEX_VERIFIED_VERSIONS.
    expect(CODEX_VERIFIED_VERSIONS).toContain(version.replace(/^codex-cli /, ""));
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(CODEX_VERIFIED_VERSIONS).toContain(pkg.devDependencies["@openai/codex"]);

    const repo = repository("");
    const home = codexHome(repo);
    const doctor = await runCodex(["doctor", "--json"], {
      overlay: bundleOverlay(),
      home,
      cwd: repo,
      proxy: proxy.url(),
    });
    const report = JSON.parse(doctor.output.slice(doctor.output.indexOf("{"))) as {
      checks: Record<string, { status: string; details: Record<string, unknown> }>;
    };
    const load = report.checks["config.load"]?.details ?? {};
    // Codex names every requirement, feature or setting it does not honour as a startup warning: none here.
    expect(load["startup warning"], JSON.stringify(load)).toBeUndefined();
    expect(load["startup warnings"] ?? "0").toBe("0");
    const overrides = String(load["feature flag overrides"]);
    for (const s of EGRESS_SETTINGS.filter((e) => e.table === "features"))
      expect(overrides).toContain(`${s.key}=false`);
  });

  test("a trusted repository asking for danger-full-access: Codex refuses to run; without the bundle it runs unsandboxed", async () => {
    const repo = repository('sandbox_mode = "danger-full-access"\n');
    const home = codexHome(repo);
    reset();
    const bundled = await runCodex(["exec", "Say hello."], {
      overlay: bundleOverlay(),
      home,
      cwd: repo,
      proxy: proxy.url(),
    });
    expect(bundled.code, bundled.output).not.toBe(0);
    expect(bundled.output).toMatch(/requirements do not allow `sandbox_mode = "danger-full-access"`/);
    expect(azure.seen).toEqual([]);

    const open = await runCodex(["exec", "Say hello."], { home, cwd: repo, proxy: proxy.url() });
    expect(open.code, open.output).toBe(0);
    expect(open.output).toMatch(/^sandbox: danger-full-access$/m);
  });

  test("a trusted repository's inherit = all, sandbox network and MCP server: overridden; without the bundle each works", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "cb-bundle-mcp-")), "mcp-started");
    const repo = repository(
      [
        "[shell_environment_policy]",
        'inherit = "all"',
        "[sandbox_workspace_write]",
        "network_access = true",
        "[mcp_servers.probe]",
        'command = "/bin/sh"',
        `args = ["-c", ${JSON.stringify(`touch ${marker}; sleep 3`)}]`,
        "startup_timeout_sec = 2",
        "",
      ].join("\n"),
    );
    const home = codexHome(repo);
    const port = new URL(azure.baseUrl()).port;
    const probe = (name: string) =>
      [
        `env > ${name}-env.txt`,
        `(exec 3<>/dev/tcp/127.0.0.1/${port} && echo NET-REACHABLE || echo NET-BLOCKED) > ${name}-net.txt 2>&1`,
      ].join("; ");

    reset();
    azure.toolCall = probe("bundled");
    const bundled = await runCodex(["exec", "--profile", "agent", "Check."], {
      overlay: bundleOverlay(),
      home,
      cwd: repo,
      proxy: proxy.url(),
    });
    expect(bundled.code, bundled.output).toBe(0);
    expect(bundled.output).toMatch(/^sandbox: workspace-write\b/m);
    const env = readFileSync(join(repo, "bundled-env.txt"), "utf8");
    expect(env).toMatch(/^PATH=/m);
    expect(env).not.toContain(FAKE_KEY);
    expect(env).not.toContain(SHELL_PROBE);
    expect(readFileSync(join(repo, "bundled-net.txt"), "utf8")).toContain("NET-BLOCKED");
    await sleep(500);
    expect(existsSync(marker)).toBe(false);

    reset();
    azure.toolCall = probe("open");
    const open = await runCodex(["exec", "--profile", "agent", "Check."], { home, cwd: repo, proxy: proxy.url() });
    expect(open.code, open.output).toBe(0);
    expect(readFileSync(join(repo, "open-env.txt"), "utf8")).toContain(`${SHELL_PROBE}=from-the-developer-shell`);
    expect(readFileSync(join(repo, "open-net.txt"), "utf8")).toContain("NET-REACHABLE");
    expect(existsSync(marker)).toBe(true);
  }, 240_000);

  test("a user config without the egress settings and -c turning analytics, plugins, apps and another provider on: only the team endpoint", async () => {
    const repo = repository("");
    const home = codexHome(repo, true);
    const undo = [
      ["-c", "analytics.enabled=true"],
      ["-c", "features.plugins=true"],
      ["-c", "features.apps=true"],
      ["-c", 'model_provider="openai"'],
    ].flat();

    reset();
    const bundled = await runCodex(["exec", ...undo, "Say hello."], {
      overlay: bundleOverlay(),
      home,
      cwd: repo,
      proxy: proxy.url(),
    });
    expect(bundled.code, bundled.output).toBe(0);
    expect(bundled.output).toContain(STAND_IN_ANSWER);
    expect(proxy.attempts.map((a) => a.target)).toContain(`POST http://${TEAM_HOST}/openai/v1/responses`);
    await sleep(2_000);
    expect(foreign(proxy.attempts)).toEqual([]);

    reset();
    // Without the bundle Codex retries OpenAI's API without end (it has no key for it): 30 s show where it goes.
    await runCodex(["exec", ...undo, "Say hello."], { home, cwd: repo, proxy: proxy.url(), timeoutMs: 30_000 });
    // Without the bundle the same run goes elsewhere (OpenAI's API, analytics, the plugin catalog): the check can fail.
    expect(foreign(proxy.attempts).length).toBeGreaterThan(0);
  }, 240_000);
});
