import { describe, expect, test } from "vitest";
import { type DevKitInputs, validateDevKitInputs } from "../../lib/devkit/inputs";
import { SAMPLE_INPUTS } from "./support";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

function problems(patch: Partial<DevKitInputs>): string {
  try {
    validateDevKitInputs({ ...SAMPLE_INPUTS, ...patch });
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("validateDevKitInputs", () => {
  test("valid inputs pass and come back unchanged (key mode, and entra mode with a tenant GUID)", () => {
    expect(validateDevKitInputs(SAMPLE_INPUTS)).toBe(SAMPLE_INPUTS);
    const entra: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: TENANT };
    expect(validateDevKitInputs(entra)).toBe(entra);
    expect(problems({ authMode: "entra", tenantId: TENANT.toUpperCase() })).toBe("");
    expect(problems({ authMode: "key", tenantId: undefined })).toBe("");
  });

  test("each problem is a line under one heading, with the value that was given", () => {
    expect(problems({ team: "X", stack: "a b" })).toBe(
      'developer kit inputs rejected:\n  - team is not a valid team name (got "X")\n  - stack is not a valid stack name (got "a b")',
    );
  });

  test.each([
    ["https://codex-dev-abc123.openai.azure.com/openai/v1", ""],
    ["https://a.openai.azure.com/openai/v1", ""],
    ["https://evil.example.com/openai/v1", "x"],
    ["http://codex-dev-abc123.openai.azure.com/openai/v1", "x"],
    ["xhttps://codex-dev-abc123.openai.azure.com/openai/v1", "x"],
    ["https://codex-dev-abc123.openai.azure.com/openai/v1/", "x"],
    ["https://codex-dev-abc123.openai.azure.com/openai/v1x", "x"],
    ["https://Codex.openai.azure.com/openai/v1", "x"],
    ["https://-codex.openai.azure.com/openai/v1", "x"],
    ["https://codex-.openai.azure.com/openai/v1", "x"],
    ["https://a.b.openai.azure.com/openai/v1", "x"],
    ["https://codexxopenaixazurexcom/openai/v1", "x"],
  ])("baseUrl %s: rejected? %j", (baseUrl, rejected) => {
    const message = problems({ baseUrl });
    if (rejected === "") expect(message).toBe("");
    else
      expect(message).toBe(
        `developer kit inputs rejected:\n  - baseUrl must be https://<subdomain>.openai.azure.com/openai/v1 (got ${JSON.stringify(baseUrl)})`,
      );
  });

  test("team, stack and vault name: a valid one passes, an invalid one names the field and the value", () => {
    expect(problems({ team: "payments-2" })).toBe("");
    expect(problems({ team: 'dev"\nmodel = "x' })).toContain(
      `team is not a valid team name (got ${JSON.stringify('dev"\nmodel = "x')})`,
    );
    expect(problems({ stack: "prod.eu_1-a" })).toBe("");
    expect(problems({ stack: "dev;rm" })).toContain('stack is not a valid stack name (got "dev;rm")');
    expect(problems({ vaultName: "kv-prod-1" })).toBe("");
    expect(problems({ vaultName: "kv'; rm -rf ~; '" })).toContain(
      `vaultName is not a valid Key Vault name (got ${JSON.stringify("kv'; rm -rf ~; '")})`,
    );
  });

  test("the default model must be one of the deployments", () => {
    expect(problems({ defaultModel: "gpt-5-mini" })).toBe("");
    expect(problems({ defaultModel: "gpt-4o" })).toContain('defaultModel "gpt-4o" is not one of the deployments');
  });

  test("every deployment name and every runner label is checked, not only the first", () => {
    expect(problems({ deployments: ["gpt-5.3-codex", "bad name"] })).toContain(
      'deployment name "bad name" is not valid',
    );
    expect(problems({ runnerLabels: ["self-hosted", "self hosted"] })).toContain(
      'runner label "self hosted" is not valid',
    );
    expect(problems({ runnerLabels: ["self-hosted", "bad$", "also bad"] })).toBe(
      'developer kit inputs rejected:\n  - runner label "bad$" is not valid\n  - runner label "also bad" is not valid',
    );
  });

  test("at least one runner label", () => {
    expect(problems({ runnerLabels: ["codex"] })).toBe("");
    expect(problems({ runnerLabels: [] })).toBe(
      "developer kit inputs rejected:\n  - runnerLabels must name at least one runner label",
    );
  });

  test.each([
    [undefined, true],
    ["", true],
    ["72f988bf-86f1-41af-91ab-2d7cd011db4", true],
    [`x${TENANT}`, true],
    [`${TENANT}x`, true],
    ["72f988bf86f141af91ab2d7cd011db47", true],
    ["g2f988bf-86f1-41af-91ab-2d7cd011db47", true],
    [TENANT, false],
  ])("entra mode, tenantId %j: rejected %j", (tenantId, rejected) => {
    const message = problems({ authMode: "entra", tenantId });
    if (rejected)
      expect(message).toBe(
        `developer kit inputs rejected:\n  - tenantId must be the Entra tenant GUID in entra mode (got ${JSON.stringify(tenantId)})`,
      );
    else expect(message).toBe("");
  });
});
