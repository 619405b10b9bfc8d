import { describe, expect, test } from "vitest";
import { MODEL_POLICIES } from "../../lib/policy/models";
import { headerLines, textsByName } from "./asReviewed";

// Known answers written out: what a reviewer reads in the compliance report for each model lifecycle control (its
// name, whether it blocks, whether it judges one resource or the whole stack, the resource types it examines, what it
// guards and how to fix it). A reworded or re-scoped control must fail here and be a conscious change.

describe("the model lifecycle controls as a reviewer reads them in the report", () => {
  test("four controls in this order: name, mandatory or advisory, per resource or per stack, resource types examined", () => {
    expect(headerLines(MODEL_POLICIES)).toEqual([
      "model-not-retiring | advisory | stack | azure-native:cognitiveservices:Account, azure-native:cognitiveservices:Deployment",
      "model-retirement-ahead | advisory | stack | azure-native:cognitiveservices:Account, azure-native:cognitiveservices:Deployment",
      "model-offered-to-new-subscriptions | advisory | resource | azure-native:cognitiveservices:Deployment",
      "model-availability-verified | advisory | stack | azure-native:cognitiveservices:Account, azure-native:cognitiveservices:Deployment",
    ]);
  });

  test("each control's description (what it guards, with the 30 and 120 day thresholds) and remediation (the fix), word for word", () => {
    expect(textsByName(MODEL_POLICIES)).toEqual({
      "model-not-retiring": [
        "Recommendation: no deployment uses a model version that retires within 30 days (from its retirement day Azure answers 410 Gone, and the date is never extended). Adding or changing to one is refused by pulumi up itself; one left as deployed is named here and blocks nothing.",
        "Move to the successor the message names: npm run models -- --upgrade --stack <stack>, then point codex.defaultModel at it.",
      ],
      "model-retirement-ahead": [
        "Recommendation: plan the move off a model version that retires within 120 days.",
        "Add the successor the message names now (npm run models -- --upgrade --stack <stack>), move codex.defaultModel to it, then remove the old one before its retirement date.",
      ],
      "model-offered-to-new-subscriptions": [
        "Recommendation: deploy model versions launched less than 12 months ago: after that Azure no longer offers a GA version to subscriptions that never deployed it, so a first deployment in a new subscription can be refused.",
        "Use a newer model version from lib/models/catalog.json, or deploy into a subscription that already runs this version.",
      ],
      "model-availability-verified": [
        "Recommendation: every deployment's model, version and SKU is one the model catalog lists for the account's region. Where the catalog's sources do not cover the region or the model, nothing checked it before deployment.",
        "Check with `npm run models -- --check --subscription <id> --location <region>` and add what ARM reports to lib/models/catalog.json with its source (docs/models.md).",
      ],
    });
  });
});
