import { isRecord } from "../isRecord";

/**
 * The subset of ARM template functions policy rules use, evaluated offline. A string is an expression when it
 * starts with `[` and ends with `]`; `[[` escapes a literal `[` (as ARM does).
 */
export interface ExpressionScope {
  parameter(name: string): unknown;
  field(path: string): unknown;
  current(name?: string): unknown;
  nowMs: number;
}

type Token = { kind: "ident" | "string" | "number" | "punct"; text: string };

export class PolicyExpressionError extends Error {}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= source.length) throw new PolicyExpressionError(`unterminated string in [${source}]`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i];
        i++;
      }
      tokens.push({ kind: "string", text });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i));
      if (!m) throw new PolicyExpressionError(`unexpected '${c}' in [${source}]`);
      tokens.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: "ident", text: m[0] });
      i += m[0].length;
    } else if ("(),[].".includes(c)) {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else {
      throw new PolicyExpressionError(`unexpected '${c}' in [${source}]`);
    }
  }
  return tokens;
}

function lengthOf(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (isRecord(value)) return Object.keys(value).length;
  throw new PolicyExpressionError(`length() of ${JSON.stringify(value)}`);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

type Fn = (args: unknown[], scope: ExpressionScope) => unknown;

const FUNCTIONS: Record<string, Fn> = {
  parameters: ([name], s) => s.parameter(String(name)),
  field: ([path], s) => s.field(String(path)),
  current: ([name], s) => s.current(name === undefined ? undefined : String(name)),
  utcnow: (_args, s) => new Date(s.nowMs).toISOString(),
  adddays: ([date, days]) => {
    const ms = Date.parse(String(date));
    if (Number.isNaN(ms) || typeof days !== "number") {
      throw new PolicyExpressionError(`addDays(${JSON.stringify(date)}, ${JSON.stringify(days)})`);
    }
    return new Date(ms + days * 86_400_000).toISOString();
  },
  concat: (args) => (args.every(Array.isArray) ? args.flat() : args.map((a) => String(a ?? "")).join("")),
  if: ([condition, yes, no]) => (condition === true ? yes : no),
  equals: ([a, b]) => looseEquals(a, b),
  not: ([a]) => a !== true,
  and: (args) => args.every((a) => a === true),
  or: (args) => args.some((a) => a === true),
  true: () => true,
  false: () => false,
  greater: ([a, b]) => compare(a, b) > 0,
  greaterorequals: ([a, b]) => compare(a, b) >= 0,
  less: ([a, b]) => compare(a, b) < 0,
  lessorequals: ([a, b]) => compare(a, b) <= 0,
  length: ([a]) => lengthOf(a),
  empty: ([a]) => a === null || a === undefined || lengthOf(a) === 0,
  split: ([text, sep]) => String(text ?? "").split(String(sep)),
  first: ([a]) => (Array.isArray(a) ? a[0] : String(a)[0]),
  last: ([a]) => (Array.isArray(a) ? a[a.length - 1] : String(a).slice(-1)),
  tolower: ([a]) => String(a).toLowerCase(),
  toupper: ([a]) => String(a).toUpperCase(),
  string: ([a]) => (typeof a === "string" ? a : JSON.stringify(a)),
  int: ([a]) => Math.trunc(Number(a)),
  bool: ([a]) => a === true || String(a).toLowerCase() === "true",
  contains: ([container, item]) =>
    Array.isArray(container)
      ? container.some((c) => looseEquals(c, item))
      : isRecord(container)
        ? Object.keys(container).some((k) => k.toLowerCase() === String(item).toLowerCase())
        : String(container).toLowerCase().includes(String(item).toLowerCase()),
};

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly scope: ExpressionScope,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private expect(text: string): void {
    const t = this.tokens[this.pos++];
    if (t?.kind !== "punct" || t.text !== text)
      throw new PolicyExpressionError(`expected '${text}' in [${this.source}]`);
  }

  parseAll(): unknown {
    const value = this.parseExpression();
    if (this.pos !== this.tokens.length) throw new PolicyExpressionError(`trailing input in [${this.source}]`);
    return value;
  }

  private parseExpression(): unknown {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new PolicyExpressionError(`unexpected end of [${this.source}]`);
    let value: unknown;
    if (t.kind === "string") value = t.text;
    else if (t.kind === "number") value = Number(t.text);
    else if (t.kind === "ident") value = this.parseCall(t.text);
    else throw new PolicyExpressionError(`unexpected '${t.text}' in [${this.source}]`);
    return this.parseAccessors(value);
  }

  private parseCall(name: string): unknown {
    const fn = FUNCTIONS[name.toLowerCase()];
    if (fn === undefined) throw new PolicyExpressionError(`function ${name}() is not supported offline`);
    this.expect("(");
    const args: unknown[] = [];
    if (this.peek()?.text !== ")") {
      for (;;) {
        args.push(this.parseExpression());
        if (this.peek()?.text === ",") {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(")");
    return fn(args, this.scope);
  }

  private parseAccessors(start: unknown): unknown {
    let value = start;
    for (;;) {
      const t = this.peek();
      if (t?.kind === "punct" && t.text === "[") {
        this.pos++;
        const index = this.parseExpression();
        this.expect("]");
        value =
          Array.isArray(value) && typeof index === "number"
            ? value[index]
            : isRecord(value)
              ? value[String(index)]
              : undefined;
      } else if (t?.kind === "punct" && t.text === ".") {
        this.pos++;
        const key = this.tokens[this.pos++];
        if (key?.kind !== "ident") throw new PolicyExpressionError(`expected a property name in [${this.source}]`);
        value = isRecord(value) ? value[key.text] : undefined;
      } else {
        return value;
      }
    }
  }
}

/** True when `value` is a template expression (`[...]`, not the escaped `[[...`). */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]");
}

/** A literal as it stands, an expression evaluated; `[[x]` is the literal `[x]`. */
export function resolveValue(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value !== "string") return value;
  if (value.startsWith("[[")) return value.slice(1);
  if (!isExpression(value)) return value;
  const source = value.slice(1, -1);
  return new Parser(tokenize(source), source, scope).parseAll();
}
