/** A resource as Azure Policy sees it: the ARM request body's shape (top-level fields and `properties`). */
export interface ArmResource {
  id: string;
  type: string;
  name: string;
  location?: string;
  kind?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
  /** Other top-level ARM fields (sku, identity, ...). */
  [topLevel: string]: unknown;
}

/** One condition of a policy rule, as the JSON of a definition writes it. */
export type PolicyCondition = Record<string, unknown>;

export interface PolicyParameterDefinition {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
}

export interface PolicyRule {
  if: PolicyCondition;
  then: { effect: string; details?: Record<string, unknown> };
}

/** A policy definition, copied as data from its source repository. */
export interface PolicyDefinition {
  /** The definition ID as Azure names it (`/providers/Microsoft.Authorization/policyDefinitions/<name>`). */
  id: string;
  name: string;
  displayName: string;
  version: string;
  mode: string;
  parameters: Record<string, PolicyParameterDefinition>;
  policyRule: PolicyRule;
}

export interface EvaluationContext {
  /** Assignment parameter values; a parameter not given takes its definition's default. */
  parameters?: Record<string, unknown>;
  /** utcNow() in the rule language. */
  nowMs: number;
}
