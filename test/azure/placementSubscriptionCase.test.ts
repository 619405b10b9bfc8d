import { expect, test } from "vitest";
import { endpointPlacement } from "../../lib/azure/placement";
import { problemLine } from "../../lib/config/problem";
import { existing, SPOKE } from "./placementFixtures";

// Subscription IDs with letters: Azure returns them in either case, so the comparison must ignore it.
const LETTERED = "abcdef00-4444-4555-8666-777777777777";

test("a subnet in the stack's subscription is found whichever case the stack's subscription ID is written in", () => {
  expect(endpointPlacement(existing(LETTERED), LETTERED.toUpperCase())).toEqual({ kind: "team-group" });
  expect(endpointPlacement(existing(LETTERED.toUpperCase()), LETTERED)).toEqual({ kind: "team-group" });
  expect(
    endpointPlacement(existing(LETTERED, `/subscriptions/${LETTERED}/resourceGroups/rg-pe`), LETTERED.toUpperCase()),
  ).toMatchObject({ crossSubscription: false });
});

test("the cross-subscription error ends with the rights the deployer needs and where they are listed", () => {
  const placement = endpointPlacement(existing(SPOKE), LETTERED);
  expect("problem" in placement ? problemLine(placement.problem) : "").toBe(
    `codex-boundary:networking.privateEndpointResourceGroupId: required: the subnet (networking.subnetId) is in subscription ${SPOKE}, ` +
      `but this stack deploys to subscription ${LETTERED}, and a private endpoint must be in its virtual network's subscription. ` +
      `Set it to a resource group in ${SPOKE}, e.g. /subscriptions/${SPOKE}/resourceGroups/<rg>, ` +
      "and grant the deployer the rights listed in docs/operations.md (hub and spoke across subscriptions).",
  );
});
