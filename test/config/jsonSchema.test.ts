import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { teamConfigJsonSchema } from "../../lib/config/jsonSchema";
import { PROJECT_NAME } from "../../lib/names";

/**
 * The committed JSON Schema (schema/team-config.schema.json, what editors validate stack files with, and the source of
 * the README's config reference) against the config schema the parser uses: every description, default, pattern and
 * limit of a field is in that file, so a changed one must be a conscious change (npm run docs), never a silent one.
 */
const committedConfig = (): { properties: Record<string, unknown>; required: string[] } =>
  (
    JSON.parse(readFileSync(join(__dirname, "..", "..", "schema", "team-config.schema.json"), "utf8")) as {
      properties: { config: { properties: Record<string, unknown>; required: string[] } };
    }
  ).properties.config;

describe("the committed JSON Schema is what the config schema builds", () => {
  test("every top-level key, with its description, default, pattern and limits, and the required keys", () => {
    const fresh = teamConfigJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    const committed = committedConfig();
    const prefix = `${PROJECT_NAME}:`;
    const unprefixed = Object.fromEntries(
      Object.entries(committed.properties)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, node]) => [key.slice(prefix.length), node]),
    );
    expect(Object.keys(unprefixed)).toEqual(Object.keys(fresh.properties));
    for (const key of Object.keys(fresh.properties)) expect(fresh.properties[key], key).toStrictEqual(unprefixed[key]);
    expect(committed.required).toEqual(fresh.required.map((key) => `${prefix}${key}`));
  });
});
