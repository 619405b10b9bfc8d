import type { ConfigProblem } from "../config/problem";
import { type NetworkingConfig, subscriptionOfId } from "../config/schema";

/**
 * Where the private endpoints (and their DNS zone groups) are created. A private endpoint must be in the same
 * subscription and region as its virtual network, so in hub and spoke across subscriptions they cannot live in the
 * team's resource group: they go to a resource group of the subnet's subscription, through a provider for it.
 */
export type EndpointPlacement =
  | { kind: "team-group" }
  | { kind: "configured-group"; subscriptionId: string; resourceGroupName: string; crossSubscription: boolean };

const GROUP_NAME = /\/resourceGroups\/([^/]+)$/i;

/** Where the endpoints go, or the problem that stops the run (it names the config key, the subscriptions and the fix). */
export function endpointPlacement(
  networking: NetworkingConfig,
  stackSubscriptionId: string,
): EndpointPlacement | { problem: ConfigProblem } {
  if (networking.mode === "create") return { kind: "team-group" };
  const stack = stackSubscriptionId.toLowerCase();
  const groupId = networking.privateEndpointResourceGroupId;
  if (groupId !== undefined) {
    const subscriptionId = subscriptionOfId(groupId);
    return {
      kind: "configured-group",
      subscriptionId,
      resourceGroupName: GROUP_NAME.exec(groupId)?.[1] ?? "",
      crossSubscription: subscriptionId !== stack,
    };
  }
  const subnetSubscription = subscriptionOfId(networking.subnetId);
  if (subnetSubscription === stack) return { kind: "team-group" };
  return {
    problem: {
      path: "networking.privateEndpointResourceGroupId",
      message:
        `required: the subnet (networking.subnetId) is in subscription ` +
        `${subnetSubscription}, but this stack deploys to subscription ${stack}, and a private endpoint must be in its virtual ` +
        `network's subscription. Set it to a resource group in ${subnetSubscription}, e.g. /subscriptions/${subnetSubscription}/resourceGroups/<rg>, ` +
        `and grant the deployer the rights listed in docs/operations.md (hub and spoke across subscriptions).`,
    },
  };
}
