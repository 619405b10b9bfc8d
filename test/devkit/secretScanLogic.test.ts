import { createHash } from "node:crypto";
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

  test("a file name is pushed too: one that holds a secret is refused, and withheld from the finding", () => {
    expect(scanDiffForSecrets(`+++ b/${HEX32}`)).toEqual([
      { file: FINDING.withheldName, pattern: `Azure AI services key (32 hex)${FINDING.inName}` },
    ]);
    expect(scanDiffForSecrets(`diff --git a/docs/${HEX32}.md b/docs/${HEX32}.md\n`)).toEqual([
      { file: FINDING.withheldName, pattern: `Azure AI services key (32 hex)${FINDING.inName}` },
    ]);
    expect(runScript([], {}, `+++ b/${HEX32}`).errors).toEqual([
      `secret scan: ${FINDING.withheldName}: Azure AI services key (32 hex)${FINDING.inName}`,
    ]);
    expect(scanDiffForSecrets("+++ b/docs/a.md")).toEqual([]);
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

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const hex = (text: string) => Buffer.from(text).toString("hex");
const reverse = (text: string) => [...text].reverse().join("");
const K84 = "Azure AI services key (84 characters)";
const K32 = "Azure AI services key (32 hex)";

/** An encoded or hidden copy of a key shape in added lines, and the finding it must give (lib and script alike). */
const HIDDEN: Array<[string, readonly string[], string]> = [
  ["base64", [b64(ALNUM84)], `${K84} (decoded: base64)`],
  [
    "base64 without padding, inside a sentence",
    [`blob ${b64(`k=${ALNUM84};`).replace(/=+$/, "")} end`],
    `${K84} (decoded: base64)`,
  ],
  ["base64 cut mid-group", [b64(`xyzw:${ALNUM84}`).slice(2)], `${K84} (decoded: base64)`],
  [
    "base64url",
    [Buffer.concat([Buffer.from([0xfb, 0xff, 0xfe]), Buffer.from(ALNUM84)]).toString("base64url")],
    `${K84} (decoded: base64)`,
  ],
  ["hex of a 32-hex key (a 64-hex run, the length of a SHA-256 digest)", [hex(HEX32)], `${K32} (decoded: hex)`],
  ["hex, upper case", [hex(ALNUM84).toUpperCase()], `${K84} (decoded: hex)`],
  ["percent-encoding", [[...ALNUM84].map((c) => `%${hex(c)}`).join("")], `${K84} (decoded: escapes)`],
  ["\\x escapes", [[...ALNUM84].map((c) => `\\x${hex(c)}`).join("")], `${K84} (decoded: escapes)`],
  ["\\u escapes", [[...HEX32].map((c) => `\\u00${hex(c)}`).join("")], `${K32} (decoded: escapes)`],
  ["HTML entities", [[...HEX32].map((c) => `&#${c.charCodeAt(0)};`).join("")], `${K32} (decoded: escapes)`],
  ["UTF-16 in base64", [b64(Buffer.from(ALNUM84, "utf16le"))], `${K84} (decoded: base64)`],
  ["base64 reversed", [reverse(b64(ALNUM84))], `${K84} (decoded: reversed > base64)`],
  ["hex in base64", [b64(hex(HEX32))], `${K32} (decoded: base64 > hex)`],
  ["base64 in base64 in hex", [hex(b64(b64(ALNUM84)))], `${K84} (decoded: hex > base64 > base64)`],
  ["a GitHub token reversed", [reverse(`ghp_${"a1B2".repeat(9)}`)], "GitHub token (decoded: reversed)"],
  ["base64 wrapped at 76 characters", b64(ALNUM84).match(/.{1,76}/g) ?? [], `${K84} (decoded: joined lines > base64)`],
  [
    "base64 split by spaces",
    [(b64(ALNUM84).match(/.{1,8}/g) ?? []).join(" ")],
    `${K84} (decoded: joined lines > base64)`,
  ],
];

/** Text near the shapes that must pass: pinned actions, digests, encoded prose, long identifiers. */
const CLEAN_LINES = [
  "uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
  `sha256:${createHash("sha256").update("test").digest("hex")}`,
  `SHA-512 ${createHash("sha512").update("").digest("hex")}`,
  `Encoded example: ${b64("The quick brown fox jumps over the lazy dog, twice over.")}`,
  `data:image/png;base64,${b64(Buffer.from(Array.from({ length: 120 }, (_, i) => (i * 37 + 11) % 256)))}`,
  "See https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity?tabs=bash%2Cpython for details.",
  "100% of the 50%-off deals: 30 %, done.",
  "CodexBoundaryDeveloperKitRendersTheWorkflowFileForEachRepository",
];

describe("encoded, reversed and split copies", () => {
  test.each(HIDDEN)("%s is refused, by the function and by the script", (_name, lines, finding) => {
    const text = diff("docs/leak.md", lines);
    expect(names(scanDiffForSecrets(text))).toContain(finding);
    const script = runScript([], {}, text);
    expect(script.exitCode).toBe(1);
    expect(script.errors).toContain(`secret scan: docs/leak.md: ${finding}`);
    expect(script.errors).toEqual(scanDiffForSecrets(text).map((f) => `secret scan: ${f.file}: ${f.pattern}`));
  });

  test("pinned actions, digests, encoded prose and binary data URIs, escapes in URLs, long names: no finding", () => {
    expect(scanDiffForSecrets(diff("docs/a.md", CLEAN_LINES))).toEqual([]);
    expect(runScript(["HELD"], { HELD: ALNUM84 }, diff("docs/a.md", CLEAN_LINES))).toEqual({ exitCode: 0, errors: [] });
  });

  test("a key found as written is reported once, not again in its reversed or decoded forms", () => {
    expect(scanDiffForSecrets(diff("docs/a.md", [`${HEX32} ${b64(HEX32)}`]))).toEqual([
      { file: "docs/a.md", pattern: K32 },
    ]);
  });

  const HELD = `${"Zq7Xw2Rt".repeat(10)}P9sK`;
  test.each([
    ["split by spaces", [`${HELD.slice(0, 40)} ${HELD.slice(40)}`]],
    ["split by dashes every 4 characters", [(HELD.match(/.{1,4}/g) ?? []).join("-")]],
    ["over three lines", [HELD.slice(0, 30), HELD.slice(30, 60), HELD.slice(60)]],
    ["reversed and split", [reverse(HELD).slice(0, 50), reverse(HELD).slice(50)]],
  ])("the held secret %s is refused", (_name, lines) => {
    const text = diff("docs/a.md", lines);
    expect(scanDiffForSecrets(text, [HELD])).toEqual([{ file: "docs/a.md", pattern: FINDING.heldSplit }]);
    expect(runScript(["HELD"], { HELD }, text).errors).toEqual([`secret scan: docs/a.md: ${FINDING.heldSplit}`]);
    expect(scanDiffForSecrets(text)).toEqual([]);
  });

  test.each([
    ["base64", b64(`AZURE_OPENAI_API_KEY=${HELD}\n`), "base64"],
    ["hex", hex(HELD), "hex"],
    ["percent-encoding", encodeURIComponent(`k=${HELD}`).replace(/[A-Za-z0-9]/g, (c) => `%${hex(c)}`), "escapes"],
  ])("the held secret in %s is refused", (_name, line, encoding) => {
    const text = diff("docs/a.md", [line]);
    expect(names(scanDiffForSecrets(text, [HELD]))).toContain(`${FINDING.held} (decoded: ${encoding})`);
    expect(runScript(["HELD"], { HELD }, text).exitCode).toBe(1);
  });

  test("a held hex secret is found split and in upper case; a held secret under 24 characters is not looked for split", () => {
    expect(holdsSplitSecret([HEX32.toUpperCase().slice(0, 16), HEX32.slice(16)], [HEX32])).toBe(true);
    expect(holdsSplitSecret(["Q9w8 E7r6"], ["Q9w8E7r6"])).toBe(false);
    expect(holdsSplitSecret([HELD.slice(1)], [HELD])).toBe(false);
  });
});

describe("what the scan cannot read, or must not let change", () => {
  test.each(["docs/.gitattributes", ".gitattributes", "docs/deep/.GitAttributes", ".gitmodules", "docs/.gitmodules"])(
    "a change to %s is refused, whatever it holds",
    (path) => {
      const text = diff(path, ["* -diff"]);
      expect(scanDiffForSecrets(text)).toEqual([{ file: path, pattern: REFUSED_PATH.name }]);
      expect(runScript([], {}, text).errors).toEqual([`secret scan: ${path}: ${REFUSED_PATH.name}`]);
    },
  );

  test("an empty new .gitattributes (no hunk, no ---/+++ lines) and a deleted one are refused too", () => {
    const created = [
      "diff --git a/docs/.gitattributes b/docs/.gitattributes",
      "new file mode 100644",
      "index 0000000..e69de29",
      "",
    ];
    const deleted = [
      "diff --git a/.gitattributes b/.gitattributes",
      "deleted file mode 100644",
      "--- a/.gitattributes",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-* text=auto",
      "",
    ];
    expect(scanDiffForSecrets(created.join("\n"))).toEqual([
      { file: "docs/.gitattributes", pattern: REFUSED_PATH.name },
    ]);
    expect(scanDiffForSecrets(deleted.join("\n"))).toEqual([{ file: ".gitattributes", pattern: REFUSED_PATH.name }]);
    expect(runScript([], {}, deleted.join("\n")).exitCode).toBe(1);
    expect(scanDiffForSecrets(diff("docs/gitattributes.md", ["about .gitattributes"]))).toEqual([]);
  });

  test.each([
    ["a NUL byte", "PK\u0003\u0004\u0000\u0000x"],
    ["invalid UTF-8 (decoded as U+FFFD)", "caf\uFFFD"],
  ])("an added line with %s is refused as binary", (_name, line) => {
    const text = diff("docs/a.bin", [line]);
    expect(scanDiffForSecrets(text)).toEqual([{ file: "docs/a.bin", pattern: FINDING.binary }]);
    expect(runScript([], {}, text).errors).toEqual([`secret scan: docs/a.bin: ${FINDING.binary}`]);
  });

  test("git's binary markers and a submodule are refused", () => {
    const binary = [
      "diff --git a/docs/leak.md b/docs/leak.md",
      "index 1111111..2222222 100644",
      "Binary files a/docs/leak.md and b/docs/leak.md differ",
      "",
    ].join("\n");
    expect(scanDiffForSecrets(binary)).toEqual([{ file: "docs/leak.md", pattern: FINDING.binary }]);
    expect(runScript([], {}, binary).exitCode).toBe(1);
    const submodule = diff("docs/vendor", [`Subproject commit ${"ab".repeat(20)}`]);
    expect(scanDiffForSecrets(submodule)).toEqual([{ file: "docs/vendor", pattern: FINDING.submodule }]);
    expect(runScript([], {}, submodule).errors).toEqual([`secret scan: docs/vendor: ${FINDING.submodule}`]);
  });

  test("inside a hunk an added line that reads like a header is content, and is scanned", () => {
    const text = diff("docs/a.md", [`++ b/${HEX32}`, "++ b/other.md", HEX32]);
    expect(scanDiffForSecrets(text)).toEqual([
      { file: "docs/a.md", pattern: K32 },
      { file: "docs/a.md", pattern: K32 },
    ]);
    expect(runScript([], {}, text).errors).toEqual([
      `secret scan: docs/a.md: ${K32}`,
      `secret scan: docs/a.md: ${K32}`,
    ]);
  });

  test("the file name comes from the diff --git line, quoted or with spaces, and files are told apart", () => {
    const text = [
      'diff --git "a/docs/sp ace/\\303\\244.md" "b/docs/sp ace/\\303\\244.md"',
      "@@ -0,0 +1 @@",
      `+${HEX32}`,
      "diff --git a/docs/x y.md b/docs/x y.md",
      "@@ -1,2 +1,2 @@",
      " context",
      "-old",
      `+${HEX32}`,
      "",
    ].join("\n");
    expect(scanDiffForSecrets(text).map((f) => f.file)).toEqual(["docs/sp ace/\\303\\244.md", "docs/x y.md"]);
    expect(runScript([], {}, text).errors.map((e) => e.split(": ")[1])).toEqual([
      "docs/sp ace/\\303\\244.md",
      "docs/x y.md",
    ]);
  });

  test(`more than ${SCAN_LIMITS.maxViews} decoded forms on one line: refused rather than scanned in part`, () => {
    const line = Array.from({ length: 70 }, (_, i) => b64(`chunk ${i} of filler text, nothing secret`)).join(" ");
    expect(lineViews(line)).toBeUndefined();
    expect(scanDiffForSecrets(diff("docs/a.md", [line]))).toEqual([{ file: "docs/a.md", pattern: FINDING.tooMany }]);
    expect(runScript([], {}, diff("docs/a.md", [line])).errors).toEqual([`secret scan: docs/a.md: ${FINDING.tooMany}`]);
  });

  test("decodedForms: base64 from four offsets, hex from two, escapes once; short runs are not decoded", () => {
    expect(decodedForms(b64("a".repeat(30))).map((f) => f.encoding)).toEqual(["base64", "base64", "base64", "base64"]);
    expect(decodedForms(b64("a".repeat(30)))[0]?.text).toBe("a".repeat(30));
    expect(decodedForms(hex("b".repeat(32))).map((f) => [f.encoding, f.text.length])).toEqual([
      ["base64", 48],
      ["base64", 47],
      ["base64", 46],
      ["base64", 45],
      ["hex", 32],
      ["hex", 31],
    ]);
    expect(decodedForms("%41%42 \\x43 \\u0044 &#x45; &#70;")).toEqual([{ encoding: "escapes", text: "AB C D E F" }]);
    expect(decodedForms(`${"A".repeat(39)} 100% sure`)).toEqual([]);
    expect(decodedForms("f".repeat(63)).map((f) => f.encoding)).toEqual(["base64", "base64", "base64", "base64"]);
  });
});

test("the script and the function agree on one diff of many files holding every case above", () => {
  const files = [
    ...EDGES.map(([, found, notFound], i) => diff(`docs/edge-${i}.md`, [found, notFound])),
    ...HIDDEN.map(([, lines], i) => diff(`docs/hidden-${i}.md`, lines)),
    diff("docs/.gitattributes", ["* -diff"]),
    diff("docs/clean.md", CLEAN_LINES),
    diff(`docs/${HEX32}.md`, ["x"]),
  ];
  const text = files.join("");
  const held = `${"Zq7Xw2Rt".repeat(10)}P9sK`;
  const expected = scanDiffForSecrets(text, [held]).map((f) => `secret scan: ${f.file}: ${f.pattern}`);
  expect(expected.length).toBeGreaterThan(EDGES.length + HIDDEN.length);
  expect(runScript(["HELD"], { HELD: held }, text)).toEqual({ exitCode: 1, errors: expected });
});
