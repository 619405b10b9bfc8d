import { conditionHolds, detailValue, effectOf, PolicyEvaluationError } from "./evaluate";
import { PolicyExpressionError } from "./expressions";
import type { ArmResource, EvaluationContext, PolicyCondition, PolicyDefinition } from "./types";

export type Outcome = "compliant" | "noncompliant" | "notApplicable" | "notEvaluated";

export interface Judgement {
  outcome: Outcome;
  /** The effect as assigned (parameters resolved), when the rule could be read that far. */
  effect?: string;
  /** Why: not evaluated (what is missing), or for an IfNotExists effect what was looked for. */
  reason?: string;
}

const IF_NOT_EXISTS = new Set(["auditifnotexists", "deployifnotexists"]);

/** Whether the definition's mode looks at this resource type at all. */
export function modeCovers(mode: string, resource: ArmResource): boolean {
  const dataPlane = /^[^/]+\.Data\//i.test(resource.type);
  const lower = mode.toLowerCase();
  if (lower === "all") return !dataPlane;
  // Indexed: only resource types that carry tags and a location (a subnet, a diagnostic setting do not); resource
  // groups and subscriptions are left to mode All definitions that name their type.
  if (lower === "indexed") {
    const container = /^Microsoft\.Resources\/(subscriptions\/)?resourceGroups$|^Microsoft\.Resources\/subscriptions$/i;
    return !dataPlane && resource.location !== undefined && !container.test(resource.type);
  }
  return resource.type.toLowerCase().startsWith(`${lower}/`);
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

/** The resources an IfNotExists effect looks for: `details.type` at or under the evaluated resource. */
function relatedResources(
  definition: PolicyDefinition,
  ctx: EvaluationContext,
  resource: ArmResource,
  all: readonly ArmResource[],
): { type: string; found: ArmResource[] } {
  const details = definition.policyRule.then.details ?? {};
  const type = String(details.type ?? resource.type);
  const name = details.name === undefined ? undefined : String(detailValue(definition, ctx, resource, details.name));
  const prefix = `${resource.id.toLowerCase()}/`;
  const found = all.filter((r) => {
    if (r.type.toLowerCase() !== type.toLowerCase()) return false;
    const related = r.id.toLowerCase() === resource.id.toLowerCase() || r.id.toLowerCase().startsWith(prefix);
    return related && (name === undefined || lastSegment(r.id).toLowerCase() === name.toLowerCase());
  });
  return { type, found };
}

/** What a Modify remediation would write (the drift Pulumi would then see). */
function modifications(definition: PolicyDefinition): string {
  const operations = (definition.policyRule.then.details?.operations ?? []) as Array<Record<string, unknown>>;
  const writes = operations.map((o) =>
    o.operation === "remove"
      ? `remove ${String(o.field)}`
      : `${String(o.operation)} ${String(o.field)} = ${JSON.stringify(o.value)}`,
  );
  return `would ${writes.join("; ")}`;
}

/** One definition over one resource; `all` are the other planned resources (an IfNotExists effect's candidates). */
export function judge(
  definition: PolicyDefinition,
  resource: ArmResource,
  all: readonly ArmResource[],
  ctx: EvaluationContext,
): Judgement {
  if (!modeCovers(definition.mode, resource)) return { outcome: "notApplicable" };
  let effect: string | undefined;
  try {
    effect = effectOf(definition, ctx, resource);
    if (effect.toLowerCase() === "disabled") return { outcome: "notApplicable", effect };
    if (!conditionHolds(definition, resource, definition.policyRule.if, ctx))
      return { outcome: "notApplicable", effect };
    if (effect.toLowerCase() === "modify")
      return { outcome: "noncompliant", effect, reason: modifications(definition) };
    if (!IF_NOT_EXISTS.has(effect.toLowerCase())) return { outcome: "noncompliant", effect };
    const { type, found } = relatedResources(definition, ctx, resource, all);
    const existence = definition.policyRule.then.details?.existenceCondition as PolicyCondition | undefined;
    const satisfied = found.some((r) => existence === undefined || conditionHolds(definition, r, existence, ctx));
    if (satisfied) return { outcome: "compliant", effect };
    return {
      outcome: "noncompliant",
      effect,
      reason:
        found.length === 0
          ? `no planned ${type} for it`
          : found.length === 1 && found[0] === resource
            ? "the resource itself does not meet the existence condition"
            : `no planned ${type} meets the existence condition (${found.length} looked at)`,
    };
  } catch (error) {
    if (error instanceof PolicyEvaluationError || error instanceof PolicyExpressionError) {
      return { outcome: "notEvaluated", ...(effect === undefined ? {} : { effect }), reason: error.message };
    }
    throw error;
  }
}
