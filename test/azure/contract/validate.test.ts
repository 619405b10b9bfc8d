import Ajv from "ajv";
import { describe, expect, test } from "vitest";
import type { AzureContract, ContractEntry } from "../../../tools/azureContract/extract";
import {
  ContractValidator,
  GENERIC_RESOURCE_TYPE,
  isOutOfScope,
  OUT_OF_SCOPE_TYPES,
} from "../../../tools/azureContract/validate";

/** A contract entry around `schema` (and a wire `body` when given); the other fields are not read by the validator. */
function entry(schema: Record<string, unknown>, body?: Record<string, unknown>): ContractEntry {
  return {
    apiVersion: "2030-01-01",
    source: { path: "specification/x.json", commit: "0".repeat(40) },
    operation: "PUT /x",
    pathParameters: [],
    schema,
    ...(body !== undefined ? { body } : {}),
  };
}

const THING = "azure-native:things:Thing";
const GADGET = "azure-native:things:Gadget";

/** A small hand-written contract: two typed resources, two generic ARM types (one without a body) and a request. */
function contract(): AzureContract {
  return {
    generatedBy: "test",
    repository: "test",
    sources: [],
    resources: {
      [THING]: entry({
        type: "object",
        properties: {
          thingName: { type: "string", pattern: "^[a-z]+$", maxLength: 8 },
          mode: { type: "string", enum: ["On", "Off"] },
          settings: { $ref: "#/$defs/things.Settings" },
          elsewhere: { $ref: "#/$defs/unextracted.things.Other" },
          // Written the way Azure's specs write patterns: "\_" and "\." are identity escapes, invalid under the u flag.
          label: { type: "string", pattern: "^[\\w\\_\\.]+$" },
        },
        required: ["mode", "thingName"],
        additionalProperties: false,
      }),
      [GADGET]: entry({
        type: "object",
        properties: { size: { type: "integer", minimum: 1 } },
        required: ["size"],
        additionalProperties: false,
      }),
      "X.Things/boxes@2030-01-01": entry(
        { type: "object", properties: { kindOfInput: { type: "string" } }, additionalProperties: false },
        {
          type: "object",
          properties: { location: { type: "string" }, sku: { type: "string", enum: ["Small", "Large"] } },
          required: ["location"],
          additionalProperties: false,
        },
      ),
      "X.Things/crates@2030-01-01": entry(
        { type: "object", additionalProperties: false },
        {
          type: "object",
          properties: { colour: { type: "string" } },
          required: ["colour"],
          additionalProperties: false,
        },
      ),
      "X.Things/bare@2030-01-01": entry({ type: "object" }),
    },
    requests: {
      "X.Things/things/poke": entry(
        {
          type: "object",
          properties: { thingName: { type: "string" }, strength: { type: "integer" } },
          required: ["strength", "thingName"],
          additionalProperties: false,
        },
        {
          type: "object",
          properties: { strength: { type: "integer", maximum: 3 } },
          required: ["strength"],
          additionalProperties: false,
        },
      ),
      "X.Things/things/nudge": entry({
        type: "object",
        properties: { gently: { type: "boolean" } },
        required: ["gently"],
        additionalProperties: false,
      }),
    },
    substitutions: {},
    unextracted: ["specification/things/missing.json#/definitions/Other"],
    $defs: {
      "things.Settings": {
        type: "object",
        properties: { level: { type: "integer", minimum: 1, maximum: 3 } },
        required: ["level"],
        additionalProperties: false,
      },
      "unextracted.things.Other": { not: {} },
    },
  };
}

const GOOD_THING = { thingName: "abc", mode: "On", settings: { level: 2 }, label: "a_b.c" };

/** The inputs of a generic resource: the routing inputs (URL parts) and the ARM body beside them. */
function generic(
  resourceType: string,
  body: Record<string, unknown>,
  apiVersion = "2030-01-01",
): Record<string, unknown> {
  return {
    resourceGroupName: "rg",
    resourceProviderNamespace: "X.Things",
    parentResourcePath: "",
    resourceType,
    resourceName: "b1",
    apiVersion,
    ...body,
  };
}

describe("isOutOfScope: the Pulumi types the contract check leaves out, by prefix", () => {
  test("each listed prefix is out of scope, with a reason", () => {
    expect(OUT_OF_SCOPE_TYPES.map((t) => t.prefix)).toEqual([
      "pulumi:pulumi:Stack",
      "pulumi:providers:",
      "codex-boundary:",
      "github:",
      "random:",
      "pulumi-nodejs:dynamic/",
    ]);
    for (const { reason } of OUT_OF_SCOPE_TYPES) expect(reason.length).toBeGreaterThan(10);
    for (const type of [
      "pulumi:pulumi:Stack",
      "pulumi:providers:azure-native",
      "codex-boundary:azure:Hub",
      "github:index/repository:Repository",
      "random:index/randomString:RandomString",
      "pulumi-nodejs:dynamic/keys:KeyRegeneration",
    ]) {
      expect(isOutOfScope(type), type).toBe(true);
    }
  });

  test("Azure types, and a listed prefix that is not at the start, are in scope", () => {
    for (const type of [
      "azure-native:keyvault:Vault",
      GENERIC_RESOURCE_TYPE,
      "azure-native:github:Thing",
      "x-random:index:Thing",
      "pulumi:pulumi:Stac",
      "pulumi:provider:azure-native",
      "pulumi-nodejs:dynamic",
      "",
    ]) {
      expect(isOutOfScope(type), type).toBe(false);
    }
  });

  test("the generic resource's type token", () => {
    expect(GENERIC_RESOURCE_TYPE).toBe("azure-native:resources:Resource");
  });
});

describe("ContractValidator.resourceProblems: planned inputs of a typed resource", () => {
  test("a well-formed input has no problem", () => {
    expect(new ContractValidator(contract()).resourceProblems(THING, GOOD_THING)).toEqual([]);
  });

  test("an unknown property at the top level is named with its path and the word (top level)", () => {
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, colour: "red" })).toEqual([
      '(top level): unknown property "colour"',
    ]);
  });

  test("a missing required property, at the top level and nested, is named with its path", () => {
    const { mode: _mode, ...withoutMode } = GOOD_THING;
    expect(new ContractValidator(contract()).resourceProblems(THING, withoutMode)).toEqual([
      '(top level): missing required property "mode"',
    ]);
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, settings: {} })).toEqual([
      '/settings: missing required property "level"',
    ]);
  });

  test("a value outside an enum lists the allowed values, not the value", () => {
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, mode: "Sideways" })).toEqual([
      "/mode: must be one of On, Off",
    ]);
  });

  test("a value in a part whose spec file is not in the contract points to the unextracted list", () => {
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, elsewhere: {} })).toEqual([
      '/elsewhere: uses a part of the API whose spec file is not in the contract (see "unextracted")',
    ]);
  });

  test("other keywords (pattern, length, range, type) use ajv's own words, with the path", () => {
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, thingName: "Abc" })).toEqual([
      '/thingName: must match pattern "^[a-z]+$"',
    ]);
    expect(
      new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, settings: { level: 4 } }),
    ).toEqual(["/settings/level: must be <= 3"]);
    expect(
      new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, settings: { level: 1 } }),
    ).toEqual([]);
    expect(
      new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, settings: { level: 3 } }),
    ).toEqual([]);
    expect(new ContractValidator(contract()).resourceProblems(GADGET, { size: "big" })).toEqual([
      "/size: must be integer",
    ]);
  });

  test("every problem of an input is reported, not only the first", () => {
    expect(
      new ContractValidator(contract()).resourceProblems(THING, { thingName: "Abcdefghi", mode: "Up", colour: "red" }),
    ).toEqual([
      '(top level): unknown property "colour"',
      "/thingName: must NOT have more than 8 characters",
      '/thingName: must match pattern "^[a-z]+$"',
      "/mode: must be one of On, Off",
    ]);
  });

  test("patterns written with identity escapes, as Azure's specs write them, compile and are applied", () => {
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, label: "a_b.c" })).toEqual([]);
    expect(new ContractValidator(contract()).resourceProblems(THING, { ...GOOD_THING, label: "a b" })).toEqual([
      '/label: must match pattern "^[\\w\\_\\.]+$"',
    ]);
  });

  test("a contract schema with a keyword ajv does not know is refused, not silently ignored (strict mode)", () => {
    const loose = contract();
    loose.resources[GADGET] = entry({ type: "object", properties: { size: { type: "integer", "x-ms-secret": true } } });
    expect(() => new ContractValidator(loose).resourceProblems(GADGET, { size: 1 })).toThrow(
      /strict mode: unknown keyword: "x-ms-secret"/,
    );
  });

  test("a type with no contract entry is itself a problem", () => {
    expect(new ContractValidator(contract()).resourceProblems("azure-native:things:Widget", {})).toEqual([
      "no extracted Azure contract for azure-native:things:Widget",
    ]);
  });

  test("each type is checked against its own schema, also with one validator for several types", () => {
    const validator = new ContractValidator(contract());
    expect(validator.resourceProblems(THING, GOOD_THING)).toEqual([]);
    expect(validator.resourceProblems(GADGET, { size: 1 })).toEqual([]);
    expect(validator.resourceProblems(GADGET, GOOD_THING)).toEqual([
      '(top level): missing required property "size"',
      '(top level): unknown property "thingName"',
      '(top level): unknown property "mode"',
      '(top level): unknown property "settings"',
      '(top level): unknown property "label"',
    ]);
    expect(validator.resourceProblems(THING, { size: 1 })).toEqual([
      '(top level): missing required property "mode"',
      '(top level): missing required property "thingName"',
      '(top level): unknown property "size"',
    ]);
  });

  test("each schema is compiled once, however many resources of its type are checked", () => {
    const original = Ajv.prototype.compile;
    let compiled = 0;
    Ajv.prototype.compile = function counted(this: Ajv, ...args: Parameters<Ajv["compile"]>) {
      compiled += 1;
      return original.apply(this, args);
    } as Ajv["compile"];
    try {
      const validator = new ContractValidator(contract());
      for (let i = 0; i < 3; i += 1) validator.resourceProblems(THING, GOOD_THING);
      validator.resourceProblems(GADGET, { size: 1 });
      validator.resourceProblems(GADGET, { size: 0 });
    } finally {
      Ajv.prototype.compile = original;
    }
    expect(compiled).toBe(2);
  });
});

describe("ContractValidator.entryFor: which contract entry judges a resource", () => {
  test("a typed resource by its type token", () => {
    const c = contract();
    expect(new ContractValidator(c).entryFor(THING, {})).toEqual({ key: THING, entry: c.resources[THING] });
    expect(new ContractValidator(c).entryFor("azure-native:things:Widget", {})).toBeUndefined();
  });

  test("the generic resource by its provider namespace, ARM type and API version", () => {
    const c = contract();
    const key = "X.Things/boxes@2030-01-01";
    expect(new ContractValidator(c).entryFor(GENERIC_RESOURCE_TYPE, generic("boxes", {}))).toEqual({
      key,
      entry: c.resources[key],
    });
    expect(
      new ContractValidator(c).entryFor(GENERIC_RESOURCE_TYPE, generic("boxes", {}, "2031-01-01")),
    ).toBeUndefined();
    expect(new ContractValidator(c).entryFor(GENERIC_RESOURCE_TYPE, {})).toBeUndefined();
  });
});

describe("ContractValidator.resourceProblems: the generic resource, checked by its ARM body", () => {
  test("its routing inputs are not part of the body; a well-formed body has no problem", () => {
    expect(
      new ContractValidator(contract()).resourceProblems(
        GENERIC_RESOURCE_TYPE,
        generic("boxes", { location: "westeurope", sku: "Small" }),
      ),
    ).toEqual([]);
  });

  test("the body is checked against the wire body, not the input schema", () => {
    const validator = new ContractValidator(contract());
    expect(
      validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic("boxes", { location: "westeurope", sku: "Medium" })),
    ).toEqual(["/sku: must be one of Small, Large"]);
    expect(validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic("boxes", { kindOfInput: "x" }))).toEqual([
      '(top level): missing required property "location"',
      '(top level): unknown property "kindOfInput"',
    ]);
  });

  test("two ARM types with one validator are each judged by their own body", () => {
    const validator = new ContractValidator(contract());
    expect(validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic("boxes", { location: "westeurope" }))).toEqual([]);
    expect(validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic("crates", { colour: "red" }))).toEqual([]);
    expect(validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic("crates", { location: "westeurope" }))).toEqual([
      '(top level): missing required property "colour"',
      '(top level): unknown property "location"',
    ]);
  });

  test("a body and a typed resource of the same key are not confused", () => {
    const validator = new ContractValidator(contract());
    expect(validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic("boxes", { location: "westeurope" }))).toEqual([]);
    expect(validator.resourceProblems("X.Things/boxes@2030-01-01", { kindOfInput: "x" })).toEqual([]);
    expect(validator.resourceProblems("X.Things/boxes@2030-01-01", { location: "westeurope" })).toEqual([
      '(top level): unknown property "location"',
    ]);
  });

  test("an ARM type or version with no contract names the type, namespace and version", () => {
    expect(
      new ContractValidator(contract()).resourceProblems(GENERIC_RESOURCE_TYPE, generic("boxes", {}, "2031-01-01")),
    ).toEqual(["no extracted Azure contract for azure-native:resources:Resource (X.Things/boxes at 2031-01-01)"]);
  });

  test("an entry without a wire body cannot judge a generic resource, and says so", () => {
    expect(new ContractValidator(contract()).resourceProblems(GENERIC_RESOURCE_TYPE, generic("bare", {}))).toEqual([
      "the contract for X.Things/bare@2030-01-01 holds no wire body to check a generic resource against",
    ]);
  });
});

describe("ContractValidator.requestProblems: a request made outside azure-native", () => {
  test("its inputs are checked against the input schema, its body against the wire body", () => {
    const validator = new ContractValidator(contract());
    expect(validator.requestProblems("X.Things/things/poke", "inputs", { thingName: "a", strength: 9 })).toEqual([]);
    expect(validator.requestProblems("X.Things/things/poke", "body", { strength: 9 })).toEqual([
      "/strength: must be <= 3",
    ]);
    expect(validator.requestProblems("X.Things/things/poke", "body", { strength: 3 })).toEqual([]);
    expect(validator.requestProblems("X.Things/things/poke", "inputs", { strength: 3 })).toEqual([
      '(top level): missing required property "thingName"',
    ]);
  });

  test("two requests with one validator are each judged by their own schema", () => {
    const validator = new ContractValidator(contract());
    expect(validator.requestProblems("X.Things/things/poke", "inputs", { thingName: "a", strength: 1 })).toEqual([]);
    expect(validator.requestProblems("X.Things/things/nudge", "inputs", { gently: true })).toEqual([]);
  });

  test("an unknown request, and a request part with no schema, are problems", () => {
    expect(new ContractValidator(contract()).requestProblems("X.Things/things/kick", "inputs", {})).toEqual([
      "no extracted Azure contract for the request X.Things/things/kick",
    ]);
    expect(new ContractValidator(contract()).requestProblems("X.Things/things/nudge", "body", {})).toEqual([
      "the contract for the request X.Things/things/nudge holds no wire body",
    ]);
  });
});
