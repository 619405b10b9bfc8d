import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { KEY_VAULT_SECRET_NAME } from "../lib/names";
import { createKeyRegenerationProvider, type KeyRegenerationInputs } from "../providers/keyRegeneration";
import type { RotationPlan } from "../lib/keys/plan";
import type { DistributionRecord } from "../lib/keys/record";
import type { KeySlot } from "../lib/keys/rotation";
import { KEY_EXPIRES_ON_TAG, vaultSecretExpiry } from "../lib/keys/vaultExpiry";
import { formerlyNamed } from "./formerNames";

const keyRegenerationProvider = createKeyRegenerationProvider();

type KeyRegenerationArgs = { [K in keyof KeyRegenerationInputs]: pulumi.Input<KeyRegenerationInputs[K]> };

/** One regeneration of one account key (ARM regenerateKey has no azure-native resource). */
export class KeyRegeneration extends pulumi.dynamic.Resource {
  declare readonly accountName: pulumi.Output<string>;
  declare readonly keyName: pulumi.Output<string>;
  declare readonly trigger: pulumi.Output<string>;

  constructor(name: string, args: KeyRegenerationArgs, opts?: pulumi.CustomResourceOptions) {
    super(keyRegenerationProvider, name, { ...args }, opts, "keys", "KeyRegeneration");
  }
}

export interface KeyRotationArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  accountName: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  vaultName: pulumi.Input<string>;
  /** What this run does, from planRotation: the component only creates resources from it. */
  plan: RotationPlan;
  periodDays: number;
  armEndpoint: string;
  tags: Record<string, string>;
  /** Wait for the account's last deployment and the deployer's key-regeneration role. */
  accountReady: pulumi.Resource[];
  /** Wait for the deployer's Key Vault role. */
  vaultReady: pulumi.Resource[];
}

/**
 * The plan's key for this generation: regenerate its slot (only when the plan's trigger moves), read it back,
 * and write it to Key Vault as a new version of one secret. The key is a Pulumi secret from the moment it is read;
 * in a preview it is never read (an unknown secret stands in, so the preview still shows what would change).
 */
export class KeyRotation extends pulumi.ComponentResource {
  readonly slot: KeySlot;
  readonly activeKey: pulumi.Output<string>;
  /**
   * A preview of a run that regenerates nothing: the key (unknown here, the reader may not list keys) is the one
   * already written, so whoever writes it keeps the value in state instead of showing an unknown as a change.
   */
  readonly keyUnchangedInPreview: boolean;
  readonly secret: keyvault.Secret;
  readonly regeneration: KeyRegeneration;

  constructor(name: string, args: KeyRotationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:keys:KeyRotation", name, {}, opts);
    const { plan } = args;
    this.slot = plan.slot;
    this.regeneration = new KeyRegeneration(
      `${name}-regeneration`,
      {
        subscriptionId: args.subscriptionId,
        resourceGroupName: args.resourceGroupName,
        accountName: args.accountName,
        keyName: plan.regeneration.keyName,
        trigger: plan.regeneration.trigger,
        armEndpoint: args.armEndpoint,
      },
      { parent: this, dependsOn: args.accountReady, ...formerlyNamed("regenerate-active-key", `${name}-regeneration`) },
    );
    const slot = this.slot;
    this.keyUnchangedInPreview = pulumi.runtime.isDryRun() && plan.step === "hold";
    this.activeKey = pulumi.runtime.isDryRun()
      ? pulumi.secret(pulumi.output<string>(pulumi.unknown as unknown as string))
      : pulumi.secret(
          // Read after the regeneration: the invoke's inputs come from its outputs.
          cognitiveservices
            .listAccountKeysOutput(
              { accountName: this.regeneration.accountName, resourceGroupName: args.resourceGroupName },
              { parent: this },
            )
            .apply((k) => k[slot] ?? ""),
        );
    this.secret = new keyvault.Secret(
      `${name}-secret`,
      {
        secretName: KEY_VAULT_SECRET_NAME,
        vaultName: args.vaultName,
        resourceGroupName: args.resourceGroupName,
        properties: {
          value: this.activeKey,
          contentType: "text/plain; Codex API key for AZURE_OPENAI_API_KEY",
          attributes: { enabled: true, expires: Math.floor(vaultSecretExpiry(plan).getTime() / 1000) },
        },
        tags: {
          ...args.tags,
          credentialId: slot,
          generation: String(plan.generation),
          ProviderAddress: pulumi.output(args.accountId),
          ValidityPeriodDays: String(args.periodDays * 2),
          [KEY_EXPIRES_ON_TAG]: plan.expiresOn.toISOString(),
        } as Record<string, pulumi.Input<string>>,
      },
      {
        parent: this,
        dependsOn: args.vaultReady,
        // ARM has no DELETE for vault secrets: azure-native deletes them through the vault's data plane
        // (custom_keyvault.go), which the private vault and the deployer's missing data-plane role refuse. Pulumi
        // forgets the secret instead; it goes with the vault (soft-deleted, purge protection) when the vault goes.
        retainOnDelete: true,
        ...(this.keyUnchangedInPreview ? { ignoreChanges: ["properties.value"] } : {}),
        ...formerlyNamed("api-key", `${name}-secret`),
      },
    );
    this.registerOutputs({
      slot,
      generation: plan.generation,
      expiresOn: plan.expiresOn.toISOString(),
      secretId: this.secret.id,
    });
  }
}

export interface EmergencyRevocationArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  accountName: pulumi.Input<string>;
  /** The plan's revocation: which slot leaked, and the trigger (one per emergency step). */
  revoke: NonNullable<RotationPlan["revoke"]>;
  armEndpoint: string;
  /** Everything that hands out the fresh key: the leaked one is regenerated only after these. */
  distributedBy: pulumi.Resource[];
}

/**
 * After an emergency, the key handed out before it (the leaked one) is regenerated too, once the fresh key
 * is in Key Vault and GitHub. Exists only in the run that takes the emergency step.
 */
export class EmergencyRevocation extends pulumi.ComponentResource {
  readonly regeneration: KeyRegeneration;

  constructor(name: string, args: EmergencyRevocationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:keys:EmergencyRevocation", name, {}, opts);
    this.regeneration = new KeyRegeneration(
      `${name}-regeneration`,
      {
        subscriptionId: args.subscriptionId,
        resourceGroupName: args.resourceGroupName,
        accountName: args.accountName,
        keyName: args.revoke.keyName,
        trigger: args.revoke.trigger,
        armEndpoint: args.armEndpoint,
      },
      {
        parent: this,
        dependsOn: args.distributedBy,
        ...formerlyNamed("regenerate-leaked-key", `${name}-regeneration`),
      },
    );
    this.registerOutputs({ revokedSlot: args.revoke.slot, reasons: args.revoke.reasons });
  }
}

/**
 * The record of this run, as an output that resolves only once every resource in `distributedBy` was
 * created or updated successfully: exported as a stack output, so a failed write leaves the previous record.
 */
export function recordAfter(
  record: DistributionRecord,
  distributedBy: pulumi.CustomResource[],
): pulumi.Output<DistributionRecord> {
  return pulumi.all(distributedBy.map((resource) => resource.id)).apply(() => record);
}
