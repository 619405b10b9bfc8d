import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { renderSecretScanScript, scanDiffForSecrets } from "../../lib/devkit/secretScan";

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
  "Set `AZURE_OPENAI_API_KEY` from Key Vault: `source get-key.sh`.",
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
