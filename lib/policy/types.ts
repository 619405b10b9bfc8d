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

/** A control: the risk it closes, how to fix a violation, and a check over every resource of the stack. */
export interface BoundaryPolicy {
  name: string;
  description: string;
  remediation: string;
  enforcement: Enforcement;
  /** The resource types the control looks at (for the report). */
  appliesTo: readonly string[];
  check(resources: readonly PolicyResource[]): Violation[];
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
  developerKit: "codex-boundary:devkit:DeveloperKit",
  policyExemption: "azure-native:authorization:PolicyExemption",
} as const;

export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type);
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
