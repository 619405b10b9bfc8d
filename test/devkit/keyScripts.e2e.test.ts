import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderKeyScriptBash, renderKeyScriptPowerShell } from "../../lib/devkit/keyScripts";
import { descendants, powerShellParser } from "../support/powershell";
import { SAMPLE_INPUTS } from "./support";

const FAKE_KEY = "fake-key-from-stub-az";

/**
 * A folder with get-key.sh, a stub `az` that records its arguments and prints a fake key (or fails), and a stub
 * `codex` that records whether it got the key and its arguments.
 */
function workspace(azBehaviour: "ok" | "fail"): {
  dir: string;
  env: Record<string, string>;
  file: (name: string) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), "cb-getkey-"));
  writeFileSync(join(dir, "get-key.sh"), renderKeyScriptBash(SAMPLE_INPUTS));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const az =
    azBehaviour === "ok"
      ? `#!/bin/sh\necho "$@" > "${dir}/az-args"\necho "${FAKE_KEY}"\n`
      : `#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`;
  writeFileSync(join(bin, "az"), az);
  writeFileSync(
    join(bin, "codex"),
    `#!/bin/sh\n[ "$AZURE_OPENAI_API_KEY" = "${FAKE_KEY}" ] && echo "codex got the key; args: $*" > "${dir}/codex-run"\n`,
  );
  for (const f of ["az", "codex"]) chmodSync(join(bin, f), 0o755);
  const file = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "");
  return { dir, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir }, file };
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync("bash", ["-c", script], { cwd, env, encoding: "utf8", timeout: 20_000 });
}

describe("get-key.sh", () => {
  test("is valid bash", () => {
    const { dir } = workspace("ok");
    expect(spawnSync("bash", ["-n", join(dir, "get-key.sh")]).status).toBe(0);
  });

  test("sourced, it defines codex-azure, which hands the key from the team's vault to that codex process only", () => {
    const { dir, env, file } = workspace("ok");
    const result = bash(
      'source ./get-key.sh && codex-azure exec "Say hi" && echo "shell sees: [${AZURE_OPENAI_API_KEY:-}]" && env > later-child-env',
      dir,
      env,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(file("codex-run")).toBe("codex got the key; args: exec Say hi\n");
    expect(result.stdout).toContain("shell sees: []");
    expect(file("later-child-env")).not.toContain("AZURE_OPENAI_API_KEY");
    expect(file("later-child-env")).not.toContain(FAKE_KEY);
    expect(result.stdout + result.stderr).not.toContain(FAKE_KEY);
    expect(file("az-args").trim()).toBe(
      "keyvault secret show --vault-name kv-dev-abc123 --name azure-openai-api-key --query value --output tsv",
    );
  });

  test("under set -x the key is never printed, and xtrace is back on afterwards", () => {
    const { dir, env, file } = workspace("ok");
    const result = bash(
      "set -x; source ./get-key.sh; codex-azure exec hi; case $- in *x*) echo XTRACE-ON ;; esac",
      dir,
      env,
    );
    expect(result.status).toBe(0);
    expect(file("codex-run")).toContain("codex got the key");
    expect(result.stderr).toMatch(/\+ codex-azure exec hi/);
    expect(result.stderr).not.toContain(FAKE_KEY);
    expect(result.stdout).toContain("XTRACE-ON");
  });

  test("when az cannot read the vault, it says why, returns non-zero and does not start codex", () => {
    const { dir, env, file } = workspace("fail");
    const result = bash('source ./get-key.sh; codex-azure exec hi; echo "status=$?"', dir, env);
    expect(result.stdout).toContain("status=1");
    expect(result.stderr).toMatch(/could not read the key from Key Vault kv-dev-abc123/);
    expect(file("codex-run")).toBe("");
  });

  test("a mistyped --profile is refused before Codex starts (Codex itself would silently run its default sandbox)", () => {
    const { dir, env, file } = workspace("ok");
    mkdirSync(join(dir, ".codex"));
    writeFileSync(join(dir, ".codex", "chat.config.toml"), 'sandbox_mode = "read-only"\n');
    const typo = bash(
      "source ./get-key.sh; codex-azure --profile chta; echo status=$?; codex-azure exec -p chta hi; echo status=$?",
      dir,
      env,
    );
    expect(typo.stdout).toBe("status=2\nstatus=2\n");
    expect(typo.stderr).toContain(`no profile file ${dir}/.codex/chta.config.toml`);
    expect(typo.stderr).toContain("Profiles: chat, agent, ci.");
    expect(file("codex-run")).toBe("");
    const right = bash("source ./get-key.sh; codex-azure --profile=chat exec hi", dir, env);
    expect(right.status, right.stderr).toBe(0);
    expect(file("codex-run")).toBe("codex got the key; args: --profile=chat exec hi\n");
  });

  test("run instead of sourced, it refuses (the function would vanish with the subshell)", () => {
    const { dir, env } = workspace("ok");
    const result = spawnSync("bash", ["./get-key.sh"], { cwd: dir, env, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("source get-key.sh");
  });

  test("`sh get-key.sh` (dash) and `. ./get-key.sh` in sh say that bash or zsh is needed, not 'Bad substitution'", () => {
    const { dir, env } = workspace("ok");
    for (const args of [["get-key.sh"], ["-c", ". ./get-key.sh; echo status=$?"]]) {
      const result = spawnSync("dash", args, { cwd: dir, env, encoding: "utf8" });
      expect(result.stderr).toContain("get-key.sh: needs bash or zsh");
      expect(result.stderr).not.toMatch(/Bad substitution/i);
    }
    expect(spawnSync("dash", ["get-key.sh"], { cwd: dir, env }).status).toBe(2);
  });
});

describe("get-key.ps1", () => {
  test("defines codex-azure: the key is set only around the codex call and removed in finally; never persisted or echoed", () => {
    const script = renderKeyScriptPowerShell(SAMPLE_INPUTS);
    expect(script).toContain(
      "az keyvault secret show --vault-name 'kv-dev-abc123' --name 'azure-openai-api-key' --query value --output tsv",
    );
    expect(script).toMatch(
      /try \{\n\s*\$env:AZURE_OPENAI_API_KEY = \$codexBoundaryKey\n\s*& codex @args\n\s*\} finally \{\n\s*Remove-Item Env:AZURE_OPENAI_API_KEY/,
    );
    expect(script).not.toMatch(/\[Environment\]::SetEnvironmentVariable|setx/i);
    expect(script).not.toMatch(/Write-(Host|Output)[^\n]*\$codexBoundaryKey/);
  });

  test("is valid PowerShell: one function, the az call takes its names as literals, the variable is set only inside the try of that function", async () => {
    const parser = await powerShellParser();
    const tree = parser.parse(renderKeyScriptPowerShell(SAMPLE_INPUTS));
    expect(tree?.rootNode.hasError).toBe(false);
    const nodes = descendants(tree!.rootNode);
    const functions = nodes.filter((n) => n.type === "function_statement");
    expect(
      functions.map(
        (f) => f.childForFieldName("function_name")?.text ?? f.children.find((c) => c?.type === "function_name")?.text,
      ),
    ).toEqual(["codex-azure"]);
    const az = nodes.filter((n) => n.type === "command" && n.childForFieldName("command_name")?.text === "az");
    expect(az).toHaveLength(1);
    const literals = descendants(az[0]!).filter((n) => n.type === "string_literal");
    expect(literals.map((n) => [n.firstChild?.type, n.text])).toEqual([
      ["verbatim_string_characters", "'kv-dev-abc123'"],
      ["verbatim_string_characters", "'azure-openai-api-key'"],
    ]);
    const assignments = nodes.filter((n) => n.type === "left_assignment_expression");
    expect(assignments.map((n) => n.text).filter((t) => t.startsWith("$env:") || t === "$codexBoundaryKey")).toEqual([
      "$codexBoundaryKey",
      "$env:AZURE_OPENAI_API_KEY",
    ]);
    expect(assignments.map((n) => n.text).filter((t) => t.startsWith("$env:"))).toHaveLength(1);
    // Every assignment is inside the function; the env one inside a try block whose finally removes it.
    const inside = (n: (typeof nodes)[number], type: string) => {
      for (let p = n.parent; p !== null; p = p.parent) if (p.type === type) return true;
      return false;
    };
    expect(assignments.every((n) => inside(n, "function_statement"))).toBe(true);
    expect(
      inside(
        assignments.find((n) => n.text.startsWith("$env:"))!,
        "try_statement",
      ),
    ).toBe(true);
    expect(renderKeyScriptPowerShell(SAMPLE_INPUTS)).toContain("no profile file");
  });

  test("the parser rejects broken PowerShell, so the check above can fail", async () => {
    const parser = await powerShellParser();
    const broken = renderKeyScriptPowerShell(SAMPLE_INPUTS).replace(/\}\s*$/m, "");
    expect(broken).not.toBe(renderKeyScriptPowerShell(SAMPLE_INPUTS));
    expect(parser.parse(broken)?.rootNode.hasError).toBe(true);
  });
});
