import { decodeConfigValue, PROJECT_NAME } from "../config/parse";
import type { FleetFile } from "./fleetFile";
import type { GeneratedName, PlannedDeployment, StackFacts, StackVerdict } from "./types";
import { GUID_PATTERN } from "../config/patterns";
import { repositoryKey } from "../platform/teamRules";
import { rolloutView } from "../devkit/rollout";

/** What the fleet reads of one offline plan: the flat config, the planned resources (secrets redacted), outputs and verdicts. */
export interface PlanSummary {
  stack: string;
  config: Readonly<Record<string, string>>;
  resources: ReadonlyArray<{ type: string; name: string; inputs: Record<string, unknown> }>;
  outputs: Record<string, unknown>;
  policies: ReadonlyArray<{
    name: string;
    enforcement: "mandatory" | "advisory";
    verdict: "pass" | "fail";
    violations: ReadonlyArray<{ message: string }>;
  }>;
}

export const SUBSCRIPTION_KEY = "azure-native:subscriptionId";
/** Stacks with no subscription of their own or in fleet.yaml deploy to the deploying job's (ARM_SUBSCRIPTION_ID): one pool. */
export const DEPLOYER_SUBSCRIPTION = "deployer";
/** Names that carry the random suffix `pulumi up` draws are unique by construction; the offline plan prints a placeholder. */
const PLACEHOLDER = /<[a-z0-9-]+-after-pulumi-up>/;

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const projectValue = (config: PlanSummary["config"], key: string): unknown => {
  const raw = config[`${PROJECT_NAME}:${key}`];
  return raw === undefined ? undefined : decodeConfigValue(raw);
};

/** The stack's subscription, or the input problem that stops the fleet from knowing it. */
export function stackSubscription(
  config: PlanSummary["config"],
  fleet: FleetFile,
): { subscription: string; source: StackFacts["subscriptionSource"] } | { problem: string } {
  const own = config[SUBSCRIPTION_KEY];
  if (own !== undefined) {
    return GUID_PATTERN.test(own)
      ? { subscription: own.toLowerCase(), source: "stack" }
      : { problem: `${SUBSCRIPTION_KEY}: must be a subscription ID (a GUID) (got ${JSON.stringify(own)})` };
  }
  if (fleet.defaultSubscription !== undefined)
    return { subscription: fleet.defaultSubscription.toLowerCase(), source: "fleet.yaml" };
  return { subscription: DEPLOYER_SUBSCRIPTION, source: "deployer" };
}

function deployments(plan: PlanSummary): PlannedDeployment[] {
  return plan.resources
    .filter((r) => r.type === "azure-native:cognitiveservices:Deployment")
    .map((r) => {
      const model = record(record(r.inputs.properties).model);
      const sku = record(r.inputs.sku);
      return {
        account: text(r.inputs.accountName),
        name: text(r.inputs.deploymentName) || r.name,
        model: text(model.name),
        version: text(model.version),
        sku: text(sku.name),
        capacity: typeof sku.capacity === "number" ? sku.capacity : 0,
      };
    });
}

/** The stack's repositories as <owner>/<name>, case-folded: the GitHub host is one per platform (platform.yaml). */
function repositories(plan: PlanSummary): string[] {
  const github = record(projectValue(plan.config, "github"));
  const repos = Array.isArray(github.repositories) ? github.repositories : [];
  return repos.map((repo) => repositoryKey(text(github.owner), text(record(repo).name)));
}

function generatedNames(plan: PlanSummary, subscription: string): GeneratedName[] {
  return plan.resources.flatMap((r): GeneratedName[] => {
    if (!r.type.startsWith("azure-native:")) return [];
    const typeName = r.type.split(":")[2] ?? "";
    const nameKey = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Name`;
    if (r.type === "azure-native:resources:ResourceGroup") {
      const name = text(r.inputs.resourceGroupName);
      return name === "" || PLACEHOLDER.test(name)
        ? []
        : [{ scope: `subscription ${subscription}`, type: r.type, name }];
    }
    const group = text(r.inputs.resourceGroupName);
    const name = text(r.inputs[nameKey]);
    if (group === "" || name === "" || PLACEHOLDER.test(name)) return [];
    return [{ scope: `subscription ${subscription}, resource group ${group}`, type: r.type, name }];
  });
}

function addressSpaces(plan: PlanSummary): string[] {
  return plan.resources
    .filter((r) => r.type === "azure-native:network:VirtualNetwork")
    .flatMap((r) => {
      const prefixes = record(r.inputs.addressSpace).addressPrefixes;
      return Array.isArray(prefixes) ? prefixes.filter((p): p is string => typeof p === "string") : [];
    });
}

function verdictOf(plan: PlanSummary): StackVerdict {
  if (plan.policies.some((p) => p.enforcement === "mandatory" && p.verdict === "fail")) return "fail";
  return plan.policies.some((p) => p.verdict === "fail") ? "advisory" : "pass";
}

/** The fleet's view of one planned stack. */
export function stackFacts(
  plan: PlanSummary,
  subscription: { subscription: string; source: StackFacts["subscriptionSource"] },
): StackFacts {
  const auth = record(projectValue(plan.config, "auth"));
  const rotation = record(plan.outputs.keyRotation);
  return {
    stack: plan.stack,
    team: text(projectValue(plan.config, "team")),
    subscription: subscription.subscription,
    subscriptionSource: subscription.source,
    region: text(projectValue(plan.config, "location")).toLowerCase(),
    dataBoundary: text(projectValue(plan.config, "dataBoundary")),
    authMode: text(auth.mode) || "key",
    rollout: rolloutView(projectValue(plan.config, "rollout")),
    resources: plan.resources.length,
    verdict: verdictOf(plan),
    mandatoryFailures: plan.policies
      .filter((p) => p.enforcement === "mandatory" && p.verdict === "fail")
      .map((p) => ({ policy: p.name, messages: p.violations.map((v) => v.message) })),
    advisories: plan.policies.filter((p) => p.enforcement === "advisory" && p.verdict === "fail").map((p) => p.name),
    nextRotation: typeof rotation.nextRotationOn === "string" ? rotation.nextRotationOn.slice(0, 10) : null,
    accounts: plan.resources
      .filter((r) => r.type === "azure-native:cognitiveservices:Account")
      .map((r) => text(r.inputs.accountName) || r.name),
    deployments: deployments(plan),
    repositories: repositories(plan),
    addressSpaces: addressSpaces(plan),
    generatedNames: generatedNames(plan, subscription.subscription),
  };
}
