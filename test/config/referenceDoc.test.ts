import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  EGRESS_ALLOW_LIST_END,
  EGRESS_ALLOW_LIST_START,
  generatedFiles,
  PROJECT_CONFIG_MARKER,
  renderProjectConfig,
  replaceProjectConfig,
} from "../../lib/config/generated";
import { alternatives, type JsonSchemaNode, teamConfigJsonSchema } from "../../lib/config/jsonSchema";
import {
  REFERENCE_END,
  REFERENCE_START,
  renderConfigReference,
  replaceBetweenMarkers,
} from "../../lib/config/reference";
import {
  renderStackFileSchema,
  schemaHeader,
  STACK_FILE_SCHEMA_PATH,
  stackFileJsonSchema,
} from "../../lib/config/stackFileSchema";
import { schemaRefFor } from "../../tools/onboarding/schemaRef";
import { renderPlatformSchema } from "../../lib/platform/jsonSchema";
import { renderEgressAllowListMarkdown } from "../../lib/devkit/egressAllowList";

/**
 * The generated docs from small hand-written schemas, so each way of describing a value is seen on its own: the
 * committed README only shows the kinds the config uses today.
 */

const HEADER = [
  'Every key lives under `codex-boundary:` in `Pulumi.<team>.yaml`. "required" is within the key\'s parent; a parent with a default may be left out whole.',
  "",
  "| key | required | allowed | default | meaning |",
  "| --- | --- | --- | --- | --- |",
];

/** The table rows rendered for one property `k` described by `node`. */
const rowsFor = (node: JsonSchemaNode, required = false): string[] =>
  renderConfigReference({ type: "object", properties: { k: node }, ...(required ? { required: ["k"] } : {}) })
    .split("\n")
    .slice(HEADER.length, -1);
const allowedOf = (node: JsonSchemaNode): string => (rowsFor(node)[0] ?? "").split(" | ")[2] ?? "";

describe("the config reference table", () => {
  test("a header, one row per key with required, allowed, default and meaning, and a final newline", () => {
    expect(
      renderConfigReference({
        type: "object",
        properties: { a: { type: "string", description: "The a.", default: "x" }, b: { type: "boolean" } },
        required: ["b"],
      }),
    ).toBe([...HEADER, "| `a` | no | text | `x` | The a. |", "| `b` | yes | boolean |  |  |", ""].join("\n"));
  });

  test.each<[string, JsonSchemaNode, string]>([
    ["a constant", { const: "create" }, "`create`"],
    ["an enum", { enum: ["a", 1] }, "`a`, `1`"],
    ["an integer range", { type: "integer", minimum: 1, maximum: 365 }, "integer 1-365"],
    ["an integer range from zero", { type: "integer", minimum: 0, maximum: 9 }, "integer 0-9"],
    ["an integer with a minimum", { type: "integer", minimum: 7 }, "integer ≥ 7"],
    ["a number above zero", { type: "number", exclusiveMinimum: 0 }, "number > 0"],
    ["a number above zero with a maximum", { type: "number", exclusiveMinimum: 0, maximum: 10 }, "number > 0, ≤ 10"],
    ["a number above another exclusive minimum", { type: "number", exclusiveMinimum: 2 }, "number"],
    ["a number with only a maximum", { type: "number", maximum: 10 }, "number"],
    [
      "an integer bounded only by the safe range",
      { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      "integer ≥ 1",
    ],
    [
      "an integer just under the safe range",
      { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER - 1 },
      `integer 1-${Number.MAX_SAFE_INTEGER - 1}`,
    ],
    ["a plain number", { type: "number" }, "number"],
    [
      "a list of enum values with a minimum",
      { type: "array", items: { enum: ["x"] }, minItems: 2 },
      "list of `x` (at least 2)",
    ],
    ["a list allowed empty", { type: "array", items: { type: "string" }, minItems: 0 }, "list of text"],
    ["a list of anything", { type: "array" }, "list of values"],
    ["a map with keys", { type: "object", properties: {} }, "map"],
    ["a map of text", { type: "object" }, "map of text"],
    ["an email", { type: "string", format: "email" }, "email address"],
    ["a URL", { type: "string", format: "uri" }, "https URL"],
    ["a text with a limit", { type: "string", maxLength: 64 }, "text (≤ 64 characters)"],
    ["a text of another format", { type: "string", format: "date" }, "text"],
    ["several types", { type: ["string", "null"] }, "string or null"],
    ["no type", {}, "any"],
    [
      "a union",
      {
        oneOf: [
          { type: "object", properties: { mode: { const: "a" } } },
          { type: "object", properties: { mode: { const: "b" } } },
        ],
      },
      "map, by `mode`",
    ],
  ])("allowed: %s", (_kind, node, expected) => {
    expect(allowedOf(node)).toBe(expected);
  });

  test("defaults: a value is shown in code, an empty map is not, an empty list and false are", () => {
    const defaultOf = (value: unknown) => (rowsFor({ type: "string", default: value })[0] ?? "").split(" | ")[3];
    expect(defaultOf("x")).toBe("`x`");
    expect(defaultOf(30)).toBe("`30`");
    expect(defaultOf(false)).toBe("`false`");
    expect(defaultOf([])).toBe("`[]`");
    expect(defaultOf({})).toBe("");
    expect(defaultOf({ a: 1 })).toBe('`{"a":1}`');
    expect(defaultOf(null)).toBe("`null`");
  });

  test("a pipe or a line break in a description does not break the table", () => {
    expect(rowsFor({ type: "string", description: "a | b\nc", enum: ["x|y"] })).toEqual([
      "| `k` | no | `x\\|y` |  | a \\| b c |",
    ]);
  });

  test("nested maps and lists of maps get dotted and [] keys; required is within the parent", () => {
    const schema: JsonSchemaNode = {
      type: "object",
      properties: {
        m: { type: "object", properties: { inner: { type: "string" } }, required: ["inner"] },
        l: { type: "array", items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
        s: { type: "array", items: { type: "string" } },
      },
    };
    expect(renderConfigReference(schema).split("\n").slice(HEADER.length, -1)).toEqual([
      "| `m` | no | map |  |  |",
      "| `m.inner` | yes | text |  |  |",
      "| `l` | no | list of map |  |  |",
      "| `l[].name` | yes | text |  |  |",
      "| `s` | no | list of text |  |  |",
    ]);
  });

  test("a union by mode: one row for the mode with every choice, then each mode's keys noted, a key in two modes once per mode", () => {
    const schema: JsonSchemaNode = {
      type: "object",
      properties: {
        net: {
          description: "Where.",
          oneOf: [
            {
              type: "object",
              properties: { mode: { const: "a", description: "A." }, x: { type: "string" }, both: { type: "string" } },
              required: ["mode", "x"],
            },
            {
              type: "object",
              properties: { mode: { const: "b", description: "B." }, both: { type: "string" } },
              required: ["mode"],
            },
          ],
        },
      },
      required: ["net"],
    };
    expect(renderConfigReference(schema).split("\n").slice(HEADER.length, -1)).toEqual([
      "| `net` | yes | map, by `mode` |  | Where. |",
      "| `net.mode` | yes | `a`, `b` |  | A. B. |",
      "| `net.x` (mode `a`) | yes | text |  |  |",
      "| `net.both` (mode `a`) | no | text |  |  |",
      "| `net.both` (mode `b`) | no | text |  |  |",
    ]);
  });

  test("a repeated key with the same note is written once", () => {
    const schema: JsonSchemaNode = {
      type: "object",
      properties: {
        u: {
          anyOf: [
            { type: "object", properties: { mode: { const: "a" }, x: { type: "string" } } },
            { type: "object", properties: { mode: { const: "a" }, x: { type: "number" } } },
          ],
        },
      },
    };
    expect(renderConfigReference(schema).split("\n").slice(HEADER.length, -1)).toEqual([
      "| `u` | no | map, by `mode` |  |  |",
      "| `u.mode` | yes | `a`, `a` |  |   |",
      "| `u.x` (mode `a`) | no | text |  |  |",
    ]);
  });

  test("by default it renders the config schema: every top-level key has a row", () => {
    const text = renderConfigReference();
    for (const key of Object.keys(teamConfigJsonSchema().properties ?? {})) expect(text).toContain(`\n| \`${key}\` |`);
    expect(text).toContain("| `networking.mode` | yes | `create`, `existing` |");
  });
});

describe("replacing between markers", () => {
  test("keeps the markers and everything outside them", () => {
    expect(replaceBetweenMarkers("a<!--s-->old<!--e-->b", "new\n", "<!--s-->", "<!--e-->")).toBe(
      "a<!--s-->\nnew\n<!--e-->b",
    );
    expect(replaceBetweenMarkers(`x\n${REFERENCE_START}\nold\n${REFERENCE_END}\ny`, "T\n")).toBe(
      `x\n${REFERENCE_START}\nT\n${REFERENCE_END}\ny`,
    );
  });

  test("the README markers say where the text comes from", () => {
    expect(REFERENCE_START).toBe(
      "<!-- config-reference:start (generated by npm run docs from lib/config/schema.ts; do not edit) -->",
    );
    expect(REFERENCE_END).toBe("<!-- config-reference:end -->");
  });

  test("a missing marker, or markers out of order, is an error naming both", () => {
    const message = "the markers <s> ... <e> are missing or out of order";
    expect(() => replaceBetweenMarkers("a<e>", "x", "<s>", "<e>")).toThrow(message);
    expect(() => replaceBetweenMarkers("<s>a", "x", "<s>", "<e>")).toThrow(message);
    expect(() => replaceBetweenMarkers("<e>a<s>", "x", "<s>", "<e>")).toThrow(message);
    expect(replaceBetweenMarkers("<s><e>", "x", "<s>", "<e>")).toBe("<s>\nx<e>");
  });

  test("the end marker is the first one after the start marker; the same text may mark both ends", () => {
    expect(replaceBetweenMarkers("<e>a<s>old<e>b", "x", "<s>", "<e>")).toBe("<e>a<s>\nx<e>b");
    expect(replaceBetweenMarkers("a<m>old<m>b", "x", "<m>", "<m>")).toBe("a<m>\nx<m>b");
    expect(() => replaceBetweenMarkers("a<m>b", "x", "<m>", "<m>")).toThrow(
      "the markers <m> ... <m> are missing or out of order",
    );
    expect(() => replaceBetweenMarkers("no start here <e>", "x", "<s>", "<e>")).toThrow(
      "the markers <s> ... <e> are missing or out of order",
    );
  });
});

describe("the JSON Schema", () => {
  test("the config schema is built once and kept", () => {
    expect(teamConfigJsonSchema()).toBe(teamConfigJsonSchema());
    expect(teamConfigJsonSchema().additionalProperties).toBe(false);
  });

  test("alternatives: oneOf, else anyOf, else the node itself", () => {
    const a: JsonSchemaNode = { type: "string" };
    const b: JsonSchemaNode = { type: "number" };
    expect(alternatives({ oneOf: [a, b], anyOf: [b] })).toEqual([a, b]);
    expect(alternatives({ anyOf: [b, a] })).toEqual([b, a]);
    const plain: JsonSchemaNode = { type: "boolean" };
    expect(alternatives(plain)).toEqual([plain]);
  });

  test("the networking union resolves by mode", () => {
    const networking = teamConfigJsonSchema().properties?.networking;
    expect(networking && alternatives(networking).map((option) => option.properties?.mode?.const)).toEqual([
      "create",
      "existing",
    ]);
  });
});

describe("the stack file schema", () => {
  test("its header and path", () => {
    expect(STACK_FILE_SCHEMA_PATH).toBe("schema/team-config.schema.json");
    expect(schemaHeader("./s.json")).toBe("# yaml-language-server: $schema=./s.json");
  });

  test("the reference is relative, with ./ when it does not climb, and / separators", () => {
    expect(schemaRefFor("/p", "/p")).toBe("./schema/team-config.schema.json");
    expect(schemaRefFor("/p/teams", "/p")).toBe("../schema/team-config.schema.json");
    expect(schemaRefFor("/p/schema", "/p")).toBe("./team-config.schema.json");
    expect(schemaRefFor("/", "/p")).toBe("./p/schema/team-config.schema.json");
  });

  test("the project's keys under config: prefixed, required ones too; of other namespaces only the safe provider keys; nothing else", () => {
    const schema = stackFileJsonSchema();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("codex-boundary team stack file (Pulumi.<team>.yaml)");
    expect(schema.required).toEqual(["config"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      "config",
      "secretsprovider",
      "encryptedkey",
      "encryptionsalt",
      "environment",
    ]);
    const config = schema.properties?.config;
    expect(config?.additionalProperties).toBe(false);
    expect(config?.type).toBe("object");
    expect(Object.keys(config?.properties ?? {})).toEqual([
      "azure-native:location",
      "azure-native:subscriptionId",
      ...Object.keys(teamConfigJsonSchema().properties ?? {}).map((key) => `codex-boundary:${key}`),
    ]);
    expect(config?.properties?.["codex-boundary:team"]).toBe(teamConfigJsonSchema().properties?.team);
    expect(config?.required).toEqual((teamConfigJsonSchema().required ?? []).map((key) => `codex-boundary:${key}`));
    expect(config?.required).toContain("codex-boundary:team");
    // No pattern for other namespaces: azure-native:oidcRequestUrl, github:baseUrl or github:token are refused.
    expect(config?.patternProperties).toBeUndefined();
  });

  test("rendered with two-space indent and a final newline", () => {
    const text = renderStackFileSchema();
    expect(text).toBe(`${JSON.stringify(stackFileJsonSchema(), null, 2)}\n`);
    expect(text.startsWith('{\n  "$schema": ')).toBe(true);
  });
});

describe("Pulumi.yaml's generated config block", () => {
  test("types and describes each top-level scalar key, never a default; structured keys are left out", () => {
    const config = (parse(renderProjectConfig()) as { config: Record<string, { type: string; description: string }> })
      .config;
    expect(Object.keys(config)).toEqual(["team", "costCenter", "location", "dataBoundary"]);
    expect(config.team).toEqual({ type: "string", description: teamConfigJsonSchema().properties?.team?.description });
    for (const declaration of Object.values(config)) expect(Object.keys(declaration)).toEqual(["type", "description"]);
  });

  test("long descriptions stay on one line", () => {
    expect(
      renderProjectConfig()
        .split("\n")
        .every((line) => !line.startsWith("      ")),
    ).toBe(true);
  });

  test("the marker line is kept and everything after it replaced; no marker is an error", () => {
    expect(
      PROJECT_CONFIG_MARKER.startsWith(
        "# Generated by 'npm run docs' from lib/config/schema.ts; do not edit below this line.",
      ),
    ).toBe(true);
    expect(replaceProjectConfig(`name: x\n${PROJECT_CONFIG_MARKER}\nold: 1\n`)).toBe(
      `name: x\n${PROJECT_CONFIG_MARKER}\n${renderProjectConfig()}`,
    );
    expect(() => replaceProjectConfig("name: x\n")).toThrow("Pulumi.yaml has no generated-config marker line");
  });

  test("generatedFiles lists the files npm run docs writes, reading the three it edits", () => {
    const asked: string[] = [];
    const files = generatedFiles((path) => {
      asked.push(path);
      if (path === "docs/security-review.md") return `S ${EGRESS_ALLOW_LIST_START} old ${EGRESS_ALLOW_LIST_END} E`;
      return path === "README.md" ? `R ${REFERENCE_START} old ${REFERENCE_END} E` : `P\n${PROJECT_CONFIG_MARKER}\nold`;
    });
    expect(asked.sort()).toEqual(["Pulumi.yaml", "README.md", "docs/security-review.md"]);
    expect(files.map((file) => file.path)).toEqual([
      "README.md",
      "schema/team-config.schema.json",
      "schema/platform.schema.json",
      "Pulumi.yaml",
      "docs/security-review.md",
    ]);
    expect(files[4]?.text).toBe(
      `S ${EGRESS_ALLOW_LIST_START}\n${renderEgressAllowListMarkdown()}${EGRESS_ALLOW_LIST_END} E`,
    );
    expect(files[0]?.text).toBe(`R ${REFERENCE_START}\n${renderConfigReference()}${REFERENCE_END} E`);
    expect(files[1]?.text).toBe(renderStackFileSchema());
    expect(files[2]?.text).toBe(renderPlatformSchema());
    expect(files[3]?.text).toBe(`P\n${PROJECT_CONFIG_MARKER}\n${renderProjectConfig()}`);
  });
});

test("a union whose options are not keyed by a constant mode cannot be rendered: an error names where", () => {
  const schema: JsonSchemaNode = {
    type: "object",
    properties: {
      net: {
        anyOf: [
          { type: "object", properties: { cidr: { type: "string" } } },
          { type: "object", properties: { id: { type: "string" } } },
        ],
      },
    },
  };
  expect(() => renderConfigReference(schema)).toThrow(
    "config reference: the alternatives of net are not keyed by a constant `mode`; give each a mode or document them by hand",
  );
  const plain: JsonSchemaNode = {
    type: "object",
    properties: { net: { anyOf: [{ type: "string" }, { type: "number" }] } },
  };
  expect(() => renderConfigReference(plain)).toThrow(
    "config reference: the alternatives of net are not keyed by a constant `mode`; give each a mode or document them by hand",
  );
});

test("every union in the config schema is keyed by a constant mode", () => {
  const walk = (node: JsonSchemaNode): void => {
    const options = alternatives(node);
    if (options.length > 1) for (const option of options) expect(option.properties?.mode?.const).toBeDefined();
    for (const option of options) {
      for (const child of Object.values(option.properties ?? {})) walk(child);
      if (option.items) walk(option.items);
    }
  };
  walk(teamConfigJsonSchema());
});
