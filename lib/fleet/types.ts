/**
 * What the fleet check knows about one planned stack. Built from the offline plan (lib/fleet/facts.ts),
 * so every value is what `pulumi up` would send, not what the config meant to say.
 */

import type { RolloutView } from "../devkit/rollout";

export type Enforcement = "mandatory" | "advisory";
export type StackVerdict = "pass" | "advisory" | "fail";

/** One model deployment the stack plans. */
export interface PlannedDeployment {
  account: string;
  name: string;
  model: string;
  version: string;
  sku: string;
  /** sku.capacity: 1 = 1K tokens per minute. */
  capacity: number;
}

/** A resource name that must be unique where Azure keeps it: `scope` says where (subscription, resource group). */
export interface GeneratedName {
  scope: string;
  type: string;
  name: string;
}

export interface RetirementFact {
  model: string;
  version: string;
  /** YYYY-MM-DD. */
  retiresOn: string;
}

export interface StackFacts {
  stack: string;
  team: string;
  subscription: string;
  /** Where the subscription came from: the stack's azure-native:subscriptionId, fleet.yaml, or neither (the deploying job's). */
  subscriptionSource: "stack" | "fleet.yaml" | "deployer";
  region: string;
  dataBoundary: string;
  authMode: string;
  /** The team's rollout stage and the repositories behind it (lib/devkit/rollout.ts). */
  rollout: RolloutView;
  resources: number;
  verdict: StackVerdict;
  /** Names of the stack's mandatory policies that fail. */
  mandatoryFailures: Array<{ policy: string; messages: string[] }>;
  /** Names of the stack's advisory policies that found something (opt-outs, recommendations). */
  advisories: string[];
  /** ISO date of the next scheduled key rotation, when the plan computed one. */
  nextRotation: string | null;
  accounts: string[];
  deployments: PlannedDeployment[];
  /** owner/repo on a GitHub host, lower case (GitHub names are case-insensitive). */
  repositories: string[];
  /** Address spaces of the virtual networks the stack creates. */
  addressSpaces: string[];
  generatedNames: GeneratedName[];
}

/** A fleet problem: which rule, what is wrong, which stacks it involves and how to fix it. */
export interface FleetProblem {
  rule: string;
  enforcement: Enforcement;
  message: string;
  stacks: string[];
  fix: string;
  /** For `stack-policy`: the stack's failing policy, so a gate can tell which kind of control failed. */
  policy?: string;
}
