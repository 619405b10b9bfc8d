/**
 * Where the stack's writes land for Azure Policy: each planned resource is evaluated by the assignments that apply at
 * its own resource group (its subscription's and management groups' included), never by another subscription's.
 */
import type { PlannedArmResource } from "../azurePolicy/fromPulumi";
import { endpointPlacement } from "../azure/placement";
import { teamNames } from "../azure/naming";
import type { NetworkingConfig } from "../config/schema";
import type { Read } from "./findings";

/** A resource group the stack writes resources into. */
export interface WriteScope {
  subscriptionId: string;
  resourceGroup: string;
  /** `/subscriptions/{s}/resourceGroups/{rg}`. */
  id: string;
  /** What the stack writes there, for the findings. */
  what: string;
}

const groupId = (subscriptionId: string, resourceGroup: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;

/**
 * The team's group, and the group of another subscription the private endpoints and their DNS zone groups go to in hub
 * and spoke across subscriptions. The rest of the hub (its subnet, DNS zones, workspace, action group) is joined or
 * named, not written: the zone groups' records and the diagnostic settings are judged where their own resource sits.
 */
export function writeScopes(
  config: { team: string; networking: NetworkingConfig },
  subscriptionId: string,
): WriteScope[] {
  const sub = subscriptionId.toLowerCase();
  const team = teamNames(config.team).resourceGroup;
  const scopes: WriteScope[] = [
    { subscriptionId: sub, resourceGroup: team, id: groupId(sub, team), what: "the team's resources" },
  ];
  const placement = endpointPlacement(config.networking, sub);
  if (!("problem" in placement) && placement.kind === "configured-group") {
    const id = groupId(placement.subscriptionId, placement.resourceGroupName);
    if (id.toLowerCase() !== scopes[0]?.id.toLowerCase())
      scopes.push({
        subscriptionId: placement.subscriptionId,
        resourceGroup: placement.resourceGroupName,
        id,
        what: "the private endpoints and their DNS zone groups",
      });
  }
  return scopes;
}

/** The distinct subscriptions of the scopes, as `/subscriptions/{s}`. */
export function subscriptionScopes(scopes: readonly WriteScope[]): string[] {
  return [...new Set(scopes.map((s) => `/subscriptions/${s.subscriptionId.toLowerCase()}`))];
}

const ENDPOINT_TYPES = new Set(
  ["Microsoft.Network/privateEndpoints", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"].map((t) =>
    t.toLowerCase(),
  ),
);

/**
 * The planned resources with the IDs Azure gives them: the offline plan roots every ID in the stack's subscription,
 * but the endpoints (and zone groups) of another subscription's group are created there through their own provider.
 */
export function placeOnScopes(
  resources: readonly PlannedArmResource[],
  scopes: readonly WriteScope[],
  subscriptionId: string,
): PlannedArmResource[] {
  const moves = scopes
    .filter((s) => s.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase())
    .map((s) => ({ from: `${groupId(subscriptionId, s.resourceGroup)}/`.toLowerCase(), to: `${s.id}/` }));
  return resources.map((r) => {
    if (!ENDPOINT_TYPES.has(r.type.toLowerCase())) return r;
    const move = moves.find((m) => r.id.toLowerCase().startsWith(m.from));
    return move === undefined ? r : { ...r, id: `${move.to}${r.id.slice(move.from.length)}` };
  });
}

export const isUnder = (id: string, scope: string): boolean => {
  const a = id.toLowerCase();
  const s = scope.toLowerCase().replace(/\/$/, "");
  return a === s || a.startsWith(`${s}/`);
};

const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i;

export const isManagementGroupId = (id: string): boolean => MANAGEMENT_GROUP.test(id);

/**
 * Whether an assignment's notScopes take a resource out: a subscription, group or resource entry by its ID; a
 * management group entry when the resource's subscription is among that group's descendants (any depth). A group
 * whose descendants could not be read leaves the answer open.
 */
export function notScopesDecision(
  notScopes: readonly string[],
  resourceId: string,
  descendants: ReadonlyMap<string, Read<string[]>>,
): { excluded: boolean } | { unreadable: string[] } {
  const subscription = /^\/subscriptions\/[^/]+/i.exec(resourceId)?.[0]?.toLowerCase();
  const unreadable: string[] = [];
  for (const scope of notScopes) {
    if (!isManagementGroupId(scope)) {
      if (isUnder(resourceId, scope)) return { excluded: true };
      continue;
    }
    const read = descendants.get(scope.toLowerCase());
    if (read === undefined || !read.ok) unreadable.push(scope);
    else if (subscription !== undefined && read.value.some((d) => d.toLowerCase() === subscription))
      return { excluded: true };
  }
  return unreadable.length > 0 ? { unreadable } : { excluded: false };
}

/** The management groups the notScopes of these assignments name (each once, first spelling), whose descendants decide them. */
export function notScopeManagementGroups(
  assignments: ReadonlyArray<{ properties: { notScopes?: string[] } }>,
): string[] {
  const out = new Map<string, string>();
  for (const id of assignments.flatMap((a) => a.properties.notScopes ?? []).filter(isManagementGroupId))
    if (!out.has(id.toLowerCase())) out.set(id.toLowerCase(), id);
  return [...out.values()];
}
