import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import type { TeamConfig } from "../lib/config/schema";
import type { BoundaryHandles } from "./types";

/** The Azure boundary (issue 3). Placeholder until the components land: only the resource group. */
export function buildAzureBoundary(config: TeamConfig): BoundaryHandles {
  const group = new resources.ResourceGroup("rg", {
    resourceGroupName: `rg-codex-${config.team}`,
    location: config.location,
  });
  const pending = pulumi.output("pending");
  return {
    resourceGroupName: group.name,
    resourceGroupId: group.id,
    accountName: pending,
    accountId: pending,
    subdomain: pending,
    baseUrl: pending,
    vaultName: pending,
    vaultId: pending,
    vaultUri: pending,
    accountReady: [],
    vaultReady: [],
    outputs: { resourceGroupName: group.name },
  };
}
