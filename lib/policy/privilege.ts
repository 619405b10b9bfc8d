import {
  type AssignmentScope,
  type GrantTarget,
  parseAssignmentScope,
  PLANNABLE_ROLE_TARGETS,
  roleName,
  roleGuid,
  TARGET_LABELS,
} from "./roleAllowList";
import {
  type BoundaryPolicy,
  matchesType,
  ofType,
  type PolicyResource,
  record,
  text,
  TYPES,
  type Violation,
} from "./types";

/** PIM requests and schedules, PIM rules, and custom role definitions: privilege no team stack hands out. */
export const PRIVILEGE_TYPES = [
  "azure-native:authorization:RoleAssignmentScheduleRequest",
  "azure-native:authorization:RoleEligibilityScheduleRequest",
  "azure-native:authorization:PimRoleEligibilitySchedule",
  "azure-native:authorization:RoleManagementPolicy",
  "azure-native:authorization:RoleManagementPolicyAssignment",
  "azure-native:authorization:RoleDefinition",
] as const;

/**
 * Resources that deploy what the pack never sees as typed resources: ARM templates (deployments, deployment stacks),
 * deployment scripts (code run with an identity in the subscription) and the generic ARM resource.
 */
export const ARM_TEMPLATE_TYPES = [
  "azure-native:resources:Deployment",
  "azure-native:resources:DeploymentAtScope",
  "azure-native:resources:DeploymentAtSubscriptionScope",
  "azure-native:resources:DeploymentAtManagementGroupScope",
  "azure-native:resources:DeploymentAtTenantScope",
  "azure-native:resources:DeploymentStackAtResourceGroup",
  "azure-native:resources:DeploymentStackAtSubscription",
  "azure-native:resources:DeploymentStackAtManagementGroup",
  "azure-native:resources:AzureCliScript",
  "azure-native:resources:AzurePowerShellScript",
  "azure-native:resources:Resource",
] as const;

const PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];

function ofAnyType(resources: readonly PolicyResource[], types: readonly string[]): PolicyResource[] {
  return resources.filter((r) => types.some((type) => matchesType(r.type, type)));
}

function kindOf(r: PolicyResource): string {
  return r.type.split(":").pop() ?? r.type;
}

function targetsText(targets: ReadonlySet<GrantTarget>): string {
  return [...targets].map((t) => TARGET_LABELS[t]).join(" or ");
}

function scopeText(scope: string, parsed: AssignmentScope): string {
  return `${scope || "(no scope)"} (${parsed.kind === "other" ? parsed.label : TARGET_LABELS[parsed.kind]})`;
}

/** The allow-list: the role must be one the planner grants, on the kind of resource the planner grants it on. */
function allowListViolation(assignment: PolicyResource): Violation[] {
  const roleId = text(assignment.props.roleDefinitionId);
  const role = roleName(roleId);
  const scope = text(assignment.props.scope).trim();
  const parsed = parseAssignmentScope(scope);
  const targets = PLANNABLE_ROLE_TARGETS.get(roleGuid(roleId));
  if (targets === undefined)
    return [
      {
        urn: assignment.urn,
        message: `grants ${role} at ${scopeText(scope, parsed)}: no team stack plans this role; remove the assignment`,
      },
    ];
  if (parsed.kind === "other" || !targets.has(parsed.kind))
    return [
      {
        urn: assignment.urn,
        message: `grants ${role} at ${scopeText(scope, parsed)}: the stack plans ${role} only on ${targetsText(targets)}; scope it there or remove the assignment`,
      },
    ];
  return [];
}

function plannedPairsText(): string {
  return [...PLANNABLE_ROLE_TARGETS]
    .map(([guid, targets]) => `${roleName(guid)} on ${targetsText(targets)}`)
    .join(", ");
}

export const roleAssignments: BoundaryPolicy = {
  name: "role-assignments-scoped",
  description: `Role assignments are an allow-list: each grants a role the stack's own planner (lib/azure/roles.ts) hands out, on the kind of resource it hands it out on (${plannedPairsText()}), and names its principal type (no PrincipalNotFound races). Any other role, or a planned role at a resource group, subscription, management group, root or another resource, is a violation.`,
  remediation:
    "Remove the assignment, or grant the role the stack plans on the team's account or vault itself (lib/azure/roles.ts plannedGrants), with principalType set.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.roleAssignment],
  check(resources) {
    return ofType(resources, TYPES.roleAssignment).flatMap((assignment) => [
      ...(PRINCIPAL_TYPES.includes(text(assignment.props.principalType))
        ? []
        : [{ urn: assignment.urn, message: "principalType is not set" }]),
      ...allowListViolation(assignment),
    ]);
  },
};

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether an account or vault of this stack is the one the scope names (its group too, when the resource says it). */
function plannedHere(parsed: Extract<AssignmentScope, { kind: GrantTarget }>, planned: PolicyResource): boolean {
  const name = text(parsed.kind === "account" ? planned.props.accountName : planned.props.vaultName) || planned.name;
  const group = text(planned.props.resourceGroupName);
  return sameName(name, parsed.name) && (group === "" || sameName(group, parsed.resourceGroup));
}

export const roleAssignmentsOnOwnResources: BoundaryPolicy = {
  name: "role-assignments-on-own-resources",
  description:
    "A role on an AI account or key vault is granted only on the account and vault this stack plans: a stack never hands out access to another team's account or vault.",
  remediation:
    "Remove the assignment: access to another team's account or vault is granted by that team's own stack (its access.userGroupIds).",
  enforcement: "mandatory",
  scope: "stack",
  appliesTo: [TYPES.roleAssignment, TYPES.account, TYPES.vault],
  check(resources) {
    const planned: Record<GrantTarget, PolicyResource[]> = {
      account: ofType(resources, TYPES.account),
      vault: ofType(resources, TYPES.vault),
    };
    return ofType(resources, TYPES.roleAssignment).flatMap((assignment) => {
      const parsed = parseAssignmentScope(assignment.props.scope);
      if (parsed.kind === "other" || planned[parsed.kind].some((p) => plannedHere(parsed, p))) return [];
      const role = roleName(text(assignment.props.roleDefinitionId));
      return [
        {
          urn: assignment.urn,
          message: `grants ${role} on ${parsed.kind} ${parsed.name} (resource group ${parsed.resourceGroup}), which this stack does not plan; remove the assignment`,
        },
      ];
    });
  },
};

export const noPimOrRoleDefinitions: BoundaryPolicy = {
  name: "no-pim-or-role-definitions",
  description:
    "A team stack creates no PIM schedule request or eligibility schedule (an Owner activation is an Owner assignment with a delay), no PIM role management policy, and no custom role definition: each hands out or reshapes privilege outside the role allow-list.",
  remediation:
    "Remove the resource: privileged access is requested through the tenant's PIM process, and role definitions are the platform's, never a team stack's.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: PRIVILEGE_TYPES,
  check(resources) {
    return ofAnyType(resources, PRIVILEGE_TYPES).map((r) => {
      const roleId = text(r.props.roleDefinitionId) || text(record(r.props.properties).roleDefinitionId);
      const scope = text(r.props.scope);
      const what = roleId === "" ? "" : ` for ${roleName(roleId)}`;
      const where = scope === "" ? "" : ` at ${scope}`;
      return {
        urn: r.urn,
        message: `${kindOf(r)} ${r.name}${what}${where}: a team stack creates no PIM request, PIM rule or role definition; remove it`,
      };
    });
  },
};

/** The resource types an inline template creates (resources as an array, or as symbolic names in languageVersion 2.0). */
function templateResourceTypes(template: unknown): string[] {
  const listed = record(template).resources;
  const entries = Array.isArray(listed) ? listed : Object.values(record(listed));
  return [...new Set(entries.map((e) => text(record(e).type)).filter(Boolean))];
}

function armTemplateWhat(r: PolicyResource): string {
  if (r.type.endsWith(":Resource")) {
    const type = `${text(r.props.resourceProviderNamespace)}/${text(r.props.resourceType)}`;
    return `a generic ARM resource (${type}) no typed control checks`;
  }
  const properties = record(r.props.properties);
  const types = templateResourceTypes(properties.template ?? r.props.template);
  if (types.length > 0) return `an ARM template creating ${types.join(", ")}`;
  const link = text(record(properties.templateLink ?? r.props.templateLink).uri);
  if (link !== "") return `a linked ARM template (${link})`;
  return "a template or script the pack cannot see into";
}

export const noNestedArmDeployments: BoundaryPolicy = {
  name: "no-nested-arm-deployments",
  description:
    "A team stack creates no ARM deployment, deployment stack, deployment script or generic ARM resource: what a template or script creates (a public account, a role assignment) never reaches the pack as a resource, so no control could refuse it.",
  remediation:
    "Remove the resource and declare what it creates as typed azure-native resources in the stack, where the controls judge each one.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: ARM_TEMPLATE_TYPES,
  check(resources) {
    return ofAnyType(resources, ARM_TEMPLATE_TYPES).map((r) => ({
      urn: r.urn,
      message: `${kindOf(r)} ${r.name} deploys ${armTemplateWhat(r)}; remove it`,
    }));
  },
};

export const PRIVILEGE_POLICIES: readonly BoundaryPolicy[] = [
  roleAssignmentsOnOwnResources,
  noPimOrRoleDefinitions,
  noNestedArmDeployments,
];
