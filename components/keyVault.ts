import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { formerlyNamed } from "./formerNames";

export interface TeamKeyVaultArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  vaultName: pulumi.Input<string>;
  tenantId: pulumi.Input<string>;
  softDeleteRetentionDays: number;
  tags: Record<string, string>;
}

/**
 * The vault that holds the Codex API key. RBAC only (no access policies), purge protection on
 * (Azure rejects `false` and it can never be turned off again), soft delete, reachable only through
 * its private endpoint; trusted Azure services may bypass the ACL.
 */
export class TeamKeyVault extends pulumi.ComponentResource {
  readonly vault: keyvault.Vault;
  readonly vaultName: pulumi.Output<string>;
  readonly vaultId: pulumi.Output<string>;
  readonly vaultUri: pulumi.Output<string>;

  constructor(name: string, args: TeamKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:TeamKeyVault", name, {}, opts);
    this.vault = new keyvault.Vault(
      name,
      {
        vaultName: args.vaultName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        properties: {
          tenantId: args.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: args.softDeleteRetentionDays,
          enablePurgeProtection: true,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        },
        tags: args.tags,
      },
      // Azure sets the retention only at creation: a change is caught at plan (lib/azure/createOnly.ts); a stack
      // deployed before that record existed never sends one.
      // Protected: purge protection keeps a deleted vault (docs/operations.md, "Offboarding a team").
      {
        parent: this,
        ignoreChanges: ["properties.softDeleteRetentionInDays"],
        protect: true,
        ...formerlyNamed("vault", name),
      },
    );
    this.vaultName = this.vault.name;
    this.vaultId = this.vault.id;
    this.vaultUri = this.vault.properties.apply((p) => p.vaultUri ?? "");
    this.registerOutputs({ vaultName: this.vaultName, vaultId: this.vaultId, vaultUri: this.vaultUri });
  }
}
