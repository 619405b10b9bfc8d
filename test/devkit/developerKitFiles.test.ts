import { parse as parseToml } from "@iarna/toml";
import { beforeEach, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { CODEX_PROJECT_DOC_LIMIT_BYTES, renderAgentsMd } from "../../lib/devkit/agentsMd";
import { renderActionlintConfig, renderCiWorkflow } from "../../lib/devkit/ciWorkflow";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { renderDeveloperKit } from "../../lib/devkit/files";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { CODEX_WRAPPER, renderKeyScriptBash, renderKeyScriptPowerShell } from "../../lib/devkit/keyScripts";
import { SAMPLE_INPUTS } from "./support";

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" };
const REPOS = [{ name: "api" }, { name: "ledger", environment: "production" }];

type Step = { name?: string; env?: Record<string, string> };
type Workflow = { jobs: { codex: { environment?: string; permissions: Record<string, string>; steps: Step[] } } };

/** The kit in entra mode for REPOS; key mode adds the two key scripts. */
const ENTRA_FILES = [
  "config.toml",
  "chat.config.toml",
  "agent.config.toml",
  "ci.config.toml",
  "AGENTS.md",
  "repos/api/.github/workflows/codex.yml",
  "repos/api/.github/actionlint.yaml",
  "repos/ledger/.github/workflows/codex.yml",
  "repos/ledger/.github/actionlint.yaml",
];

// Rendered inside each test (not at collection), so a mutation test run credits the test that sees the change.
describe("renderDeveloperKit, key mode", () => {
  let kit: ReturnType<typeof renderDeveloperKit>;
  beforeEach(() => {
    kit = renderDeveloperKit(SAMPLE_INPUTS, REPOS);
  });

  test("the files: config, profiles, AGENTS.md, both key scripts, and per repository a workflow and actionlint config", () => {
    expect(Object.keys(kit.files).sort()).toEqual([...ENTRA_FILES, "get-key.sh", "get-key.ps1"].sort());
  });

  test("each file is the renderer's output for the same inputs", () => {
    expect(kit.configToml).toBe(renderConfigToml(SAMPLE_INPUTS));
    expect(kit.files["config.toml"]).toBe(kit.configToml);
    expect(kit.codexProfiles).toEqual(renderProfileTomls(SAMPLE_INPUTS));
    expect(kit.files["ci.config.toml"]).toBe(kit.codexProfiles["ci.config.toml"]);
    expect(kit.agentsMd).toBe(renderAgentsMd(SAMPLE_INPUTS));
    expect(kit.files["AGENTS.md"]).toBe(kit.agentsMd);
    expect(kit.keyScriptBash).toBe(renderKeyScriptBash(SAMPLE_INPUTS));
    expect(kit.files["get-key.sh"]).toBe(kit.keyScriptBash);
    expect(kit.keyScriptPowerShell).toBe(renderKeyScriptPowerShell(SAMPLE_INPUTS));
    expect(kit.files["get-key.ps1"]).toBe(kit.keyScriptPowerShell);
    expect(kit.files["repos/api/.github/actionlint.yaml"]).toBe(renderActionlintConfig(SAMPLE_INPUTS));
    expect(kit.files["repos/ledger/.github/actionlint.yaml"]).toBe(renderActionlintConfig(SAMPLE_INPUTS));
  });

  test("each workflow carries config.toml and the ci profile, and the repository's environment when it names one", () => {
    expect(Object.keys(kit.workflows)).toEqual(["api", "ledger"]);
    const ciProfileToml = kit.codexProfiles["ci.config.toml"] ?? "";
    expect(kit.workflows.api).toBe(renderCiWorkflow(SAMPLE_INPUTS, { repository: "api", environment: undefined, configToml: kit.configToml, ciProfileToml }));
    expect(kit.workflows.ledger).toBe(renderCiWorkflow(SAMPLE_INPUTS, { repository: "ledger", environment: "production", configToml: kit.configToml, ciProfileToml }));
    expect(kit.files["repos/api/.github/workflows/codex.yml"]).toBe(kit.workflows.api);
    expect(kit.files["repos/ledger/.github/workflows/codex.yml"]).toBe(kit.workflows.ledger);
    const api = parseYaml(kit.workflows.api ?? "") as Workflow;
    const config = api.jobs.codex.steps.find((s) => s.name === "Write the Codex config");
    expect(parseToml(config?.env?.CODEX_CI_PROFILE_TOML ?? "")).toMatchObject({ approval_policy: "never", sandbox_mode: "workspace-write" });
    expect((parseYaml(kit.workflows.ledger ?? "") as Workflow).jobs.codex.environment).toBe("production");
  });

  test("inputs are validated before anything is rendered", () => {
    expect(() => renderDeveloperKit({ ...SAMPLE_INPUTS, vaultName: "kv'; rm -rf ~" }, REPOS)).toThrowError("vaultName is not a valid Key Vault name");
  });

  test("no repository, no workflow", () => {
    const kitWithout = renderDeveloperKit(SAMPLE_INPUTS, []);
    expect(kitWithout.workflows).toEqual({});
    expect(Object.keys(kitWithout.files).filter((f) => f.startsWith("repos/"))).toEqual([]);
  });
});

describe("renderDeveloperKit, entra mode", () => {
  let kit: ReturnType<typeof renderDeveloperKit>;
  beforeEach(() => {
    kit = renderDeveloperKit(ENTRA, REPOS);
  });

  test("the same files without the key scripts", () => {
    expect(Object.keys(kit.files).sort()).toEqual([...ENTRA_FILES].sort());
    expect(kit.keyScriptBash).toBeUndefined();
    expect(kit.keyScriptPowerShell).toBeUndefined();
    expect(kit.configToml).toBe(renderConfigToml(ENTRA));
    expect(kit.files["config.toml"]).toBe(kit.configToml);
    expect(kit.codexProfiles).toEqual(renderProfileTomls(ENTRA));
    expect(kit.files["agent.config.toml"]).toBe(kit.codexProfiles["agent.config.toml"]);
    expect(kit.agentsMd).toBe(renderAgentsMd(ENTRA));
    expect(kit.files["AGENTS.md"]).toBe(kit.agentsMd);
    expect(kit.files["repos/ledger/.github/actionlint.yaml"]).toBe(renderActionlintConfig(ENTRA));
  });

  test("the workflows sign in with OIDC, carry the entra ci profile and keep the repository's environment", () => {
    const ciProfileToml = kit.codexProfiles["ci.config.toml"] ?? "";
    expect(kit.workflows.api).toBe(renderCiWorkflow(ENTRA, { repository: "api", environment: undefined, configToml: kit.configToml, ciProfileToml }));
    expect(kit.workflows.ledger).toBe(renderCiWorkflow(ENTRA, { repository: "ledger", environment: "production", configToml: kit.configToml, ciProfileToml }));
    expect(kit.files["repos/api/.github/workflows/codex.yml"]).toBe(kit.workflows.api);
    expect(kit.files["repos/ledger/.github/workflows/codex.yml"]).toBe(kit.workflows.ledger);
    expect((parseYaml(kit.workflows.api ?? "") as Workflow).jobs.codex.permissions["id-token"]).toBe("write");
  });

  test("a tenant that is not a GUID is refused before anything is rendered", () => {
    expect(() => renderDeveloperKit({ ...ENTRA, tenantId: "contoso" }, REPOS)).toThrowError("tenantId must be the Entra tenant GUID");
  });
});

describe("AGENTS.md", () => {
  test("key mode: the key lives in its env var and Key Vault; the endpoint and default model are named", () => {
    const text = renderAgentsMd(SAMPLE_INPUTS);
    expect(text.startsWith("# AGENTS.md\n\nInstructions for Codex in this repository (team dev).")).toBe(true);
    expect(text).toContain("  The model key lives only in the `AZURE_OPENAI_API_KEY` environment variable and Key Vault.\n");
    expect(text).not.toContain("There is no model key");
    expect(text).toContain("(https://codex-dev-abc123.openai.azure.com/openai/v1) with the\n`gpt-5.3-codex` deployment");
  });

  test("entra mode: there is no model key, tokens come from az", () => {
    const text = renderAgentsMd(ENTRA);
    expect(text).toContain("  There is no model key: Codex gets short-lived Entra ID tokens from `az`; never print or store one.\n");
    expect(text).not.toContain("AZURE_OPENAI_API_KEY");
  });

  test("stays far below Codex's 32 KiB project-doc limit", () => {
    expect(CODEX_PROJECT_DOC_LIMIT_BYTES).toBe(32768);
    expect(Buffer.byteLength(renderAgentsMd(SAMPLE_INPUTS), "utf8")).toBeLessThan(CODEX_PROJECT_DOC_LIMIT_BYTES / 8);
  });
});

describe("key scripts", () => {
  test("bash: codex-azure reads the team's vault and secret, and names the profiles (full-access only when opted in)", () => {
    expect(CODEX_WRAPPER).toBe("codex-azure");
    const text = renderKeyScriptBash(SAMPLE_INPUTS);
    expect(text.startsWith("# Defines codex-azure: runs Codex with the active API key of team dev, read from Key Vault\n# kv-dev-abc123 for")).toBe(true);
    expect(text).toContain("# Generated by codex-boundary (stack dev).\n");
    expect(text).toContain("az keyvault secret show --vault-name 'kv-dev-abc123' --name 'azure-openai-api-key' --query value --output tsv");
    expect(text).toContain('AZURE_OPENAI_API_KEY="$__cb_key" exec codex "$@"');
    expect(text).toContain("Profiles: chat, agent, ci.\" >&2");
    expect(renderKeyScriptBash({ ...SAMPLE_INPUTS, allowFullAccess: true })).toContain("Profiles: chat, agent, ci, full-access.\" >&2");
    expect(text).toContain("codex-azure is defined: it runs codex with the key of team dev (read from Key Vault on each call).");
  });

  test("PowerShell: codex-azure sets the key only while codex runs and removes it in finally", () => {
    const text = renderKeyScriptPowerShell(SAMPLE_INPUTS);
    expect(text.startsWith("# Defines codex-azure: runs Codex with the active API key of team dev, read from Key Vault\n# kv-dev-abc123, only")).toBe(true);
    expect(text).toContain("# Generated by codex-boundary (stack dev).\n");
    expect(text).toContain("az keyvault secret show --vault-name 'kv-dev-abc123' --name 'azure-openai-api-key' --query value --output tsv");
    expect(text).toContain("$env:AZURE_OPENAI_API_KEY = $codexBoundaryKey\n    & codex @args\n  } finally {\n    Remove-Item Env:AZURE_OPENAI_API_KEY");
    expect(text).toContain('Profiles: chat, agent, ci."');
    expect(renderKeyScriptPowerShell({ ...SAMPLE_INPUTS, allowFullAccess: true })).toContain('Profiles: chat, agent, ci, full-access."');
  });
});
