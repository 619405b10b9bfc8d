import { parse as parseToml } from "@iarna/toml";
import { beforeEach, describe, expect, test } from "vitest";
import {
  CODEX_PROFILES,
  FULL_ACCESS_PROFILE,
  FULL_ACCESS_PROFILE_NAME,
  profileFileName,
  renderConfigToml,
  renderProfileTomls,
} from "../../lib/devkit/configToml";
import { EGRESS_SETTINGS, egressSettingsObject } from "../../lib/devkit/egressSettings";
import { entraAuthTable } from "../../lib/devkit/entraAuth";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { keyAuthTable } from "../../lib/devkit/keyScripts";
import { SAMPLE_INPUTS } from "./support";

type Table = Record<string, unknown>;

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: TENANT };
const BASE_URL = "https://codex-dev-abc123.openai.azure.com/openai/v1";
// The token command itself is pinned in egressSettings.test.ts; here, that config.toml carries it.
const AZ_AUTH = entraAuthTable();
const KEY_AUTH = keyAuthTable("sh");

function toml(text: string): Table {
  return parseToml(text) as Table;
}

/** The comment lines of a generated file, in order. */
function comments(text: string): string[] {
  return text.split("\n").filter((l) => l.startsWith("#"));
}

/** Each egress-closing setting, checked one by one in a parsed file. */
function expectEgressClosed(parsed: Table, file: string): void {
  for (const s of EGRESS_SETTINGS) {
    const where = s.table === "" ? parsed : (parsed[s.table] as Table | undefined);
    expect(where?.[s.key], `${file}: ${s.table}.${s.key}`).toBe(s.value);
  }
}

describe("config.toml, key mode", () => {
  // Rendered per test, not in the describe body: code run while collecting is credited to no test (mutation).
  let text = "";
  let parsed: Table = {};
  beforeEach(() => {
    text = renderConfigToml(SAMPLE_INPUTS);
    parsed = toml(text);
  });

  test("uses the azure provider with the team's base URL, the responses API and the kit's key script as auth command", () => {
    expect(parsed.model_provider).toBe("azure");
    expect(parsed.model).toBe("gpt-5.3-codex");
    expect(parsed.model_reasoning_effort).toBe("medium");
    expect(parsed.model_providers).toEqual({
      azure: {
        name: "Azure OpenAI (codex-boundary, team dev)",
        base_url: BASE_URL,
        wire_api: "responses",
        auth: KEY_AUTH,
      },
    });
    expect(text).not.toContain("env_key");
    // sh runs get-key.sh from the config file's folder; Codex keeps the key until a 401 (refresh_interval_ms 0).
    expect(KEY_AUTH).toEqual({
      command: "sh",
      args: ["get-key.sh"],
      cwd: ".",
      timeout_ms: 15000,
      refresh_interval_ms: 0,
    });
  });

  test("the Windows config.toml runs get-key.ps1 with Windows PowerShell; everything else is the same", () => {
    const windows = toml(renderConfigToml(SAMPLE_INPUTS, "powershell"));
    expect((windows.model_providers as Record<string, Table>).azure?.auth).toEqual(keyAuthTable("powershell"));
    expect(keyAuthTable("powershell")).toEqual({
      command: "powershell.exe",
      args: ["-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", "get-key.ps1"],
      cwd: ".",
      timeout_ms: 15000,
      refresh_interval_ms: 0,
    });
    const withoutAuth = (t: Table) => ({ ...t, model_providers: undefined });
    expect(withoutAuth(windows)).toEqual(withoutAuth(parsed));
  });

  test("without --profile (or with a mistyped one) it behaves like the chat profile: read-only, asks", () => {
    expect(parsed.sandbox_mode).toBe("read-only");
    expect(parsed.approval_policy).toBe("on-request");
    expect(parsed.sandbox_workspace_write).toBeUndefined();
  });

  test("the commands Codex runs inherit the core environment only", () => {
    expect(parsed.shell_environment_policy).toEqual({ inherit: "core" });
  });

  test("closes every egress setting", () => {
    expectEgressClosed(parsed, "config.toml");
  });

  test("has no profile table and no secret", () => {
    expect(parsed.profiles).toBeUndefined();
    expect(parsed.profile).toBeUndefined();
    expect(text).not.toMatch(/api_key\s*=|experimental_bearer_token|env_key/);
  });

  test("the header names the team, the stack, the vault, the key script, the profiles and the deployments", () => {
    const header = comments(text).join("\n");
    for (const fact of [
      "team dev",
      "stack dev",
      "kv-dev-abc123",
      "no environment variable holds the key",
      "get-key.sh",
      "(chat, agent, ci)",
      "gpt-5.3-codex, gpt-5-mini",
    ]) {
      expect(header, fact).toContain(fact);
    }
  });

  test("the header lists the full-access profile only when the team opts in", () => {
    expect(renderConfigToml({ ...SAMPLE_INPUTS, allowFullAccess: true })).toContain("(chat, agent, ci, full-access)");
  });

  test("the egress root keys come first, the egress tables last, after a blank line", () => {
    const lines = text.split("\n");
    const firstKey = lines.find((l) => /^[a-z_]+ = /.test(l));
    expect(firstKey).toBe("check_for_update_on_startup = false");
    expect(text).toMatch(/\n\n\[analytics\]\n/);
    expect(text.trimEnd().split("\n").at(-1)).toBe("daemon_auto_start = false");
  });
});

describe("config.toml, entra mode", () => {
  // Rendered per test, not in the describe body: code run while collecting is credited to no test (mutation).
  let text = "";
  let parsed: Table = {};
  beforeEach(() => {
    text = renderConfigToml(ENTRA);
    parsed = toml(text);
  });

  test("the provider gets its token from az, has no env_key, and keeps the base URL and responses API", () => {
    expect(parsed.model_provider).toBe("azure");
    expect(parsed.model_providers).toEqual({
      azure: {
        name: "Azure OpenAI (codex-boundary, team dev)",
        base_url: BASE_URL,
        wire_api: "responses",
        auth: AZ_AUTH,
      },
    });
    expect(text).not.toContain("env_key");
    expect(text).not.toContain("AZURE_OPENAI_API_KEY");
  });

  test("without --profile (or with a mistyped one) it behaves like chat: read-only, asks", () => {
    expect(parsed.sandbox_mode).toBe("read-only");
    expect(parsed.approval_policy).toBe("on-request");
    expect(parsed.sandbox_workspace_write).toBeUndefined();
    expect(parsed.model).toBe("gpt-5.3-codex");
    expect(parsed.model_reasoning_effort).toBe("medium");
    expect(parsed.shell_environment_policy).toEqual({ inherit: "core" });
  });

  test("closes every egress setting", () => {
    expectEgressClosed(parsed, "config.toml (entra)");
  });

  test("the header tells how to sign in, to which tenant, and that there is no key", () => {
    const header = comments(text).join("\n");
    for (const fact of [
      `az login --tenant ${TENANT}`,
      "az account get-access-token",
      "no API key",
      "(chat, agent, ci)",
      "gpt-5.3-codex, gpt-5-mini",
    ]) {
      expect(header, fact).toContain(fact);
    }
    expect(header).not.toContain("AZURE_OPENAI_API_KEY");
    expect(renderConfigToml({ ...ENTRA, allowFullAccess: true })).toContain("(chat, agent, ci, full-access)");
  });

  test("without a tenant the sign-in line shows a placeholder", () => {
    expect(renderConfigToml({ ...ENTRA, tenantId: undefined })).toContain("az login --tenant <tenant id> ");
  });

  test("the egress root keys come first and the tables last", () => {
    expect(text.split("\n").find((l) => /^[a-z_]+ = /.test(l))).toBe("check_for_update_on_startup = false");
    expect(text).toMatch(/\n\n\[analytics\]\n/);
  });
});

describe("profile files", () => {
  test("the profile tables are Microsoft's approval modes (known answers)", () => {
    expect(CODEX_PROFILES).toEqual({
      chat: { sandbox_mode: "read-only", approval_policy: "on-request" },
      agent: {
        sandbox_mode: "workspace-write",
        approval_policy: "on-request",
        sandbox_workspace_write: { network_access: false },
      },
      ci: {
        sandbox_mode: "workspace-write",
        approval_policy: "never",
        sandbox_workspace_write: { network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true },
      },
    });
    expect(FULL_ACCESS_PROFILE).toEqual({ sandbox_mode: "danger-full-access", approval_policy: "never" });
    expect(FULL_ACCESS_PROFILE_NAME).toBe("full-access");
  });

  test("a profile lives in <name>.config.toml", () => {
    expect(profileFileName("ci")).toBe("ci.config.toml");
    expect(profileFileName("full-access")).toBe("full-access.config.toml");
  });

  test("key mode: chat, agent and ci only, each with its sandbox and no provider of its own", () => {
    const profiles = renderProfileTomls(SAMPLE_INPUTS);
    expect(Object.keys(profiles)).toEqual(["chat.config.toml", "agent.config.toml", "ci.config.toml"]);
    const egress = egressSettingsObject();
    const parsed = Object.fromEntries(Object.entries(profiles).map(([f, t]) => [f, toml(t)]));
    expect(parsed["chat.config.toml"]).toEqual({ ...egress, sandbox_mode: "read-only", approval_policy: "on-request" });
    expect(parsed["agent.config.toml"]).toEqual({
      ...egress,
      sandbox_mode: "workspace-write",
      approval_policy: "on-request",
      sandbox_workspace_write: { network_access: false },
    });
    expect(parsed["ci.config.toml"]).toEqual({
      ...egress,
      sandbox_mode: "workspace-write",
      approval_policy: "never",
      sandbox_workspace_write: { network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true },
    });
    for (const [file, p] of Object.entries(parsed)) expectEgressClosed(p, file);
  });

  test("entra mode: each profile names the azure provider with the az token command, so none depends on config.toml", () => {
    const profiles = renderProfileTomls(ENTRA);
    expect(Object.keys(profiles)).toEqual(["chat.config.toml", "agent.config.toml", "ci.config.toml"]);
    for (const [file, text] of Object.entries(profiles)) {
      const p = toml(text);
      expect(p.model_provider, file).toBe("azure");
      expect(p.model_providers, file).toEqual({
        azure: {
          name: "Azure OpenAI (codex-boundary, team dev)",
          base_url: BASE_URL,
          wire_api: "responses",
          auth: AZ_AUTH,
        },
      });
      expect(text, file).not.toContain("env_key");
      expectEgressClosed(p, file);
    }
    expect(toml(profiles["chat.config.toml"] ?? "").sandbox_mode).toBe("read-only");
    expect(toml(profiles["ci.config.toml"] ?? "").approval_policy).toBe("never");
  });

  test("each profile's header names the team, the stack and the command to run it", () => {
    for (const [file, text] of Object.entries(renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true }))) {
      const header = comments(text).join("\n");
      expect(header, file).toContain("team dev");
      expect(header, file).toContain("stack dev");
      expect(header, file).toContain(`codex --profile ${file.replace(".config.toml", "")}`);
    }
  });

  test("full access exists only when the team opts in, and only its file names the risk, right above its settings", () => {
    expect(Object.keys(renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: false }))).not.toContain(
      "full-access.config.toml",
    );
    const profiles = renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true });
    expect(Object.keys(profiles)).toEqual([
      "chat.config.toml",
      "agent.config.toml",
      "ci.config.toml",
      "full-access.config.toml",
    ]);
    const text = profiles["full-access.config.toml"] ?? "";
    expect(toml(text)).toEqual({
      ...egressSettingsObject(),
      sandbox_mode: "danger-full-access",
      approval_policy: "never",
    });
    const risk = text.indexOf("# RISK");
    const between = text.slice(risk, text.indexOf('sandbox_mode = "danger-full-access"')).trimEnd().split("\n");
    expect(risk).toBeGreaterThan(-1);
    for (const line of between) expect(line).toMatch(/^# /);
    for (const name of ["chat", "agent", "ci"]) expect(profiles[`${name}.config.toml`], name).not.toContain("# RISK");
  });

  test("entra mode with full access: the full-access profile also carries the provider", () => {
    const p = toml(renderProfileTomls({ ...ENTRA, allowFullAccess: true })["full-access.config.toml"] ?? "");
    expect(p.sandbox_mode).toBe("danger-full-access");
    expect(p.model_provider).toBe("azure");
  });

  test("each profile file starts with the egress root keys and ends with the egress tables", () => {
    for (const [file, text] of Object.entries(renderProfileTomls(SAMPLE_INPUTS))) {
      expect(
        text.split("\n").find((l) => /^[a-z_]+ = /.test(l)),
        file,
      ).toBe("check_for_update_on_startup = false");
      expect(text, file).toMatch(/\n\n\[analytics\]\n/);
    }
  });
});
