import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import {
  decodedForms,
  FINDING,
  holdsSplitSecret,
  lineViews,
  REFUSED_PATH,
  renderSecretScanScript,
  SCAN_LIMITS,
  SECRET_PATTERNS,
  scanDiffForSecrets,
  type SecretFinding,
} from "../../lib/devkit/secretScan";

// Shapes only: none of these is a real credential. Key-shaped text is built at run time.
const HEX32 = "0123456789abcdef".repeat(2);
const ALNUM84 = `${"A1b2C3d4".repeat(10)}JQQJ`;

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

/** Runs the rendered workflow script in-process (node:vm) with a fake stdin, env, console and exit. */
function runScript(
  envVars: readonly string[],
  env: Record<string, string>,
  input: string,
): { exitCode: number | undefined; errors: string[] } {
  const handlers: Record<string, (chunk?: string) => void> = {};
  const errors: string[] = [];
  let exitCode: number | undefined;
  const fakeProcess = {
    env,
    stdin: { on: (event: string, handler: (chunk?: string) => void) => (handlers[event] = handler) },
    exit: (code: number) => (exitCode = code),
  };
  runInNewContext(renderSecretScanScript(envVars), {
    process: fakeProcess,
    Buffer,
    console: { error: (m: string) => errors.push(m) },
  });
  // Two chunks, split inside a multi-byte character when there is one: the script must join the bytes first.
  const bytes = Buffer.from(input, "utf8");
  const cut = Math.max(0, bytes.indexOf(Buffer.from("é")) + 1) || 10;
  handlers.data?.(bytes.subarray(0, cut) as unknown as string);
  handlers.data?.(bytes.subarray(cut) as unknown as string);
  handlers.end?.();
  return { exitCode, errors };
}

/** One line per pattern: a line it must find, and the nearest line it must not. */
const EDGES: Array<[string, string, string]> = [
  ["private key", ["-----BEGIN", "EC", "PRIVATE KEY-----"].join(" "), "-----BEGIN PUBLIC KEY-----"],
  ["private key", ["-----BEGIN", "PGP", "PRIVATE KEY BLOCK-----"].join(" "), "-----BEGIN CERTIFICATE-----"],
  ["GitHub token", `ghp_${"a".repeat(30)}`, `ghp_${"a".repeat(29)}`],
  ["GitHub token", `github_pat_${"a".repeat(22)}`, `github_pat_${"a".repeat(21)}`],
  ["GitHub token", `ghs_${"B".repeat(30)}`, `xghs_${"B".repeat(30)}`],
  ["OpenAI-style API key", `sk-${"a".repeat(20)}`, `sk-${"a".repeat(19)}`],
  ["OpenAI-style API key", `"sk-${"a".repeat(20)}"`, `task-${"a".repeat(20)}`],
  ["Azure AI services key (32 hex)", HEX32, HEX32.slice(1)],
  ["Azure AI services key (32 hex)", `key=${HEX32};`, `${HEX32}0`],
  ["Azure AI services key (32 hex)", `${HEX32.toUpperCase()}`, `g${HEX32}`],
  ["Azure AI services key (84 characters)", ALNUM84, ALNUM84.slice(1).replace(/[0-9a-fA-F]/g, "x")],
  ["Azure AI services key (84 characters)", `(${ALNUM84})`, `${ALNUM84}Z`],
  ["Azure storage account key", `AccountKey=${"Zm9v".repeat(10)}`, `AccountKey=${"Zm9v".repeat(9)}Zm9`],
  ["AWS access key", "AKIAABCDEFGHIJKLMNOP", "AKIAABCDEFGHIJKLMNO"],
  ["AWS access key", "ASIAABCDEFGHIJKLMNOP", "AKIAABCDEFGHIJKLMNOPQ"],
  ["Slack token", "xoxb-1234567890", "xoxb-123456789"],
  ["Slack token", "xoxp-1234567890", "xoxz-1234567890"],
  [
    "JSON Web Token",
    `eyJ${"a".repeat(10)}.eyJ${"b".repeat(10)}.${"c".repeat(10)}`,
    `eyJ${"a".repeat(10)}.eyJ${"b".repeat(10)}.${"c".repeat(9)}`,
  ],
  ["bearer token", `Bearer ${"t".repeat(20)}`, `Bearer ${"t".repeat(19)}`],
  ["bearer token", `BEARER\t${"t".repeat(20)}`, `unbearer ${"t".repeat(20)}`],
  ["secret assigned to a key-like name", `api_key=${"a".repeat(16)}`, `api_key=${"a".repeat(15)}`],
  ["secret assigned to a key-like name", `"client-secret": "${"a".repeat(16)}"`, `client secret ${"a".repeat(16)}`],
  ["secret assigned to a key-like name", `PASSWD : ${"a".repeat(16)}`, `passwrd: ${"a".repeat(16)}`],
];

function names(findings: SecretFinding[]): string[] {
  return findings.map((f) => f.pattern);
}

describe("scanDiffForSecrets", () => {
  test.each(EDGES)("%s: finds %j, and not %j", (pattern, found, notFound) => {
    expect(names(scanDiffForSecrets(diff("docs/a.md", [found])))).toContain(pattern);
    expect(names(scanDiffForSecrets(diff("docs/a.md", [notFound])))).not.toContain(pattern);
  });

  test("every pattern has a case above", () => {
    expect(new Set(EDGES.map(([p]) => p))).toEqual(new Set(SECRET_PATTERNS.map((p) => p.name)));
  });

  test("a clean diff has no finding", () => {
    expect(scanDiffForSecrets(diff("CHANGELOG.md", ["## 1.4.0", "- Fixed the retry loop."]))).toEqual([]);
  });

  test("only added lines count: removed and context lines with a secret are not findings", () => {
    const text = ["--- a/docs/a.md", "+++ b/docs/a.md", `-${HEX32}`, ` ${HEX32}`, `+ok`].join("\n");
    expect(scanDiffForSecrets(text)).toEqual([]);
  });

  test("names the file from the +++ header (b/ prefix dropped only at the start), before any header (unknown)", () => {
    const text = [`+${HEX32}`, "+++ b/docs/a.md", `+${HEX32}`, "+++ docs/b/c.md", `+${HEX32}`].join("\n");
    expect(scanDiffForSecrets(text)).toEqual([
      { file: "(unknown)", pattern: "Azure AI services key (32 hex)" },
      { file: "docs/a.md", pattern: "Azure AI services key (32 hex)" },
      { file: "docs/b/c.md", pattern: "Azure AI services key (32 hex)" },
    ]);
  });

  test("the +++ header line itself is not scanned", () => {
    expect(scanDiffForSecrets(`+++ b/${HEX32}`)).toEqual([]);
  });

  test("a held secret is refused verbatim from 8 characters on; shorter ones are ignored", () => {
    const held = "Q9w8E7r6";
    expect(scanDiffForSecrets(diff("docs/a.md", [`see ${held} here`]), [held])).toEqual([
      { file: "docs/a.md", pattern: "a secret this workflow holds" },
    ]);
    expect(scanDiffForSecrets(diff("docs/a.md", [`see ${held} here`]), [held.slice(1)])).toEqual([]);
    expect(scanDiffForSecrets(diff("docs/a.md", ["see nothing"]), [held])).toEqual([]);
    expect(scanDiffForSecrets(diff("docs/a.md", ["anything"]))).toEqual([]);
  });

  test("without held secrets, only the patterns count (no default secret is refused)", () => {
    expect(scanDiffForSecrets(diff("docs/a.md", ["Stryker was here, a plain sentence"]))).toEqual([]);
  });

  test("the diff's + marker is not part of the added text", () => {
    expect(scanDiffForSecrets(diff("docs/a.md", ["Q9w8E7r6"]), ["+Q9w8E7r6"])).toEqual([]);
  });

  test("the finding never holds the matched text", () => {
    const findings = scanDiffForSecrets(diff("docs/a.md", [HEX32]), ["0123456789abcdef"]);
    expect(findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).not.toContain("0123456789abcdef");
  });

  test("a case-insensitive pattern keeps its flag", () => {
    expect(names(scanDiffForSecrets(diff("a", [`TOKEN=${"a".repeat(16)}`])))).toContain(
      "secret assigned to a key-like name",
    );
  });
});

describe("the rendered scan script (the workflow's copy of the same scan)", () => {
  test("passes a clean diff (exit 0, nothing printed)", () => {
    expect(runScript([], {}, diff("CHANGELOG.md", ["## 1.4.0", "- Fixed the retry loop."]))).toEqual({
      exitCode: 0,
      errors: [],
    });
  });

  test.each(EDGES)("%s: refuses %j, and not %j", (pattern, found, notFound) => {
    const refused = runScript([], {}, diff("docs/a.md", [found]));
    expect(refused.exitCode).toBe(1);
    expect(refused.errors).toContain(`secret scan: docs/a.md: ${pattern}`);
    expect(runScript([], {}, diff("docs/a.md", [notFound])).errors).not.toContain(`secret scan: docs/a.md: ${pattern}`);
  });

  test("refuses the held secret read from the named env var (8 characters or more), never printing it", () => {
    const held = "Q9w8E7r6";
    const result = runScript(
      ["CODEX_KEY_TO_REFUSE"],
      { CODEX_KEY_TO_REFUSE: held },
      diff("docs/a.md", [`see ${held}`]),
    );
    expect(result).toEqual({ exitCode: 1, errors: ["secret scan: docs/a.md: a secret this workflow holds"] });
    expect(
      runScript(["CODEX_KEY_TO_REFUSE"], { CODEX_KEY_TO_REFUSE: held.slice(1) }, diff("docs/a.md", [`see ${held}`]))
        .exitCode,
    ).toBe(0);
    expect(runScript(["CODEX_KEY_TO_REFUSE"], {}, diff("docs/a.md", ["see nothing"])).exitCode).toBe(0);
    expect(runScript([], { CODEX_KEY_TO_REFUSE: held }, diff("docs/a.md", [`see ${held}`])).exitCode).toBe(0);
  });

  test("scans added lines only, names files as the lib function does", () => {
    const text = [`+${HEX32}`, "+++ b/docs/a.md", `-${HEX32}`, ` ${HEX32}`, "+++ docs/b/c.md", `+${HEX32}`].join("\n");
    expect(runScript([], {}, text).errors).toEqual([
      "secret scan: (unknown): Azure AI services key (32 hex)",
      "secret scan: docs/b/c.md: Azure AI services key (32 hex)",
    ]);
    expect(runScript([], {}, `+++ b/${HEX32}`).exitCode).toBe(0);
  });

  test("reads stdin as bytes and decodes them once, so a character split between chunks is not binary", () => {
    const lines = renderSecretScanScript(["CODEX_KEY"]).split("\n");
    expect(lines).toContain('process.stdin.on("data", (c) => chunks.push(c));');
    expect(lines).toContain('  const diff = Buffer.concat(chunks).toString("utf8");');
    expect(lines.at(-1)).toBe("});");
    expect(runScript([], {}, diff("docs/a.md", ["Café au lait, déjà vu."]))).toEqual({ exitCode: 0, errors: [] });
  });

  test("embeds the names of the env vars, never their values", () => {
    const script = renderSecretScanScript(["CODEX_KEY_TO_REFUSE"]);
    expect(script).toContain('["CODEX_KEY_TO_REFUSE"].map((v) => process.env[v] || "")');
  });
});
