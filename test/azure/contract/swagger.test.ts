import { describe, expect, test } from "vitest";
import {
  deref,
  resolveRef,
  SpecNotCached,
  type SpecReader,
  type SwaggerDoc,
  type SwaggerSchema,
} from "../../../tools/azureContract/swagger";

const MAIN = "specification/things/stable/2030-01-01/things.json";
const COMMON = "specification/things/common/types.json";

/** A spec set as azure-rest-api-specs lays it out: a resource file and a common-types file two folders up. */
function files(): Record<string, SwaggerDoc> {
  return {
    [MAIN]: {
      paths: {
        "/subscriptions/{id}/things/{name}": { put: { parameters: [{ name: "name", in: "path", type: "string" }] } },
      },
      definitions: {
        Thing: { type: "object", properties: { size: { type: "integer" } } },
        Alias: { $ref: "#/definitions/Thing" },
        AliasOfAlias: { $ref: "#/definitions/Alias" },
        Common: { $ref: "../../common/types.json#/definitions/Resource" },
        "a/b": { type: "string", enum: ["slash"] },
        "a~b": { type: "string", enum: ["tilde"] },
        "~1": { type: "string", enum: ["tilde-one"] },
        "x/y/z": { type: "string", enum: ["two slashes"] },
        Nothing: null as unknown as SwaggerSchema,
      },
    },
    [COMMON]: { definitions: { Resource: { properties: { id: { type: "string", readOnly: true } } } } },
  };
}

/** A reader over `docs` that records the files it was asked for and throws SpecNotCached for any other file. */
function reader(docs: Record<string, SwaggerDoc> = files()): SpecReader & { asked: string[] } {
  const asked: string[] = [];
  const read = (path: string): SwaggerDoc => {
    asked.push(path);
    const doc = docs[path];
    if (!doc) throw new SpecNotCached(path);
    return doc;
  };
  return Object.assign(read, { asked });
}

describe("SpecNotCached", () => {
  test("names the spec file that is not in the cache", () => {
    const error = new SpecNotCached("specification/x/y.json");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("SpecNotCached");
    expect(error.specPath).toBe("specification/x/y.json");
    expect(error.message).toBe("spec file specification/x/y.json is not in the cache");
  });
});

describe("resolveRef", () => {
  test("a local reference is looked up in the referring file", () => {
    const read = reader();
    expect(resolveRef(read, MAIN, "#/definitions/Thing")).toEqual({
      file: MAIN,
      pointer: "/definitions/Thing",
      node: files()[MAIN]?.definitions?.Thing,
    });
    expect(read.asked).toEqual([MAIN]);
  });

  test("a cross-file reference is resolved relative to the referring file's folder", () => {
    const read = reader();
    expect(resolveRef(read, MAIN, "../../common/types.json#/definitions/Resource")).toEqual({
      file: COMMON,
      pointer: "/definitions/Resource",
      node: { properties: { id: { type: "string", readOnly: true } } },
    });
    expect(read.asked).toEqual([COMMON]);
  });

  test("a reference to a whole file (no #, or nothing after it) is that file's document", () => {
    expect(resolveRef(reader(), MAIN, "../../common/types.json")).toEqual({
      file: COMMON,
      pointer: "",
      node: files()[COMMON],
    });
    expect(resolveRef(reader(), MAIN, "../../common/types.json#")).toEqual({
      file: COMMON,
      pointer: "",
      node: files()[COMMON],
    });
  });

  test("escaped pointer segments: ~1 is a slash and ~0 a tilde, each as often as written, ~01 a literal ~1", () => {
    expect(resolveRef<SwaggerSchema>(reader(), MAIN, "#/definitions/a~1b").node.enum).toEqual(["slash"]);
    expect(resolveRef<SwaggerSchema>(reader(), MAIN, "#/definitions/x~1y~1z").node.enum).toEqual(["two slashes"]);
    expect(resolveRef<SwaggerSchema>(reader(), MAIN, "#/definitions/a~0b").node.enum).toEqual(["tilde"]);
    expect(resolveRef<SwaggerSchema>(reader(), MAIN, "#/definitions/~01").node.enum).toEqual(["tilde-one"]);
    expect(resolveRef(reader(), MAIN, "#/paths/~1subscriptions~1{id}~1things~1{name}/put").node).toEqual({
      parameters: [{ name: "name", in: "path", type: "string" }],
    });
  });

  test("empty pointer segments are skipped", () => {
    expect(resolveRef<SwaggerSchema>(reader(), MAIN, "#//definitions//Thing/").node).toEqual({
      type: "object",
      properties: { size: { type: "integer" } },
    });
  });

  test("a pointer that runs past a leaf value or a null ends at it", () => {
    expect(resolveRef(reader(), MAIN, "#/definitions/Thing/type/more").node).toBe("object");
    expect(resolveRef(reader(), MAIN, "#/definitions/Nothing/more").node).toBeNull();
  });

  test("a pointer to nothing is an error naming the reference, the referring file and where it looked", () => {
    expect(() => resolveRef(reader(), MAIN, "../../common/types.json#/definitions/Missing")).toThrow(
      new Error(
        `unresolved $ref ../../common/types.json#/definitions/Missing from ${MAIN} (looked in ${COMMON}/definitions/Missing)`,
      ),
    );
  });

  test("a file that is not cached stays a SpecNotCached error", () => {
    expect(() => resolveRef(reader(), MAIN, "./other.json#/definitions/X")).toThrow(SpecNotCached);
    expect(() => resolveRef(reader(), MAIN, "./other.json#/definitions/X")).toThrow(
      "spec file specification/things/stable/2030-01-01/other.json is not in the cache",
    );
  });

  test("the reader's redirect decides which file is read in place of the referenced one", () => {
    const read = reader();
    const redirected = Object.assign((path: string) => read(path), {
      redirect: (path: string) => (path === "specification/things/common/old.json" ? COMMON : path),
    });
    expect(resolveRef(redirected, MAIN, "../../common/old.json#/definitions/Resource").file).toBe(COMMON);
    expect(resolveRef(redirected, MAIN, "#/definitions/Thing").file).toBe(MAIN);
    expect(read.asked).toEqual([COMMON, MAIN]);
  });
});

describe("deref", () => {
  test("a node without $ref is itself, in its file, with an empty pointer", () => {
    const node: SwaggerSchema = { type: "string" };
    expect(deref(reader(), MAIN, node)).toEqual({ file: MAIN, pointer: "", node });
  });

  test("follows a chain of references across files to the first node without $ref", () => {
    expect(deref(reader(), MAIN, { $ref: "#/definitions/AliasOfAlias" })).toEqual({
      file: MAIN,
      pointer: "/definitions/Thing",
      node: files()[MAIN]?.definitions?.Thing,
    });
    expect(deref(reader(), MAIN, { $ref: "#/definitions/Common" })).toEqual({
      file: COMMON,
      pointer: "/definitions/Resource",
      node: files()[COMMON]?.definitions?.Resource,
    });
  });

  test("a chain of 33 references resolves; 34, or a cycle, is an error naming the file", () => {
    const chain = (length: number): Record<string, SwaggerDoc> => {
      const definitions: Record<string, SwaggerSchema> = { D0: { type: "string" } };
      for (let i = 1; i <= length; i += 1) definitions[`D${i}`] = { $ref: `#/definitions/D${i - 1}` };
      return { [MAIN]: { definitions } };
    };
    expect(deref(reader(chain(32)), MAIN, { $ref: "#/definitions/D32" }).node).toEqual({ type: "string" });
    expect(() => deref(reader(chain(33)), MAIN, { $ref: "#/definitions/D33" })).toThrow(
      new Error(`$ref chain too long at ${MAIN}`),
    );
    expect(() =>
      deref(reader({ [MAIN]: { definitions: { Loop: { $ref: "#/definitions/Loop" } } } }), MAIN, {
        $ref: "#/definitions/Loop",
      }),
    ).toThrow(`$ref chain too long at ${MAIN}`);
  });
});
