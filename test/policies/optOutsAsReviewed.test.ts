import { describe, expect, test } from "vitest";
import { OPT_OUT_POLICIES } from "../../lib/policy/optOuts";
import { headerLines, textsByName } from "./asReviewed";

// Known answers written out: what a reviewer reads in the compliance report for each opt-out control (its name,
// whether it blocks, what it examines, what it guards and how to fix it). A reworded control must fail here.

describe("the opt-out controls as a reviewer reads them in the report", () => {
  test("nine controls in this order: name, mandatory or advisory, per resource or per stack, resource types examined", () => {
    expect(headerLines(OPT_OUT_POLICIES)).toEqual([
      "data-boundary-opt-out | advisory | resource | azure-native:cognitiveservices:Account",
      "full-access-opt-out | advisory | stack | codex-boundary:devkit:DeveloperKit",
      "outbound-restricted | mandatory | resource | azure-native:cognitiveservices:Account",
      "outbound-fqdns-allow-listed | advisory | resource | azure-native:cognitiveservices:Account",
      "github-environment-restricted | mandatory | resource | github:index/repositoryEnvironment:RepositoryEnvironment",
      "github-repository-secret-opt-out | advisory | resource | github:index/actionsSecret:ActionsSecret, github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
      "key-rotation-bounded | advisory | stack | azure-native:keyvault:Secret, codex-boundary:keys:KeyRotation",
      "key-auth-exemption-expiry | advisory | resource | azure-native:authorization:PolicyExemption",
      "budget-amount-bounded | advisory | resource | azure-native:consumption:Budget",
    ]);
  });

  test("each control's description (what it guards) and remediation (the fix), word for word", () => {
    expect(textsByName(OPT_OUT_POLICIES)).toEqual({
      "data-boundary-opt-out": [
        "Opt-out: the team chose dataBoundary: global, so its Global* deployments may process prompts and completions in any Azure region, outside an EU or US data zone.",
        "Set dataBoundary: eu or us and DataZoneStandard (or Standard) deployments, unless the team's data may leave its data zone.",
      ],
      "full-access-opt-out": [
        "Opt-out: the team set codex.allowFullAccess: true, so its developer kit offers the danger-full-access profile (no sandbox, no approvals, any network).",
        "Remove codex.allowFullAccess unless a risk review approved it for a disposable, isolated environment.",
      ],
      "outbound-restricted": [
        "The AI account may call out only to named hosts (restrictOutboundNetworkAccess with an allow list), never to a wildcard: '*.blob.core.windows.net' is every storage account of every tenant, a ready path for data to leave.",
        "List exact host names in account.allowedFqdns (no '*.'), and keep restrictOutboundNetworkAccess on.",
      ],
      "outbound-fqdns-allow-listed": [
        "Opt-out: the account may call an outbound host that the boundary's allow list (login.microsoftonline.com) does not hold; Codex itself needs none.",
        "Remove the host from account.allowedFqdns, or record in the team's risk review why the account must reach it.",
      ],
      "github-environment-restricted": [
        "The GitHub environment holding the key lets only protected branches run jobs with it, and admins cannot bypass it: a workflow pushed on a feature branch never sees the key.",
        "Keep the environment's deploymentBranchPolicy {protectedBranches: true, customBranchPolicies: false} and canAdminsBypass: false (set by the GitHub distribution component).",
      ],
      "github-repository-secret-opt-out": [
        "Opt-out: the key is a plain repository (or organization) secret (github.repositories[].allowRepositorySecret: true), which a workflow pushed on any branch can read, instead of a branch-restricted environment secret.",
        "Remove allowRepositorySecret from the repository's entry: the key then goes to the 'codex' environment (protected branches only).",
      ],
      "key-rotation-bounded": [
        "Opt-out: the key rotates less often than every 90 days, or stays valid longer than two rotation periods from now (an epoch or generation set ahead of the clock), so a leaked key keeps working longer than the boundary promises.",
        "Set keyRotation.periodDays to 90 or less, and keyRotation.epoch (and any generation override) so the current generation started in the past.",
      ],
      "key-auth-exemption-expiry": [
        "The key-auth exemption is time-boxed: it ends within 12 months, and the report warns 30 days before it lapses (after that, a Deny assignment of the key-auth policy blocks changes to the account).",
        "Renew on purpose: review the exception, then set policy.keyAuthExemption.expiresOn to a new date at most 12 months ahead.",
      ],
      "budget-amount-bounded": [
        "Opt-out: the monthly budget is over 100,000, so its alerts would fire too late (or never) to catch a leaked key or a runaway agent.",
        "Set budget.amount to what the team expects to spend in a month, with some headroom.",
      ],
    });
  });
});
