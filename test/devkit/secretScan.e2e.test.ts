import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { renderCiWorkflow } from "../../lib/devkit/ciWorkflow";
import { FINDING, REFUSED_PATH, renderSecretScanScript, scanDiffForSecrets } from "../../lib/devkit/secretScan";
import { bash } from "../support/bash";
import { SAMPLE_INPUTS } from "./support";

/** A unified diff adding `lines` to `file`. */
function diff(file: string, lines: readonly string[]): string {
  return [
    `diff --git a/${file} b/${file}`,
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -1,0 +1,${lines.length} @@`,
    ...lines.map((l) => `+${l}`),
    "",
  ].join("\n");
}

// Shapes only: none of these is a real credential.
const KEY_SHAPED: Array<[string, string]> = [
  // PEM headers built at run time, so no key-shaped text is committed.
  ["private key", ["-----BEGIN", "OPENSSH", "PRIVATE KEY-----"].join(" ")],
  ["private key", ["-----BEGIN", "RSA", "PRIVATE KEY-----"].join(" ")],
  ["GitHub token", `token ghp_${"a1B2".repeat(9)}`],
  ["GitHub token", `github_pat_${"x".repeat(30)}`],
  ["OpenAI-style API key", `sk-proj-${"Ab1".repeat(10)}`],
  ["Azure AI services key (32 hex)", "key 0123456789abcdef0123456789ABCDEF here"],
  ["Azure AI services key (84 characters)", `"${"A1b2C3d4".repeat(10)}JQQJ"`],
  ["Azure storage account key", `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${"Zm9v".repeat(22)}==`],
  ["AWS access key", "AKIAABCDEFGHIJKLMNOP"],
  ["Slack token", "xoxb-1234567890-abcdefghij"],
  ["JSON Web Token", `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${"s".repeat(20)}`],
  ["bearer token", `Authorization: Bearer ${"t0k".repeat(10)}`],
  ["secret assigned to a key-like name", 'api_key = "abcdefghijklmnop1234"'],
  ["secret assigned to a key-like name", "PASSWORD: hunter2hunter2hunter2"],
];

const HARMLESS = [
  "## 1.4.0 (2026-11-02)",
  "- Fixed the retry loop (commit 3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345).",
  "- Short hash 3f9c2a1 and a UUID 123e4567-e89b-12d3-a456-426614174000.",
  "Codex reads the key from Key Vault through `get-key.sh`.",
  "token: ${{ secrets.GITHUB_TOKEN }}",
  "See https://learn.microsoft.com/azure/ai-services/openai/reference for the API.",
  "The password must be at least 12 characters.",
];

describe("scanDiffForSecrets", () => {
  test.each(KEY_SHAPED)("finds a %s", (pattern, line) => {
    const findings = scanDiffForSecrets(diff("docs/notes.md", ["Some text.", line]));
    expect(findings.map((f) => f.pattern)).toContain(pattern);
    expect(findings.every((f) => f.file === "docs/notes.md")).toBe(true);
  });

  test("passes changelog and docs text: hashes, UUIDs, variable names, workflow expressions", () => {
    expect(scanDiffForSecrets(diff("CHANGELOG.md", HARMLESS))).toEqual([]);
  });

  test("looks at added lines only: a removed secret is a fix, not a leak", () => {
    const removal = ["--- a/docs/x.md", "+++ b/docs/x.md", "@@ -1 +0,0 @@", "-AKIAABCDEFGHIJKLMNOP", ""].join("\n");
    expect(scanDiffForSecrets(removal)).toEqual([]);
  });

  test("finds a secret the workflow holds, whatever its shape, and never repeats the text", () => {
    const held = "short-but-real-key";
    const findings = scanDiffForSecrets(diff("docs/a.md", [`the key is ${held}`]), [held]);
    expect(findings).toEqual([{ file: "docs/a.md", pattern: "a secret this workflow holds" }]);
    expect(JSON.stringify(findings)).not.toContain(held);
  });
});

describe("the scan script embedded in the workflow", () => {
  function runScript(input: string, env: Record<string, string> = {}) {
    return spawnSync(process.execPath, ["-e", renderSecretScanScript(["HELD_SECRET"])], {
      input,
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
    });
  }

  test("agrees with scanDiffForSecrets on every sample, and exits 1 only when it finds something", () => {
    for (const [, line] of KEY_SHAPED) {
      const input = diff("docs/n.md", [line]);
      const result = runScript(input);
      expect(result.status, line).toBe(1);
      const reported = result.stderr
        .trim()
        .split("\n")
        .map((l) => l.replace(/^secret scan: docs\/n\.md: /, ""));
      expect(reported).toEqual(scanDiffForSecrets(input).map((f) => f.pattern));
      expect(result.stderr).not.toContain(line);
    }
    expect(runScript(diff("CHANGELOG.md", HARMLESS)).status).toBe(0);
  });

  test("reads the held secret from the environment, not from its arguments", () => {
    const result = runScript(diff("docs/a.md", ["leaked: short-but-real-key"]), { HELD_SECRET: "short-but-real-key" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("docs/a.md: a secret this workflow holds");
    expect(result.stderr).not.toContain("short-but-real-key");
    expect(renderSecretScanScript(["HELD_SECRET"])).not.toContain("short-but-real-key");
  });
});

// The workflow's own scan step (its run script and env, from the rendered file) on a real git repository: each way
// of slipping a key past a plain `git diff --cached` scan (issue 24, point 8), and clean changes that must still pass.
describe("the workflow's scan step on a real repository", () => {
  // Key-shaped, built at run time: 84 letters and digits, and the held key the job would refuse verbatim.
  const KEY84 = Array.from({ length: 84 }, (_, i) => "AbCdEfGhJkMnPqRsTuVwXyZ23456789"[(i * 7 + 3) % 31]).join("");
  const HELD = Array.from({ length: 84 }, (_, i) => "ZyXwVuTsRqPnMkJhGfEdCbA98765432"[(i * 11 + 5) % 31]).join("");
  const scanStep = (() => {
    const workflow = parseYaml(
      renderCiWorkflow(SAMPLE_INPUTS, { repository: "payments-api", configToml: "", ciProfileToml: "" }),
    ) as { jobs: { codex: { steps: Array<{ name?: string; run?: string; env?: Record<string, string> }> } } };
    const step = workflow.jobs.codex.steps.find((s) => s.name === "Refuse a diff that holds a secret");
    if (step?.run === undefined || step.env?.SECRET_SCAN_JS === undefined) throw new Error("no scan step");
    return { run: step.run, script: step.env.SECRET_SCAN_JS };
  })();

  /** A repository whose main holds `committed`, with `changed` written on top (what Codex left), and the scan's result. */
  async function scan(
    committed: Record<string, string | Buffer>,
    changed: Record<string, string | Buffer>,
    { held = "", gitConfig = [] as string[][] } = {},
  ) {
    const root = mkdtempSync(join(tmpdir(), "cb-scan-"));
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: root,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: join(root, "gitconfig"),
    };
    writeFileSync(
      env.GIT_CONFIG_GLOBAL,
      "[init]\n\tdefaultBranch = main\n[user]\n\tname = Dev\n\temail = dev@contoso.example\n",
    );
    const repo = join(root, "repo");
    mkdirSync(repo);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env, encoding: "utf8" });
    const write = (files: Record<string, string | Buffer>) => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(repo, file)), { recursive: true });
        writeFileSync(join(repo, file), text);
      }
    };
    git("init", "--quiet");
    write({ "CHANGELOG.md": "# Changelog\n", "docs/usage.md": "# Usage\n", ...committed });
    git("add", "-A");
    git("commit", "--quiet", "-m", "initial");
    for (const [key, value] of gitConfig) git("config", key ?? "", value ?? "");
    write(changed);
    const result = await bash(scanStep.run, repo, {
      ...env,
      GITHUB_SHA: git("rev-parse", "HEAD").trim(),
      SECRET_SCAN_JS: scanStep.script,
      CODEX_KEY_TO_REFUSE: held,
    });
    // What a plain `git diff --cached`, as the step ran it before, shows of the same change.
    const plainDiff = git("diff", "--cached", "--no-color");
    return { ...result, plainDiff };
  }

  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const hex = (text: string) => Buffer.from(text).toString("hex");

  test("docs/.gitattributes '* -diff' added with the key in docs/leak.md: refused, the attributes file and the key both", async () => {
    const result = await scan({}, { "docs/.gitattributes": "* -diff\n", "docs/leak.md": `key: ${KEY84}\n` });
    expect(result.plainDiff).toContain("Binary files /dev/null and b/docs/leak.md differ");
    expect(result.code).toBe(1);
    expect(result.output).toContain(`secret scan: docs/.gitattributes: ${REFUSED_PATH.name}`);
    expect(result.output).toContain("secret scan: docs/leak.md: Azure AI services key (84 characters)");
    expect(result.output).toContain("refusing to push");
    expect(result.output).not.toContain(KEY84);
  });

  test.each([
    ["'* -diff' committed on main", { "docs/.gitattributes": "* -diff\n" }, []],
    ["'binary' committed on main", { ".gitattributes": "*.md binary\n" }, []],
    [
      "a textconv driver that prints nothing",
      { ".gitattributes": "*.md diff=hide\n" },
      [["diff.hide.textconv", "true"]],
    ],
    ["an external diff driver", {}, [["diff.external", "true"]]],
  ])(
    "attributes or config that hide the change from a plain diff (%s): the key is still seen",
    async (_name, committed, gitConfig) => {
      const result = await scan(committed, { "docs/leak.md": `# Notes\n\nkey: ${KEY84}\n` }, { gitConfig });
      expect(result.plainDiff).not.toMatch(new RegExp(`^\\+key: ${KEY84}$`, "m"));
      expect(result.code).toBe(1);
      expect(result.output).toContain("secret scan: docs/leak.md: Azure AI services key (84 characters)");
    },
  );

  test.each([
    ["base64", b64(KEY84), "base64"],
    ["base64url", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(KEY84)]).toString("base64url"), "base64"],
    ["hex", hex(KEY84), "hex"],
    ["percent-encoded", [...KEY84].map((c) => `%${hex(c)}`).join(""), "escapes"],
    ["reversed base64", [...b64(KEY84)].reverse().join(""), "reversed > base64"],
    ["base64 wrapped at 76 columns", (b64(KEY84).match(/.{1,76}/g) ?? []).join("\n"), "joined lines > base64"],
  ])("an encoded copy of a key (%s) in docs/leak.md: refused", async (_name, encoded, via) => {
    const result = await scan({}, { "docs/leak.md": `Example:\n\n${encoded}\n` });
    expect(result.plainDiff).not.toContain(KEY84);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      `secret scan: docs/leak.md: Azure AI services key (84 characters) (decoded: ${via})`,
    );
  });

  test("the job's own key split over lines, or in base64, is refused; the key is never printed", async () => {
    const split = await scan({}, { "docs/leak.md": `${HELD.slice(0, 42)}\n${HELD.slice(42)}\n` }, { held: HELD });
    expect(split.code).toBe(1);
    expect(split.output).toContain(`secret scan: docs/leak.md: ${FINDING.heldSplit}`);
    const encoded = await scan({}, { "CHANGELOG.md": `# Changelog\n\n- ${b64(`KEY=${HELD}`)}\n` }, { held: HELD });
    expect(encoded.code).toBe(1);
    expect(encoded.output).toContain(`secret scan: CHANGELOG.md: ${FINDING.held} (decoded: base64)`);
    expect(split.output + encoded.output).not.toContain(HELD);
  });

  test("a compressed file, a .gitmodules, a header-like added line and a key as a file name are refused", async () => {
    const result = await scan(
      {},
      {
        "docs/leak.md.gz": gzipSync(`key: ${KEY84}\n`),
        "docs/.gitmodules": '[submodule "x"]\n\tpath = x\n\turl = https://example.invalid/x.git\n',
        "docs/usage.md": `# Usage\n++ b/other.md ${KEY84}\n`,
        [`docs/${KEY84}.md`]: "nothing to see\n",
      },
    );
    expect(result.output).toContain(
      `secret scan: ${FINDING.withheldName}: Azure AI services key (84 characters)${FINDING.inName}`,
    );
    expect(result.output).not.toContain(KEY84);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`secret scan: docs/leak.md.gz: ${FINDING.binary}`);
    expect(result.output).toContain(`secret scan: docs/.gitmodules: ${REFUSED_PATH.name}`);
    expect(result.output).toContain("secret scan: docs/usage.md: Azure AI services key (84 characters)");
  });

  test("a clean docs change passes: pinned actions, digests, encoded prose, a removed key, unicode and odd file names", async () => {
    const result = await scan(
      { "docs/old.md": `old key ${KEY84}\n` },
      {
        "docs/old.md": "the key was removed\n",
        "docs/ci.md": [
          "# CI",
          "uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
          "uses: actions/create-github-app-token@fee1f7d63c2ff003460e3d139729b119787bc349",
          "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          `Example payload: ${b64("The quick brown fox jumps over the lazy dog, twice over.")}`,
          "Café, naïve, déjà vu: 100% sure, 50%-off, a%20space.",
          "",
        ].join("\n"),
        "docs/über guide.md": "# Über\n",
        "CHANGELOG.md": "# Changelog\n\n- Documented the CI workflow.\n",
      },
      { held: HELD },
    );
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });
});
