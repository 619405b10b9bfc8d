import { parse as parseToml } from "@iarna/toml";
import { beforeEach, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { CODEX_PROJECT_DOC_LIMIT_BYTES, renderAgentsMd } from "../../lib/devkit/agentsMd";
import { renderActionlintConfig, renderCiWorkflow } from "../../lib/devkit/ciWorkflow";
import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { renderDeveloperKit } from "../../lib/devkit/files";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { renderKeyScriptBash, renderKeyScriptPowerShell } from "../../lib/devkit/keyScripts";
import { holdsKeyMaterial } from "../../lib/policy/keyMaterial";
import { SAMPLE_INPUTS } from "./support";

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" };
const REPOS = [{ name: "api" }, { name: "ledger", environment: "production" }];

type Step = { name?: string; env?: Record<string, string> };
type Workflow = { jobs: { codex: { environment?: string; permissions: Record<string, string>; steps: Step[] } } };

/** The kit in entra mode for REPOS; key mode adds the two key scripts and the Windows config.toml. */
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
  "managed/etc-codex/requirements.toml",
  "managed/etc-codex/managed_config.toml",
  "managed/windows/install-codex-bundle.ps1",
  "managed/macos/codex-boundary-dev.mobileconfig",
  "managed/BUNDLE.md",
  "managed/SHA256SUMS",
];

// Rendered inside each test (not at collection), so a mutation test run credits the test that sees the change.
describe("renderDeveloperKit, key mode", () => {
  let kit: ReturnType<typeof renderDeveloperKit>;
  beforeEach(() => {
    kit = renderDeveloperKit(SAMPLE_INPUTS, REPOS);
  });

  test("the files: configs, profiles, AGENTS.md, both key scripts, and per repository a workflow and actionlint config", () => {
    expect(Object.keys(kit.files).sort()).toEqual(
      [...ENTRA_FILES, "config.windows.toml", "get-key.sh", "get-key.ps1", "managed/etc-codex/get-key.sh"].sort(),
    );
  });

  test("each file is the renderer's output for the same inputs", () => {
    expect(kit.configToml).toBe(renderConfigToml(SAMPLE_INPUTS));
    expect(kit.files["config.toml"]).toBe(kit.configToml);
    expect(kit.configTomlWindows).toBe(renderConfigToml(SAMPLE_INPUTS, "powershell"));
    expect(kit.files["config.windows.toml"]).toBe(kit.configTomlWindows);
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
    expect(kit.workflows.api).toBe(
      renderCiWorkflow(SAMPLE_INPUTS, {
        repository: "api",
        environment: undefined,
        configToml: kit.configToml,
        ciProfileToml,
      }),
    );
    expect(kit.workflows.ledger).toBe(
      renderCiWorkflow(SAMPLE_INPUTS, {
        repository: "ledger",
        environment: "production",
        configToml: kit.configToml,
        ciProfileToml,
      }),
    );
    expect(kit.files["repos/api/.github/workflows/codex.yml"]).toBe(kit.workflows.api);
    expect(kit.files["repos/ledger/.github/workflows/codex.yml"]).toBe(kit.workflows.ledger);
    const api = parseYaml(kit.workflows.api ?? "") as Workflow;
    const config = api.jobs.codex.steps.find((s) => s.name === "Write the Codex config");
    expect(parseToml(config?.env?.CODEX_CI_PROFILE_TOML ?? "")).toMatchObject({
      approval_policy: "never",
      sandbox_mode: "workspace-write",
    });
    expect((parseYaml(kit.workflows.ledger ?? "") as Workflow).jobs.codex.environment).toBe("production");
  });

  test("inputs are validated before anything is rendered", () => {
    expect(() => renderDeveloperKit({ ...SAMPLE_INPUTS, vaultName: "kv'; rm -rf ~" }, REPOS)).toThrowError(
      "vaultName is not a valid Key Vault name",
    );
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
    expect(kit.configTomlWindows).toBeUndefined();
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
    expect(kit.workflows.api).toBe(
      renderCiWorkflow(ENTRA, { repository: "api", environment: undefined, configToml: kit.configToml, ciProfileToml }),
    );
    expect(kit.workflows.ledger).toBe(
      renderCiWorkflow(ENTRA, {
        repository: "ledger",
        environment: "production",
        configToml: kit.configToml,
        ciProfileToml,
      }),
    );
    expect(kit.files["repos/api/.github/workflows/codex.yml"]).toBe(kit.workflows.api);
    expect(kit.files["repos/ledger/.github/workflows/codex.yml"]).toBe(kit.workflows.ledger);
    expect((parseYaml(kit.workflows.api ?? "") as Workflow).jobs.codex.permissions["id-token"]).toBe("write");
  });

  test("a tenant that is not a GUID is refused before anything is rendered", () => {
    expect(() => renderDeveloperKit({ ...ENTRA, tenantId: "contoso" }, REPOS)).toThrowError(
      "tenantId must be the Entra tenant GUID",
    );
  });
});

/** Where a generated file's snapshot lives: repos/<repo>/.github/workflows/codex.yml -> <repo>.codex.yml. */
const snapshotName = (path: string) => path.replace(/^repos\/([^/]+)\/\.github\/(?:workflows\/)?/, "$1.");
/** A made-up tenant: no real directory's ID goes into a snapshot. */
const SNAPSHOT_ENTRA: DevKitInputs = {
  ...SAMPLE_INPUTS,
  authMode: "entra",
  tenantId: "11111111-2222-4333-8444-555555555555",
};

describe("the generated files as a developer reads them (reviewed as diffs)", () => {
  test.each([
    ["keyKit", SAMPLE_INPUTS],
    ["entraKit", SNAPSHOT_ENTRA],
  ] as const)("%s: every file of the kit", async (kitName, inputs) => {
    const files = renderDeveloperKit(inputs, REPOS).files;
    for (const [path, text] of Object.entries(files)) {
      // The profile and the install script carry the bundle as base64 (long letter-and-digit runs); its files are checked.
      if (!/\.(mobileconfig|ps1)$/.test(path) || !path.startsWith("managed/"))
        expect(holdsKeyMaterial(text), path).toBe(false);
      await expect(text).toMatchFileSnapshot(`__snapshots__/${kitName}/${snapshotName(path)}`);
    }
  });

  test("the full-access profile of a team that opted in", async () => {
    const profile = renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true })["full-access.config.toml"];
    await expect(profile).toMatchFileSnapshot("__snapshots__/full-access.config.toml");
  });
});

describe("AGENTS.md", () => {
  test("key mode says the key is in no environment variable, names the endpoint and the default model; entra mode has no key", () => {
    const key = renderAgentsMd(SAMPLE_INPUTS);
    expect(key).toContain("The model key is in no environment variable or file");
    expect(key).not.toContain("AZURE_OPENAI_API_KEY");
    expect(key).toContain(SAMPLE_INPUTS.baseUrl);
    expect(key).toContain(`\`${SAMPLE_INPUTS.defaultModel}\``);
    const entra = renderAgentsMd(ENTRA);
    expect(entra).not.toContain("AZURE_OPENAI_API_KEY");
    expect(entra).toContain("`az`");
  });

  test("stays far below Codex's 32 KiB project-doc limit", () => {
    expect(CODEX_PROJECT_DOC_LIMIT_BYTES).toBe(32768);
    expect(Buffer.byteLength(renderAgentsMd(SAMPLE_INPUTS), "utf8")).toBeLessThan(CODEX_PROJECT_DOC_LIMIT_BYTES / 8);
  });
});

describe("key scripts", () => {
  const readsVault =
    "az keyvault secret show --vault-name 'kv-dev-abc123' --name 'azure-openai-api-key' --query value --output tsv";
  test("bash and PowerShell read the current version of the team's vault secret and print only what az prints", () => {
    for (const render of [renderKeyScriptBash, renderKeyScriptPowerShell]) {
      const text = render(SAMPLE_INPUTS);
      expect(text).toContain(readsVault);
      expect(text).not.toMatch(/AZURE_OPENAI_API_KEY|codex-azure|\$env:[A-Z_]+ =|export /);
    }
  });

  test("neither prints the key to a terminal (Codex reads it from a pipe)", () => {
    expect(renderKeyScriptBash(SAMPLE_INPUTS)).toMatch(/^if \[ -t 1 \]; then\n.*\n {2}exit 2\nfi$/m);
    expect(renderKeyScriptPowerShell(SAMPLE_INPUTS)).toMatch(/^if \(-not \[Console\]::IsOutputRedirected\) \{$/m);
  });
});
