import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderKeyScriptBash, renderKeyScriptPowerShell } from "../../lib/devkit/keyScripts";
import { descendants, powerShellParser } from "../support/powershell";
import { SAMPLE_INPUTS } from "./support";

const FAKE_KEY = "fake-key-from-stub-az";

/** A folder with get-key.sh and a stub `az` that records its arguments and prints a fake key (or fails). */
function workspace(azBehaviour: "ok" | "fail"): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), "cb-getkey-"));
  writeFileSync(join(dir, "get-key.sh"), renderKeyScriptBash(SAMPLE_INPUTS));
  const bin = join(dir, "bin");
  spawnSync("mkdir", [bin]);
  const az =
    azBehaviour === "ok"
      ? `#!/bin/sh\necho "$@" > "${dir}/az-args"\necho "${FAKE_KEY}"\n`
      : `#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`;
  writeFileSync(join(bin, "az"), az);
  chmodSync(join(bin, "az"), 0o755);
  return { dir, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir } };
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync("bash", ["-c", script], { cwd, env, encoding: "utf8", timeout: 20_000 });
}

describe("get-key.sh", () => {
  test("is valid bash", () => {
    const { dir } = workspace("ok");
    expect(spawnSync("bash", ["-n", join(dir, "get-key.sh")]).status).toBe(0);
  });

  test("sourced, it sets AZURE_OPENAI_API_KEY in the calling shell from the team's vault and never prints the key", () => {
    const { dir, env } = workspace("ok");
    const result = bash('source ./get-key.sh && [ "$AZURE_OPENAI_API_KEY" = "' + FAKE_KEY + '" ] && echo KEY-IS-SET; [ -z "${__codex_boundary_key+x}" ] && echo TEMP-UNSET', dir, env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("KEY-IS-SET");
    expect(result.stdout).toContain("TEMP-UNSET");
    expect(result.stdout + result.stderr).not.toContain(`${FAKE_KEY}\n`);
    expect(result.stdout.replace("KEY-IS-SET", "")).not.toContain(FAKE_KEY);
    expect(result.stderr).not.toContain(FAKE_KEY);
    const args = spawnSync("cat", [join(dir, "az-args")], { encoding: "utf8" }).stdout.trim();
    expect(args).toBe("keyvault secret show --vault-name kv-dev-abc123 --name azure-openai-api-key --query value --output tsv");
  });

  test("when az cannot read the vault, it says why and leaves the variable unset", () => {
    const { dir, env } = workspace("fail");
    const result = bash('source ./get-key.sh; echo "status=$?"; echo "key=${AZURE_OPENAI_API_KEY:-unset}"', dir, env);
    expect(result.stdout).toContain("status=1");
    expect(result.stdout).toContain("key=unset");
    expect(result.stderr).toMatch(/could not read the key from Key Vault kv-dev-abc123/);
  });

  test("run instead of sourced, it refuses (the key would vanish with the subshell)", () => {
    const { dir, env } = workspace("ok");
    const result = spawnSync("bash", ["./get-key.sh"], { cwd: dir, env, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("source get-key.sh");
  });
});

describe("get-key.ps1", () => {
  test("sets the variable for the session only, from the same vault and secret, without echoing the key", () => {
    const script = renderKeyScriptPowerShell(SAMPLE_INPUTS);
    expect(script).toContain("az keyvault secret show --vault-name 'kv-dev-abc123' --name 'azure-openai-api-key' --query value --output tsv");
    expect(script).toContain("$env:AZURE_OPENAI_API_KEY = $codexBoundaryKey");
    expect(script).not.toMatch(/\[Environment\]::SetEnvironmentVariable|setx/i);
    expect(script).not.toMatch(/Write-(Host|Output)[^\n]*\$codexBoundaryKey/);
  });

  test("is valid PowerShell: the az call takes its names as literal (single-quoted) strings, and only the session's variables are set", async () => {
    const parser = await powerShellParser();
    const tree = parser.parse(renderKeyScriptPowerShell(SAMPLE_INPUTS));
    expect(tree?.rootNode.hasError).toBe(false);
    const nodes = descendants(tree!.rootNode);
    const az = nodes.filter((n) => n.type === "command" && n.childForFieldName("command_name")?.text === "az");
    expect(az).toHaveLength(1);
    const literals = descendants(az[0]!).filter((n) => n.type === "string_literal");
    expect(literals.map((n) => [n.firstChild?.type, n.text])).toEqual([
      ["verbatim_string_characters", "'kv-dev-abc123'"],
      ["verbatim_string_characters", "'azure-openai-api-key'"],
    ]);
    const assigned = nodes.filter((n) => n.type === "left_assignment_expression").map((n) => n.text);
    expect(assigned).toEqual(["$codexBoundaryKey", "$env:AZURE_OPENAI_API_KEY"]);
  });

  test("the parser rejects broken PowerShell, so the check above can fail", async () => {
    const parser = await powerShellParser();
    const broken = renderKeyScriptPowerShell(SAMPLE_INPUTS).replace(/\}\s*$/m, "");
    expect(broken).not.toBe(renderKeyScriptPowerShell(SAMPLE_INPUTS));
    expect(parser.parse(broken)?.rootNode.hasError).toBe(true);
  });
});
