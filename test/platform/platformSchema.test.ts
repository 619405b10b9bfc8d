import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { PLATFORM_SCHEMA_PATH, renderPlatformSchema } from "../../lib/platform/jsonSchema";
import { FIXTURES_DIR, PROJECT_DIR } from "../support/stackFiles";

const PLATFORM_FILES = [
  { path: join(PROJECT_DIR, "platform.yaml"), ref: "./schema/platform.schema.json" },
  { path: join(FIXTURES_DIR, "platform.yaml"), ref: "../../schema/platform.schema.json" },
];

describe("schema/platform.schema.json", () => {
  test("the committed file is what lib/platform/schema.ts generates now (npm run docs)", () => {
    expect(readFileSync(join(PROJECT_DIR, PLATFORM_SCHEMA_PATH), "utf8")).toBe(renderPlatformSchema());
  });

  test("every shipped platform.yaml names it on its first line and is valid against it; an unknown key is not", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(PROJECT_DIR, PLATFORM_SCHEMA_PATH), "utf8")) as object);
    for (const { path, ref } of PLATFORM_FILES) {
      const text = readFileSync(path, "utf8");
      expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${ref}`);
      expect(validate(parse(text)), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const doc = parse(text) as { github: Record<string, unknown> };
      expect(validate({ ...doc, github: { ...doc.github, baseUrl: "https://evil.example" } })).toBe(false);
    }
  });
});
