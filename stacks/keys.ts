import * as authorization from "@pulumi/azure-native/authorization";
import type { TeamConfig } from "../lib/config/schema";
import { teamTags } from "../lib/azure/naming";
import { effectiveGeneration, keyExpiry } from "../lib/keys/rotation";
import { EmergencyRevocation, KeyRotation } from "../components/keyRotation";
import { GitHubDistribution } from "../components/githubDistribution";
import type { BoundaryHandles, BuilderResult } from "./types";

const ARM_ENDPOINT = "https://management.azure.com";

/** The key's lifecycle: dual-key rotation into Key Vault, then into every team repository; emergency revocation. */
export function buildKeyLifecycle(config: TeamConfig, boundary: BoundaryHandles, nowMs = Date.now()): BuilderResult {
  const settings = config.keyRotation;
  const generation = effectiveGeneration(settings, nowMs);
  const client = authorization.getClientConfigOutput();

  const rotation = new KeyRotation("key-rotation", {
    subscriptionId: client.subscriptionId,
    resourceGroupName: boundary.resourceGroupName,
    accountName: boundary.accountName,
    accountId: boundary.accountId,
    vaultName: boundary.vaultName,
    settings,
    generation,
    armEndpoint: ARM_ENDPOINT,
    tags: teamTags(config),
    accountReady: boundary.accountReady,
    vaultReady: boundary.vaultReady,
  });

  const distribution = new GitHubDistribution("github", {
    owner: config.github.owner,
    baseUrl: config.github.baseUrl,
    repositories: config.github.repositories,
    reviewers: config.github.reviewers,
    apiKey: rotation.activeKey,
    codexBaseUrl: boundary.baseUrl,
    model: config.codex.defaultModel,
  });

  if (settings.emergencies.length > 0) {
    new EmergencyRevocation("emergency", {
      subscriptionId: client.subscriptionId,
      resourceGroupName: boundary.resourceGroupName,
      accountName: boundary.accountName,
      generation,
      emergencies: settings.emergencies,
      armEndpoint: ARM_ENDPOINT,
      distributedBy: [rotation.secret, ...distribution.secrets],
    });
  }

  const expiry = keyExpiry(generation, settings);
  return {
    outputs: {
      keyRotation: {
        generation,
        activeSlot: rotation.slot,
        keyExpiresOn: expiry.expires.toISOString(),
        nextRotationOn: expiry.handedOutUntil.toISOString(),
        emergencies: settings.emergencies.length,
        lastEmergencyReason: settings.emergencies[settings.emergencies.length - 1] ?? null,
      },
      keyVaultSecretId: rotation.secret.id,
    },
  };
}
