import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { TeamConfig } from "../lib/config/schema";
import { teamTags } from "../lib/azure/naming";
import { planRotation, type RotationPlan } from "../lib/keys/plan";
import {
  LEGACY_OUTPUT,
  RECORD_OUTPUT,
  readPreviousRecord,
  RecordError,
  type DistributionRecord,
} from "../lib/keys/record";
import { EmergencyRevocation, KeyRotation, recordAfter } from "../components/keyRotation";
import { GitHubDistribution } from "../components/githubDistribution";
import type { KeyRotationFacts } from "../lib/stackOutputs";
import type { BoundaryHandles, BuilderResult } from "./types";

/** The outputs of the key's lifecycle (none in entra mode). */
type KeyOutputs = BuilderResult<"keyRotation" | typeof RECORD_OUTPUT | "keyVaultSecretId">;
import type { EntraCi } from "./entra";

const ARM_ENDPOINT = "https://management.azure.com";

/** The stack's own outputs from its last successful update: an empty map on a first deployment. */
async function previousOutputs(): Promise<{ record: unknown; legacy: unknown }> {
  const self = new pulumi.StackReference("key-rotation-state", {
    name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  });
  const [record, legacy] = await Promise.all([
    self.getOutputDetails(RECORD_OUTPUT),
    self.getOutputDetails(LEGACY_OUTPUT),
  ]);
  return { record: record.value ?? record.secretValue, legacy: legacy.value ?? legacy.secretValue };
}

async function previousRecord(config: TeamConfig): Promise<DistributionRecord | null> {
  const { record, legacy } = await previousOutputs();
  try {
    return readPreviousRecord(record, legacy, config.keyRotation);
  } catch (error) {
    if (error instanceof RecordError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

/** What people read (`pulumi stack output keyRotation`): facts of the key handed out, and how to force the next one. */
function rotationFacts(plan: RotationPlan, config: TeamConfig): KeyRotationFacts {
  return {
    generation: plan.generation,
    activeSlot: plan.slot,
    step: plan.step,
    holdReason: plan.holdReason,
    keyExpiresOn: plan.expiresOn.toISOString(),
    nextRotationOn: plan.nextRotationOn.toISOString(),
    earliestStepOn: plan.earliestStepOn?.toISOString() ?? null,
    nextGenerationOverride: plan.nextGenerationOverride,
    emergencies: plan.record.emergencies.length,
    lastEmergencyReason: config.keyRotation.emergencies[config.keyRotation.emergencies.length - 1] ?? null,
  };
}

/** The key's lifecycle: the rotation plan, dual-key rotation into Key Vault and every team repository, emergency revocation. */
export async function buildKeyLifecycle(
  config: TeamConfig,
  boundary: BoundaryHandles,
  entra: EntraCi | undefined,
  nowMs: number,
  githubBaseUrl: string | undefined,
): Promise<KeyOutputs> {
  const plan = planRotation({ settings: config.keyRotation, nowMs, previous: await previousRecord(config) });
  const client = authorization.getClientConfigOutput();

  const rotation = new KeyRotation("key-rotation", {
    subscriptionId: client.subscriptionId,
    resourceGroupName: boundary.resourceGroupName,
    accountName: boundary.accountName,
    accountId: boundary.accountId,
    vaultName: boundary.vaultName,
    plan,
    periodDays: config.keyRotation.periodDays,
    armEndpoint: ARM_ENDPOINT,
    tags: teamTags(config),
    accountReady: boundary.accountReady,
    vaultReady: boundary.vaultReady,
  });

  const distribution = new GitHubDistribution("github", {
    owner: config.github.owner,
    baseUrl: githubBaseUrl,
    repositories: config.github.repositories,
    reviewers: config.github.reviewers,
    apiKey: rotation.activeKey,
    apiKeyUnchanged: rotation.keyUnchangedInPreview,
    codexBaseUrl: boundary.baseUrl,
    model: config.codex.defaultModel,
    modelDependsOn: boundary.modelDeployments,
    ...(entra !== undefined ? { entra: entra.variables } : {}),
  });

  const distributedBy: pulumi.CustomResource[] = [rotation.secret, ...distribution.secrets];
  if (plan.revoke !== null) {
    const revocation = new EmergencyRevocation("emergency", {
      subscriptionId: client.subscriptionId,
      resourceGroupName: boundary.resourceGroupName,
      accountName: boundary.accountName,
      revoke: plan.revoke,
      armEndpoint: ARM_ENDPOINT,
      distributedBy: [...distributedBy],
    });
    // The emergency counts as handled only once the leaked key is dead: a failed revocation is retried.
    distributedBy.push(revocation.regeneration);
  }

  return {
    outputs: {
      keyRotation: rotationFacts(plan, config),
      [RECORD_OUTPUT]: recordAfter(plan.record, distributedBy),
      keyVaultSecretId: rotation.secret.id,
    },
  };
}

/** entra mode: the repositories get their environment and variables, and no secret (there is no key). */
export function buildKeylessDistribution(
  config: TeamConfig,
  boundary: BoundaryHandles,
  entra: EntraCi,
  githubBaseUrl: string | undefined,
): KeyOutputs {
  new GitHubDistribution("github", {
    owner: config.github.owner,
    baseUrl: githubBaseUrl,
    repositories: config.github.repositories,
    reviewers: config.github.reviewers,
    codexBaseUrl: boundary.baseUrl,
    model: config.codex.defaultModel,
    modelDependsOn: boundary.modelDeployments,
    entra: entra.variables,
  });
  return { outputs: {} };
}
