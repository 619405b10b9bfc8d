import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { KEY_VAULT_SECRET_NAME } from "../lib/names";
import { createKeyRegenerationProvider, type KeyRegenerationInputs } from "../lib/keys/regenerationProvider";
import { activeSlot, armKeyName, keyExpiry, type KeySlot, otherSlot, type RotationSettings } from "../lib/keys/rotation";

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
  settings: RotationSettings;
  /** The generation in force (clock or override, plus emergencies). */
  generation: number;
  armEndpoint: string;
  tags: Record<string, string>;
  /** Wait for the account's last deployment and the deployer's key-regeneration role. */
  accountReady: pulumi.Resource[];
  /** Wait for the deployer's Key Vault role. */
  vaultReady: pulumi.Resource[];
}

/**
 * The scheduled half of the dual-key scheme: regenerate the slot that becomes active for this generation,
 * read it back, and write it to Key Vault as a new version of one secret (tagged with the slot and generation,
 * expiring two periods after the generation starts). The key is a Pulumi secret from the moment it is read.
 */
export class KeyRotation extends pulumi.ComponentResource {
  readonly slot: KeySlot;
  readonly activeKey: pulumi.Output<string>;
  readonly secret: keyvault.Secret;
  readonly regeneration: KeyRegeneration;

  constructor(name: string, args: KeyRotationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:keys:KeyRotation", name, {}, opts);
    this.slot = activeSlot(args.generation);
    this.regeneration = new KeyRegeneration(
      "regenerate-active-key",
      {
        subscriptionId: args.subscriptionId,
        resourceGroupName: args.resourceGroupName,
        accountName: args.accountName,
        keyName: armKeyName(this.slot),
        trigger: `scheduled:g${args.generation}`,
        armEndpoint: args.armEndpoint,
      },
      { parent: this, dependsOn: args.accountReady },
    );
    // Read after the regeneration: the invoke's inputs come from its outputs.
    const keys = cognitiveservices.listAccountKeysOutput(
      { accountName: this.regeneration.accountName, resourceGroupName: args.resourceGroupName },
      { parent: this },
    );
    const slot = this.slot;
    this.activeKey = pulumi.secret(keys.apply((k) => k[slot] ?? ""));
    const { expires } = keyExpiry(args.generation, args.settings);
    this.secret = new keyvault.Secret(
      "api-key",
      {
        secretName: KEY_VAULT_SECRET_NAME,
        vaultName: args.vaultName,
        resourceGroupName: args.resourceGroupName,
        properties: {
          value: this.activeKey,
          contentType: "text/plain; Codex API key for AZURE_OPENAI_API_KEY",
          attributes: { enabled: true, expires: Math.floor(expires.getTime() / 1000) },
        },
        tags: {
          ...args.tags,
          credentialId: slot,
          generation: String(args.generation),
          ProviderAddress: pulumi.output(args.accountId),
          ValidityPeriodDays: String(args.settings.periodDays * 2),
        } as Record<string, pulumi.Input<string>>,
      },
      { parent: this, dependsOn: args.vaultReady },
    );
    this.registerOutputs({ slot, generation: args.generation, expiresOn: expires.toISOString(), secretId: this.secret.id });
  }
}

export interface EmergencyRevocationArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  accountName: pulumi.Input<string>;
  generation: number;
  /** The recorded emergencies; the last one is acted upon. */
  emergencies: readonly string[];
  armEndpoint: string;
  /** Everything that hands out the fresh key: the leaked one is regenerated only after these. */
  distributedBy: pulumi.Resource[];
}

/**
 * After an emergency, the key handed out before it (the leaked one) is regenerated too, once the fresh key
 * is in Key Vault and GitHub. Runs once per recorded emergency: its trigger is the emergency, not the clock.
 */
export class EmergencyRevocation extends pulumi.ComponentResource {
  readonly regeneration: KeyRegeneration;

  constructor(name: string, args: EmergencyRevocationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:keys:EmergencyRevocation", name, {}, opts);
    const index = args.emergencies.length;
    const reason = args.emergencies[index - 1] ?? "";
    this.regeneration = new KeyRegeneration(
      "regenerate-leaked-key",
      {
        subscriptionId: args.subscriptionId,
        resourceGroupName: args.resourceGroupName,
        accountName: args.accountName,
        keyName: armKeyName(otherSlot(activeSlot(args.generation))),
        trigger: `emergency:${index}:${reason}`,
        armEndpoint: args.armEndpoint,
      },
      { parent: this, dependsOn: args.distributedBy },
    );
    this.registerOutputs({ emergency: index, reason });
  }
}
