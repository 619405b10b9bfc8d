/**
 * The secret scan the Codex CI workflow runs on the diff before anything is pushed. The patterns are data, so the
 * same list drives this function (unit-tested) and the script embedded in the generated workflow
 * (renderSecretScanScript), which runs where this package is not installed.
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

export interface SecretFinding {
  /** Path of the file in the diff ("(unknown)" before any file header). */
  file: string;
  pattern: string;
}

/**
 * Scans a unified diff (`git diff --cached`) and reports each added line that looks like a secret, or that holds
 * one of `knownSecrets` (the workflow passes the model key it holds). Never returns the matched text.
 */
export function scanDiffForSecrets(diff: string, knownSecrets: readonly string[] = []): SecretFinding[] {
  const patterns = SECRET_PATTERNS.map((p) => ({ name: p.name, regex: new RegExp(p.source, p.flags) }));
  const known = knownSecrets.filter((s) => s.length >= 8);
  const findings: SecretFinding[] = [];
  let file = "(unknown)";
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      file = line.slice(4).replace(/^b\//, "");
      continue;
    }
    if (!line.startsWith("+")) continue;
    const added = line.slice(1);
    if (known.some((s) => added.includes(s))) findings.push({ file, pattern: "a secret this workflow holds" });
    for (const p of patterns) if (p.regex.test(added)) findings.push({ file, pattern: p.name });
  }
  return findings;
}

/**
 * The same scan as a self-contained Node.js script for the workflow: reads the diff on stdin, the held secrets from
 * the environment variables named in `knownSecretEnvVars` (never from arguments), prints file and pattern name of each
 * finding (never the text) and exits 1 if there is any.
 */
export function renderSecretScanScript(knownSecretEnvVars: readonly string[]): string {
  return [
    `const patterns = ${JSON.stringify(SECRET_PATTERNS.map((p) => [p.name, p.source, p.flags]))}.map(([name, source, flags]) => ({ name, regex: new RegExp(source, flags) }));`,
    `const known = ${JSON.stringify(knownSecretEnvVars)}.map((v) => process.env[v] || "").filter((s) => s.length >= 8);`,
    'let diff = "";',
    'process.stdin.on("data", (c) => (diff += c));',
    'process.stdin.on("end", () => {',
    '  let file = "(unknown)";',
    "  const findings = [];",
    '  for (const line of diff.split("\\n")) {',
    '    if (line.startsWith("+++ ")) { file = line.slice(4).replace(/^b\\//, ""); continue; }',
    '    if (!line.startsWith("+")) continue;',
    "    const added = line.slice(1);",
    '    if (known.some((s) => added.includes(s))) findings.push(file + ": a secret this workflow holds");',
    '    for (const p of patterns) if (p.regex.test(added)) findings.push(file + ": " + p.name);',
    "  }",
    '  for (const f of findings) console.error("secret scan: " + f);',
    "  process.exit(findings.length > 0 ? 1 : 0);",
    "});",
  ].join("\n");
}
