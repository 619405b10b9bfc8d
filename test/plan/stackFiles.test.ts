import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadStackConfig, PlanInputError, SECURE_PLACEHOLDER } from "../../tools/plan/stackFiles";
import { PROJECT_DIR } from "../support/stackFiles";

function tempProject(projectYaml: string, stackYaml: string | undefined, stack = "team"): string {
  const dir = mkdtempSync(join(tmpdir(), "cb-stackfiles-"));
  writeFileSync(join(dir, "Pulumi.yaml"), projectYaml);
  if (stackYaml !== undefined) writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stackYaml);
  return dir;
}

describe("loadStackConfig", () => {
  test("layers the stack file over Pulumi.yaml values and defaults, as the CLI does", () => {
    const dir = tempProject(
      [
        "name: codex-boundary",
        "runtime: nodejs",
        "config:",
        "  location:",
        "    type: string",
        "    default: swedencentral",
        "  keyRotation:",
        "    value:",
        "      periodDays: 30",
        "  audit:",
        "    value:",
        "      retentionDays: 90",
      ].join("\n"),
      [
        "config:",
        "  codex-boundary:team: payments",
        "  codex-boundary:audit:",
        "    retentionDays: 365",
        "  azure-native:location: westeurope",
      ].join("\n"),
    );
    const config = loadStackConfig(dir, "team");
    expect(config.values).toEqual({
      "codex-boundary:location": "swedencentral",
      "codex-boundary:keyRotation": '{"periodDays":30}',
      "codex-boundary:audit": '{"retentionDays":365}',
      "codex-boundary:team": "payments",
      "azure-native:location": "westeurope",
    });
    expect(config.placeholders).toEqual([]);
  });

  test("replaces secure values, at any depth, by a placeholder and marks the key secret", () => {
    const dir = tempProject(
      "name: codex-boundary\nruntime: nodejs\n",
      [
        "config:",
        "  codex-boundary:team: payments",
        "  codex-boundary:github:",
        "    owner: contoso",
        "    token:",
        "      secure: v1:AAAABBBB",
      ].join("\n"),
    );
    const config = loadStackConfig(dir, "team");
    expect(JSON.parse(config.values["codex-boundary:github"] ?? "{}")).toEqual({
      owner: "contoso",
      token: SECURE_PLACEHOLDER,
    });
    expect(config.secretKeys).toEqual(["codex-boundary:github"]);
    expect(config.placeholders).toEqual(["codex-boundary:github"]);
    expect(JSON.stringify(config)).not.toContain("v1:AAAABBBB");
  });

  test("a missing stack file says how to create one", () => {
    expect(() => loadStackConfig(PROJECT_DIR, "nosuchteam")).toThrowError(PlanInputError);
    expect(() => loadStackConfig(PROJECT_DIR, "nosuchteam")).toThrowError(/npm run new-team -- --name nosuchteam/);
  });

  test("broken YAML names the file", () => {
    const dir = tempProject("name: codex-boundary\nruntime: nodejs\n", "config: [unclosed\n");
    expect(() => loadStackConfig(dir, "team")).toThrowError(/Pulumi\.team\.yaml is not valid YAML/);
  });

  test("stack names cannot walk out of the folder", () => {
    expect(() => loadStackConfig(PROJECT_DIR, "../etc/passwd")).toThrowError(/is not a stack name/);
  });
});
