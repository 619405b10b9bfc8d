import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  CI_KEY_FILE,
  renderCiKeyScript,
  renderKeyScriptBash,
  renderKeyScriptPowerShell,
} from "../../lib/devkit/keyScripts";
import { descendants, powerShellParser } from "../support/powershell";
import { SAMPLE_INPUTS } from "./support";

const FAKE_KEY = "fake-key-from-stub-az";

/** A folder with get-key.sh and a stub `az` that records its arguments and prints a fake key (or fails). */
function workspace(azBehaviour: "ok" | "fail"): {
  dir: string;
  env: Record<string, string>;
  file: (n: string) => string;
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
  chmodSync(join(bin, "az"), 0o755);
  const file = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "");
  return { dir, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir }, file };
}

describe("get-key.sh (Codex runs `sh get-key.sh` and reads its stdout)", () => {
  test.each(["sh", "dash", "bash"])("under %s it prints the key az printed, nothing else, and exits 0", (shell) => {
    const { dir, env, file } = workspace("ok");
    const result = spawnSync(shell, ["get-key.sh"], { cwd: dir, env, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${FAKE_KEY}\n`);
    expect(result.stderr).toBe("");
    expect(file("az-args").trim()).toBe(
      "keyvault secret show --vault-name kv-dev-abc123 --name azure-openai-api-key --query value --output tsv",
    );
  });

  test("when az cannot read the vault, it says why on stderr (which Codex shows), prints nothing and exits 1", () => {
    const { dir, env } = workspace("fail");
    const result = spawnSync("sh", ["get-key.sh"], { cwd: dir, env, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Please run 'az login'");
    expect(result.stderr).toContain("could not read the key from Key Vault kv-dev-abc123");
  });

  test("without az it says the Azure CLI is required", () => {
    const { dir } = workspace("ok");
    const result = spawnSync("/bin/sh", ["get-key.sh"], { cwd: dir, env: { PATH: "/nonexistent" }, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("the Azure CLI (az) is required");
  });

  test("run by hand in a terminal it refuses to print the key (and never calls az)", () => {
    const { dir, env, file } = workspace("ok");
    // script(1) gives the command a terminal as its stdout.
    const result = spawnSync("script", ["-qec", "sh get-key.sh", "/dev/null"], { cwd: dir, env, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("Codex runs this script itself; it does not print the key to a terminal");
    expect(result.stdout).not.toContain(FAKE_KEY);
    expect(file("az-args")).toBe("");
  });
});

describe("CI's get-key.sh", () => {
  test("prints the key the workflow wrote once, removes the file, and fails (without a key) when asked again", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-cikey-"));
    writeFileSync(join(dir, "get-key.sh"), renderCiKeyScript());
    writeFileSync(join(dir, CI_KEY_FILE), FAKE_KEY, { mode: 0o600 });
    const first = spawnSync("sh", ["get-key.sh"], { cwd: dir, encoding: "utf8" });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(FAKE_KEY);
    expect(existsSync(join(dir, CI_KEY_FILE))).toBe(false);
    const again = spawnSync("sh", ["get-key.sh"], { cwd: dir, encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain(`no ${CI_KEY_FILE} (already taken`);
  });
});

describe("get-key.ps1", () => {
  test("is valid PowerShell: no function, no variable holds the key, the az call takes its names as literals", async () => {
    const parser = await powerShellParser();
    const tree = parser.parse(renderKeyScriptPowerShell(SAMPLE_INPUTS));
    expect(tree?.rootNode.hasError).toBe(false);
    const nodes = descendants(tree!.rootNode);
    expect(nodes.filter((n) => n.type === "function_statement")).toEqual([]);
    expect(nodes.filter((n) => n.type === "left_assignment_expression").map((n) => n.text)).toEqual([]);
    const az = nodes.filter((n) => n.type === "command" && n.childForFieldName("command_name")?.text === "az");
    expect(az).toHaveLength(1);
    const literals = descendants(az[0]!).filter((n) => n.type === "string_literal");
    expect(literals.map((n) => [n.firstChild?.type, n.text])).toEqual([
      ["verbatim_string_characters", "'kv-dev-abc123'"],
      ["verbatim_string_characters", "'azure-openai-api-key'"],
    ]);
  });

  test("az's output is the script's output; a failure and a terminal go to stderr with a non-zero exit", () => {
    const script = renderKeyScriptPowerShell(SAMPLE_INPUTS);
    expect(script).toContain(
      "\naz keyvault secret show --vault-name 'kv-dev-abc123' --name 'azure-openai-api-key' --query value --output tsv\n",
    );
    expect(script).toMatch(
      /if \(\$LASTEXITCODE -ne 0\) \{\n\s*\[Console\]::Error\.WriteLine\('get-key\.ps1: could not read/,
    );
    expect(script).not.toMatch(/Write-(Host|Output)|SetEnvironmentVariable|setx|\$env:[A-Z_]+ =/i);
  });
});
