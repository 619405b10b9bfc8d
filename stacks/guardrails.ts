import type * as pulumi from "@pulumi/pulumi";
import type { TeamConfig } from "../lib/config/schema";
import { KeyAuthExemption } from "../components/keyAuthExemption";
import type { BoundaryHandles, BuilderResult } from "./types";

/**
 * The documented, expiring exemption for Codex's key authentication, on the resource group (it exists before the
 * account): the account waits for it, so a Deny assignment never refuses the account's PUT.
 */
export function keyAuthExemption(
  config: TeamConfig,
  resourceGroupId: pulumi.Input<string>,
): KeyAuthExemption | undefined {
  const exemption = config.policy.keyAuthExemption;
  if (exemption === undefined) return undefined;
  return new KeyAuthExemption("key-auth", {
    team: config.team,
    scope: resourceGroupId,
    policyAssignmentId: exemption.policyAssignmentId,
    policyDefinitionReferenceIds: exemption.policyDefinitionReferenceIds,
    expiresOn: exemption.expiresOn,
  });
}

/** Guardrails in Azure itself: the stack outputs of the key-auth exemption (created with the boundary, before the account). */
export function buildGuardrails(
  config: TeamConfig,
  boundary: BoundaryHandles,
): BuilderResult<"keyAuthExemptionId" | "keyAuthExemptionExpiresOn"> {
  const exemption = config.policy.keyAuthExemption;
  if (exemption === undefined || boundary.keyAuthExemption === undefined) return { outputs: {} };
  return {
    outputs: {
      keyAuthExemptionId: boundary.keyAuthExemption.exemption.id,
      keyAuthExemptionExpiresOn: exemption.expiresOn,
    },
  };
}
