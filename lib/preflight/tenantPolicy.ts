/**
 * The tenant's own policy assignments over the planned resources (ARM Microsoft.Authorization 2023-04-01 shapes:
 * PolicyAssignment, PolicyDefinition, PolicySetDefinition), judged by the same offline evaluator as the baseline.
 */
import { PolicyExpressionError, resolveValue } from "../azurePolicy/expressions";
import type { PlannedArmResource, PlannedExemption } from "../azurePolicy/fromPulumi";
import { judge } from "../azurePolicy/judge";
import type { PolicyCondition, PolicyDefinition, PolicyParameterDefinition, PolicyRule } from "../azurePolicy/types";
import type { PreflightFinding, Read } from "./findings";
import { readFailure } from "./findings";
import { isUnder, notScopesDecision, type WriteScope } from "./policyScopes";

type ParameterValues = Record<string, { value: unknown }>;

export interface ArmPolicyAssignment {
  id: string;
  name: string;
  properties: {
    displayName?: string;
    policyDefinitionId: string;
    scope?: string;
    notScopes?: string[];
    parameters?: ParameterValues;
    enforcementMode?: string;
    overrides?: unknown[];
    resourceSelectors?: unknown[];
  };
}

export interface ArmPolicyDefinition {
  id: string;
  name: string;
  properties: {
    displayName?: string;
    mode?: string;
    version?: string;
    metadata?: Record<string, unknown>;
    parameters?: Record<string, PolicyParameterDefinition>;
    policyRule: PolicyRule;
  };
}

export interface ArmPolicySetDefinition {
  id: string;
  name: string;
  properties: {
    displayName?: string;
    parameters?: Record<string, PolicyParameterDefinition>;
    policyDefinitions: Array<{
      policyDefinitionId: string;
      policyDefinitionReferenceId?: string;
      parameters?: ParameterValues;
    }>;
  };
}

export type ArmDefinition = ArmPolicyDefinition | ArmPolicySetDefinition;

export function isSetDefinitionId(id: string): boolean {
  return /\/providers\/Microsoft\.Authorization\/policySetDefinitions\/[^/]+$/i.test(id);
}

function isSet(definition: ArmDefinition): definition is ArmPolicySetDefinition {
  return Array.isArray((definition.properties as { policyDefinitions?: unknown }).policyDefinitions);
}

export function fromArmDefinition(arm: ArmPolicyDefinition): PolicyDefinition {
  const p = arm.properties;
  return {
    id: arm.id,
    name: arm.name,
    displayName: p.displayName ?? arm.name,
    version: String(p.version ?? p.metadata?.version ?? ""),
    mode: p.mode ?? "All",
    parameters: p.parameters ?? {},
    policyRule: p.policyRule,
  };
}

/** One policy definition an assignment applies, with the parameter values it gets there. */
export interface AssignedDefinition {
  assignment: ArmPolicyAssignment;
  definitionId: string;
  definition?: PolicyDefinition;
  parameters: Record<string, unknown>;
  /** The member's policyDefinitionReferenceId when the assignment assigns an initiative. */
  referenceId?: string;
  initiative?: string;
  /** Why it cannot be judged (the definition could not be read, a parameter could not be resolved). */
  problem?: string;
}

const literal = (values: ParameterValues | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, v.value]));

/**
 * The definitions an assignment applies: itself, or an initiative's members with their parameters resolved from the
 * assignment's values (`[parameters('x')]` in a member reads the initiative's parameter, or its default).
 * `definitions` holds each read by lower-case ID.
 */
export function expandAssignment(
  assignment: ArmPolicyAssignment,
  definitions: ReadonlyMap<string, Read<ArmDefinition>>,
  nowMs: number,
): AssignedDefinition[] {
  const id = assignment.properties.policyDefinitionId;
  const assigned = literal(assignment.properties.parameters);
  const read = definitions.get(id.toLowerCase());
  if (read === undefined || !read.ok)
    return [
      {
        assignment,
        definitionId: id,
        parameters: assigned,
        problem: `its definition could not be read (${read === undefined ? "not asked" : readFailure(read)})`,
      },
    ];
  if (!isSet(read.value))
    return [{ assignment, definitionId: id, definition: fromArmDefinition(read.value), parameters: assigned }];
  const set = read.value;
  const setParameter = (name: string): unknown => {
    const given = Object.keys(assigned).find((k) => k.toLowerCase() === name.toLowerCase());
    if (given !== undefined) return assigned[given];
    const declared = Object.entries(set.properties.parameters ?? {}).find(
      ([k]) => k.toLowerCase() === name.toLowerCase(),
    );
    if (declared?.[1].defaultValue === undefined)
      throw new PolicyExpressionError(`initiative parameter ${name} has no value and no default`);
    return declared[1].defaultValue;
  };
  const scope = {
    nowMs,
    parameter: setParameter,
    field: () => {
      throw new PolicyExpressionError("field() in an initiative's member parameters");
    },
    current: () => {
      throw new PolicyExpressionError("current() in an initiative's member parameters");
    },
  };
  return set.properties.policyDefinitions.map((member): AssignedDefinition => {
    const base = {
      assignment,
      definitionId: member.policyDefinitionId,
      initiative: set.properties.displayName ?? set.name,
      ...(member.policyDefinitionReferenceId === undefined ? {} : { referenceId: member.policyDefinitionReferenceId }),
    };
    let parameters: Record<string, unknown>;
    try {
      parameters = Object.fromEntries(
        Object.entries(member.parameters ?? {}).map(([k, v]) => [k, resolveValue(v.value, scope)]),
      );
    } catch (error) {
      if (!(error instanceof PolicyExpressionError)) throw error;
      return { ...base, parameters: {}, problem: error.message };
    }
    const memberRead = definitions.get(member.policyDefinitionId.toLowerCase());
    if (memberRead === undefined || !memberRead.ok || isSet(memberRead.value))
      return {
        ...base,
        parameters,
        problem: `the member definition could not be read (${memberRead === undefined ? "not asked" : memberRead.ok ? "an initiative inside an initiative" : readFailure(memberRead)})`,
      };
    return { ...base, parameters, definition: fromArmDefinition(memberRead.value) };
  });
}

/** The definition IDs an initiative read names, to fetch in a second round. */
export function memberDefinitionIds(read: Read<ArmDefinition> | undefined): string[] {
  return read !== undefined && read.ok && isSet(read.value)
    ? read.value.properties.policyDefinitions.map((m) => m.policyDefinitionId)
    : [];
}

/** The aliases a rule's condition tests (the property to change), `type` and the like left out. */
export function testedFields(condition: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node as PolicyCondition)) {
      if (key.toLowerCase() === "field" && typeof value === "string" && !value.startsWith("[")) {
        if (!["type", "name", "kind", "location", "id", "fullname"].includes(value.toLowerCase())) out.add(value);
      } else visit(value);
    }
  };
  visit(condition);
  return [...out];
}

function assignmentLabel(a: ArmPolicyAssignment): string {
  return `assignment '${a.properties.displayName ?? a.name}' (${a.id})`;
}

function definitionLabel(d: AssignedDefinition): string {
  const name = d.definition?.displayName;
  const member =
    d.initiative === undefined
      ? ""
      : ` in initiative '${d.initiative}'${d.referenceId === undefined ? "" : ` as ${d.referenceId}`}`;
  return `definition ${name === undefined ? "" : `'${name}' `}(${d.definitionId})${member}`;
}

function exemptionFix(resource: PlannedArmResource, d: AssignedDefinition): string {
  const refs = d.referenceId === undefined ? "" : ` with policyDefinitionReferenceIds [${d.referenceId}]`;
  return `an exemption for ${resource.id} from ${d.assignment.id}${refs}`;
}

export interface TenantPolicyInput {
  /** The resource groups the stack writes into (policyScopes.ts writeScopes). */
  scopes: readonly WriteScope[];
  /**
   * PolicyAssignments - List with $filter=atScope() by lower-case scope: at each scope's subscription and at its
   * group (a group that does not exist yet answers 404 and holds no assignment of its own).
   */
  assignments: ReadonlyMap<string, Read<ArmPolicyAssignment[]>>;
  /** ManagementGroups - Get Descendants of each management group a notScopes entry names: the IDs under it. */
  managementGroups: ReadonlyMap<string, Read<string[]>>;
  definitions: ReadonlyMap<string, Read<ArmDefinition>>;
  /** The planned resources with the IDs Azure gives them (placeOnScopes), or why the plan did not run. */
  resources: Read<PlannedArmResource[]>;
  exemptions: readonly PlannedExemption[];
  nowMs: number;
}

const isEnforced = (a: ArmPolicyAssignment) => a.properties.enforcementMode?.toLowerCase() !== "donotenforce";

const READ_ACTIONS =
  "Reader (Microsoft.Authorization/policyAssignments/read, policyDefinitions/read, policySetDefinitions/read)";

/** Per write scope, the assignments that apply there, and the findings of what could not be listed. */
export function assignmentsByScope(input: Pick<TenantPolicyInput, "scopes" | "assignments">): {
  applying: Map<string, ArmPolicyAssignment[]>;
  findings: PreflightFinding[];
} {
  const applying = new Map<string, ArmPolicyAssignment[]>();
  const findings: PreflightFinding[] = [];
  const unreadable = new Set<string>();
  const stackSubscription = input.scopes[0]?.subscriptionId.toLowerCase();
  for (const scope of input.scopes) {
    const sub = `/subscriptions/${scope.subscriptionId.toLowerCase()}`;
    const atSub = input.assignments.get(sub);
    const atGroup = input.assignments.get(scope.id.toLowerCase());
    if (atGroup?.ok) {
      applying.set(scope.id.toLowerCase(), atGroup.value);
      continue;
    }
    if (atSub === undefined || !atSub.ok) {
      if (unreadable.has(sub)) continue;
      unreadable.add(sub);
      const hub = scope.subscriptionId.toLowerCase() !== stackSubscription;
      findings.push({
        check: "policy",
        subject: sub,
        problem: `could not list the policy assignments that apply at subscription ${scope.subscriptionId}, where the stack writes ${scope.what} (${scope.id}) (${atSub === undefined ? "not asked" : readFailure(atSub)}); Azure Policy denials there were not checked`,
        fix: `grant the signed-in identity ${READ_ACTIONS} on subscription ${scope.subscriptionId}${hub ? ", or ask the platform team that runs it to check the stack's endpoints against its assignments" : ""}`,
      });
      continue;
    }
    applying.set(scope.id.toLowerCase(), atSub.value);
    if (atGroup !== undefined && !atGroup.ok && atGroup.status !== 404)
      findings.push({
        check: "policy",
        subject: scope.id,
        problem: `could not list the policy assignments at resource group ${scope.id} (${readFailure(atGroup)}); those of subscription ${scope.subscriptionId} and above were checked, any made at the group itself were not`,
        fix: `grant the signed-in identity ${READ_ACTIONS} on the resource group, or ask the platform team`,
      });
  }
  return { applying, findings };
}

/** Every Deny the tenant's assignments would give the planned resources, each at its own scope, and what was not judged. */
export function tenantPolicyFindings(input: TenantPolicyInput): PreflightFinding[] {
  const { applying, findings } = assignmentsByScope(input);
  const enforced = [
    ...new Map(
      [...applying.values()]
        .flat()
        .filter(isEnforced)
        .map((a) => [a.id.toLowerCase(), a] as const),
    ).values(),
  ];
  if (enforced.length === 0) return findings;
  if (!input.resources.ok)
    return [
      ...findings,
      {
        check: "policy",
        subject: input.scopes[0]?.id ?? "",
        problem: `${enforced.length} enforced policy assignment(s) apply, but the stack could not be planned offline (${input.resources.message}); they were not evaluated`,
        fix: "run npm run plan -- --stack <team> --verbose and fix what it reports, then run preflight again",
      },
    ];
  const resources = input.resources.value;
  const scopeOf = (id: string) =>
    input.scopes.filter((s) => isUnder(id, s.id)).sort((a, b) => b.id.length - a.id.length)[0];
  const placed = resources.map((resource) => ({ resource, scope: scopeOf(resource.id) }));
  for (const { resource, scope } of placed)
    if (scope === undefined)
      findings.push({
        check: "policy",
        subject: `${resource.pulumiName} (${resource.type} ${resource.id})`,
        problem: "is outside every resource group whose policy assignments the preflight lists: not evaluated",
        fix: "ask the platform team which assignments apply there",
      });
  for (const assignment of enforced) {
    const p = assignment.properties;
    const key = assignment.id.toLowerCase();
    const targets = placed.filter(
      (t): t is { resource: PlannedArmResource; scope: WriteScope } =>
        t.scope !== undefined && (applying.get(t.scope.id.toLowerCase()) ?? []).some((a) => a.id.toLowerCase() === key),
    );
    const where = [...new Set(targets.map((t) => t.scope.id))].join(", ");
    if ((p.overrides?.length ?? 0) > 0 || (p.resourceSelectors?.length ?? 0) > 0) {
      findings.push({
        check: "policy",
        subject: assignment.id,
        problem: `at ${where}: ${assignmentLabel(assignment)} has overrides or resource selectors, which the offline evaluator does not apply: not evaluated`,
        fix: "ask the platform team which of its effects reach the stack's resources, or evaluate it in a test subscription",
      });
      continue;
    }
    const members = expandAssignment(assignment, input.definitions, input.nowMs);
    for (const member of members)
      if (member.definition === undefined)
        findings.push({
          check: "policy",
          subject: assignment.id,
          problem: `at ${where}: ${assignmentLabel(assignment)}, ${definitionLabel(member)}: ${member.problem ?? "unreadable"}; not evaluated`,
          fix: "grant the deployer Reader on the scope the definition is stored at, or ask the platform team for it",
        });
    const undecided = new Set<string>();
    for (const { resource, scope } of targets) {
      const decision = notScopesDecision(p.notScopes ?? [], resource.id, input.managementGroups);
      if ("unreadable" in decision) {
        if (!undecided.has(scope.subscriptionId)) {
          undecided.add(scope.subscriptionId);
          findings.push({
            check: "policy",
            subject: assignment.id,
            problem: `at subscription ${scope.subscriptionId}: ${assignmentLabel(assignment)} not evaluated: cannot read management groups (${decision.unreadable.map((mg) => `${mg}: ${describeFailure(input.managementGroups.get(mg.toLowerCase()))}`).join("; ")}); its notScopes name them, and whether the subscription is under one decides whether it applies`,
            fix: `grant the signed-in identity Management Group Reader (or Reader) on ${decision.unreadable.join(", ")}, or ask the platform team whether subscription ${scope.subscriptionId} is under ${decision.unreadable.length > 1 ? "one of them" : "it"}`,
          });
        }
        continue;
      }
      if (decision.excluded) continue;
      for (const member of members) {
        if (member.definition === undefined) continue;
        const exempt = input.exemptions.some(
          (e) =>
            e.policyAssignmentId.toLowerCase() === key &&
            isUnder(resource.id, e.scope) &&
            (e.resourceTypes === undefined ||
              e.resourceTypes.some((t) => t.toLowerCase() === resource.type.toLowerCase())) &&
            (e.policyDefinitionReferenceIds === undefined ||
              e.policyDefinitionReferenceIds.some((r) => r.toLowerCase() === member.referenceId?.toLowerCase())) &&
            (e.expiresOn === undefined || Date.parse(e.expiresOn) > input.nowMs),
        );
        if (exempt) continue;
        const result = judge(member.definition, resource, resources, {
          nowMs: input.nowMs,
          parameters: member.parameters,
        });
        const deny = result.effect?.toLowerCase() === "deny";
        const subject = `${resource.pulumiName} (${resource.type} ${resource.id})`;
        if (result.outcome === "noncompliant" && deny) {
          const fields = testedFields(member.definition.policyRule.if);
          findings.push({
            check: "policy",
            subject,
            problem: `at ${scope.id}: ${assignmentLabel(assignment)} would deny it: ${definitionLabel(member)}${fields.length > 0 ? `; the rule tests ${fields.join(", ")}` : ""}`,
            fix: `change the stack's config so the resource meets the definition${fields.length > 0 ? ` (${fields.join(", ")})` : ""}, or ask the platform team for ${exemptionFix(resource, member)}`,
          });
        } else if (result.outcome === "notEvaluated" && (result.effect === undefined || deny)) {
          findings.push({
            check: "policy",
            subject,
            problem: `at ${scope.id}: ${assignmentLabel(assignment)}, ${definitionLabel(member)}: not evaluated offline (${result.reason ?? "unknown"}); it may deny the resource`,
            fix: `ask the platform team whether it denies this resource, or for ${exemptionFix(resource, member)}`,
          });
        }
      }
    }
  }
  return findings;
}

const describeFailure = (read: Read<unknown> | undefined) =>
  read === undefined ? "not asked" : read.ok ? "read" : readFailure(read);
