import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { generatedFiles } from "../../lib/config/generated";
import { alternatives, type JsonSchemaNode, teamConfigJsonSchema } from "../../lib/config/jsonSchema";
import { REFERENCE_END, REFERENCE_START } from "../../lib/config/reference";
import { STACK_FILE_SCHEMA_PATH, stackFileJsonSchema } from "../../lib/config/stackFileSchema";
import { schemaRefFor } from "../../tools/onboarding/schemaRef";
import { FIXTURES_DIR, PROJECT_DIR } from "../support/stackFiles";

const read = (path: string): string => readFileSync(join(PROJECT_DIR, path), "utf8");

const STACK_FILES = [
  join(PROJECT_DIR, "Pulumi.dev.yaml"),
  ...readdirSync(FIXTURES_DIR)
    .filter((name) => /^Pulumi\..+\.yaml$/.test(name))
    .map((name) => join(FIXTURES_DIR, name)),
];
const INVALID = join(__dirname, "fixtures", "Pulumi.invalid.yaml");

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // The schema carries a pattern beside `email`; `uri` is checked by the parser (https only).
  ajv.addFormat("email", true);
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  return ajv.compile(JSON.parse(read(STACK_FILE_SCHEMA_PATH)) as object);
}

describe("generated files (npm run docs)", () => {
  test("README's config reference, the JSON Schema and Pulumi.yaml match what the schema generates now", () => {
    for (const file of generatedFiles(read)) {
      expect(read(file.path), `${file.path} is stale: run 'npm run docs'`).toBe(file.text);
    }
  });

  test("the reference names every top-level key with its description and default", () => {
    const readme = read("README.md");
    const reference = readme.slice(readme.indexOf(REFERENCE_START), readme.indexOf(REFERENCE_END));
    expect(reference).toContain("| `keyRotation.periodDays` | no | integer 1-365 | `30` |");
    expect(reference).toContain("| `keyRotation.epoch` | no | text | `2026-01-01` |");
    const projectKeys = Object.keys(stackFileJsonSchema().properties?.config?.properties ?? {}).filter((key) =>
      key.startsWith("codex-boundary:"),
    );
    expect(projectKeys.length).toBeGreaterThan(10);
    for (const key of projectKeys) {
      expect(reference).toContain(`| \`${key.replace("codex-boundary:", "")}\` |`);
    }
  });

  test("every field of the config schema has a description", () => {
    const missing: string[] = [];
    const walk = (node: JsonSchemaNode, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if ((child.description ?? "").length < 10) missing.push(`${path}${key}`);
        for (const option of alternatives(child)) walk(option, `${path}${key}.`);
        if (child.items) walk(child.items, `${path}${key}[].`);
      }
    };
    walk(teamConfigJsonSchema(), "");
    expect(missing).toEqual([]);
  });

  test("Pulumi.yaml declares no defaults: the schema states each one once", () => {
    const project = parse(read("Pulumi.yaml")) as { config: Record<string, Record<string, unknown>> };
    for (const [key, declaration] of Object.entries(project.config)) {
      expect(Object.keys(declaration).sort(), key).toEqual(["description", "type"]);
    }
  });
});

describe("the JSON Schema of stack files", () => {
  test.each(STACK_FILES)("accepts %s, whose first line names the schema by a path that exists", (file) => {
    const text = readFileSync(file, "utf8");
    const first = text.split("\n")[0] ?? "";
    expect(first).toBe(`# yaml-language-server: $schema=${schemaRefFor(dirname(file), PROJECT_DIR)}`);
    expect(existsSync(resolve(dirname(file), first.replace(/^.*\$schema=/, "")))).toBe(true);
    const validate = validator();
    expect(validate(parse(text)), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  test("rejects the known-bad stack file, for each of its mistakes", () => {
    const validate = validator();
    expect(validate(parse(readFileSync(INVALID, "utf8")))).toBe(false);
    const found = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
    const expected = [
      ["/config/codex-boundary:team ", "pattern"],
      ["/config/codex-boundary:dataBoundary ", "enum"],
      ["/config/codex-boundary:models/0 ", "capcity"],
      ["/config/codex-boundary:models/0 ", "capacity"],
      ["/config/codex-boundary:access/userGroupIds/0 ", "pattern"],
      ["/config/codex-boundary:networking", "addressSpace"],
      ["/config ", "codex-boundary:bugdet"],
      [" additionalProperties", "teamname"],
    ];
    for (const [path, detail] of expected) {
      expect(
        found.some((line) => line.startsWith(path ?? "") && line.includes(detail ?? "")),
        `${path} ${detail}\n${found.join("\n")}`,
      ).toBe(true);
    }
  });

  test("the safe provider keys and the CLI's own keys are allowed; a bare key or another provider's key is not", () => {
    const validate = validator();
    const dev = parse(read("Pulumi.dev.yaml")) as { config: Record<string, unknown> };
    const withCli = {
      secretsprovider: "azurekeyvault://kv.vault.azure.net/keys/k",
      encryptedkey: "abc",
      config: { ...dev.config, "azure-native:subscriptionId": "00000000-0000-4000-8000-00000000c0de" },
    };
    expect(validate(withCli), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ config: { ...dev.config, team: "dev" } })).toBe(false);
    for (const key of ["azure-native:oidcRequestUrl", "azure-native:metadataHost", "github:baseUrl", "github:token"])
      expect(validate({ config: { ...dev.config, [key]: "https://evil.example/idtoken" } }), key).toBe(false);
  });

  test("new-team's file names the schema by its path from the folder the file is written to", () => {
    expect(schemaRefFor(PROJECT_DIR, PROJECT_DIR)).toBe("./schema/team-config.schema.json");
    expect(schemaRefFor(FIXTURES_DIR, PROJECT_DIR)).toBe("../../schema/team-config.schema.json");
  });
});
