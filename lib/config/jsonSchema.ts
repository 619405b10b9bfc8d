import { z } from "zod";
import { teamConfigSchema } from "./schema";

/** The parts of a JSON Schema (draft 2020-12) node this project reads. */
export interface JsonSchemaNode {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  propertyNames?: JsonSchemaNode;
  patternProperties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
}

let cached: JsonSchemaNode | undefined;

/**
 * The config schema as JSON Schema, from zod's public converter: the shape a person writes (defaults optional,
 * before transforms). Checks that are code (refinements, cross-field rules) are not in it; the parser keeps them.
 */
export function teamConfigJsonSchema(): JsonSchemaNode {
  cached ??= z.toJSONSchema(teamConfigSchema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchemaNode;
  return cached;
}

/** The alternatives of a union node (zod writes a discriminated union as oneOf), or the node itself. */
export function alternatives(node: JsonSchemaNode): JsonSchemaNode[] {
  return node.oneOf ?? node.anyOf ?? [node];
}
