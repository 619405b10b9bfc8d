import type { BaselineSource } from "./baselineSources";
import type { PolicyDefinition, PolicyParameterDefinition, PolicyRule } from "./types";
import { isRecord } from "../isRecord";

export interface SourceRef {
  repository: string;
  path: string;
  commit: string;
}

/** One definition of the baseline, as committed in baselineDefinitions.json. */
export interface BaselineDefinition extends PolicyDefinition {
  why: string;
  source: SourceRef;
  /** Literal parameter values an initiative that includes the definition assigns (the baseline evaluates with them). */
  assignedParameters?: { values: Record<string, unknown>; initiative: string; source?: SourceRef };
  /** Which of the source's assignments this entry is (a definition assigned more than once). */
  assignment?: string;
}

export interface Baseline {
  definitions: BaselineDefinition[];
}

/**
 * ALZ's definitions are ARM template resources: `[[` escapes an expression that must reach Azure as `[...]`. The
 * deployed definition (what a tenant has) is the unescaped one.
 */
export function unescapeTemplate(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("[[") ? value.slice(1) : value;
  if (Array.isArray(value)) return value.map(unescapeTemplate);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unescapeTemplate(v)]));
  return value;
}

const DEPLOYMENT_KEYS = new Set(["deployment"]);

/** The definition's data, from the JSON file of either repository; the remediation template is left out. */
export function toBaselineDefinition(file: unknown, source: BaselineSource & { commit: string }): BaselineDefinition {
  if (!isRecord(file) || !isRecord(file.properties)) throw new Error(`${source.path}: not a policy definition`);
  const alz = source.repository === "Azure/Enterprise-Scale";
  const properties = (alz ? unescapeTemplate(file.properties) : file.properties) as Record<string, unknown>;
  const rule = properties.policyRule as PolicyRule;
  const details = rule.then.details;
  const then =
    details === undefined
      ? { effect: rule.then.effect }
      : {
          effect: rule.then.effect,
          details: Object.fromEntries(Object.entries(details).filter(([k]) => !DEPLOYMENT_KEYS.has(k))),
        };
  const metadata = isRecord(properties.metadata) ? properties.metadata : {};
  const version = String(properties.version ?? metadata.version ?? "");
  const name = String(file.name);
  const parameters = Object.fromEntries(
    Object.entries((properties.parameters ?? {}) as Record<string, Record<string, unknown>>).map(([key, p]) => {
      const out: PolicyParameterDefinition = { type: String(p.type) };
      if ("defaultValue" in p) out.defaultValue = p.defaultValue;
      if (Array.isArray(p.allowedValues)) out.allowedValues = p.allowedValues;
      return [key, out];
    }),
  );
  return {
    // ALZ deploys its definitions at the intermediate root management group: the ID carries that group's name.
    id: alz
      ? `/providers/Microsoft.Management/managementGroups/{alzRoot}/providers/Microsoft.Authorization/policyDefinitions/${name}`
      : String(file.id),
    name,
    displayName: String(properties.displayName),
    version,
    mode: String(properties.mode),
    parameters,
    policyRule: { if: rule.if, then },
    why: source.why,
    source: { repository: source.repository, path: source.path, commit: source.commit },
  };
}

/** The literal (non-expression) parameter values an initiative file assigns, by definition name. */
export function initiativeParameters(file: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (!isRecord(file) || !isRecord(file.properties) || !Array.isArray(file.properties.policyDefinitions)) return out;
  for (const ref of file.properties.policyDefinitions as Array<Record<string, unknown>>) {
    const name = String(ref.policyDefinitionId).split("/").pop()!;
    const literal = Object.entries((ref.parameters ?? {}) as Record<string, { value: unknown }>).filter(
      ([, p]) => !(typeof p.value === "string" && p.value.startsWith("[")),
    );
    if (literal.length > 0) out.set(name, Object.fromEntries(literal.map(([k, p]) => [k, p.value])));
  }
  return out;
}

/** Whether an assignment could give this definition the Deny effect. */
export function denyCapable(definition: PolicyDefinition): boolean {
  const effect = definition.policyRule.then.effect;
  if (effect.toLowerCase() === "deny") return true;
  const allowed = definition.parameters.effect?.allowedValues ?? [];
  return allowed.some((v) => String(v).toLowerCase() === "deny");
}
