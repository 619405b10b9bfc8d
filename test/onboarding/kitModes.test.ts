import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderDeveloperKit, WINDOWS_CONFIG_FILE } from "../../lib/devkit/files";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { KitError, kitFromOutputs } from "../../lib/onboarding/kit";
import { main, type PulumiRun } from "../../scripts/kit";
import { runMain } from "../support/cliIo";
import { SAMPLE_INPUTS } from "../devkit/support";

const REPOS = [{ name: "payments-api", environment: "codex" }];
const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "00000000-0000-4000-8000-00000000aaaa" };
const SUFFIX = "abc123";
const PLACEHOLDER = "<unique-suffix-after-pulumi-up>";

/** What `pulumi stack output --json` prints for a stack whose kit is rendered from `inputs` (the real renderer). */
function outputsOf(inputs: DevKitInputs): Record<string, unknown> {
  return {
    baseUrl: inputs.baseUrl,
    vaultName: inputs.vaultName,
    developerFiles: renderDeveloperKit(inputs, REPOS).files,
  };
}

/** The same outputs as the offline plan prints them: the random suffix only `pulumi up` draws is its placeholder. */
function planned(inputs: DevKitInputs): Record<string, unknown> {
  return JSON.parse(JSON.stringify(outputsOf(inputs)).split(SUFFIX).join(PLACEHOLDER)) as Record<string, unknown>;
}

function pulumiAnswering(outputs: unknown): (args: string[]) => PulumiRun {
  return () => ({ status: 0, stdout: JSON.stringify(outputs), stderr: "" });
}

async function kit(outputs: unknown) {
  const out = mkdtempSync(join(tmpdir(), "cb-kit-modes-"));
  const run = await runMain(main, ["--stack", "dev", "--out", out], { pulumi: pulumiAnswering(outputs) });
  return { ...run, out };
}

function refusal(outputs: Record<string, unknown>): string {
  try {
    kitFromOutputs(outputs, "dev");
  } catch (error) {
    expect(error).toBeInstanceOf(KitError);
    return (error as Error).message;
  }
  return "accepted";
}

describe("npm run kit in each auth mode", () => {
  test("key mode: the kit ships the key scripts, and the summary says Codex runs get-key.sh / get-key.ps1", async () => {
    const result = await kit(outputsOf(SAMPLE_INPUTS));
    expect(result.code, result.stderr).toBe(0);
    // The CLI prints each path relative to its working folder when that is shorter: match the file, not the prefix.
    expect(readdirSync(join(result.out, "dev"))).toContain("get-key.sh");
    expect(result.stdout).toMatch(/Files written:[\s\S]*\/dev\/get-key\.sh\n/);
    expect(result.stdout).toContain(
      "It holds no key: Codex reads it from Key Vault by running get-key.sh / get-key.ps1 (beside config.toml).",
    );
    expect(kitFromOutputs(outputsOf(SAMPLE_INPUTS), "dev").authMode).toBe("key");
  });

  test("entra mode: no key script in the kit, none named in the summary, which says to az login instead", async () => {
    const result = await kit(outputsOf(ENTRA));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/get-key/);
    expect(result.stdout).toContain(
      "It holds no key and needs none (auth.mode entra): each developer signs in with az login --tenant <tenant id in config.toml>, and Codex runs az account get-access-token itself.",
    );
    expect(readdirSync(join(result.out, "dev"))).not.toContain("get-key.sh");
    expect(kitFromOutputs(outputsOf(ENTRA), "dev").authMode).toBe("entra");
  });
});

describe("npm run kit on a stack that is not deployed yet (the offline plan's placeholders)", () => {
  test.each([
    ["key", SAMPLE_INPUTS],
    ["entra", ENTRA],
  ] as const)(
    "%s mode: one problem that says the stack is not deployed and what to run, nothing written",
    async (_, inputs) => {
      const result = await kit(planned(inputs));
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "error: stack 'dev' is not deployed yet: its outputs still name the offline plan's placeholders (<...-after-pulumi-up>) or mock identities, not deployed resources. Deploy it first (pulumi up --stack dev --policy-pack policies, or merge its pull request), then run npm run kit -- --stack dev again\n",
      );
      expect(result.stderr).not.toContain("has no config.toml");
      expect(result.stdout).toBe("");
      expect(readdirSync(result.out)).toEqual([]);
    },
  );

  test("a placeholder in the base URL or the vault name alone, or the mock engine's identity in one file, is the same", () => {
    const deployed = outputsOf(SAMPLE_INPUTS);
    const notDeployed = /^stack 'dev' is not deployed yet: /;
    expect(refusal({ ...deployed, baseUrl: `https://codex-dev-${PLACEHOLDER}.openai.azure.com/openai/v1` })).toMatch(
      notDeployed,
    );
    expect(refusal({ ...deployed, vaultName: `kv-dev-${PLACEHOLDER}` })).toMatch(notDeployed);
    const files = deployed.developerFiles as Record<string, string>;
    expect(
      refusal({ ...deployed, developerFiles: { ...files, "AGENTS.md": "id 00000000-0000-4000-8000-0000000c0de" } }),
    ).toMatch(notDeployed);
  });
});

describe("the deployed names are checked in every config file", () => {
  test("config.windows.toml must point at the deployed base URL like config.toml; get-key.ps1 read the deployed vault like get-key.sh", () => {
    const deployed = outputsOf(SAMPLE_INPUTS);
    const files = deployed.developerFiles as Record<string, string>;
    expect(Object.keys(files)).toContain(WINDOWS_CONFIG_FILE);
    const other = (text: string | undefined) => (text ?? "").split(SUFFIX).join("zzz999");
    expect(
      refusal({ ...deployed, developerFiles: { ...files, [WINDOWS_CONFIG_FILE]: other(files[WINDOWS_CONFIG_FILE]) } }),
    ).toBe(
      "the outputs of stack 'dev' do not make a kit; nothing was written:\n" +
        `  - config.windows.toml does not point at the deployed base URL ${SAMPLE_INPUTS.baseUrl}`,
    );
    expect(refusal({ ...deployed, developerFiles: { ...files, "get-key.ps1": other(files["get-key.ps1"]) } })).toBe(
      "the outputs of stack 'dev' do not make a kit; nothing was written:\n" +
        `  - get-key.ps1 does not read the deployed Key Vault ${SAMPLE_INPUTS.vaultName}`,
    );
  });

  test("a config.toml refused for a secret is not reported missing as well", () => {
    const deployed = outputsOf(ENTRA);
    const files = deployed.developerFiles as Record<string, string>;
    expect(refusal({ ...deployed, developerFiles: { ...files, "config.toml": "[secret]" } })).toBe(
      "the outputs of stack 'dev' do not make a kit; nothing was written:\n" +
        "  - developerFiles entry 'config.toml' is or holds a secret; the kit never holds one",
    );
  });
});
