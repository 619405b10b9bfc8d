import { createHash } from "node:crypto";
import { parse as parseToml } from "@iarna/toml";
import { describe, expect, test } from "vitest";
import { providerTable } from "../../lib/devkit/configToml";
import { egressAllowList } from "../../lib/devkit/egressAllowList";
import { renderKeyScriptBash, renderKeyScriptPowerShell } from "../../lib/devkit/keyScripts";
import { egressSettingsObject } from "../../lib/devkit/egressSettings";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { allowedModes, renderManagedConfigToml, renderRequirementsToml } from "../../lib/devkit/managedBundle";
import { MANAGED_FOLDER, renderManagedBundle } from "../../lib/devkit/managedBundleForms";
import { descendants, powerShellParser } from "../support/powershell";
import { SAMPLE_INPUTS } from "./support";

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "11111111-2222-4333-8444-555555555555" };
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type Requirements = {
  allowed_sandbox_modes: string[];
  allowed_approval_policies: string[];
  allowed_web_search_modes: string[];
  mcp_servers: Record<string, unknown>;
  features: Record<string, boolean>;
  otel: Record<string, string>;
};

describe("requirements.toml", () => {
  test("allows exactly the sandbox modes and approval policies of the shipped profiles; full access only on opt-in", () => {
    const closed = parseToml(renderRequirementsToml(SAMPLE_INPUTS)) as unknown as Requirements;
    expect(closed.allowed_sandbox_modes).toEqual(["read-only", "workspace-write"]);
    expect(closed.allowed_approval_policies).toEqual(["never", "on-request"]);
    const opened = renderRequirementsToml({ ...SAMPLE_INPUTS, allowFullAccess: true });
    expect((parseToml(opened) as unknown as Requirements).allowed_sandbox_modes).toEqual([
      "read-only",
      "workspace-write",
      "danger-full-access",
    ]);
    expect(opened).toMatch(/danger-full-access IS allowed: the stack opted in \(codex\.allowFullAccess\)/);
  });

  test("a team at the local rollout stage (no ci profile) may not run with approval_policy never", () => {
    const local = parseToml(
      renderRequirementsToml({ ...SAMPLE_INPUTS, rolloutStage: "local" }),
    ) as unknown as Requirements;
    expect(local.allowed_approval_policies).toEqual(["on-request"]);
    expect(local.allowed_sandbox_modes).toEqual(["read-only", "workspace-write"]);
  });

  test("read-only is always allowed (Codex refuses requirements without it), even if no profile used it", () => {
    expect(allowedModes(SAMPLE_INPUTS).sandboxModes[0]).toBe("read-only");
  });

  test("an empty MCP allow-list, no web search, and the egress settings' [features] and [otel] from their one source", () => {
    const requirements = parseToml(renderRequirementsToml(SAMPLE_INPUTS)) as unknown as Requirements;
    const egress = egressSettingsObject() as { features: Record<string, boolean>; otel: Record<string, string> };
    expect(requirements.mcp_servers).toEqual({});
    expect(requirements.allowed_web_search_modes).toEqual(["disabled"]);
    expect(requirements.features).toEqual(egress.features);
    expect(requirements.otel).toEqual(egress.otel);
  });
});

describe("managed_config.toml", () => {
  test.each([
    ["key", SAMPLE_INPUTS],
    ["entra", ENTRA],
  ] as const)(
    "%s mode: the provider block of providerTable, every egress setting, no sandbox or approval",
    (_m, inputs) => {
      const managed = parseToml(renderManagedConfigToml(inputs)) as Record<string, unknown>;
      expect(managed.model_provider).toBe("azure");
      // Key mode's script is named by the folder the bundle installs it in: an MDM-delivered config has no folder.
      expect(managed.model_providers).toEqual(providerTable(inputs, "sh", "/etc/codex"));
      const windows = parseToml(renderManagedConfigToml(inputs, "windows")) as Record<string, unknown>;
      expect(windows.model_providers).toEqual(providerTable(inputs, "powershell", "C:\\ProgramData\\OpenAI\\Codex"));
      for (const [key, value] of Object.entries(egressSettingsObject())) {
        if (typeof value === "object" && value !== null) expect(managed[key]).toMatchObject(value);
        else expect(managed[key]).toBe(value);
      }
      expect(managed.shell_environment_policy).toEqual({ inherit: "core" });
      // Codex would turn either into a one-value requirement (legacy managed_config.toml): they stay in requirements.toml.
      expect(managed).not.toHaveProperty("sandbox_mode");
      expect(managed).not.toHaveProperty("approval_policy");
    },
  );
});

describe("the forms admins deploy", () => {
  const bundle = renderManagedBundle(SAMPLE_INPUTS);
  const file = (path: string) => bundle[`${MANAGED_FOLDER}/${path}`] ?? "";

  test("SHA256SUMS names every other file of the bundle with its hash", () => {
    const lines = file("SHA256SUMS").trim().split("\n");
    const others = Object.keys(bundle).filter((p) => p !== `${MANAGED_FOLDER}/SHA256SUMS`);
    expect(lines).toHaveLength(others.length);
    for (const path of others)
      expect(lines).toContain(`${sha256(bundle[path] ?? "")}  ${path.slice(MANAGED_FOLDER.length + 1)}`);
  });

  test("the .mobileconfig carries both files base64-encoded for com.openai.codex, with UUIDs stable per team and stack", () => {
    const profile = file("macos/codex-boundary-dev.mobileconfig");
    const value = (key: string) => new RegExp(`<key>${key}</key>\\s*<string>([^<]*)</string>`).exec(profile)?.[1] ?? "";
    expect(value("PayloadType")).toBe("com.openai.codex");
    expect(Buffer.from(value("requirements_toml_base64"), "base64").toString()).toBe(
      file("etc-codex/requirements.toml"),
    );
    expect(Buffer.from(value("config_toml_base64"), "base64").toString()).toBe(file("etc-codex/managed_config.toml"));
    const uuids = [...profile.matchAll(/<key>PayloadUUID<\/key>\s*<string>([^<]*)<\/string>/g)].map((m) => m[1]);
    expect(new Set(uuids).size).toBe(2);
    expect(renderManagedBundle(SAMPLE_INPUTS)[`${MANAGED_FOLDER}/macos/codex-boundary-dev.mobileconfig`]).toBe(profile);
    const other = renderManagedBundle({ ...SAMPLE_INPUTS, stack: "prod" })[
      `${MANAGED_FOLDER}/macos/codex-boundary-dev.mobileconfig`
    ];
    for (const uuid of uuids) expect(other).not.toContain(uuid);
  });

  test("the Intune script parses as PowerShell and carries the two files with their hashes for ProgramData", async () => {
    const script = file("windows/install-codex-bundle.ps1");
    const tree = (await powerShellParser()).parse(script);
    expect(tree?.rootNode.hasError).toBe(false);
    const strings = descendants(tree!.rootNode)
      .filter((n) => n.type === "verbatim_string_characters")
      .map((n) => n.text.slice(1, -1));
    const decoded = strings
      .filter((s) => /^[A-Za-z0-9+/]{100,}=*$/.test(s))
      .map((s) => Buffer.from(s, "base64").toString());
    expect(decoded).toEqual([
      file("etc-codex/requirements.toml"),
      renderManagedConfigToml(SAMPLE_INPUTS, "windows"),
      renderKeyScriptPowerShell(SAMPLE_INPUTS),
    ]);
    expect(strings).toContain("C:\\ProgramData\\OpenAI\\Codex");
    expect(strings).toContain(sha256(file("etc-codex/requirements.toml")));
    expect(strings).toContain("OpenAI\\Codex");
    expect(strings).toContain("requirements.toml");
    expect(strings).toContain("config.toml");
  });

  test("key mode ships the key script beside the managed files (the provider runs it from there); entra mode none", () => {
    expect(file("etc-codex/get-key.sh")).toBe(renderKeyScriptBash(SAMPLE_INPUTS));
    expect(file("BUNDLE.md").replace(/\s+/g, " ")).toContain(
      "install `etc-codex/get-key.sh` as `/etc/codex/get-key.sh`",
    );
    const entra = renderManagedBundle(ENTRA);
    expect(Object.keys(entra).some((path) => path.includes("get-key"))).toBe(false);
    expect(entra[`${MANAGED_FOLDER}/windows/install-codex-bundle.ps1`]).not.toContain("get-key.ps1");
  });

  test("BUNDLE.md's network allow-list is the egress allow-list's, host for host, for both machines and modes", () => {
    for (const inputs of [SAMPLE_INPUTS, ENTRA]) {
      const readme = renderManagedBundle(inputs)[`${MANAGED_FOLDER}/BUNDLE.md`] ?? "";
      const listed = [...readme.matchAll(/^ {2}- `([^`]+):443`/gm)].map((m) => m[1]);
      const expected = (["developer", "ci"] as const).flatMap((m) => egressAllowList(inputs, m).map((d) => d.host));
      expect(listed).toEqual(expected);
    }
  });

  test("BUNDLE.md says what is enforced, what is a default, and what Codex cannot enforce", () => {
    const readme = file("BUNDLE.md");
    expect(readme).toContain("## Enforced (the bundle)");
    expect(readme).toContain("## Defaults (the kit's config.toml and profiles)");
    expect(readme).toContain("## Not enforced by Codex 0.169.0");
    expect(renderManagedBundle({ ...SAMPLE_INPUTS, allowFullAccess: true })[`${MANAGED_FOLDER}/BUNDLE.md`]).toContain(
      "**danger-full-access is allowed**",
    );
  });
});
