import { deref, resolveRef, SpecNotCached, type Located, type SpecReader, type SwaggerSchema } from "./swagger";

/** A JSON Schema (draft 2020-12 subset) as the contract stores it: structure and constraints, no prose. */
export type JsonSchema = { [keyword: string]: unknown };

const CONSTRAINTS = [
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "uniqueItems",
] as const;

interface ObjectShape {
  properties: Record<string, JsonSchema>;
  required: string[];
  additionalProperties?: boolean | JsonSchema;
}

/** A definition's key in the contract's $defs: its spec path (without "specification/") and name, dotted. */
export function defKey(file: string, name: string): string {
  return `${file.replace(/^specification\//, "").replace(/\//g, ".")}.${name}`;
}

/**
 * Converts Swagger schemas into JSON Schema the way azure-native presents inputs: read-only properties are not
 * inputs, a property marked x-ms-client-flatten has its own properties lifted into the parent, allOf is merged,
 * an object with declared properties accepts no others.
 */
export class SchemaConverter {
  readonly defs: Record<string, JsonSchema>;
  /** References into spec files that are not cached: their schema accepts nothing, so a plan that uses them fails. */
  readonly unextracted = new Set<string>();

  /**
   * clientNames: name properties as azure-native does (x-ms-client-name, first letter lower-cased), for resource
   * inputs; off for a body as sent on the wire. Each mode keeps its own $defs keys (prefix).
   */
  constructor(
    private readonly read: SpecReader,
    private readonly options: { clientNames: boolean; prefix: string; defs: Record<string, JsonSchema> },
  ) {
    this.defs = options.defs;
  }

  /** A schema for a value of this Swagger schema; named definitions become $refs into defs. */
  convert(file: string, schema: SwaggerSchema): JsonSchema {
    if (schema.$ref !== undefined) {
      let target: Located<SwaggerSchema>;
      try {
        target = resolveRef<SwaggerSchema>(this.read, file, schema.$ref);
      } catch (error) {
        if (!(error instanceof SpecNotCached)) throw error;
        const key = `${this.options.prefix}unextracted.${defKey(error.specPath, schema.$ref.split("/").pop() ?? "unknown")}`;
        this.defs[key] = { not: {} };
        this.unextracted.add(`${error.specPath}#${schema.$ref.split("#")[1] ?? ""}`);
        return { $ref: `#/$defs/${key}` };
      }
      const match = /^\/definitions\/([^/]+)$/.exec(target.pointer);
      if (!match?.[1]) return this.convert(target.file, target.node);
      const key = `${this.options.prefix}${defKey(target.file, match[1])}`;
      if (!(key in this.defs)) {
        this.defs[key] = {};
        this.defs[key] = this.convert(target.file, { ...target.node, $ref: undefined });
      }
      return { $ref: `#/$defs/${key}` };
    }
    if (isObjectSchema(schema)) {
      const out = objectSchema(this.objectShape(file, schema));
      // Swagger specs write a map's size limit as maxItems/minItems on the object (e.g. "up to five notifications").
      if (schema.maxItems !== undefined) out.maxProperties = schema.maxItems;
      if (schema.minItems !== undefined && schema.minItems > 0) out.minProperties = schema.minItems;
      return out;
    }
    const out: JsonSchema = {};
    const type = schema.type === "file" ? "string" : schema.type;
    if (type !== undefined) out.type = type;
    if (schema.enum !== undefined) out.enum = [...schema.enum];
    for (const keyword of CONSTRAINTS) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
    if (type === "array" && schema.items !== undefined) out.items = this.convert(file, schema.items);
    return out;
  }

  /** Properties, required names and extra-key rule of an object schema, after allOf and flattening. */
  objectShape(file: string, schema: SwaggerSchema): ObjectShape {
    return this.namedShape(file, schema).shape;
  }

  /** The input name of a spec property: its x-ms-client-name, first letter lower-cased, in inputs mode. */
  private inputName(name: string, property: SwaggerSchema): string {
    const clientName = property["x-ms-client-name"];
    return this.options.clientNames && clientName !== undefined
      ? `${clientName.charAt(0).toLowerCase()}${clientName.slice(1)}`
      : name;
  }

  /**
   * The object shape, and for every property in it (own, from allOf parents, lifted from flattened ones) the input
   * name of its spec name, so a required spec name is required under the name the input has.
   */
  private namedShape(file: string, schema: SwaggerSchema): { shape: ObjectShape; names: Map<string, string> } {
    const shape: ObjectShape = { properties: {}, required: [] };
    const names = new Map<string, string>();
    const merge = (from: { shape: ObjectShape; names: Map<string, string> }): void => {
      mergeShape(shape, from.shape);
      for (const [specName, inputName] of from.names) names.set(specName, inputName);
    };
    for (const parent of schema.allOf ?? []) {
      const resolved = deref(this.read, file, parent);
      merge(this.namedShape(resolved.file, resolved.node));
    }
    const flattened: string[] = [];
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (this.isReadOnly(file, property)) continue;
      if (property["x-ms-client-flatten"] === true) {
        const inner = deref(this.read, file, property);
        merge(this.namedShape(inner.file, inner.node));
        flattened.push(name);
        continue;
      }
      const inputName = this.inputName(name, property);
      shape.properties[inputName] = this.convert(file, property);
      names.set(name, inputName);
    }
    const required = (schema.required ?? []).flatMap((name) => {
      const inputName = flattened.includes(name) ? undefined : names.get(name);
      return inputName === undefined ? [] : [inputName];
    });
    shape.required = [...new Set([...shape.required, ...required])];
    if (typeof schema.additionalProperties === "object")
      shape.additionalProperties = this.convert(file, schema.additionalProperties);
    else if (schema.additionalProperties === true) shape.additionalProperties = true;
    else if (
      shape.additionalProperties === undefined &&
      (Object.keys(shape.properties).length > 0 || schema.properties !== undefined)
    ) {
      // Declared properties (even when all are read-only) mean the object is closed.
      shape.additionalProperties = false;
    }
    return { shape, names };
  }

  private isReadOnly(file: string, property: SwaggerSchema): boolean {
    if (property.readOnly === true) return true;
    const mutability = property["x-ms-mutability"];
    if (mutability !== undefined && !mutability.includes("create") && !mutability.includes("update")) return true;
    if (property.$ref === undefined) return false;
    try {
      return deref(this.read, file, property).node.readOnly === true;
    } catch (error) {
      if (error instanceof SpecNotCached) return false;
      throw error;
    }
  }
}

function isObjectSchema(schema: SwaggerSchema): boolean {
  return (
    schema.type === "object" ||
    schema.properties !== undefined ||
    schema.allOf !== undefined ||
    (schema.type === undefined && schema.additionalProperties !== undefined)
  );
}

function mergeShape(into: ObjectShape, from: ObjectShape): void {
  Object.assign(into.properties, from.properties);
  into.required = [...new Set([...into.required, ...from.required])];
  if (from.additionalProperties !== undefined && from.additionalProperties !== false)
    into.additionalProperties = from.additionalProperties;
}

/** The JSON Schema of an object shape; a free-form object (no declared properties) accepts any keys. */
export function objectSchema(shape: ObjectShape): JsonSchema {
  const out: JsonSchema = { type: "object" };
  if (Object.keys(shape.properties).length > 0) out.properties = shape.properties;
  if (shape.required.length > 0) out.required = [...shape.required].sort();
  if (shape.additionalProperties !== undefined) out.additionalProperties = shape.additionalProperties;
  return out;
}
