/**
 * The secret scan the Codex CI workflow runs on the staged diff before anything is pushed. The patterns and limits are
 * data, so the same values drive these functions (unit-tested) and the script embedded in the generated workflow
 * (renderSecretScanScript), which runs where this package is not installed; the script repeats the logic line for
 * line and the tests run both on the same inputs.
 *
 * Beyond the patterns on each added line, it refuses what it cannot read (binary or non-UTF-8 content, a submodule),
 * any change to a .gitattributes or .gitmodules (they change what `git diff` shows and what a clone fetches), and a
 * pattern or the held secret in a decoded form of the line: base64 or base64url, hex, %XX / \xXX / \uXXXX / &#NN;
 * escapes, the line reversed, up to three of these stacked. The held secret is also refused with every character but
 * letters and digits removed from the file's added lines (split by spaces, dashes or line breaks). Not covered:
 * compression or encryption (refused as binary only when the result is not text), a key-shaped string that is not the
 * held secret split across lines, other encodings (base32, ROT13, a custom alphabet).
 */
export interface SecretPattern {
  name: string;
  /** JavaScript regular expression source; matched against each added line. */
  source: string;
  flags: string;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { name: "private key", source: "-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----", flags: "" },
  { name: "GitHub token", source: "\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})", flags: "" },
  { name: "OpenAI-style API key", source: "\\bsk-[A-Za-z0-9_-]{20,}", flags: "" },
  // Azure AI services keys: 32 hex characters (classic) or 84 alphanumerics (current format).
  { name: "Azure AI services key (32 hex)", source: "(^|[^A-Za-z0-9])[0-9a-fA-F]{32}([^A-Za-z0-9]|$)", flags: "" },
  {
    name: "Azure AI services key (84 characters)",
    source: "(^|[^A-Za-z0-9])[A-Za-z0-9]{84}([^A-Za-z0-9]|$)",
    flags: "",
  },
  { name: "Azure storage account key", source: "AccountKey=[A-Za-z0-9+/]{40,}={0,2}", flags: "" },
  { name: "AWS access key", source: "\\b(AKIA|ASIA)[0-9A-Z]{16}\\b", flags: "" },
  { name: "Slack token", source: "\\bxox[abprs]-[A-Za-z0-9-]{10,}", flags: "" },
  {
    name: "JSON Web Token",
    source: "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}",
    flags: "",
  },
  { name: "bearer token", source: "\\bbearer\\s+[A-Za-z0-9._~+/-]{20,}", flags: "i" },
  {
    name: "secret assigned to a key-like name",
    source: "(api[_-]?key|secret|token|passw(or)?d|client[_-]?secret)[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9+/_.~-]{16,}",
    flags: "i",
  },
];

/** A file whose change the scan refuses whatever its content: git reads it as instructions. */
export const REFUSED_PATH: SecretPattern = {
  name: "a .gitattributes or .gitmodules change (it changes what git shows and fetches)",
  source: '(^|/)\\.git(attributes|modules)"?$',
  flags: "i",
};

/** Runs of these lengths are decoded; a 32-character key encodes to 43 base64 or 64 hex characters. */
export const SCAN_LIMITS = {
  base64Run: "[A-Za-z0-9+/_-]{40,}",
  hexRun: "[0-9a-fA-F]{64,}",
  escape: "%([0-9a-fA-F]{2})|\\\\x([0-9a-fA-F]{2})|\\\\u([0-9a-fA-F]{4})|&#x([0-9a-fA-F]{1,6});|&#([0-9]{1,7});",
  /** Encodings stacked on one another (reversed counts as one). */
  maxDepth: 3,
  /** More decoded forms than this on one line: refused rather than scanned in part. */
  maxViews: 256,
  /** The held secret, letters and digits only, is looked for across a file's added lines from this length on. */
  splitSecretLength: 24,
} as const;

export const FINDING = {
  held: "a secret this workflow holds",
  heldSplit: "a secret this workflow holds (split or reversed)",
  binary: "binary or non-UTF-8 content (cannot be scanned)",
  submodule: "a submodule (its content cannot be scanned)",
  tooMany: "too many encoded candidates on one line (cannot be scanned)",
  /** Printed instead of a file name that holds a secret: the name is pushed too, and must not reach the log. */
  withheldName: "(file name withheld)",
  inName: " (in the file name)",
} as const;

export interface SecretFinding {
  /** Path of the file in the diff ("(unknown)" before any file header). */
  file: string;
  pattern: string;
}

export type Encoding = "base64" | "hex" | "escapes";

export interface DecodedForm {
  encoding: Encoding;
  text: string;
}

/**
 * Every decoding of `text` the scan looks into: each base64/base64url run of 40 characters or more from each of its
 * first four offsets (the run may start mid-group), each hex run of 64 or more from both nibble offsets, and the text
 * with its escapes resolved. Bytes become characters one to one (latin1) and NUL characters are dropped, so a UTF-16
 * encoding of ASCII reads as ASCII. Decoding garbage is harmless: only what the patterns then find counts.
 */
export function decodedForms(text: string): DecodedForm[] {
  const forms: DecodedForm[] = [];
  const bytes = (buffer: Buffer): string => buffer.toString("latin1").replace(/\0/g, "");
  for (const [run] of text.matchAll(new RegExp(SCAN_LIMITS.base64Run, "g")))
    for (let offset = 0; offset < 4; offset++)
      forms.push({ encoding: "base64", text: bytes(Buffer.from(run.slice(offset), "base64")) });
  for (const [run] of text.matchAll(new RegExp(SCAN_LIMITS.hexRun, "g")))
    for (let offset = 0; offset < 2; offset++)
      forms.push({ encoding: "hex", text: bytes(Buffer.from(run.slice(offset), "hex")) });
  const escape = new RegExp(SCAN_LIMITS.escape, "g");
  if (new RegExp(SCAN_LIMITS.escape).test(text))
    forms.push({
      encoding: "escapes",
      text: text
        .replace(escape, (...groups: unknown[]) => {
          const [, pct, hex, unicode, entityHex, entityDec] = groups as Array<string | undefined>;
          const code =
            entityDec !== undefined ? Number(entityDec) : parseInt(pct ?? hex ?? unicode ?? entityHex ?? "", 16);
          return code <= 0x10ffff ? String.fromCodePoint(code) : "";
        })
        .replace(/\0/g, ""),
    });
  return forms;
}

/** A form of a line, and the steps that led to it from the line as written (none for the line itself). */
export interface LineView {
  via: string[];
  text: string;
}

/**
 * The line, the line reversed, and their decoded forms, breadth first, up to SCAN_LIMITS.maxDepth steps. Returns
 * undefined when there would be more than SCAN_LIMITS.maxViews: the caller refuses the line instead of scanning part.
 */
export function lineViews(line: string): LineView[] | undefined {
  const views: LineView[] = [
    { via: [], text: line },
    { via: ["reversed"], text: [...line].reverse().join("") },
  ];
  for (let i = 0; i < views.length; i++) {
    const view = views[i] as LineView;
    if (view.via.length >= SCAN_LIMITS.maxDepth) continue;
    for (const form of decodedForms(view.text)) {
      views.push({ via: [...view.via, form.encoding], text: form.text });
      if (views.length > SCAN_LIMITS.maxViews) return undefined;
    }
  }
  return views;
}

/** The findings on one added line, each name once: the line as written first (the patterns' own names). */
export function scanLine(
  line: string,
  patterns: ReadonlyArray<{ name: string; regex: RegExp }>,
  known: readonly string[],
): string[] {
  if (/[\0\uFFFD]/.test(line)) return [FINDING.binary];
  const views = lineViews(line);
  if (views === undefined) return [FINDING.tooMany];
  // Each pattern once, in the first form it shows in: a 32-hex key reversed is another 32-hex run, not news.
  const found = new Map<string, string>();
  for (const view of views) {
    const suffix = view.via.length === 0 ? "" : ` (decoded: ${view.via.join(" > ")})`;
    if (!found.has(FINDING.held) && known.some((s) => view.text.includes(s))) found.set(FINDING.held, suffix);
    for (const p of patterns) if (!found.has(p.name) && p.regex.test(view.text)) found.set(p.name, suffix);
  }
  return [...found].map(([name, suffix]) => name + suffix);
}

/** Letters and digits only, lower case when the secret is hex (an upper-cased copy is the same key). */
function compact(text: string, hexSecret: boolean): string {
  const alnum = text.replace(/[^A-Za-z0-9]/g, "");
  return hexSecret ? alnum.toLowerCase() : alnum;
}

/** True when a held secret is in the file's added lines once everything but letters and digits is removed. */
export function holdsSplitSecret(addedLines: readonly string[], known: readonly string[]): boolean {
  return known.some((secret) => {
    const hex = /^[0-9a-fA-F]+$/.test(secret);
    const needle = compact(secret, hex);
    if (needle.length < SCAN_LIMITS.splitSecretLength) return false;
    const text = compact(addedLines.join(""), hex);
    return text.includes(needle) || [...text].reverse().join("").includes(needle);
  });
}

/**
 * An encoded copy wrapped over several lines or split by spaces: the file's added lines joined with all white space
 * removed, decoded once. Only the decoded forms count, the joined text itself would run words together into key shapes.
 */
export function scanJoinedLines(
  addedLines: readonly string[],
  patterns: ReadonlyArray<{ name: string; regex: RegExp }>,
  known: readonly string[],
): string[] {
  const found = new Set<string>();
  for (const form of decodedForms(addedLines.join("").replace(/\s+/g, ""))) {
    const suffix = ` (decoded: joined lines > ${form.encoding})`;
    if (known.some((s) => form.text.includes(s))) found.add(FINDING.held + suffix);
    for (const p of patterns) if (p.regex.test(form.text)) found.add(p.name + suffix);
  }
  return [...found];
}

/** The path a `diff --git a/<p> b/<p>` line names (both halves are the same path: renames are off). */
function pathOfDiffHeader(header: string): string {
  const rest = header.slice("diff --git ".length);
  return rest
    .slice((rest.length + 1) / 2)
    .replace(/^"?b\//, "")
    .replace(/"$/, "");
}

/**
 * Scans a unified diff (`git diff --cached --text --no-renames`) and reports each added line that looks like a
 * secret in any of its forms, or that holds one of `knownSecrets` (the workflow passes the model key it holds), each
 * refused file, and content it cannot read. Never returns the matched text.
 */
export function scanDiffForSecrets(diff: string, knownSecrets: readonly string[] = []): SecretFinding[] {
  const patterns = SECRET_PATTERNS.map((p) => ({ name: p.name, regex: new RegExp(p.source, p.flags) }));
  const refusedPath = new RegExp(REFUSED_PATH.source, REFUSED_PATH.flags);
  const known = knownSecrets.filter((s) => s.length >= 8);
  const findings: SecretFinding[] = [];
  let file = "(unknown)";
  let path = file;
  let added: string[] = [];
  let oldLeft = 0;
  let newLeft = 0;
  const refuse = (pattern: string) => {
    if (!findings.some((f) => f.file === file && f.pattern === pattern)) findings.push({ file, pattern });
  };
  const enterFile = (next: string) => {
    endFile();
    path = next;
    const inName = scanLine(next, patterns, known);
    file = inName.length > 0 ? FINDING.withheldName : next;
    for (const pattern of inName) findings.push({ file, pattern: pattern + FINDING.inName });
    if (refusedPath.test(next)) refuse(REFUSED_PATH.name);
  };
  const endFile = () => {
    if (!findings.some((f) => f.file === file)) {
      if (holdsSplitSecret(added, known)) findings.push({ file, pattern: FINDING.heldSplit });
      for (const pattern of scanJoinedLines(added, patterns, known)) findings.push({ file, pattern });
    }
    added = [];
  };
  const scanAdded = (text: string) => {
    if (/^Subproject commit /.test(text)) refuse(FINDING.submodule);
    added.push(text);
    for (const pattern of scanLine(text, patterns, known)) findings.push({ file, pattern });
  };
  for (const line of diff.split("\n")) {
    if (oldLeft > 0 || newLeft > 0) {
      // Inside a hunk every line is content, "+++ x" included; "" is a blank context line (diff.suppressBlankEmpty).
      const marker = line[0] ?? " ";
      if (marker === "\\") continue;
      if (marker === "+") {
        newLeft--;
        scanAdded(line.slice(1));
        continue;
      }
      if (marker === "-") {
        oldLeft--;
        continue;
      }
      if (marker === " ") {
        oldLeft--;
        newLeft--;
        continue;
      }
      oldLeft = 0;
      newLeft = 0;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk !== null) {
      oldLeft = Number(hunk[1] ?? "1");
      newLeft = Number(hunk[2] ?? "1");
    } else if (line.startsWith("diff --git ")) enterFile(pathOfDiffHeader(line));
    else if (line.startsWith("+++ ") || line.startsWith("--- ")) {
      const named = line
        .slice(4)
        .replace(/^"?[ab]\//, "")
        .replace(/"$/, "");
      if (named === "/dev/null") continue;
      if (line.startsWith("--- ")) {
        if (refusedPath.test(named)) refuse(REFUSED_PATH.name);
      } else if (named !== path) enterFile(named);
    } else if (/^Binary files .* differ$|^GIT binary patch$/.test(line)) refuse(FINDING.binary);
    // Outside a hunk (a hand-made diff), an added line is still scanned.
    else if (line.startsWith("+")) scanAdded(line.slice(1));
  }
  endFile();
  return findings;
}

/**
 * The same scan as a self-contained Node.js script for the workflow: reads the diff on stdin, the held secrets from
 * the environment variables named in `knownSecretEnvVars` (never from arguments), prints file and pattern name of each
 * finding (never the text) and exits 1 if there is any. Each line repeats a piece of the functions above.
 */
export function renderSecretScanScript(knownSecretEnvVars: readonly string[]): string {
  const json = (value: unknown) => JSON.stringify(value);
  return [
    `const patterns = ${json(SECRET_PATTERNS.map((p) => [p.name, p.source, p.flags]))}.map(([name, source, flags]) => ({ name, regex: new RegExp(source, flags) }));`,
    `const known = ${json(knownSecretEnvVars)}.map((v) => process.env[v] || "").filter((s) => s.length >= 8);`,
    `const L = ${json(SCAN_LIMITS)};`,
    `const F = ${json(FINDING)};`,
    `const refusedPath = [${json(REFUSED_PATH.name)}, new RegExp(${json(REFUSED_PATH.source)}, ${json(REFUSED_PATH.flags)})];`,
    'const reverse = (t) => [...t].reverse().join("");',
    'const bytes = (b) => b.toString("latin1").replace(/\\0/g, "");',
    "function decodedForms(text) {",
    "  const forms = [];",
    '  for (const [run] of text.matchAll(new RegExp(L.base64Run, "g"))) for (let o = 0; o < 4; o++) forms.push(["base64", bytes(Buffer.from(run.slice(o), "base64"))]);',
    '  for (const [run] of text.matchAll(new RegExp(L.hexRun, "g"))) for (let o = 0; o < 2; o++) forms.push(["hex", bytes(Buffer.from(run.slice(o), "hex"))]);',
    '  const unescape = (m, pct, hex, unicode, entityHex, entityDec) => { const code = entityDec !== undefined ? Number(entityDec) : parseInt(pct ?? hex ?? unicode ?? entityHex, 16); return code <= 0x10ffff ? String.fromCodePoint(code) : ""; };',
    '  if (new RegExp(L.escape).test(text)) forms.push(["escapes", text.replace(new RegExp(L.escape, "g"), unescape).replace(/\\0/g, "")]);',
    "  return forms;",
    "}",
    "function scanLine(line) {",
    "  if (/[\\0\\uFFFD]/.test(line)) return [F.binary];",
    '  const views = [[[], line], [["reversed"], reverse(line)]];',
    "  for (let i = 0; i < views.length; i++) {",
    "    if (views[i][0].length >= L.maxDepth) continue;",
    "    for (const [encoding, text] of decodedForms(views[i][1])) { views.push([[...views[i][0], encoding], text]); if (views.length > L.maxViews) return [F.tooMany]; }",
    "  }",
    "  const found = new Map();",
    "  for (const [via, text] of views) {",
    '    const suffix = via.length === 0 ? "" : " (decoded: " + via.join(" > ") + ")";',
    "    if (!found.has(F.held) && known.some((s) => text.includes(s))) found.set(F.held, suffix);",
    "    for (const p of patterns) if (!found.has(p.name) && p.regex.test(text)) found.set(p.name, suffix);",
    "  }",
    "  return [...found].map(([name, suffix]) => name + suffix);",
    "}",
    'const compact = (text, hex) => { const alnum = text.replace(/[^A-Za-z0-9]/g, ""); return hex ? alnum.toLowerCase() : alnum; };',
    'const holdsSplitSecret = (lines) => known.some((s) => { const hex = /^[0-9a-fA-F]+$/.test(s); const needle = compact(s, hex); if (needle.length < L.splitSecretLength) return false; const text = compact(lines.join(""), hex); return text.includes(needle) || reverse(text).includes(needle); });',
    "function scanJoinedLines(lines) {",
    "  const found = new Set();",
    '  for (const [encoding, text] of decodedForms(lines.join("").replace(/\\s+/g, ""))) {',
    '    const suffix = " (decoded: joined lines > " + encoding + ")";',
    "    if (known.some((s) => text.includes(s))) found.add(F.held + suffix);",
    "    for (const p of patterns) if (p.regex.test(text)) found.add(p.name + suffix);",
    "  }",
    "  return [...found];",
    "}",
    'const pathOfDiffHeader = (header) => { const rest = header.slice("diff --git ".length); return rest.slice((rest.length + 1) / 2).replace(/^"?b\\//, "").replace(/"$/, ""); };',
    "const chunks = [];",
    'process.stdin.on("data", (c) => chunks.push(c));',
    'process.stdin.on("end", () => {',
    '  const diff = Buffer.concat(chunks).toString("utf8");',
    '  let file = "(unknown)";',
    "  let path = file;",
    "  let added = [];",
    "  let oldLeft = 0;",
    "  let newLeft = 0;",
    "  const findings = [];",
    "  const refuse = (pattern) => { if (!findings.some((f) => f[0] === file && f[1] === pattern)) findings.push([file, pattern]); };",
    "  const endFile = () => { if (!findings.some((f) => f[0] === file)) { if (holdsSplitSecret(added)) findings.push([file, F.heldSplit]); for (const p of scanJoinedLines(added)) findings.push([file, p]); } added = []; };",
    "  const enterFile = (next) => { endFile(); path = next; const inName = scanLine(next); file = inName.length > 0 ? F.withheldName : next; for (const p of inName) findings.push([file, p + F.inName]); if (refusedPath[1].test(next)) refuse(refusedPath[0]); };",
    "  const scanAdded = (text) => { if (/^Subproject commit /.test(text)) refuse(F.submodule); added.push(text); for (const p of scanLine(text)) findings.push([file, p]); };",
    '  for (const line of diff.split("\\n")) {',
    "    if (oldLeft > 0 || newLeft > 0) {",
    '      const marker = line[0] ?? " ";',
    '      if (marker === "\\\\") continue;',
    '      if (marker === "+") { newLeft--; scanAdded(line.slice(1)); continue; }',
    '      if (marker === "-") { oldLeft--; continue; }',
    '      if (marker === " ") { oldLeft--; newLeft--; continue; }',
    "      oldLeft = 0;",
    "      newLeft = 0;",
    "    }",
    "    const hunk = /^@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@/.exec(line);",
    '    if (hunk !== null) { oldLeft = Number(hunk[1] ?? "1"); newLeft = Number(hunk[2] ?? "1"); }',
    '    else if (line.startsWith("diff --git ")) enterFile(pathOfDiffHeader(line));',
    '    else if (line.startsWith("+++ ") || line.startsWith("--- ")) {',
    '      const named = line.slice(4).replace(/^"?[ab]\\//, "").replace(/"$/, "");',
    '      if (named === "/dev/null") continue;',
    '      if (line.startsWith("--- ")) { if (refusedPath[1].test(named)) refuse(refusedPath[0]); }',
    "      else if (named !== path) enterFile(named);",
    "    }",
    "    else if (/^Binary files .* differ$|^GIT binary patch$/.test(line)) refuse(F.binary);",
    '    else if (line.startsWith("+")) scanAdded(line.slice(1));',
    "  }",
    "  endFile();",
    '  for (const [f, p] of findings) console.error("secret scan: " + f + ": " + p);',
    "  process.exit(findings.length > 0 ? 1 : 0);",
    "});",
  ].join("\n");
}
