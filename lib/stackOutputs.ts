import type { CREATE_ONLY_OUTPUT, CreateOnlyValues } from "./azure/createOnly";
import type { RotationPlan } from "./keys/plan";
import type { DistributionRecord, RECORD_OUTPUT } from "./keys/record";
import type { MODEL_DEPLOYMENTS_OUTPUT, ModelDeployment } from "./models/retirementGate";

/** What `pulumi stack output keyRotation` shows: facts of the key handed out, and how to force the next one. */
export interface KeyRotationFacts {
  generation: number;
  activeSlot: DistributionRecord["slot"];
  step: RotationPlan["step"];
  holdReason: RotationPlan["holdReason"];
  keyExpiresOn: string;
  nextRotationOn: string;
  earliestStepOn: string | null;
  nextGenerationOverride: number;
  emergencies: number;
  lastEmergencyReason: string | null;
}

/**
 * A team stack's outputs, by name, as deployed values. The one definition: stacks/program.ts returns them (each value
 * may still be an Output there, see stacks/types.ts), `npm run kit` reads them from `pulumi stack output --json`, the
 * offline plan and the fleet feed the previous ones back. Optional ones exist in one auth mode or with one setting only.
 */
export interface StackOutputs {
  resourceGroupName: string;
  accountName: string;
  accountId: string;
  baseUrl: string;
  vaultName: string;
  vaultUri: string;
  /** The deployment names (the record before modelDeployments existed). */
  deployments: string[];
  defaultModel: string;
  [CREATE_ONLY_OUTPUT]: CreateOnlyValues;
  [MODEL_DEPLOYMENTS_OUTPUT]: ModelDeployment[];
  codexConfigToml: string;
  /** Codex profiles: file name -> content. */
  codexProfiles: Record<string, string>;
  agentsMd: string;
  /** Key mode only. */
  keyScriptBash?: string;
  keyScriptPowerShell?: string;
  /** Repository -> workflow file content. */
  codexWorkflows: Record<string, string>;
  /** Relative path -> content: everything the developer kit writes. */
  developerFiles: Record<string, string>;
  /** Key mode (and while switching) only. */
  keyRotation?: KeyRotationFacts;
  [RECORD_OUTPUT]?: DistributionRecord;
  keyVaultSecretId?: string;
  /** When the config names the key-auth policy assignment. */
  keyAuthExemptionId?: string;
  keyAuthExemptionExpiresOn?: string;
  /** entra mode only: what the CI's OIDC login needs. */
  ciIdentity?: { clientId: string; tenantId: string; subscriptionId: string; issuer: string };
}

export type StackOutputName = keyof StackOutputs;

/** Outputs as the CLI or a stack reference hands them over: named as in StackOutputs, each value still to be checked. */
export type UncheckedStackOutputs = { readonly [K in StackOutputName]?: unknown };
