import { aliasPath } from "./aliases";
import { type ExpressionScope, resolveValue } from "./expressions";
import type { ArmResource, EvaluationContext, PolicyCondition, PolicyDefinition } from "./types";
import { isRecord } from "../isRecord";

/** The rule names something the offline evaluator cannot judge (an unknown alias, a missing parameter...). */
export class PolicyEvaluationError extends Error {}

const OPERATORS = [
  "equals",
  "notEquals",
  "like",
  "notLike",
  "match",
  "matchInsensitively",
  "notMatch",
  "notMatchInsensitively",
  "contains",
  "notContains",
  "in",
  "notIn",
  "containsKey",
  "notContainsKey",
  "less",
  "lessOrEquals",
  "greater",
  "greaterOrEquals",
  "exists",
] as const;
type Operator = (typeof OPERATORS)[number];

const MISSING = Symbol("missing");

interface CountBinding {
  /** The ARM path of the count's array alias, `[*]` included. */
  arrayPath: string;
  element: unknown;
}

interface Frame {
  resource: ArmResource;
  ctx: EvaluationContext;
  definition: PolicyDefinition;
  bindings: CountBinding[];
  currentValues: Map<string, unknown>;
}

function getKey(value: unknown, key: string): unknown {
  if (!isRecord(value)) return MISSING;
  if (key in value) return value[key];
  const lower = key.toLowerCase();
  const found = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return found === undefined ? MISSING : value[found];
}

/** Walks an ARM path; `[*]` fans out, so the result is a list when the path has one. */
function walk(value: unknown, segments: string[]): { many: boolean; values: unknown[] } {
  let values: unknown[] = [value];
  let many = false;
  for (const segment of segments) {
    if (segment === "[*]") {
      many = true;
      values = values.flatMap((v) => (Array.isArray(v) ? v : []));
    } else {
      values = values.map((v) => (v === MISSING ? MISSING : getKey(v, segment)));
    }
  }
  return { many, values };
}

function segmentsOf(path: string): string[] {
  return path
    .replace(/\[\*\]/g, ".[*]")
    .split(".")
    .filter((s) => s.length > 0);
}

function armPathOf(field: string): string {
  const lower = field.toLowerCase();
  if (["type", "name", "kind", "location", "id", "tags", "identity.type"].includes(lower)) return lower;
  const tag = /^tags(?:\['(.+)'\]|\[([^'\]]+)\]|\.(.+))$/i.exec(field);
  if (tag) return `tags.${tag[1] ?? tag[2] ?? tag[3]}`;
  const path = aliasPath(field);
  if (path === undefined) throw new PolicyEvaluationError(`alias ${field} is not in the alias table`);
  return path;
}

/** The value of a `field` for the frame's resource: inside a count, `[*]` of the counted array is the element. */
function fieldValue(frame: Frame, field: string): { many: boolean; values: unknown[] } {
  const path = armPathOf(field);
  if (path === "fullname") return { many: false, values: [frame.resource.name] };
  for (const binding of [...frame.bindings].reverse()) {
    if (path.toLowerCase().startsWith(binding.arrayPath.toLowerCase())) {
      return walk(binding.element, segmentsOf(path.slice(binding.arrayPath.length)));
    }
  }
  return walk(frame.resource, segmentsOf(path));
}

function scopeOf(frame: Frame): ExpressionScope {
  return {
    nowMs: frame.ctx.nowMs,
    parameter: (name) => parameterValue(frame.definition, frame.ctx, name),
    field: (field) => {
      const { many, values } = fieldValue(frame, field);
      const present = values.map((v) => (v === MISSING ? null : v));
      return many ? present : present[0];
    },
    current: (name) => {
      if (name !== undefined && frame.currentValues.has(name)) return frame.currentValues.get(name);
      const binding = frame.bindings[frame.bindings.length - 1];
      if (binding === undefined) throw new PolicyEvaluationError(`current(${name ?? ""}) outside a count`);
      return binding.element;
    },
  };
}

export function parameterValue(definition: PolicyDefinition, ctx: EvaluationContext, name: string): unknown {
  const given = ctx.parameters ?? {};
  const key = Object.keys(given).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key !== undefined) return given[key];
  const declared = Object.entries(definition.parameters).find(([k]) => k.toLowerCase() === name.toLowerCase());
  if (declared === undefined) throw new PolicyEvaluationError(`parameter ${name} is not declared`);
  if (declared[1].defaultValue === undefined || declared[1].defaultValue === null) {
    throw new PolicyEvaluationError(`parameter ${name} has no default: the assignment must set it`);
  }
  return declared[1].defaultValue;
}

function asText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "string" || typeof b === "string") return asText(a).toLowerCase() === asText(b).toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

function wildcard(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${re}$`, "is").test(text);
}

function matchPattern(pattern: string, text: string, insensitive: boolean): boolean {
  const re = [...pattern]
    .map((c) =>
      c === "#" ? "[0-9]" : c === "?" ? "[A-Za-z]" : c === "." ? "." : c.replace(/[+^${}()|[\]\\*]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${re}$`, insensitive ? "i" : "").test(text);
}

function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (/^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(da) && !Number.isNaN(db)) {
      return da - db;
    }
    return a.toLowerCase().localeCompare(b.toLowerCase());
  }
  return undefined;
}

function asList(expected: unknown, operator: string): unknown[] {
  if (!Array.isArray(expected)) throw new PolicyEvaluationError(`${operator} needs an array, got ${asText(expected)}`);
  return expected;
}

/** One operator on one value; `MISSING` is a field the resource does not have. */
function applyOperator(operator: Operator, actual: unknown, expected: unknown): boolean {
  const missing = actual === MISSING || actual === null || actual === undefined;
  switch (operator) {
    case "exists":
      return !missing === same(expected, true);
    case "equals":
      return !missing && same(actual, expected);
    case "notEquals":
      return missing || !same(actual, expected);
    case "in":
      return !missing && asList(expected, operator).some((e) => same(actual, e));
    case "notIn":
      return missing || !asList(expected, operator).some((e) => same(actual, e));
    case "like":
      return !missing && wildcard(asText(expected), asText(actual));
    case "notLike":
      return missing || !wildcard(asText(expected), asText(actual));
    case "match":
    case "matchInsensitively":
      return !missing && matchPattern(asText(expected), asText(actual), operator === "matchInsensitively");
    case "notMatch":
    case "notMatchInsensitively":
      return missing || !matchPattern(asText(expected), asText(actual), operator === "notMatchInsensitively");
    case "contains":
    case "notContains": {
      const has = missing
        ? false
        : Array.isArray(actual)
          ? actual.some((a) => same(a, expected))
          : asText(actual).toLowerCase().includes(asText(expected).toLowerCase());
      return operator === "contains" ? has : !has;
    }
    case "containsKey":
    case "notContainsKey": {
      const has = isRecord(actual) && Object.keys(actual).some((k) => same(k, expected));
      return operator === "containsKey" ? has : !has;
    }
    case "less":
    case "lessOrEquals":
    case "greater":
    case "greaterOrEquals": {
      if (missing) return false;
      const c = order(actual, expected);
      if (c === undefined) return false;
      if (operator === "less") return c < 0;
      if (operator === "lessOrEquals") return c <= 0;
      if (operator === "greater") return c > 0;
      return c >= 0;
    }
  }
}

function operatorOf(condition: PolicyCondition): Operator {
  const found = OPERATORS.filter((op) => op in condition);
  if (found.length !== 1) {
    throw new PolicyEvaluationError(`a condition needs exactly one operator: ${JSON.stringify(condition)}`);
  }
  return found[0]!;
}

function countOf(frame: Frame, rawCount: Record<string, unknown>): number {
  const count = canonical(rawCount);
  const where = count.where as PolicyCondition | undefined;
  if (typeof count.field === "string") {
    const arrayPath = armPathOf(count.field);
    if (!arrayPath.endsWith("[*]")) throw new PolicyEvaluationError(`count.field ${count.field} is not an array alias`);
    const { values } = fieldValue(frame, count.field);
    const elements = values.filter((v) => v !== MISSING);
    if (where === undefined) return elements.length;
    return elements.filter((element) =>
      evaluateCondition({ ...frame, bindings: [...frame.bindings, { arrayPath, element }] }, where),
    ).length;
  }
  if ("value" in count) {
    const items = resolveValue(count.value, scopeOf(frame));
    if (!Array.isArray(items)) throw new PolicyEvaluationError(`count.value is not an array`);
    if (where === undefined) return items.length;
    const name = typeof count.name === "string" ? count.name : undefined;
    return items.filter((item) => {
      const currentValues = new Map(frame.currentValues);
      if (name !== undefined) currentValues.set(name, item);
      return evaluateCondition(
        { ...frame, currentValues, bindings: [...frame.bindings, { arrayPath: "\u0000value", element: item }] },
        where,
      );
    }).length;
  }
  throw new PolicyEvaluationError(`count needs field or value`);
}

const CANONICAL = new Map(
  ["allOf", "anyOf", "not", "field", "value", "count", "where", "name", ...OPERATORS].map((k) => [k.toLowerCase(), k]),
);

/** Azure reads a rule's keywords case-insensitively (`allof` appears in built-in definitions). */
function canonical(condition: PolicyCondition): PolicyCondition {
  return Object.fromEntries(Object.entries(condition).map(([k, v]) => [CANONICAL.get(k.toLowerCase()) ?? k, v]));
}

/** Whether one condition (or logical group) of a rule holds for the frame's resource. */
function evaluateCondition(frame: Frame, raw: PolicyCondition): boolean {
  const condition = canonical(raw);
  if (Array.isArray(condition.allOf))
    return (condition.allOf as PolicyCondition[]).every((c) => evaluateCondition(frame, c));
  if (Array.isArray(condition.anyOf))
    return (condition.anyOf as PolicyCondition[]).some((c) => evaluateCondition(frame, c));
  if (isRecord(condition.not)) return !evaluateCondition(frame, condition.not);
  const operator = operatorOf(condition);
  const scope = scopeOf(frame);
  const expected = resolveValue(condition[operator], scope);
  if (isRecord(condition.count)) return applyOperator(operator, countOf(frame, condition.count), expected);
  if ("value" in condition) {
    const value = resolveValue(condition.value, scope);
    return applyOperator(operator, value === null || value === undefined ? MISSING : value, expected);
  }
  if (typeof condition.field === "string") {
    // A field may itself be an expression (built-in 871b6d14: `[concat('tags[', parameters('tagName'), ']')]`).
    const { many, values } = fieldValue(frame, String(resolveValue(condition.field, scope)));
    if (!many) return applyOperator(operator, values[0], expected);
    // Outside a count, an array alias holds only when every element does.
    return values.every((v) => applyOperator(operator, v, expected));
  }
  throw new PolicyEvaluationError(`a condition needs field, value or count: ${JSON.stringify(condition)}`);
}

/** Whether `condition` holds for `resource` under the definition's parameters (a rule's `if`, or an existence condition). */
export function conditionHolds(
  definition: PolicyDefinition,
  resource: ArmResource,
  condition: PolicyCondition,
  ctx: EvaluationContext,
): boolean {
  return evaluateCondition({ resource, ctx, definition, bindings: [], currentValues: new Map() }, condition);
}

/** The definition's effect under the assignment's parameters. */
export function effectOf(definition: PolicyDefinition, ctx: EvaluationContext, resource: ArmResource): string {
  const frame: Frame = { resource, ctx, definition, bindings: [], currentValues: new Map() };
  return String(resolveValue(definition.policyRule.then.effect, scopeOf(frame)));
}

/** Resolves an expression in a definition's `then.details` (e.g. `[field('name')]`) against the evaluated resource. */
export function detailValue(
  definition: PolicyDefinition,
  ctx: EvaluationContext,
  resource: ArmResource,
  value: unknown,
): unknown {
  return resolveValue(value, scopeOf({ resource, ctx, definition, bindings: [], currentValues: new Map() }));
}
