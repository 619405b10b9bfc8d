import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { formerlyNamed } from "./formerNames";

export interface KeyAuthExemptionArgs {
  team: string;
  /**
   * Where the exemption lives: the team's resource group, which exists before the account, so a Deny assignment
   * never sees the account's PUT without it.
   */
  scope: pulumi.Input<string>;
  /** The assignment of "Azure AI Services resources should have key access disabled" (or the initiative holding it). */
  policyAssignmentId: string;
  /** For an initiative: only these of its definitions are waived. */
  policyDefinitionReferenceIds?: readonly string[];
  /** YYYY-MM-DD: the waiver lapses then and must be renewed on purpose. */
  expiresOn: string;
}

/** The waiver covers the AI account type only, not the vault or anything else in the resource group. */
export const KEY_AUTH_EXEMPTION_SELECTORS = [
  { name: "codex-ai-account", selectors: [{ kind: "resourceType", in: ["Microsoft.CognitiveServices/accounts"] }] },
];

export const KEY_AUTH_EXEMPTION_DESCRIPTION =
  "This team's Codex authenticates to Azure OpenAI with an API key (codex-boundary key mode), so key access must stay " +
  "enabled on this account. Compensating controls: no public network access (private endpoint only), the key is rotated " +
  "on a schedule with two keys, distributed only to Key Vault (RBAC, purge protection) and GitHub Actions environment " +
  "secrets (it is also kept, encrypted by the stack's secrets provider, in the Pulumi state), and all requests are logged " +
  "to Log Analytics (one shared key: the logs name the team, not the person). Managed by codex-boundary.";

/**
 * A time-boxed Azure Policy exemption (Waiver) for the key-auth policy, with the reasoning a reviewer needs in its
 * description. Created before the account, on the resource group and narrowed to AI accounts by a resource selector.
 * Only created when the team config names the policy assignment.
 */
export class KeyAuthExemption extends pulumi.ComponentResource {
  readonly exemption: authorization.PolicyExemption;

  constructor(name: string, args: KeyAuthExemptionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:guardrails:KeyAuthExemption", name, {}, opts);
    this.exemption = new authorization.PolicyExemption(
      name,
      {
        policyExemptionName: `codex-key-auth-${args.team}`,
        scope: args.scope,
        policyAssignmentId: args.policyAssignmentId,
        ...(args.policyDefinitionReferenceIds !== undefined
          ? { policyDefinitionReferenceIds: [...args.policyDefinitionReferenceIds] }
          : {}),
        resourceSelectors: KEY_AUTH_EXEMPTION_SELECTORS,
        exemptionCategory: "Waiver",
        expiresOn: `${args.expiresOn}T00:00:00Z`,
        displayName: `Codex requires API key auth (team ${args.team})`,
        description: KEY_AUTH_EXEMPTION_DESCRIPTION,
        metadata: { managedBy: "codex-boundary", team: args.team },
      },
      // A stack that exempted the account itself moves the exemption to the group: the scope is part of its ID, so
      // Pulumi replaces it (the new one is created before the old one is deleted; the account is never uncovered).
      { parent: this, ...formerlyNamed("key-auth-exemption", name) },
    );
    this.registerOutputs({ exemptionId: this.exemption.id, expiresOn: args.expiresOn });
  }
}
