import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import type { ModelDeploymentConfig } from "../lib/config/schema";
import { codexBaseUrl, ENTRA_AUTH_TAG, KEY_AUTH_TAG } from "../lib/azure/naming";
import { formerlyNamed } from "./formerNames";

export interface AiAccountArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  accountName: string;
  kind: "AIServices" | "OpenAI";
  /** Globally unique custom subdomain; required for private endpoints and the Codex base URL. */
  customSubdomain: pulumi.Input<string>;
  /** Outbound host names the account itself may call; everything else is blocked. */
  allowedFqdns: readonly string[];
  /** "Disabled" unless the team config explicitly opts out (the policy pack then fails the stack). */
  publicNetworkAccess: "Disabled" | "Enabled";
  models: readonly ModelDeploymentConfig[];
  tags: Record<string, string>;
  /** auth.mode entra (not while switching): key authentication off; Codex and CI use Entra ID tokens. */
  disableLocalAuth?: boolean;
  /** What must exist before the account's PUT (the key-auth policy exemption, under a Deny assignment). */
  dependsOn?: pulumi.Resource[];
  /** The account's operations before its first model deployment (its private endpoint), given the account. */
  beforeDeployments?: (account: cognitiveservices.Account) => pulumi.Resource[];
}

/**
 * The Foundry / Azure OpenAI account and its model deployments.
 * Private only (no public network access, ACL deny), outbound restricted; key auth on in key mode (Codex uses the
 * API key), off in entra mode (Codex uses Entra ID tokens).
 * Deployments are created one after another, after the operations `beforeDeployments` creates: Azure answers 409
 * RequestConflict to concurrent operations on one account.
 */
export class AiAccount extends pulumi.ComponentResource {
  readonly account: cognitiveservices.Account;
  readonly deployments: cognitiveservices.Deployment[];
  readonly accountName: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly subdomain: pulumi.Output<string>;
  readonly baseUrl: pulumi.Output<string>;
  /** The last deployment: every other child of the account waits for it. */
  readonly ready: pulumi.Resource;

  constructor(name: string, args: AiAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:AiAccount", name, {}, opts);

    const accountResourceName = `${name}-account`;
    this.account = new cognitiveservices.Account(
      accountResourceName,
      {
        accountName: args.accountName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: args.kind,
        sku: { name: "S0" },
        identity: { type: "SystemAssigned" },
        properties: {
          customSubDomainName: args.customSubdomain,
          publicNetworkAccess: args.publicNetworkAccess,
          networkAcls: { defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
          restrictOutboundNetworkAccess: true,
          allowedFqdnList: [...args.allowedFqdns],
          // Key mode: Codex authenticates with the API key, so local (key) auth stays on. Entra mode: off.
          disableLocalAuth: args.disableLocalAuth === true,
        },
        tags: {
          ...args.tags,
          ...(args.disableLocalAuth === true
            ? { [ENTRA_AUTH_TAG.name]: ENTRA_AUTH_TAG.value }
            : { [KEY_AUTH_TAG.name]: KEY_AUTH_TAG.value }),
        },
      },
      // Protected: a deleted account keeps its name and subdomain ~48 h (docs/operations.md, "Offboarding a team").
      {
        parent: this,
        dependsOn: args.dependsOn ?? [],
        protect: true,
        ...formerlyNamed("account", accountResourceName),
      },
    );

    this.deployments = [];
    const before = [this.account, ...(args.beforeDeployments?.(this.account) ?? [])];
    let previous: pulumi.Resource[] = before;
    for (const model of args.models) {
      const deploymentResourceName = `${name}-deployment-${model.name}`;
      const deployment: cognitiveservices.Deployment = new cognitiveservices.Deployment(
        deploymentResourceName,
        {
          accountName: this.account.name,
          resourceGroupName: args.resourceGroupName,
          deploymentName: model.name,
          sku: { name: model.sku, capacity: model.capacity },
          properties: {
            model: { format: "OpenAI", name: model.model, version: model.version },
            versionUpgradeOption: model.versionUpgradeOption,
            ...(model.raiPolicyName !== undefined ? { raiPolicyName: model.raiPolicyName } : {}),
          },
          tags: args.tags,
        },
        { parent: this, dependsOn: previous, ...formerlyNamed(`deployment-${model.name}`, deploymentResourceName) },
      );
      this.deployments.push(deployment);
      previous = [deployment];
    }
    this.ready = previous[previous.length - 1] as pulumi.Resource;

    this.accountName = this.account.name;
    this.accountId = this.account.id;
    this.subdomain = pulumi.output(args.customSubdomain);
    this.baseUrl = this.subdomain.apply(codexBaseUrl);
    this.registerOutputs({
      accountName: this.accountName,
      accountId: this.accountId,
      baseUrl: this.baseUrl,
      deployments: args.models.map((m) => m.name),
    });
  }
}
