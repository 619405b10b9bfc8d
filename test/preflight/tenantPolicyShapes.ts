/** ARM's documented policy shapes (2023-04-01 examples getBuiltinPolicyDefinition, getPolicySetDefinition, listPolicyAssignments), built from the baseline's definitions. */
import { BASELINE } from "../../lib/azurePolicy/report";
import type {
  ArmPolicyAssignment,
  ArmPolicyDefinition,
  ArmPolicySetDefinition,
} from "../../lib/preflight/tenantPolicy";

export const SUB = "00000000-0000-4000-8000-00000000c0de";
export const MG = "/providers/Microsoft.Management/managementGroups/contoso-corp";

/** A baseline definition as GET /providers/Microsoft.Authorization/policyDefinitions/{name} answers it. */
export function builtIn(shortName: string): ArmPolicyDefinition {
  const d = BASELINE.definitions.find((x) => x.name.startsWith(shortName));
  if (d === undefined) throw new Error(`no baseline definition ${shortName}`);
  return {
    id: d.id.startsWith("/providers/Microsoft.Management/")
      ? `${MG}/providers/Microsoft.Authorization/policyDefinitions/${d.name}`
      : d.id,
    name: d.name,
    properties: {
      displayName: d.displayName,
      mode: d.mode,
      metadata: { version: d.version, category: "Test" },
      parameters: d.parameters,
      policyRule: d.policyRule,
    },
    type: "Microsoft.Authorization/policyDefinitions",
  } as ArmPolicyDefinition;
}

export function initiative(
  name: string,
  members: Array<{ definition: ArmPolicyDefinition; referenceId: string; parameters?: Record<string, unknown> }>,
  parameters: ArmPolicySetDefinition["properties"]["parameters"] = {},
): ArmPolicySetDefinition {
  return {
    id: `${MG}/providers/Microsoft.Authorization/policySetDefinitions/${name}`,
    name,
    properties: {
      displayName: `${name} initiative`,
      parameters,
      policyDefinitions: members.map((m) => ({
        policyDefinitionId: m.definition.id,
        policyDefinitionReferenceId: m.referenceId,
        parameters: Object.fromEntries(Object.entries(m.parameters ?? {}).map(([k, value]) => [k, { value }])),
      })),
    },
  };
}

export function assignment(
  name: string,
  policyDefinitionId: string,
  more: Partial<ArmPolicyAssignment["properties"]> & { scope?: string } = {},
): ArmPolicyAssignment {
  const scope = more.scope ?? MG;
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    properties: { displayName: name, policyDefinitionId, scope, notScopes: [], enforcementMode: "Default", ...more },
  };
}

export const byId = (...items: Array<{ id: string }>) => Object.fromEntries(items.map((i) => [i.id.toLowerCase(), i]));

/** A DescendantInfo entry of ManagementGroups - Get Descendants (2023-04-01 example GetDescendants). */
export function descendant(id: string, parentId: string) {
  const name = id.split("/").pop() ?? "";
  return {
    id,
    name,
    type: id.startsWith("/subscriptions/")
      ? "Microsoft.Management/managementGroups/subscriptions"
      : "Microsoft.Management/managementGroups",
    properties: { displayName: name, parent: { id: parentId } },
  };
}
