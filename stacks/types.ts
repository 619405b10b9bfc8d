import type * as pulumi from "@pulumi/pulumi";
import type { KeyAuthExemption } from "../components/keyAuthExemption";
import type { CREATE_ONLY_OUTPUT } from "../lib/azure/createOnly";
import type { StackOutputName, StackOutputs } from "../lib/stackOutputs";

/** A deployed value as the program hands it to the engine: the value itself, or an Output or Promise of it, at any depth. */
export type Planned<T> =
  | pulumi.Input<T>
  | (T extends readonly (infer E)[] ? Planned<E>[] : T extends object ? { [K in keyof T]: Planned<T[K]> } : never);

/** The stack outputs as the program returns them (lib/stackOutputs.ts names and types them). */
export type ProgramOutputs = { [K in keyof StackOutputs]: Planned<StackOutputs[K]> };

/** What the Azure half of a team stack hands to the builders that come after it. */
export interface BoundaryHandles {
  resourceGroupName: pulumi.Output<string>;
  resourceGroupId: pulumi.Output<string>;
  location: string;
  /** The team's tags (every resource that takes tags carries them). */
  tags: Record<string, string>;
  accountName: pulumi.Output<string>;
  accountId: pulumi.Output<string>;
  /** The account's custom subdomain (globally unique). */
  subdomain: pulumi.Output<string>;
  /** Codex base URL: https://<subdomain>.openai.azure.com/openai/v1 */
  baseUrl: pulumi.Output<string>;
  vaultName: pulumi.Output<string>;
  vaultId: pulumi.Output<string>;
  vaultUri: pulumi.Output<string>;
  /**
   * Resources that anything touching the account must wait for: the last of the account's serialized operations
   * (lib/azure/accountOperations.ts) and the deployer's roles.
   */
  accountReady: pulumi.Resource[];
  /** The model deployments: whatever hands out a deployment name (codex.defaultModel) waits for them. */
  modelDeployments: pulumi.CustomResource[];
  /** Resources that anything writing vault secrets must wait for (the deployer's vault role). */
  vaultReady: pulumi.Resource[];
  /** The key-auth policy exemption, when the config names the assignment (created before the account). */
  keyAuthExemption?: KeyAuthExemption;
  /** Stack outputs of this part. */
  outputs: Pick<
    ProgramOutputs,
    | "resourceGroupName"
    | "accountName"
    | "accountId"
    | "baseUrl"
    | "vaultName"
    | "vaultUri"
    | "deployments"
    | "defaultModel"
    | typeof CREATE_ONLY_OUTPUT
  >;
}

/** What a builder adds to the stack outputs: the outputs named in K. */
export interface BuilderResult<K extends StackOutputName> {
  outputs: Pick<ProgramOutputs, K>;
}
