import type { TeamConfig } from "../lib/config/schema";
import { KeyAuthExemption } from "../components/keyAuthExemption";
import type { BoundaryHandles, BuilderResult } from "./types";

/** Guardrails in Azure itself: the documented, expiring exemption for Codex's key authentication. */
export function buildGuardrails(config: TeamConfig, boundary: BoundaryHandles): BuilderResult {
  const exemption = config.policy.keyAuthExemption;
  if (exemption === undefined) return { outputs: {} };
  const resource = new KeyAuthExemption("key-auth", {
    team: config.team,
    accountId: boundary.accountId,
    policyAssignmentId: exemption.policyAssignmentId,
    expiresOn: exemption.expiresOn,
    dependsOn: boundary.accountReady,
  });
  return { outputs: { keyAuthExemptionId: resource.exemption.id, keyAuthExemptionExpiresOn: exemption.expiresOn } };
}
