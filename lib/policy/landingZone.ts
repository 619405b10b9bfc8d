import { type BoundaryPolicy, ofType, record, text, TYPES } from "./types";

/**
 * What built-in Azure Policy definitions that landing-zone tenants assign would do to a planned stack, where the
 * stack keeps a setting on purpose (key auth in auth.mode key, the OpenAI kind of a deployed account). Read
 * against Azure/azure-policy f4a50bac. `npm run preflight` names the tenant's actual assignments.
 */

const LOCAL_AUTH_REMEDIATION =
  "'Configure Cognitive Services accounts to disable local authentication methods' (14de9e63, Modify) and " +
  "'Configure Azure AI Services resources to disable local key access' (55eff01b, DeployIfNotExists)";

const localAuthRemediation: BoundaryPolicy = {
  name: "local-auth-remediation-drift",
  description: `Where ${LOCAL_AUTH_REMEDIATION} is assigned, Azure sets disableLocalAuth to true on an account that keeps key authentication (auth.mode key): the Modify effect rewrites the stack's own request, the DeployIfNotExists remediation redeploys the account later (and also writes customSubDomainName = the account name). Either way the rotated key stops working and every run sees drift.`,
  remediation:
    "Switch to auth.mode entra (nothing to exempt), or have the account exempted (category Waiver) from each assignment of 14de9e63 / 55eff01b as well as from 71ef260a: policy.keyAuthExemption names one assignment; when they are in one initiative, list every reference ID in policyDefinitionReferenceIds (docs/security-review.md).",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    return ofType(resources, TYPES.account)
      .filter((a) => record(a.props.properties).disableLocalAuth !== true)
      .map((a) => ({
        urn: a.urn,
        message:
          "key authentication is on: 14de9e63 (Modify) / 55eff01b (DeployIfNotExists), where assigned, turn it off behind the stack unless the account is exempted from them",
      }));
  },
};

/** 67121cc7's excludedKinds default leaves AIServices out; OpenAI is not in it. */
const openAiKindEncryption: BoundaryPolicy = {
  name: "openai-kind-customer-managed-key",
  description:
    "'Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)' (67121cc7) excludes kind AIServices by default but not OpenAI: where it is assigned with Deny, an OpenAI-kind account without properties.encryption.keySource Microsoft.KeyVault is refused at creation and at every update. The stack does not manage a customer-managed key, and a deployed account cannot change its kind in place.",
  remediation:
    "New stacks: keep account.kind AIServices (the default). A deployed OpenAI account: ask the platform team for an exemption from 67121cc7 on the account, or for OpenAI in the assignment's excludedKinds (docs/security-review.md).",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    return ofType(resources, TYPES.account)
      .filter((a) => text(a.props.kind) === "OpenAI")
      .filter((a) => record(record(a.props.properties).encryption).keySource !== "Microsoft.KeyVault")
      .map((a) => ({
        urn: a.urn,
        message: "kind OpenAI without a customer-managed key: 67121cc7 denies it where assigned with Deny",
      }));
  },
};

export const LANDING_ZONE_POLICIES: readonly BoundaryPolicy[] = [localAuthRemediation, openAiKindEncryption];
