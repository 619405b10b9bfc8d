import { describe, expect, test } from "vitest";
import { ConfigError } from "../../lib/config/parse";
import { KitError, kitFromOutputs, parseStackOutputs } from "../../lib/onboarding/kit";
import {
  DEFAULT_CAPACITY,
  defaultModels,
  newTeamConfig,
  type NewTeamAnswers,
  renderTeamStackFile,
} from "../../lib/onboarding/teamFile";
import { skuFor } from "../../lib/onboarding/modelOffer";
import { MODEL_CATALOG } from "../../lib/models/modelCatalog";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { samplePlatform } from "../support/platformFiles";

const PLATFORM = parsePlatformConfig(samplePlatform());

const NOW = new Date("2026-11-25T12:00:00Z");
const ANSWERS: NewTeamAnswers = {
  name: "payments",
  costCenter: "CC-1",
  location: "eastus2",
  dataBoundary: "us",
  githubOwner: "contoso",
  repositories: ["api"],
  userGroupIds: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"],
  adminGroupIds: ["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"],
  budgetAmount: 1500,
  contactEmails: ["leads@contoso.com"],
  startMonth: "2026-12",
  addressSpace: "10.61.0.0/24",
  runnerLabels: ["self-hosted", "codex-runner"],
};

describe("the new team's stack file", () => {
  test("the boundary picks the SKU: global is GlobalStandard, eu, us and anything else DataZoneStandard", () => {
    expect(skuFor("global")).toBe("GlobalStandard");
    expect(skuFor("eu")).toBe("DataZoneStandard");
    expect(skuFor("us")).toBe("DataZoneStandard");
    expect(skuFor("Global")).toBe("DataZoneStandard");
  });

  test("default models carry the model as the deployment name and their starting capacity", () => {
    // Starting capacities are a choice, not a fact to retype: each names a catalog model and is a positive whole number.
    const catalogModels = new Set(MODEL_CATALOG.models.map((e) => e.model));
    for (const [model, capacity] of Object.entries(DEFAULT_CAPACITY)) {
      expect(catalogModels, model).toContain(model);
      expect(Number.isInteger(capacity) && capacity > 0, `${model}: ${capacity}`).toBe(true);
    }
    // Models DEFAULT_CAPACITY does not name start at 50.
    expect(defaultModels("eastus2", "us", NOW)).toEqual([
      { name: "gpt-5.5", model: "gpt-5.5", version: "2026-04-24", sku: "DataZoneStandard", capacity: 50 },
      { name: "gpt-5.4", model: "gpt-5.4", version: "2026-03-05", sku: "DataZoneStandard", capacity: 50 },
      { name: "gpt-5.4-mini", model: "gpt-5.4-mini", version: "2026-03-17", sku: "DataZoneStandard", capacity: 50 },
      { name: "gpt-5.4-nano", model: "gpt-5.4-nano", version: "2026-03-17", sku: "DataZoneStandard", capacity: 50 },
      { name: "gpt-5.3-codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard", capacity: 200 },
      { name: "gpt-5", model: "gpt-5", version: "2025-08-07", sku: "DataZoneStandard", capacity: 50 },
      { name: "gpt-5-mini", model: "gpt-5-mini", version: "2025-08-07", sku: "DataZoneStandard", capacity: 100 },
      { name: "gpt-5-nano", model: "gpt-5-nano", version: "2025-08-07", sku: "DataZoneStandard", capacity: 100 },
    ]);
    expect(defaultModels("japaneast", "us", NOW)).toEqual([]);
  });

  test("entra (the default, auth-mode left out): no key rotation, full access off, the answers in place", () => {
    const config = newTeamConfig(ANSWERS, NOW);
    expect(config).toMatchObject({
      team: "payments",
      costCenter: "CC-1",
      location: "eastus2",
      dataBoundary: "us",
      codex: { defaultModel: "gpt-5.5", runnerLabels: ["self-hosted", "codex-runner"], allowFullAccess: false },
      github: { owner: "contoso", repositories: [{ name: "api" }] },
      access: { userGroupIds: ANSWERS.userGroupIds, adminGroupIds: ANSWERS.adminGroupIds },
      budget: { amount: 1500, contactEmails: ["leads@contoso.com"], startMonth: "2026-12" },
      auth: { mode: "entra" },
      networking: { mode: "create", addressSpace: "10.61.0.0/24" },
    });
    expect(config).not.toHaveProperty("keyRotation");
    expect(newTeamConfig({ ...ANSWERS, authMode: "entra" }, NOW)).not.toHaveProperty("keyRotation");
  });

  test("a new team starts at rollout stage local (no CI workflow), in either auth mode", () => {
    expect(newTeamConfig(ANSWERS, NOW).rollout).toEqual({ stage: "local" });
    expect(newTeamConfig({ ...ANSWERS, authMode: "key" }, NOW).rollout).toEqual({ stage: "local" });
  });

  test("key mode writes the rotation schedule out; no model leaves the default model out", () => {
    expect(newTeamConfig({ ...ANSWERS, authMode: "key" }, NOW)).toMatchObject({
      auth: { mode: "key" },
      keyRotation: { periodDays: 30, epoch: "2026-01-01" },
    });
    const none = newTeamConfig({ ...ANSWERS, location: "japaneast" }, NOW);
    expect(none.models).toEqual([]);
    expect(none.codex).toEqual({ runnerLabels: ["self-hosted", "codex-runner"], allowFullAccess: false });
  });

  test("the file: schema line, a header saying nothing is secret, every key under the project, dates quoted", () => {
    const text = renderTeamStackFile(newTeamConfig(ANSWERS, NOW), NOW, PLATFORM);
    const lines = text.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "# yaml-language-server: $schema=./schema/team-config.schema.json",
      "# Team stack for payments, written by 'npm run new-team'. Every key: README.md, \"Config reference\".",
      "# Nothing here is secret: there is no API key (auth.mode entra).",
      "",
      "config:",
      "  azure-native:location: eastus2",
    ]);
    expect(lines).toContain("  codex-boundary:team: payments");
    expect(text).toContain('version: "2026-02-24"');
    expect(text).toContain("    startMonth: 2026-12\n");
    expect(text).toContain("  codex-boundary:rollout:\n    stage: local\n");
    const key = renderTeamStackFile(newTeamConfig({ ...ANSWERS, authMode: "key" }, NOW), NOW, PLATFORM, "../x.json");
    expect(key.split("\n").slice(0, 3)).toEqual([
      "# yaml-language-server: $schema=../x.json",
      "# Team stack for payments, written by 'npm run new-team'. Every key: README.md, \"Config reference\".",
      "# Nothing here is secret: the API key never appears in config.",
    ]);
    expect(key).toContain("  codex-boundary:keyRotation:\n    periodDays: 30\n");
  });

  test("an invalid config is never rendered; the error says the problem is in the new team's answers", () => {
    expect(() => renderTeamStackFile(newTeamConfig({ ...ANSWERS, name: "Bad!" }, NOW), NOW, PLATFORM)).toThrow(
      ConfigError,
    );
    expect(() => renderTeamStackFile(newTeamConfig({ ...ANSWERS, name: "Bad!" }, NOW), NOW, PLATFORM)).toThrow(
      /^1 problem in the new team's answers; nothing was created:\n {2}- codex-boundary:team: /,
    );
  });

  test("long values stay on one line (no folding at 80 columns)", () => {
    const note = "owned by the payments platform group, reviewed every quarter by the security architecture board";
    const text = renderTeamStackFile({ ...newTeamConfig(ANSWERS, NOW), tags: { note } }, NOW, PLATFORM);
    expect(note.length).toBeGreaterThan(80);
    expect(text).toContain(`    note: ${note}\n`);
  });

  test("a config that leaves auth out is key mode (the schema's default), and its header says so", () => {
    const { auth: _auth, ...withoutAuth } = newTeamConfig({ ...ANSWERS, authMode: "key" }, NOW);
    const text = renderTeamStackFile(withoutAuth, NOW, PLATFORM);
    expect(text.split("\n")[2]).toBe("# Nothing here is secret: the API key never appears in config.");
    expect(text).not.toContain("codex-boundary:auth:");
  });
});

describe("the developer kit from stack outputs", () => {
  const config = 'model_provider = "azure"\nbase_url = "https://acct.openai.azure.com/openai/v1"\n';
  const script = "#!/bin/sh\naz keyvault secret show --vault-name 'kv-payments' --name key\n";
  const outputs = () => ({
    baseUrl: "https://acct.openai.azure.com/openai/v1",
    vaultName: "kv-payments",
    developerFiles: { "config.toml": config, "get-key.sh": script },
  });

  test("the CLI's JSON: not JSON, not an object, or no outputs are errors that say what to do", () => {
    expect(parseStackOutputs('{"a":1}', "payments")).toEqual({ a: 1 });
    expect(() => parseStackOutputs("oops", "payments")).toThrow(
      new KitError("`pulumi stack output --json --stack payments` did not print JSON; run it yourself to see why"),
    );
    expect(() => parseStackOutputs("[1]", "payments")).toThrow(
      new KitError("`pulumi stack output --json --stack payments` printed [1], not an object of outputs"),
    );
    expect(() => parseStackOutputs("null", "payments")).toThrow("printed null, not an object of outputs");
    expect(() => parseStackOutputs("{}", "payments")).toThrow(
      new KitError(
        "stack 'payments' has no outputs: deploy it first (pulumi up --stack payments --policy-pack policies, or merge its pull request)",
      ),
    );
    try {
      parseStackOutputs("{}", "payments");
    } catch (error) {
      expect(error).toBeInstanceOf(KitError);
      expect((error as Error).name).toBe("KitError");
    }
  });

  test("deployed outputs make the kit", () => {
    expect(kitFromOutputs(outputs(), "payments")).toEqual({
      baseUrl: "https://acct.openai.azure.com/openai/v1",
      vaultName: "kv-payments",
      files: { "config.toml": config, "get-key.sh": script },
      authMode: "key",
    });
    const { developerFiles, ...rest } = outputs();
    expect(
      kitFromOutputs({ ...rest, developerFiles: { "config.toml": developerFiles["config.toml"] } }, "payments").files,
    ).toEqual({ "config.toml": config });
  });

  const refused = (o: Record<string, unknown>) => {
    try {
      kitFromOutputs(o, "payments");
    } catch (error) {
      expect(error).toBeInstanceOf(KitError);
      return (error as Error).message;
    }
    return "accepted";
  };

  test("missing names and a missing or secret developerFiles are refused, every problem at once", () => {
    expect(refused({})).toBe(
      "the outputs of stack 'payments' do not make a kit; nothing was written:\n" +
        "  - the stack output baseUrl is missing or not text\n" +
        "  - the stack output vaultName is missing or not text\n" +
        "  - the stack output developerFiles is missing: run pulumi up --stack payments with this version of codex-boundary first",
    );
    expect(refused({ ...outputs(), developerFiles: "[secret]" })).toContain(
      "  - the stack output developerFiles is a secret; the kit never holds one",
    );
    expect(refused({ ...outputs(), developerFiles: ["config.toml"] })).toContain("developerFiles is missing");
    expect(refused({ ...outputs(), developerFiles: null })).toContain("developerFiles is missing");
  });

  test("files that are not text, are or hold a secret, or name a placeholder or a mock identity (not deployed yet) are refused", () => {
    const withFile = (name: string, content: unknown) =>
      refused({ ...outputs(), developerFiles: { ...outputs().developerFiles, [name]: content } });
    expect(withFile("a.txt", 5)).toContain("  - developerFiles entry 'a.txt' is not text");
    expect(withFile("a.txt", "[secret]")).toContain(
      "  - developerFiles entry 'a.txt' is or holds a secret; the kit never holds one",
    );
    expect(withFile("a.txt", 'key = "[secret]"')).toContain("'a.txt' is or holds a secret");
    expect(withFile("a.txt", "key = [secret] here")).toBe("accepted");
    expect(withFile("a.txt", "url <account-name-after-pulumi-up> x")).toBe(
      "stack 'payments' is not deployed yet: its outputs still name the offline plan's placeholders (<...-after-pulumi-up>) or mock identities, not deployed resources. Deploy it first (pulumi up --stack payments --policy-pack policies, or merge its pull request), then run npm run kit -- --stack payments again",
    );
    expect(withFile("a.txt", "id 00000000-0000-4000-8000-0000000c0de")).toContain(
      "stack 'payments' is not deployed yet",
    );
    expect(withFile("a.txt", "<Account-after-pulumi-up>")).toBe("accepted");
  });

  test("config.toml must point at the deployed base URL, get-key.sh read the deployed vault, and config.toml must exist", () => {
    expect(refused({ ...outputs(), baseUrl: "https://other.openai.azure.com/openai/v1" })).toContain(
      "  - config.toml does not point at the deployed base URL https://other.openai.azure.com/openai/v1",
    );
    expect(refused({ ...outputs(), vaultName: "kv-other" })).toContain(
      "  - get-key.sh does not read the deployed Key Vault kv-other",
    );
    expect(refused({ ...outputs(), developerFiles: { "get-key.sh": script } })).toBe(
      "the outputs of stack 'payments' do not make a kit; nothing was written:\n  - developerFiles has no config.toml",
    );
    expect(refused({ ...outputs(), baseUrl: 5, vaultName: 6 })).toBe(
      "the outputs of stack 'payments' do not make a kit; nothing was written:\n  - the stack output baseUrl is missing or not text\n  - the stack output vaultName is missing or not text",
    );
  });
});
