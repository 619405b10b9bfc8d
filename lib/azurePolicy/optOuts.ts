import type { PlannedArmResource, PlannedExemption } from "./fromPulumi";

/**
 * The baseline findings the stack chooses on purpose: a Deny-capable definition the planned resource does not meet
 * because a setting of the stack file asks for it. Such a finding is reported as an opt-out with the setting that
 * chose it and what a tenant assigning the definition with Deny needs, not as a violation. Every other Deny-capable
 * finding is a defect of the stack ("clean by default", issue 26).
 */
export interface BaselineOptOut {
  /** The stack file setting that chose it. */
  path: string;
  value: string;
  why: string;
  /** What to do in a tenant that assigns the definition with Deny. */
  fix: string;
}

export interface OptOutContext {
  resource: PlannedArmResource;
  /** The definition's short name (the first 8 hex digits of a built-in, an ALZ name as is). */
  definition: string;
  /** The baseline assignment label, for a definition assigned more than once. */
  assignment?: string;
  /** The planned key-auth exemption that covers the resource, if any. */
  exemption?: PlannedExemption;
}

interface OptOutRule {
  definitions: readonly string[];
  optOut(ctx: OptOutContext): BaselineOptOut | undefined;
}

const ACCOUNT = "microsoft.cognitiveservices/accounts";
const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

function exemptionCovers(exemption: PlannedExemption): string {
  const references =
    exemption.policyDefinitionReferenceIds === undefined
      ? "every definition the assignment assigns"
      : `the initiative's reference IDs ${exemption.policyDefinitionReferenceIds.join(", ")}`;
  return (
    `covered by the stack's exemption ${exemption.name} (granted in platform.yaml policy.keyAuthExemption) from ` +
    `assignment ${exemption.policyAssignmentId}, ${references}: it waives the Deny where that assignment is the one ` +
    "that assigns 71ef260a; if another assignment does, ask the platform team to name that one in platform.yaml"
  );
}

const keyAccess: OptOutRule = {
  definitions: ["71ef260a"],
  optOut({ resource, exemption }) {
    if (resource.type.toLowerCase() !== ACCOUNT || resource.properties.disableLocalAuth === true) return undefined;
    return {
      path: "auth.mode",
      value: "key",
      why: "key mode keeps the account's key access on: Codex and the CI workflows authenticate with the API key the stack rotates",
      fix:
        exemption === undefined
          ? "set auth.mode: entra (key access off, nothing to exempt), or ask the platform team for the key-auth exemption " +
            "in platform.yaml (policy.keyAuthExemption, naming the assignment that assigns 71ef260a) and set " +
            "policy.keyAuthExemption in the stack file"
          : exemptionCovers(exemption),
    };
  },
};

const spokeDnsZones: OptOutRule = {
  definitions: ["Deny-Private-DNS-Zones"],
  optOut({ resource }) {
    if (resource.type.toLowerCase() !== "microsoft.network/privatednszones") return undefined;
    return {
      path: "networking.mode",
      value: "create",
      why: "networking.mode create gives the team its own VNet and the private DNS zones of its endpoints, in its resource group",
      fix:
        "in an ALZ Corp landing zone (Deny-Private-DNS-Zones assigned with Deny) use the hub's zones: networking.mode: " +
        "existing with a hub subnet and the hub's privateDnsZoneIds (platform.yaml azure.centralPrivateDns: true refuses create)",
    };
  },
};

const openAiKind: OptOutRule = {
  definitions: ["67121cc7"],
  optOut({ resource }) {
    if (resource.type.toLowerCase() !== ACCOUNT || resource.kind !== "OpenAI") return undefined;
    return {
      path: "account.kind",
      value: "OpenAI",
      why: "67121cc7 excludes kind AIServices by default but not OpenAI, and the stack manages no customer-managed key",
      fix:
        "new stacks: keep account.kind: AIServices (the default); a deployed OpenAI account cannot change its kind in " +
        "place: ask the platform team for an exemption of the account from 67121cc7, or for OpenAI in the assignment's excludedKinds",
    };
  },
};

const githubFederation: OptOutRule = {
  definitions: ["2571b7c3"],
  optOut({ resource }) {
    if (!resource.type.toLowerCase().endsWith("/federatedidentitycredentials")) return undefined;
    if (resource.properties.issuer !== GITHUB_ISSUER) return undefined;
    return {
      path: "auth.mode",
      value: "entra",
      why: "entra mode logs the CI workflows in through GitHub OIDC: one federated credential per repository, issuer token.actions.githubusercontent.com",
      fix:
        "the assignment of 2571b7c3 must set allowFederatedCredentials: true and allowGitHub: true (or list " +
        `${GITHUB_ISSUER} in allowedIssuerExceptions); otherwise ask the platform team for an exemption of the CI identity`,
    };
  },
};

// A missing required tag (871b6d14) is not here: leaving tags out is no choice the stack file states, so it is
// reported as a violation with its fix (set tags.<name>), never as an opt-out.
const RULES: readonly OptOutRule[] = [keyAccess, spokeDnsZones, openAiKind, githubFederation];

/** The opt-out a Deny-capable non-compliant finding stands for, or undefined when it is a defect of the stack. */
export function baselineOptOut(ctx: OptOutContext): BaselineOptOut | undefined {
  for (const rule of RULES) {
    if (!rule.definitions.includes(ctx.definition)) continue;
    const optOut = rule.optOut(ctx);
    if (optOut !== undefined) return optOut;
  }
  return undefined;
}
