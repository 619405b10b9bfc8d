import { posix } from "node:path";

/** The parts of a Swagger 2.0 (OpenAPI 2) schema object the contract reads. */
export interface SwaggerSchema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  allOf?: SwaggerSchema[];
  items?: SwaggerSchema;
  additionalProperties?: boolean | SwaggerSchema;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  readOnly?: boolean;
  "x-ms-client-flatten"?: boolean;
  "x-ms-client-name"?: string;
  "x-ms-mutability"?: string[];
}

export interface SwaggerParameter extends SwaggerSchema {
  name?: string;
  in?: string;
  schema?: SwaggerSchema;
}

export interface SwaggerOperation {
  parameters?: SwaggerParameter[];
}

export interface SwaggerDoc {
  paths?: Record<string, Record<string, SwaggerOperation | undefined> | undefined>;
  definitions?: Record<string, SwaggerSchema>;
  parameters?: Record<string, SwaggerParameter>;
}

/** Thrown by a SpecReader for a spec file that is not in the cache: what it references stays unextracted. */
export class SpecNotCached extends Error {
  constructor(readonly specPath: string) {
    super(`spec file ${specPath} is not in the cache`);
    this.name = "SpecNotCached";
  }
}

/** Reads a spec file by its path in Azure/azure-rest-api-specs (e.g. specification/keyvault/...). */
export type SpecReader = ((specPath: string) => SwaggerDoc) & {
  /** Maps a referenced file to the file read in its place (see targets.ts SPEC_SUBSTITUTIONS). */
  redirect?: (specPath: string) => string;
};

export interface Located<T> {
  file: string;
  /** The JSON pointer inside the file, e.g. /definitions/Account. */
  pointer: string;
  node: T;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Resolves a local ("#/definitions/X") or cross-file ("../x.json#/definitions/X") $ref. */
export function resolveRef<T>(read: SpecReader, fromFile: string, ref: string): Located<T> {
  const hash = ref.indexOf("#");
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "" : ref.slice(hash + 1);
  const referenced = filePart === "" ? fromFile : posix.normalize(posix.join(posix.dirname(fromFile), filePart));
  const file = read.redirect ? read.redirect(referenced) : referenced;
  let node: unknown = read(file);
  for (const segment of pointer.split("/").filter((s) => s !== "")) {
    if (typeof node !== "object" || node === null) break;
    node = (node as Record<string, unknown>)[unescapePointer(segment)];
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref} from ${fromFile} (looked in ${file}${pointer})`);
  return { file, pointer, node: node as T };
}

/** Follows $ref chains until a node without $ref (siblings of a $ref other than readOnly are ignored). */
export function deref<T extends { $ref?: string }>(read: SpecReader, file: string, node: T): Located<T> {
  let current: Located<T> = { file, pointer: "", node };
  for (let hops = 0; current.node.$ref !== undefined; hops += 1) {
    if (hops > 32) throw new Error(`$ref chain too long at ${file}`);
    current = resolveRef<T>(read, current.file, current.node.$ref);
  }
  return current;
}
