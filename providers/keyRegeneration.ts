import type * as pulumi from "@pulumi/pulumi";
import type { TokenCredential } from "@azure/core-auth";
import type * as ArmCognitiveServices from "@azure/arm-cognitiveservices";
import type * as AzureIdentity from "@azure/identity";
import type { ArmKeyName } from "../lib/keys/rotation";

/** Inputs of a key regeneration: which key of which account, and the trigger that decides when it runs again. */
export interface KeyRegenerationInputs {
  subscriptionId: string;
  resourceGroupName: string;
  accountName: string;
  keyName: ArmKeyName;
  /** Regeneration runs when this changes (e.g. "scheduled:g12", "emergency:1:<reason>"), never otherwise. */
  trigger: string;
  /** ARM endpoint; the public cloud unless a sovereign cloud is configured. */
  armEndpoint: string;
}

/** Test seams: a credential and a CA for a local HTTPS stand-in. Production passes none, so nothing is captured. */
export interface RegenerationDeps {
  credential?: TokenCredential;
  tlsCa?: string;
}

/** Fields whose change means "this is another key": the provider regenerates when any of them, or the trigger, changes. */
const IDENTITY_FIELDS = ["subscriptionId", "resourceGroupName", "accountName", "armEndpoint"] as const;

/**
 * The fields whose change makes the provider regenerate. A scheduled trigger naming a lower generation than the
 * one in state is not a change: a run that holds after a failed step never regenerates backwards (the key of the
 * lower generation is the one handed out). Defined here, not imported, because Pulumi serializes the provider.
 */
export function regenerationChanges(olds: Partial<KeyRegenerationInputs>, news: KeyRegenerationInputs): string[] {
  const scheduled = (trigger: unknown): number | null => {
    const match = typeof trigger === "string" ? /^scheduled:g(\d+)$/.exec(trigger) : null;
    return match ? Number(match[1]) : null;
  };
  const changed: string[] = IDENTITY_FIELDS.filter((field) => olds[field] !== news[field]);
  if (olds.trigger !== news.trigger) {
    const before = scheduled(olds.trigger);
    const after = scheduled(news.trigger);
    const backwards = before !== null && after !== null && after < before;
    if (!backwards || changed.length > 0) changed.push("trigger");
  }
  return changed;
}

/**
 * Regenerates one account key through ARM (POST .../regenerateKey) and checks with listKeys that the new key
 * is the one the account now reports. Never returns or stores the key: the program reads it with
 * listAccountKeys, ordered after this resource. Pulumi serializes this object into state, so the SDKs are
 * loaded with require() inside the methods and no credential is captured.
 */
export function createKeyRegenerationProvider(
  deps: RegenerationDeps = {},
): pulumi.dynamic.ResourceProvider<KeyRegenerationInputs, KeyRegenerationInputs> {
  async function regenerate(inputs: KeyRegenerationInputs): Promise<void> {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at run time: a top-level import cannot be serialized with the provider */
    const { CognitiveServicesManagementClient } =
      require("@azure/arm-cognitiveservices") as typeof ArmCognitiveServices;
    const { DefaultAzureCredential } = require("@azure/identity") as typeof AzureIdentity;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const credential = deps.credential ?? new DefaultAzureCredential();
    const client = new CognitiveServicesManagementClient(credential, inputs.subscriptionId, {
      endpoint: inputs.armEndpoint,
      $host: inputs.armEndpoint,
      credentialScopes: [`${inputs.armEndpoint.replace(/\/$/, "")}/.default`],
      ...(deps.tlsCa !== undefined ? { tlsOptions: { ca: deps.tlsCa } } : {}),
    });
    const regenerated = await client.accounts.regenerateKey(
      inputs.resourceGroupName,
      inputs.accountName,
      inputs.keyName,
    );
    const slot = inputs.keyName === "Key1" ? "key1" : "key2";
    const fresh = regenerated[slot];
    if (!fresh) throw new Error(`regenerateKey for ${inputs.accountName} returned no ${slot}`);
    const listed = await client.accounts.listKeys(inputs.resourceGroupName, inputs.accountName);
    if (listed[slot] !== fresh) {
      throw new Error(
        `after regenerating ${inputs.keyName} of ${inputs.accountName}, listKeys reports a different ${slot}; run pulumi up again`,
      );
    }
  }

  return {
    async diff(_id, olds, news) {
      return { changes: regenerationChanges(olds, news).length > 0, replaces: [], deleteBeforeReplace: false };
    },
    async create(inputs) {
      await regenerate(inputs);
      return { id: `${inputs.accountName}/${inputs.keyName}/${inputs.trigger}`, outs: inputs };
    },
    async update(_id, _olds, news) {
      await regenerate(news);
      return { outs: news };
    },
    async delete() {
      // A regeneration cannot be undone; deleting the record leaves the account's keys as they are.
    },
  };
}
