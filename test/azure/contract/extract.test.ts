import { describe, expect, test } from "vitest";
import { extractContract, type SpecSource } from "../../../tools/azureContract/extract";
import { SpecNotCached, type SwaggerDoc } from "../../../tools/azureContract/swagger";
import type { RequestTarget, ResourceTarget } from "../../../tools/azureContract/targets";

const MAIN = "specification/things/stable/2030-01-01/things.json";
const COMMON = "specification/things/common/types.json";
const OLD = "specification/things/stable/2029-01-01/things.json";
const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
const THING_PATH = `${RG}/providers/X.Things/things/{thingName}`;
const POKE_PATH = `${THING_PATH}/poke`;

/** A spec set in the shape of azure-rest-api-specs: a resource file, an older version of it and common types. */
function files(): Record<string, SwaggerDoc> {
  return {
    [MAIN]: {
      paths: {
        [THING_PATH]: {
          put: {
            parameters: [
              { $ref: "../../common/types.json#/parameters/SubscriptionIdParameter" },
              { $ref: "../../common/types.json#/parameters/ResourceGroupNameParameter" },
              { name: "thingName", in: "path", pattern: "^[a-z]+$" },
              { name: "api-version", in: "query", type: "string" },
              { name: "dryRun", in: "query", type: "boolean" },
              { in: "header", type: "string" },
              { name: "parameters", in: "body", schema: { $ref: "#/definitions/Thing" } },
            ],
          },
        },
        [POKE_PATH]: {
          post: {
            parameters: [
              { $ref: "../../common/types.json#/parameters/ResourceGroupNameParameter" },
              { name: "thingName", in: "path", type: "string" },
              { name: "parameters", in: "body", schema: { $ref: "#/definitions/PokeParameters" } },
            ],
          },
        },
        [`${RG}/providers/X.Things/bare/{bareName}`]: { put: {} },
        [`${RG}/providers/X.Things/odd/{oddName}`]: {
          put: {
            parameters: [
              { in: "body", schema: { properties: { nameless: { type: "string" } } } },
              { name: "filter", in: "query", schema: { properties: { queried: { type: "string" } } } },
            ],
          },
        },
        [`${RG}/providers/X.Things/schemaless/{schemalessName}`]: {
          put: { parameters: [{ name: "parameters", in: "body" }] },
        },
      },
      definitions: {
        Thing: {
          properties: {
            properties: { "x-ms-client-flatten": true, $ref: "#/definitions/ThingProperties" },
            // Also a path parameter: the path parameter's schema and rule win.
            thingName: { type: "integer" },
            location: { type: "string" },
          },
          required: ["location", "thingName"],
        },
        ThingProperties: {
          properties: {
            zeta: { $ref: "#/definitions/Zeta" },
            alpha: { $ref: "#/definitions/Alpha" },
            elsewhere: { $ref: "./missing.json#/definitions/Other" },
          },
        },
        Zeta: { type: "string", enum: ["z"] },
        Alpha: { type: "string", enum: ["a"] },
        PokeParameters: {
          properties: {
            strength: { type: "integer", maximum: 3 },
            nbf: { type: "integer", "x-ms-client-name": "NotBefore" },
            aside: { $ref: "./missing.json#/definitions/Other" },
          },
          required: ["strength"],
        },
      },
    },
    [OLD]: {
      paths: {
        [`${RG}/providers/X.Things/olds/{oldName}`]: {
          put: { parameters: [{ $ref: "../../common/types.json#/parameters/ResourceGroupNameParameter" }] },
        },
      },
    },
    [COMMON]: {
      parameters: {
        ResourceGroupNameParameter: { name: "resourceGroupName", in: "path", type: "string", maxLength: 90 },
        SubscriptionIdParameter: { name: "subscriptionId", in: "path", type: "string" },
      },
    },
  };
}

const SOURCES: SpecSource[] = [
  { path: MAIN, commit: "m".repeat(40) },
  { path: COMMON, commit: "c".repeat(40), excerpt: true },
  { path: OLD, commit: "o".repeat(40) },
];

function reader(docs: Record<string, SwaggerDoc> = files()): (path: string) => SwaggerDoc {
  return (path) => {
    const doc = docs[path];
    if (!doc) throw new SpecNotCached(path);
    return doc;
  };
}

const THING: ResourceTarget = {
  token: "azure-native:things:Thing",
  apiVersion: "2030-01-01",
  specPath: MAIN,
  operationPath: THING_PATH,
  method: "put",
};
const POKE: RequestTarget = {
  name: "X.Things/things/poke",
  apiVersion: "2030-01-01",
  specPath: MAIN,
  operationPath: POKE_PATH,
  method: "post",
};

function extract(
  resources: ResourceTarget[] = [THING],
  requests: RequestTarget[] = [POKE],
  sources: SpecSource[] = SOURCES,
) {
  return extractContract({ read: reader(), sources, resources, requests });
}

describe("extractContract: a resource entry", () => {
  test("inputs are the path parameters (not the subscription) and the flattened body; its own name is optional on a PUT", () => {
    const entry = extract().resources[THING.token];
    expect(entry).toStrictEqual({
      apiVersion: "2030-01-01",
      source: { path: MAIN, commit: "m".repeat(40) },
      operation: `PUT ${THING_PATH}`,
      pathParameters: ["resourceGroupName", "thingName"],
      schema: {
        type: "object",
        properties: {
          resourceGroupName: { type: "string", maxLength: 90 },
          thingName: { type: "string", pattern: "^[a-z]+$" },
          zeta: { $ref: "#/$defs/things.stable.2030-01-01.things.json.Zeta" },
          alpha: { $ref: "#/$defs/things.stable.2030-01-01.things.json.Alpha" },
          elsewhere: { $ref: "#/$defs/unextracted.things.stable.2030-01-01.missing.json.Other" },
          location: { type: "string" },
        },
        required: ["location", "resourceGroupName"],
        additionalProperties: false,
      },
    });
  });

  test("an operation without parameters has an empty closed schema; a body without a schema adds nothing", () => {
    const bare: ResourceTarget = {
      ...THING,
      token: "azure-native:things:Bare",
      operationPath: `${RG}/providers/X.Things/bare/{bareName}`,
    };
    const schemaless: ResourceTarget = {
      ...THING,
      token: "azure-native:things:Schemaless",
      operationPath: `${RG}/providers/X.Things/schemaless/{schemalessName}`,
    };
    const contract = extract([bare, schemaless], []);
    for (const target of [bare, schemaless]) {
      expect(contract.resources[target.token]?.pathParameters).toStrictEqual([]);
      expect(contract.resources[target.token]?.schema).toStrictEqual({ type: "object", additionalProperties: false });
    }
  });

  test("only the body parameter's schema becomes inputs: a nameless parameter and a query parameter's schema add nothing", () => {
    const odd: ResourceTarget = {
      ...THING,
      token: "azure-native:things:Odd",
      operationPath: `${RG}/providers/X.Things/odd/{oddName}`,
    };
    expect(extract([odd], []).resources[odd.token]?.schema).toStrictEqual({
      type: "object",
      additionalProperties: false,
    });
  });

  test("a stand-in spec file's version is recorded beside the API version sent", () => {
    const old: ResourceTarget = {
      token: "azure-native:things:Old",
      apiVersion: "2030-01-01",
      specApiVersion: "2029-01-01",
      specPath: OLD,
      operationPath: `${RG}/providers/X.Things/olds/{oldName}`,
      method: "put",
    };
    const entry = extract([old], []).resources[old.token];
    expect(entry?.apiVersion).toBe("2030-01-01");
    expect(entry?.specApiVersion).toBe("2029-01-01");
    expect(entry?.source).toStrictEqual({ path: OLD, commit: "o".repeat(40) });
    expect(entry?.schema.required).toStrictEqual(["resourceGroupName"]);
    expect(extract().resources[THING.token]).not.toHaveProperty("specApiVersion");
  });

  test("an operation the spec does not have is an error naming the file, method and path", () => {
    expect(() => extract([{ ...THING, operationPath: `${RG}/providers/X.Things/nothings/{name}` }], [])).toThrow(
      new Error(`${MAIN} has no PUT ${RG}/providers/X.Things/nothings/{name}`),
    );
    expect(() => extract([{ ...THING, method: "post" }], [])).toThrow(new Error(`${MAIN} has no POST ${THING_PATH}`));
    expect(() => extract([{ ...THING, specPath: COMMON }], [])).toThrow(
      new Error(`${COMMON} has no PUT ${THING_PATH}`),
    );
  });

  test("a spec file read without a recorded source is an error naming it", () => {
    expect(() =>
      extract(
        [THING],
        [],
        SOURCES.filter((s) => s.path !== COMMON),
      ),
    ).toThrow(new Error(`no recorded source (path and commit) for ${COMMON}; add it to the cache manifest`));
  });
});

describe("extractContract: a substituted file in another folder", () => {
  test("its definitions are keyed by the file read, and its relative references resolve beside it", () => {
    const v2 = "specification/things/v2/common/types.json";
    const docs = files();
    const properties = docs[MAIN]?.definitions?.ThingProperties?.properties ?? {};
    properties.shared = { $ref: "../../common/types.json#/definitions/Shared" };
    docs[v2] = {
      parameters: docs[COMMON]?.parameters,
      definitions: { Shared: { properties: { extra: { $ref: "./extra.json#/definitions/Extra" } } } },
    };
    docs["specification/things/v2/common/extra.json"] = { definitions: { Extra: { type: "string", enum: ["v2"] } } };
    const contract = extractContract({
      read: reader(docs),
      sources: [
        ...SOURCES,
        { path: v2, commit: "2".repeat(40) },
        { path: "specification/things/v2/common/extra.json", commit: "e".repeat(40) },
      ],
      resources: [THING],
      requests: [],
      substitutions: { [COMMON]: v2 },
    });
    expect(contract.substitutions).toStrictEqual({ [COMMON]: v2 });
    expect(contract.$defs["things.v2.common.types.json.Shared"]).toStrictEqual({
      type: "object",
      properties: { extra: { $ref: "#/$defs/things.v2.common.extra.json.Extra" } },
      additionalProperties: false,
    });
    expect(contract.$defs["things.v2.common.extra.json.Extra"]).toStrictEqual({ type: "string", enum: ["v2"] });
    expect(contract.sources.map((source) => source.path)).toStrictEqual([
      MAIN,
      "specification/things/v2/common/extra.json",
      v2,
    ]);
  });
});

describe("extractContract: a request entry", () => {
  test("every path parameter is required on a POST, and the wire body keeps the spec's names", () => {
    const entry = extract([], [POKE]).requests[POKE.name];
    expect(entry).toStrictEqual({
      apiVersion: "2030-01-01",
      source: { path: MAIN, commit: "m".repeat(40) },
      operation: `POST ${POKE_PATH}`,
      pathParameters: ["resourceGroupName", "thingName"],
      schema: {
        type: "object",
        properties: {
          resourceGroupName: { type: "string", maxLength: 90 },
          thingName: { type: "string" },
          strength: { type: "integer", maximum: 3 },
          notBefore: { type: "integer" },
          aside: { $ref: "#/$defs/unextracted.things.stable.2030-01-01.missing.json.Other" },
        },
        required: ["resourceGroupName", "strength", "thingName"],
        additionalProperties: false,
      },
      body: {
        type: "object",
        properties: {
          strength: { type: "integer", maximum: 3 },
          nbf: { type: "integer" },
          aside: { $ref: "#/$defs/wire.unextracted.things.stable.2030-01-01.missing.json.Other" },
        },
        required: ["strength"],
        additionalProperties: false,
      },
    });
  });

  test("a resource entry keeps no wire body", () => {
    expect(extract().resources[THING.token]).not.toHaveProperty("body");
  });
});

describe("extractContract: the contract document", () => {
  test("names its generator and the spec repository", () => {
    const contract = extract();
    expect(contract.generatedBy).toBe("scripts/extractAzureContract.ts (docs/azure-contract.md)");
    expect(contract.repository).toBe("Azure/azure-rest-api-specs");
  });

  test("lists the files it read, sorted, with their commits, marking excerpts; files not read or not cached are not listed", () => {
    expect(extract().sources).toStrictEqual([
      { path: COMMON, commit: "c".repeat(40), excerpt: true },
      { path: MAIN, commit: "m".repeat(40) },
    ]);
  });

  test("lists each unextracted reference once, sorted, from the inputs and the wire bodies", () => {
    const withSecond = files();
    const definitions = withSecond[MAIN]?.definitions ?? {};
    definitions.PokeParameters = {
      properties: {
        aside: { $ref: "./missing.json#/definitions/Other" },
        before: { $ref: "./aaa.json#/definitions/First" },
      },
    };
    const contract = extractContract({
      read: reader(withSecond),
      sources: SOURCES,
      resources: [THING],
      requests: [POKE],
    });
    expect(contract.unextracted).toStrictEqual([
      "specification/things/stable/2030-01-01/aaa.json#/definitions/First",
      "specification/things/stable/2030-01-01/missing.json#/definitions/Other",
    ]);
    expect(extract([THING], []).unextracted).toStrictEqual([
      "specification/things/stable/2030-01-01/missing.json#/definitions/Other",
    ]);
  });

  test("its $defs are sorted by key", () => {
    expect(Object.keys(extract().$defs)).toStrictEqual([
      "things.stable.2030-01-01.things.json.Alpha",
      "things.stable.2030-01-01.things.json.Zeta",
      "unextracted.things.stable.2030-01-01.missing.json.Other",
      "wire.unextracted.things.stable.2030-01-01.missing.json.Other",
    ]);
  });

  test("without substitutions none is recorded; a substitution that does not apply is not recorded either", () => {
    expect(extract().substitutions).toStrictEqual({});
    expect(
      extractContract({
        read: reader(),
        sources: SOURCES,
        resources: [THING],
        requests: [],
        substitutions: { [OLD]: MAIN },
      }).substitutions,
    ).toStrictEqual({});
  });

  test("a substituted file is read in place of the referenced one, recorded, and listed as the source", () => {
    const copy = "specification/things/common/types-copy.json";
    const docs = files();
    const withCopy = reader({ ...docs, [copy]: docs[COMMON] ?? {} });
    const contract = extractContract({
      read: (path) =>
        path === COMMON
          ? (() => {
              throw new Error("read the substituted file");
            })()
          : withCopy(path),
      sources: [...SOURCES, { path: copy, commit: "k".repeat(40) }],
      resources: [THING],
      requests: [],
      substitutions: { [COMMON]: copy },
    });
    expect(contract.substitutions).toStrictEqual({ [COMMON]: copy });
    expect(contract.sources).toStrictEqual([
      { path: copy, commit: "k".repeat(40) },
      { path: MAIN, commit: "m".repeat(40) },
    ]);
    expect(contract.resources[THING.token]?.schema.required).toStrictEqual(["location", "resourceGroupName"]);
  });
});
