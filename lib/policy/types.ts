/** What a policy sees of a planned or deployed resource: its inputs, or (deployed) its properties. */
export interface PolicyResource {
  urn: string;
  type: string;
  name: string;
  props: Record<string, unknown>;
}

export interface Violation {
  urn: string;
  message: string;
}

export type Enforcement = "mandatory" | "advisory";

/**
 * Where a control can decide. "resource": from one resource's own properties, so `pulumi up --policy-pack`
 * checks each resource before it is created, with the values a first preview already knows; `check` then judges
 * every resource on its own (check(all) is the union of check([r])). "stack": it relates resources (an endpoint to
 * its account, a budget to its group), so it runs once every resource is registered.
 */
export type PolicyScope = "resource" | "stack";

/** What a check may know besides the resources: the clock, passed in so checks stay pure and testable. */
export interface PolicyContext {
  nowMs: number;
}

/** A control: the risk it closes, how to fix a violation, and a check over every resource of the stack. */
export interface BoundaryPolicy {
  name: string;
  description: string;
  remediation: string;
  enforcement: Enforcement;
  scope: PolicyScope;
  /** The resource types the control looks at (for the report). */
  appliesTo: readonly string[];
  check(resources: readonly PolicyResource[], context: PolicyContext): Violation[];
}

export const TYPES = {
  account: "azure-native:cognitiveservices:Account",
  deployment: "azure-native:cognitiveservices:Deployment",
  vault: "azure-native:keyvault:Vault",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  resourceGroup: "azure-native:resources:ResourceGroup",
  budget: "azure-native:consumption:Budget",
  diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  actionsVariable: "github:index/actionsVariable:ActionsVariable",
  actionsSecret: "github:index/actionsSecret:ActionsSecret",
  actionsOrganizationSecret: "github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
  repositoryEnvironment: "github:index/repositoryEnvironment:RepositoryEnvironment",
  repositoryEnvironmentDeploymentPolicy:
    "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy",
  vaultSecret: "azure-native:keyvault:Secret",
  keyRotation: "codex-boundary:keys:KeyRotation",
  developerKit: "codex-boundary:devkit:DeveloperKit",
  policyExemption: "azure-native:authorization:PolicyExemption",
  teamBudget: "codex-boundary:azure:TeamBudget",
} as const;

/**
 * azure-native also publishes every resource under explicit API versions (`azure-native:cognitiveservices/v20250601:Account`,
 * `.../v20240401preview:...`): the same Azure resource, so a control written for the unversioned token must see it too.
 * Only azure-native's version segment is dropped; other providers' module paths (github's `index/actionsVariable`) stay.
 */
const AZURE_NATIVE_VERSION = /^(azure-native:[^:/]+)\/(?:v\d{8}[a-z]*|latest):/;

/** The token a control names for a resource type: azure-native's API version removed. */
export function canonicalType(type: string): string {
  return type.replace(AZURE_NATIVE_VERSION, "$1:");
}

/**
 * True when a resource of type `type` is what a control written for `controlType` must examine. `<provider>:*`
 * names every resource type of that provider (`github:*`).
 */
export function matchesType(type: string, controlType: string): boolean {
  if (controlType.endsWith(":*")) return type.startsWith(controlType.slice(0, -1));
  return canonicalType(type) === controlType;
}

export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => matchesType(r.type, type));
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Azure resource IDs compare case-insensitively. */
export function endsWithSegment(id: unknown, segment: string): boolean {
  return text(id).toLowerCase().endsWith(segment.toLowerCase());
}
