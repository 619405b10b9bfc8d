import { describe, expect, test } from "vitest";
import { SpecNotCached, type SwaggerDoc, type SwaggerSchema } from "../../../tools/azureContract/swagger";
import { defKey, objectSchema, SchemaConverter, type JsonSchema } from "../../../tools/azureContract/toJsonSchema";
import { ContractValidator } from "../../../tools/azureContract/validate";

const MAIN = "specification/things/stable/2030-01-01/things.json";
const COMMON = "specification/things/common/types.json";
/** MAIN's definitions as keys of the contract's $defs (inputs mode, no prefix). */
const DEF = "things.stable.2030-01-01.things.json";

function files(definitions: Record<string, SwaggerSchema> = {}): Record<string, SwaggerDoc> {
  return {
    [MAIN]: {
      definitions: {
        Settings: {
          type: "object",
          properties: { level: { type: "integer", minimum: 1, maximum: 3 } },
          required: ["level"],
        },
        Frozen: { type: "object", readOnly: true, properties: { at: { type: "string" } } },
        Node: {
          type: "object",
          properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/definitions/Node" } } },
        },
        ...definitions,
      },
      other: { definitions: { Inner: { type: "string", enum: ["nested"] } } },
    } as SwaggerDoc,
    [COMMON]: {
      definitions: {
        Resource: {
          properties: { id: { type: "string", readOnly: true }, location: { type: "string" } },
          required: ["location"],
        },
        Tagged: { properties: { tags: { type: "object", additionalProperties: { type: "string" } } } },
      },
    },
  };
}

function converter(
  definitions: Record<string, SwaggerSchema> = {},
  options: { clientNames?: boolean; prefix?: string } = {},
): SchemaConverter {
  const docs = files(definitions);
  const read = (path: string): SwaggerDoc => {
    const doc = docs[path];
    if (!doc) throw new SpecNotCached(path);
    return doc;
  };
  return new SchemaConverter(read, {
    clientNames: options.clientNames ?? true,
    prefix: options.prefix ?? "",
    defs: {},
  });
}

/** The object schema of a Swagger object schema in MAIN, as the contract stores it. */
function shapeOf(
  schema: SwaggerSchema,
  definitions: Record<string, SwaggerSchema> = {},
  options: { clientNames?: boolean } = {},
): JsonSchema {
  return objectSchema(converter(definitions, options).objectShape(MAIN, schema));
}

describe("defKey: a definition's key in the contract's $defs", () => {
  test("the spec path without its leading specification/ folder, dotted, then the name", () => {
    expect(defKey(MAIN, "Thing")).toBe("things.stable.2030-01-01.things.json.Thing");
    expect(defKey("specification/a/specification/b.json", "X")).toBe("a.specification.b.json.X");
    expect(defKey("other/specification/b.json", "X")).toBe("other.specification.b.json.X");
  });
});

describe("SchemaConverter.convert: scalar and array schemas", () => {
  test("keeps type, enum and every constraint keyword, and no prose", () => {
    const schema = {
      type: "string",
      enum: ["a", "b"],
      pattern: "^[a-z]+$",
      minLength: 1,
      maxLength: 8,
      minimum: 0,
      maximum: 9,
      minItems: 0,
      maxItems: 4,
      uniqueItems: true,
      format: "uri",
      description: "prose",
    } as SwaggerSchema;
    expect(converter().convert(MAIN, schema)).toStrictEqual({
      type: "string",
      enum: ["a", "b"],
      pattern: "^[a-z]+$",
      minLength: 1,
      maxLength: 8,
      minimum: 0,
      maximum: 9,
      minItems: 0,
      maxItems: 4,
      uniqueItems: true,
    });
  });

  test("the enum is a copy, so the contract never shares the spec's array", () => {
    const values = ["a"];
    const out = converter().convert(MAIN, { type: "string", enum: values });
    expect(out.enum).toStrictEqual(["a"]);
    expect(out.enum).not.toBe(values);
  });

  test("a file is sent as a string; a schema without a type stays without one", () => {
    expect(converter().convert(MAIN, { type: "file" })).toStrictEqual({ type: "string" });
    expect(converter().convert(MAIN, {})).toStrictEqual({});
    expect(converter().convert(MAIN, { format: "int32" })).toStrictEqual({});
  });

  test("an array's items are converted; items on a non-array and an array without items add nothing", () => {
    expect(
      converter().convert(MAIN, { type: "array", items: { type: "integer", maximum: 3 }, maxItems: 2 }),
    ).toStrictEqual({ type: "array", items: { type: "integer", maximum: 3 }, maxItems: 2 });
    expect(converter().convert(MAIN, { type: "string", items: { type: "integer" } })).toStrictEqual({ type: "string" });
    expect(converter().convert(MAIN, { type: "array" })).toStrictEqual({ type: "array" });
  });

  test("a non-object type with additionalProperties is not an object", () => {
    expect(converter().convert(MAIN, { type: "string", additionalProperties: false })).toStrictEqual({
      type: "string",
    });
  });
});

describe("SchemaConverter.convert: object schemas", () => {
  test("declared properties close the object; required names are sorted", () => {
    expect(
      converter().convert(MAIN, {
        type: "object",
        properties: { b: { type: "string" }, a: { type: "integer" } },
        required: ["b", "a"],
      }),
    ).toStrictEqual({
      type: "object",
      properties: { b: { type: "string" }, a: { type: "integer" } },
      required: ["a", "b"],
      additionalProperties: false,
    });
  });

  test("an object is recognised by its properties, its allOf or (without a type) its additionalProperties", () => {
    expect(converter().convert(MAIN, { properties: { a: { type: "string" } } })).toStrictEqual({
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: false,
    });
    expect(
      converter().convert(MAIN, { allOf: [{ $ref: "../../common/types.json#/definitions/Tagged" }] }),
    ).toStrictEqual({
      type: "object",
      properties: { tags: { type: "object", additionalProperties: { type: "string" } } },
      additionalProperties: false,
    });
    expect(converter().convert(MAIN, { additionalProperties: { type: "integer" } })).toStrictEqual({
      type: "object",
      additionalProperties: { type: "integer" },
    });
  });

  test("a free-form object (no declared properties) accepts any keys", () => {
    expect(converter().convert(MAIN, { type: "object" })).toStrictEqual({ type: "object" });
    expect(converter().convert(MAIN, { type: "object", additionalProperties: true })).toStrictEqual({
      type: "object",
      additionalProperties: true,
    });
  });

  test("a map's size limit, written as maxItems/minItems on the object, becomes maxProperties/minProperties (a minimum of 0 adds nothing)", () => {
    const map = { type: "object", additionalProperties: { type: "string" } };
    expect(converter().convert(MAIN, { ...map, maxItems: 5, minItems: 1 })).toStrictEqual({
      ...map,
      maxProperties: 5,
      minProperties: 1,
    });
    expect(converter().convert(MAIN, { ...map, maxItems: 0, minItems: 0 })).toStrictEqual({ ...map, maxProperties: 0 });
    expect(converter().convert(MAIN, map)).toStrictEqual(map);
  });
});

describe("SchemaConverter.convert: references", () => {
  test("a named definition becomes a $ref into $defs, converted once and shared", () => {
    const c = converter();
    const out = c.convert(MAIN, {
      type: "object",
      properties: { a: { $ref: "#/definitions/Settings" }, b: { $ref: "#/definitions/Settings" } },
    });
    expect(out.properties).toStrictEqual({
      a: { $ref: `#/$defs/${DEF}.Settings` },
      b: { $ref: `#/$defs/${DEF}.Settings` },
    });
    expect(c.defs).toStrictEqual({
      [`${DEF}.Settings`]: {
        type: "object",
        properties: { level: { type: "integer", minimum: 1, maximum: 3 } },
        required: ["level"],
        additionalProperties: false,
      },
    });
  });

  test("a recursive definition refers to itself instead of recursing forever", () => {
    const c = converter();
    expect(c.convert(MAIN, { $ref: "#/definitions/Node" })).toStrictEqual({ $ref: `#/$defs/${DEF}.Node` });
    expect(c.defs[`${DEF}.Node`]).toStrictEqual({
      type: "object",
      properties: { name: { type: "string" }, children: { type: "array", items: { $ref: `#/$defs/${DEF}.Node` } } },
      additionalProperties: false,
    });
  });

  test("a definition converted earlier is not converted again", () => {
    const c = converter();
    c.defs[`${DEF}.Settings`] = { type: "null" };
    expect(c.convert(MAIN, { $ref: "#/definitions/Settings" })).toStrictEqual({ $ref: `#/$defs/${DEF}.Settings` });
    expect(c.defs[`${DEF}.Settings`]).toStrictEqual({ type: "null" });
  });

  test("a reference that is not to a top-level definition is inlined", () => {
    const c = converter();
    expect(c.convert(MAIN, { $ref: "#/definitions/Settings/properties/level" })).toStrictEqual({
      type: "integer",
      minimum: 1,
      maximum: 3,
    });
    expect(c.convert(MAIN, { $ref: "#/other/definitions/Inner" })).toStrictEqual({ type: "string", enum: ["nested"] });
    expect(c.defs).toStrictEqual({});
  });

  test("a definition in another file is keyed by that file; the mode's prefix keeps each mode's keys apart", () => {
    const c = converter({}, { prefix: "wire." });
    expect(c.convert(MAIN, { $ref: "../../common/types.json#/definitions/Tagged" })).toStrictEqual({
      $ref: "#/$defs/wire.things.common.types.json.Tagged",
    });
    expect(Object.keys(c.defs)).toStrictEqual(["wire.things.common.types.json.Tagged"]);
  });

  test("a reference into a file that is not cached accepts nothing and is listed as unextracted", () => {
    const c = converter({}, { prefix: "wire." });
    expect(c.convert(MAIN, { $ref: "./missing.json#/definitions/Other" })).toStrictEqual({
      $ref: `#/$defs/wire.unextracted.things.stable.2030-01-01.missing.json.Other`,
    });
    expect(c.defs).toStrictEqual({ "wire.unextracted.things.stable.2030-01-01.missing.json.Other": { not: {} } });
    expect([...c.unextracted]).toStrictEqual([
      "specification/things/stable/2030-01-01/missing.json#/definitions/Other",
    ]);
  });

  test("a reference to a whole file that is not cached is keyed by the file's name and listed without a pointer", () => {
    const c = converter();
    expect(c.convert(MAIN, { $ref: "./missing.json" })).toStrictEqual({
      $ref: "#/$defs/unextracted.things.stable.2030-01-01.missing.json.missing.json",
    });
    expect([...c.unextracted]).toStrictEqual(["specification/things/stable/2030-01-01/missing.json#"]);
  });

  test("a reference to nothing in a cached file is an error, not an unextracted part", () => {
    expect(() => converter().convert(MAIN, { $ref: "#/definitions/Missing" })).toThrow(
      `unresolved $ref #/definitions/Missing from ${MAIN}`,
    );
  });
});

describe("SchemaConverter.objectShape: what azure-native takes as inputs", () => {
  test("read-only properties are not inputs, whether marked on the property, by mutability or on the referenced definition", () => {
    expect(
      shapeOf({
        properties: {
          id: { type: "string", readOnly: true },
          kept: { type: "string", readOnly: false },
          created: { type: "string", "x-ms-mutability": ["create"] },
          updated: { type: "string", "x-ms-mutability": ["read", "update"] },
          observed: { type: "string", "x-ms-mutability": ["read"] },
          frozen: { $ref: "#/definitions/Frozen" },
          settings: { $ref: "#/definitions/Settings" },
        },
        required: ["id", "observed", "kept"],
      }),
    ).toStrictEqual({
      type: "object",
      properties: {
        kept: { type: "string" },
        created: { type: "string" },
        updated: { type: "string" },
        settings: { $ref: `#/$defs/${DEF}.Settings` },
      },
      required: ["kept"],
      additionalProperties: false,
    });
  });

  test("an object whose declared properties are all read-only is still closed", () => {
    expect(shapeOf({ properties: { id: { type: "string", readOnly: true } } })).toStrictEqual({
      type: "object",
      additionalProperties: false,
    });
  });

  test("a property referring into a file that is not cached is kept (and accepts nothing)", () => {
    expect(shapeOf({ properties: { elsewhere: { $ref: "./missing.json#/definitions/Other" } } })).toStrictEqual({
      type: "object",
      properties: { elsewhere: { $ref: "#/$defs/unextracted.things.stable.2030-01-01.missing.json.Other" } },
      additionalProperties: false,
    });
  });

  test("a property referring to nothing in a cached file is an error", () => {
    expect(() => shapeOf({ properties: { gone: { $ref: "#/definitions/Missing" } } })).toThrow(
      `unresolved $ref #/definitions/Missing from ${MAIN}`,
    );
  });

  test("a property whose chain of references ends at nothing in a cached file is an error", () => {
    expect(() =>
      shapeOf({ properties: { gone: { $ref: "#/definitions/Alias" } } }, { Alias: { $ref: "#/definitions/Missing" } }),
    ).toThrow(`unresolved $ref #/definitions/Missing from ${MAIN}`);
  });

  test("x-ms-client-flatten lifts the property's own properties and required names into the parent", () => {
    expect(
      shapeOf({
        properties: {
          properties: { "x-ms-client-flatten": true, $ref: "#/definitions/Settings" },
          name: { type: "string" },
        },
        required: ["properties", "name"],
      }),
    ).toStrictEqual({
      type: "object",
      properties: { level: { type: "integer", minimum: 1, maximum: 3 }, name: { type: "string" } },
      required: ["level", "name"],
      additionalProperties: false,
    });
  });

  test("a property with x-ms-client-flatten false is kept as it is", () => {
    expect(
      shapeOf({ properties: { properties: { "x-ms-client-flatten": false, $ref: "#/definitions/Settings" } } }),
    ).toStrictEqual({
      type: "object",
      properties: { properties: { $ref: `#/$defs/${DEF}.Settings` } },
      additionalProperties: false,
    });
  });

  test("inputs take the x-ms-client-name with a lower-case first letter; the wire keeps the spec's name", () => {
    const schema: SwaggerSchema = {
      properties: { nbf: { type: "integer", "x-ms-client-name": "NotBefore" }, plain: { type: "string" } },
      required: ["plain"],
    };
    expect(shapeOf(schema)).toStrictEqual({
      type: "object",
      properties: { notBefore: { type: "integer" }, plain: { type: "string" } },
      required: ["plain"],
      additionalProperties: false,
    });
    expect(shapeOf(schema, {}, { clientNames: false })).toStrictEqual({
      type: "object",
      properties: { nbf: { type: "integer" }, plain: { type: "string" } },
      required: ["plain"],
      additionalProperties: false,
    });
  });

  test("a required property with an x-ms-client-name is required under its input name; the wire requires the spec's name", () => {
    const schema: SwaggerSchema = {
      properties: {
        exp: { type: "integer", "x-ms-client-name": "Expires" },
        ro: { type: "string", readOnly: true, "x-ms-client-name": "Gone" },
        plain: { type: "string" },
      },
      required: ["exp", "ro", "plain"],
    };
    expect(shapeOf(schema)).toStrictEqual({
      type: "object",
      properties: { expires: { type: "integer" }, plain: { type: "string" } },
      required: ["expires", "plain"],
      additionalProperties: false,
    });
    expect(shapeOf(schema, {}, { clientNames: false })).toStrictEqual({
      type: "object",
      properties: { exp: { type: "integer" }, plain: { type: "string" } },
      required: ["exp", "plain"],
      additionalProperties: false,
    });
  });

  test("a planned input missing a required client-named property is refused by its input name; present, it passes", () => {
    const c = converter({
      Attributes: {
        properties: {
          exp: { type: "integer", "x-ms-client-name": "Expires" },
          nbf: { type: "integer", "x-ms-client-name": "NotBefore" },
        },
        required: ["exp"],
      },
    });
    const schema = objectSchema(
      c.objectShape(MAIN, {
        properties: { attributes: { $ref: "#/definitions/Attributes" } },
        required: ["attributes"],
      }),
    );
    const validator = new ContractValidator({
      generatedBy: "test",
      repository: "test",
      sources: [],
      resources: {
        "azure-native:things:Thing": {
          apiVersion: "2030-01-01",
          source: { path: MAIN, commit: "0".repeat(40) },
          operation: "PUT /x",
          pathParameters: [],
          schema,
        },
      },
      requests: {},
      substitutions: {},
      unextracted: [],
      $defs: c.defs,
    });
    expect(validator.resourceProblems("azure-native:things:Thing", { attributes: { notBefore: 1 } })).toStrictEqual([
      '/attributes: missing required property "expires"',
    ]);
    expect(validator.resourceProblems("azure-native:things:Thing", { attributes: { exp: 2 } })).toStrictEqual([
      '/attributes: missing required property "expires"',
      '/attributes: unknown property "exp"',
    ]);
    expect(validator.resourceProblems("azure-native:things:Thing", { attributes: { expires: 2 } })).toStrictEqual([]);
  });

  test("a required client-named property lifted from a flattened one or inherited from a parent is required under its input name", () => {
    const definitions: Record<string, SwaggerSchema> = {
      Inner: { properties: { kv: { type: "string", "x-ms-client-name": "KeyVaultUri" } }, required: ["kv"] },
      Parent: { properties: { sub: { type: "string", "x-ms-client-name": "SubnetId" } } },
    };
    expect(
      shapeOf(
        {
          allOf: [{ $ref: "#/definitions/Parent" }],
          properties: { properties: { "x-ms-client-flatten": true, $ref: "#/definitions/Inner" } },
          required: ["sub", "properties"],
        },
        definitions,
      ),
    ).toStrictEqual({
      type: "object",
      properties: { subnetId: { type: "string" }, keyVaultUri: { type: "string" } },
      required: ["keyVaultUri", "subnetId"],
      additionalProperties: false,
    });
  });

  test("a required name that no input property has (undeclared, read-only, flattened) is dropped", () => {
    expect(
      shapeOf({
        properties: {
          exp: { type: "integer", "x-ms-client-name": "Expires" },
          properties: { "x-ms-client-flatten": true, $ref: "#/definitions/Settings" },
        },
        required: ["expires", "missing", "properties"],
      }),
    ).toStrictEqual({
      type: "object",
      properties: { expires: { type: "integer" }, level: { type: "integer", minimum: 1, maximum: 3 } },
      required: ["level"],
      additionalProperties: false,
    });
  });

  test("allOf parents contribute their properties and required names, the schema's own on top", () => {
    expect(
      shapeOf({
        allOf: [
          { $ref: "../../common/types.json#/definitions/Resource" },
          { $ref: "../../common/types.json#/definitions/Tagged" },
        ],
        properties: { size: { type: "integer" } },
        required: ["size"],
      }),
    ).toStrictEqual({
      type: "object",
      properties: {
        location: { type: "string" },
        tags: { type: "object", additionalProperties: { type: "string" } },
        size: { type: "integer" },
      },
      required: ["location", "size"],
      additionalProperties: false,
    });
  });

  test("a parent's map of extra keys stays open, whatever the other parents and the schema's own properties say", () => {
    const definitions: Record<string, SwaggerSchema> = {
      MapParent: { type: "object", additionalProperties: { type: "string" } },
      ClosedParent: { properties: { a: { type: "string" } } },
      FreeParent: { type: "object" },
      OpenParent: { type: "object", additionalProperties: true },
    };
    const refs = (...names: string[]): SwaggerSchema[] => names.map((name) => ({ $ref: `#/definitions/${name}` }));
    expect(
      shapeOf({ allOf: refs("MapParent", "ClosedParent"), properties: { b: { type: "string" } } }, definitions),
    ).toStrictEqual({
      type: "object",
      properties: { a: { type: "string" }, b: { type: "string" } },
      additionalProperties: { type: "string" },
    });
    expect(shapeOf({ allOf: refs("MapParent", "FreeParent") }, definitions)).toStrictEqual({
      type: "object",
      additionalProperties: { type: "string" },
    });
    expect(shapeOf({ allOf: refs("OpenParent"), properties: { b: { type: "string" } } }, definitions)).toStrictEqual({
      type: "object",
      properties: { b: { type: "string" } },
      additionalProperties: true,
    });
    expect(shapeOf({ allOf: refs("ClosedParent") }, definitions)).toStrictEqual({
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: false,
    });
    expect(shapeOf({ allOf: refs("FreeParent") }, definitions)).toStrictEqual({ type: "object" });
  });

  test("an object's own extra-key schema wins over its parents'", () => {
    const definitions: Record<string, SwaggerSchema> = {
      MapParent: { type: "object", additionalProperties: { type: "string" } },
    };
    expect(
      shapeOf({ allOf: [{ $ref: "#/definitions/MapParent" }], additionalProperties: { type: "integer" } }, definitions),
    ).toStrictEqual({
      type: "object",
      additionalProperties: { type: "integer" },
    });
  });

  test("a required name is listed once, even when a parent requires it too", () => {
    expect(
      shapeOf({
        allOf: [{ $ref: "../../common/types.json#/definitions/Resource" }],
        properties: { location: { type: "string" } },
        required: ["location"],
      }),
    ).toStrictEqual({
      type: "object",
      properties: { location: { type: "string" } },
      required: ["location"],
      additionalProperties: false,
    });
  });
});

describe("objectSchema", () => {
  test("leaves out empty properties and required lists, and an unset extra-key rule", () => {
    expect(objectSchema({ properties: {}, required: [] })).toStrictEqual({ type: "object" });
    expect(
      objectSchema({ properties: { b: {}, a: {} }, required: ["b", "a"], additionalProperties: false }),
    ).toStrictEqual({
      type: "object",
      properties: { b: {}, a: {} },
      required: ["a", "b"],
      additionalProperties: false,
    });
  });

  test("sorts a copy of the required names, leaving the shape's list as it was", () => {
    const required = ["b", "a"];
    objectSchema({ properties: { a: {}, b: {} }, required });
    expect(required).toStrictEqual(["b", "a"]);
  });
});
