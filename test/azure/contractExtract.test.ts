import Ajv from "ajv";
import { describe, expect, test } from "vitest";
import { extractContract, type SpecSource } from "../../tools/azureContract/extract";
import { SpecNotCached, type SwaggerDoc } from "../../tools/azureContract/swagger";

/** A small spec set in the shape of azure-rest-api-specs: a resource file and a common-types file it references. */
const FILES: Record<string, SwaggerDoc> = {
  "specification/things/stable/2030-01-01/things.json": {
    paths: {
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/X.Things/things/{thingName}": {
        put: {
          parameters: [
            { $ref: "../../common/types.json#/parameters/ResourceGroupNameParameter" },
            { name: "thingName", in: "path", type: "string", pattern: "^[a-z]+$", maxLength: 8 },
            { name: "parameters", in: "body", schema: { $ref: "#/definitions/Thing" } },
            { $ref: "../../common/types.json#/parameters/SubscriptionIdParameter" },
          ],
        },
      },
    },
    definitions: {
      Thing: {
        allOf: [{ $ref: "../../common/types.json#/definitions/Resource" }],
        properties: {
          properties: { "x-ms-client-flatten": true, $ref: "#/definitions/ThingProperties" },
          tags: { type: "object", additionalProperties: { type: "string" } },
          location: { type: "string", "x-ms-mutability": ["read", "create"] },
        },
        required: ["location", "properties"],
      },
      ThingProperties: {
        properties: {
          mode: { type: "string", enum: ["On", "Off"] },
          state: { type: "string", readOnly: true },
          nbf: { type: "integer", "x-ms-client-name": "NotBefore" },
          settings: { $ref: "#/definitions/Settings" },
          elsewhere: { $ref: "./missing.json#/definitions/Other" },
        },
        required: ["mode"],
      },
      Settings: { properties: { level: { type: "integer", minimum: 1, maximum: 3 } }, required: ["level"] },
    },
  },
  "specification/things/common/types.json": {
    definitions: {
      Resource: { properties: { id: { type: "string", readOnly: true }, name: { type: "string", readOnly: true } } },
    },
    parameters: {
      ResourceGroupNameParameter: {
        name: "resourceGroupName",
        in: "path",
        type: "string",
        pattern: "^[-\\w\\._\\(\\)]+$",
        minLength: 1,
        maxLength: 90,
      },
      SubscriptionIdParameter: { name: "subscriptionId", in: "path", type: "string" },
    },
  },
};

const SOURCES: SpecSource[] = Object.keys(FILES).map((path, i) => ({ path, commit: `${i}`.repeat(40) }));

function read(path: string): SwaggerDoc {
  const doc = FILES[path];
  if (!doc) throw new SpecNotCached(path);
  return doc;
}

const TARGET = {
  token: "azure-native:things:Thing",
  apiVersion: "2030-01-01",
  specPath: "specification/things/stable/2030-01-01/things.json",
  operationPath:
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/X.Things/things/{thingName}",
  method: "put" as const,
};

describe("extractContract", () => {
  const contract = extractContract({ read, sources: SOURCES, resources: [TARGET], requests: [] });
  const entry = contract.resources[TARGET.token];
  const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: false });
  const validate = ajv.compile({ ...entry?.schema, $defs: contract.$defs });

  test("lifts flattened properties to the top, keeps path parameters (not the subscription), drops read-only ones, uses client names", () => {
    expect(Object.keys((entry?.schema.properties ?? {}) as object).sort()).toEqual(
      ["elsewhere", "location", "mode", "notBefore", "resourceGroupName", "settings", "tags", "thingName"].sort(),
    );
    expect(entry?.schema.required).toEqual(["location", "mode", "resourceGroupName"]);
    expect(entry?.pathParameters).toEqual(["resourceGroupName", "thingName"]);
  });

  test("records the source path and commit, and every file it read", () => {
    expect(entry?.source).toEqual({ path: TARGET.specPath, commit: "0".repeat(40) });
    expect(contract.sources.map((s) => s.path).sort()).toEqual(Object.keys(FILES).sort());
  });

  test("the schema accepts a well-formed input and refuses enums, patterns, lengths, ranges, unknown and missing properties", () => {
    const good = {
      resourceGroupName: "rg-1",
      thingName: "abc",
      location: "x",
      mode: "On",
      notBefore: 1,
      settings: { level: 2 },
      tags: { a: "b" },
    };
    expect(validate(good)).toBe(true);
    const bad = {
      resourceGroupName: "rg 1",
      thingName: "abcdefgh1",
      mode: "Sideways",
      nbf: 1,
      state: "done",
      settings: { level: 9 },
    };
    expect(validate(bad)).toBe(false);
    const found = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort();
    expect(found).toEqual(
      [
        " additionalProperties",
        " additionalProperties",
        " required",
        "/mode enum",
        "/resourceGroupName pattern",
        "/settings/level maximum",
        "/thingName maxLength",
        "/thingName pattern",
      ].sort(),
    );
  });

  test("a reference into a file that is not cached accepts nothing and is listed", () => {
    expect(contract.unextracted).toEqual(["specification/things/stable/2030-01-01/missing.json#/definitions/Other"]);
    expect(validate({ resourceGroupName: "rg", location: "x", mode: "On", elsewhere: {} })).toBe(false);
  });

  test("a spec file read without a recorded commit is an error", () => {
    expect(() => extractContract({ read, sources: SOURCES.slice(0, 1), resources: [TARGET], requests: [] })).toThrow(
      /no recorded source .*common\/types\.json/,
    );
  });

  test("a substituted file is read in place of the one referenced, and the substitution is recorded", () => {
    const copy = "specification/things/common/types-copy.json";
    const withCopy = (path: string): SwaggerDoc =>
      path === copy ? read("specification/things/common/types.json") : read(path);
    const substituted = extractContract({
      read: withCopy,
      sources: [...SOURCES, { path: copy, commit: "c".repeat(40) }],
      resources: [TARGET],
      requests: [],
      substitutions: { "specification/things/common/types.json": copy },
    });
    expect(substituted.substitutions).toEqual({ "specification/things/common/types.json": copy });
    expect(substituted.sources.map((s) => s.path)).toContain(copy);
    expect(substituted.sources.map((s) => s.path)).not.toContain("specification/things/common/types.json");
    expect(substituted.resources[TARGET.token]?.schema.required).toEqual(entry?.schema.required);
  });
});
