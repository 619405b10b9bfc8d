import { parse as parseToml } from "@iarna/toml";
import { beforeAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { CODEX_PROJECT_DOC_LIMIT_BYTES, renderAgentsMd } from "../../lib/devkit/agentsMd";

import { renderConfigToml, renderProfileTomls } from "../../lib/devkit/configToml";
import { EGRESS_SETTINGS, egressSettingsObject } from "../../lib/devkit/egressSettings";
import { renderDeveloperKit } from "../../lib/devkit/files";
import { validateDevKitInputs } from "../../lib/devkit/inputs";
import { keyAuthTable } from "../../lib/devkit/keyScripts";
import { mockAccountKeys } from "../../tools/plan/mocks";
import type { PlanDocument } from "../../lib/plan/render";
import { actionlint } from "../support/actionlint";
import { planStack } from "../support/runStack";
import { devTeamConfig, SAMPLE_INPUTS } from "./support";
import { FIXTURE_NOW_MS } from "../support/clock";
import { parseAdmitted } from "../support/platformFiles";

type Table = Record<string, unknown>;

describe("config.toml", () => {
  test("parses, and holds exactly the intended keys", () => {
    const toml = parseToml(renderConfigToml(SAMPLE_INPUTS)) as Table;
    expect(Object.keys(toml).sort()).toEqual(
      [
        ...[
          "approval_policy",
          "model",
          "model_provider",
          "model_providers",
          "model_reasoning_effort",
          "sandbox_mode",
          "shell_environment_policy",
        ],
        ...["analytics", "check_for_update_on_startup", "features", "feedback", "otel", "web_search"],
      ].sort(),
    );
    expect(toml.model).toBe("gpt-5.3-codex");
    expect(toml.model_provider).toBe("azure");
    expect(toml.model_providers).toEqual({
      azure: {
        name: "Azure OpenAI (codex-boundary, team dev)",
        base_url: "https://codex-dev-abc123.openai.azure.com/openai/v1",
        wire_api: "responses",
        auth: keyAuthTable("sh"),
      },
    });
    expect(toml.shell_environment_policy).toEqual({ inherit: "core" });
    expect(toml.web_search).toBe("disabled");
    expect(toml.sandbox_mode).toBe("read-only");
    expect(toml.approval_policy).toBe("on-request");
  });

  test("profiles are one file each (Codex rejects --profile while config.toml holds a [profiles] table)", () => {
    const profiles = renderProfileTomls(SAMPLE_INPUTS);
    const egress = egressSettingsObject();
    expect(Object.fromEntries(Object.entries(profiles).map(([file, text]) => [file, parseToml(text)]))).toEqual({
      "chat.config.toml": { ...egress, sandbox_mode: "read-only", approval_policy: "on-request" },
      "agent.config.toml": {
        ...egress,
        sandbox_mode: "workspace-write",
        approval_policy: "on-request",
        sandbox_workspace_write: { network_access: false },
      },
      "ci.config.toml": {
        ...egress,
        sandbox_mode: "workspace-write",
        approval_policy: "never",
        // The ci sandbox writes the checkout only: /tmp and $TMPDIR are not writable roots.
        sandbox_workspace_write: { network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true },
      },
    });
    expect(renderConfigToml(SAMPLE_INPUTS)).not.toMatch(/^\s*(\[profiles|profile\s*=)/m);
    for (const text of Object.values(profiles)) expect(text).not.toMatch(/untrusted/);
  });

  test("a full-access profile exists only when the team opts in, with the risk named right above its settings", () => {
    expect(Object.values(renderProfileTomls(SAMPLE_INPUTS)).join("\n")).not.toMatch(/danger-full-access/);
    const text = renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true })["full-access.config.toml"] ?? "";
    expect(parseToml(text)).toEqual({
      ...egressSettingsObject(),
      sandbox_mode: "danger-full-access",
      approval_policy: "never",
    });
    expect(text).toMatch(
      /# RISK: full access runs every command without approval and without a sandbox.*\n.*\n\s*sandbox_mode = "danger-full-access"/,
    );
  });

  test("config.toml and every profile file turn off analytics, plugins, update checks and the rest, each with a comment saying why", () => {
    const files = {
      "config.toml": renderConfigToml(SAMPLE_INPUTS),
      ...renderProfileTomls({ ...SAMPLE_INPUTS, allowFullAccess: true }),
    };
    expect(Object.keys(files)).toHaveLength(5);
    const egress = egressSettingsObject();
    expect(egress).toMatchObject({
      analytics: { enabled: false },
      features: { plugins: false },
      check_for_update_on_startup: false,
      web_search: "disabled",
    });
    for (const [file, text] of Object.entries(files)) {
      expect(parseToml(text), file).toMatchObject(egress);
      for (const s of EGRESS_SETTINGS)
        expect(text, `${file}: ${s.key}`).toMatch(new RegExp(`^# \\S.*\\n${s.key} = `, "m"));
    }
  });

  test("comments say which stack generated it and how to get the key", () => {
    const text = renderConfigToml(SAMPLE_INPUTS);
    expect(text).toContain("generated by codex-boundary (stack dev)");
    expect(text).toContain("with get-key.sh beside it");
    expect(text).toContain("Codex runs get-key.sh (the auth table below)");
    expect(text).toContain("Key Vault kv-dev-abc123");
  });
});

describe("validation before anything reaches a file", () => {
  test.each([
    ["a base URL on another host", { baseUrl: "https://evil.example.com/openai/v1" }, "baseUrl must be"],
    [
      "a base URL that is not https",
      { baseUrl: "http://codex-dev-abc123.openai.azure.com/openai/v1" },
      "baseUrl must be",
    ],
    ["a TOML-breaking team", { team: 'dev"\nmodel = "x' }, "team is not a valid team name"],
    ["a shell-breaking vault", { vaultName: "kv'; rm -rf ~; '" }, "vaultName is not a valid Key Vault name"],
    ["a default model that is not deployed", { defaultModel: "gpt-4o" }, "is not one of the deployments"],
    ["a runner label with spaces", { runnerLabels: ["self hosted"] }, "runner label"],
  ])("rejects %s", (_name, patch, message) => {
    expect(() => validateDevKitInputs({ ...SAMPLE_INPUTS, ...patch })).toThrowError(message);
  });
});

describe("AGENTS.md", () => {
  test("names where build and test commands go and the forbidden actions", () => {
    const text = renderAgentsMd(SAMPLE_INPUTS);
    expect(text).toMatch(/## Build and test/);
    expect(text).toMatch(/Never write a secret/);
    expect(text).toMatch(/Never reach the network beyond the company boundary/);
    expect(text).toMatch(/Never edit, create or delete files outside this repository's working directory/);
  });

  test("stays far below Codex's 32 KiB project-doc limit", () => {
    const bytes = Buffer.byteLength(renderAgentsMd({ ...SAMPLE_INPUTS, team: "a-long-team-name" }), "utf8");
    expect(bytes).toBeLessThan(CODEX_PROJECT_DOC_LIMIT_BYTES / 8);
  });
});

describe("Codex CI workflow", () => {
  test("without codex.runnerLabels in the config it runs on a dedicated runner label, not on any self-hosted runner", () => {
    const config = parseAdmitted({ ...devTeamConfig(), codex: {} }, undefined, FIXTURE_NOW_MS);
    expect(config.codex.runnerLabels).toEqual(["self-hosted", "codex-runner"]);
    const workflow = parseYaml(
      renderDeveloperKit({ ...SAMPLE_INPUTS, runnerLabels: config.codex.runnerLabels }, [{ name: "api" }]).workflows
        .api ?? "",
    ) as { jobs: { codex: { "runs-on": string[] } } };
    expect(workflow.jobs.codex["runs-on"]).toEqual(["self-hosted", "codex-runner"]);
  });

  const kit = renderDeveloperKit({ ...SAMPLE_INPUTS }, [
    { name: "api" },
    { name: "ledger", environment: "production" },
  ]);

  test("parses, grants write only to the job that opens the pull request, and runs on the configured runner", () => {
    const workflow = parseYaml(kit.workflows.api ?? "") as {
      permissions: unknown;
      jobs: { codex: Record<string, unknown> & { steps: Array<Record<string, unknown>> } };
    };
    expect(workflow.permissions).toEqual({});
    const job = workflow.jobs.codex;
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    expect(job["runs-on"]).toEqual(["self-hosted", "linux", "codex-boundary"]);
    expect(job.environment).toBeUndefined();
    const runs = job.steps.map((s) => String(s.run ?? ""));
    expect(runs.some((r) => r.includes("codex exec --profile ci"))).toBe(true);
    expect(runs.some((r) => r.includes("npm install --global @openai/codex@"))).toBe(true);
    expect(runs.some((r) => r.includes("gh pr create"))).toBe(true);
    expect(runs.join("\n")).not.toMatch(/git push [^\n]*\b(main|master)\b/);
    const codexStep = job.steps.find((s) => String(s.run ?? "").includes("codex exec"));
    expect(codexStep?.env).not.toHaveProperty("AZURE_OPENAI_API_KEY");
    const configStep = job.steps.find((s) => String(s.name).includes("Codex config")) as {
      env: { CODEX_CONFIG_TOML: string; CODEX_CI_PROFILE_TOML: string };
    };
    expect(configStep.env.CODEX_CONFIG_TOML.trimEnd()).toBe(kit.configToml.trimEnd());
    expect(configStep.env.CODEX_CI_PROFILE_TOML.trimEnd()).toBe(kit.codexProfiles["ci.config.toml"]?.trimEnd());
    expect(kit.workflows.api).toMatch(/GitHub-hosted runners cannot reach the team's private Azure OpenAI endpoint/);
  });

  test("uses the repository's environment when the config names one", () => {
    const workflow = parseYaml(kit.workflows.ledger ?? "") as { jobs: { codex: { environment?: string } } };
    expect(workflow.jobs.codex.environment).toBe("production");
  });

  test("passes actionlint, given the runner labels the generated actionlint.yaml declares", async () => {
    const config = parseYaml(kit.files["repos/api/.github/actionlint.yaml"] ?? "") as {
      "self-hosted-runner": { labels: string[] };
    };
    expect(config["self-hosted-runner"].labels).toEqual(["codex-boundary"]);
    for (const workflow of Object.values(kit.workflows)) {
      expect(await actionlint(workflow, ".github/workflows/codex.yml", config["self-hosted-runner"].labels)).toEqual(
        [],
      );
    }
    // Without the declaration the custom label is flagged: the filter drops nothing else.
    expect((await actionlint(kit.workflows.api ?? "", ".github/workflows/codex.yml")).join("\n")).toMatch(
      /label "codex-boundary" is unknown/,
    );
  });
});

describe("the stack's developer kit", () => {
  let doc: PlanDocument;
  beforeAll(async () => {
    doc = await planStack({ stack: "dev" });
  });

  test("is a stack output, not secret, and matches the account the stack creates", () => {
    const toml = parseToml(String(doc.outputs.codexConfigToml)) as { model_providers: { azure: { base_url: string } } };
    expect(toml.model_providers.azure.base_url).toBe(doc.outputs.baseUrl);
    const files = doc.outputs.developerFiles as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(
      [
        "AGENTS.md",
        "config.toml",
        "config.windows.toml",
        "chat.config.toml",
        "agent.config.toml",
        "ci.config.toml",
        "get-key.ps1",
        "get-key.sh",
        "repos/payments-api/.github/actionlint.yaml",
        "repos/payments-api/.github/workflows/codex.yml",
        "repos/platform-tools/.github/actionlint.yaml",
        "repos/platform-tools/.github/workflows/codex.yml",
        "managed/BUNDLE.md",
        "managed/SHA256SUMS",
        "managed/etc-codex/get-key.sh",
        "managed/etc-codex/managed_config.toml",
        "managed/etc-codex/requirements.toml",
        "managed/macos/codex-boundary-dev.mobileconfig",
        "managed/windows/install-codex-bundle.ps1",
      ].sort(),
    );
    expect(files["managed/etc-codex/managed_config.toml"]).toContain(`base_url = "${String(doc.outputs.baseUrl)}"`);
    expect(files["get-key.sh"]).toContain(`--vault-name '${String(doc.outputs.vaultName)}'`);
    expect(Object.keys(doc.outputs.codexProfiles as Record<string, string>).sort()).toEqual([
      "agent.config.toml",
      "chat.config.toml",
      "ci.config.toml",
    ]);
  });

  test("no generated file holds key material", () => {
    const keys = mockAccountKeys(String(doc.outputs.accountName));
    const everything = JSON.stringify(doc.outputs.developerFiles);
    expect(everything).not.toContain(keys.key1);
    expect(everything).not.toContain(keys.key2);
    expect(everything).not.toContain("[secret]");
    expect(everything).not.toMatch(/api[_-]?key\s*=\s*"[^"]/i);
  });
});
