import * as pulumi from "@pulumi/pulumi";
import { type KitRepository, type DeveloperKit as RenderedKit, renderDeveloperKit } from "../lib/devkit/files";
import type { DevKitInputs } from "../lib/devkit/inputs";

export interface DeveloperKitArgs extends Omit<DevKitInputs, "baseUrl" | "vaultName" | "tenantId"> {
  baseUrl: pulumi.Input<string>;
  vaultName: pulumi.Input<string>;
  /** entra mode: the tenant developers sign in to. */
  tenantId?: pulumi.Input<string>;
  /** Each with its rollout stage when it has its own (the team's is `rolloutStage`). */
  repositories: readonly KitRepository[];
  /**
   * The model deployments' IDs. The kit names deployments (codex.defaultModel, the profiles), so its files resolve
   * only once every deployment exists: during a model upgrade no developer gets a config naming one still being created.
   */
  deployed?: ReadonlyArray<pulumi.Input<string>>;
}

/**
 * What the team's developers need to point Codex at the boundary: config.toml, key scripts, AGENTS.md,
 * a Codex CI workflow per repository. Creates no cloud resource; everything is a (non-secret) output.
 */
export class DeveloperKit extends pulumi.ComponentResource {
  readonly kit: pulumi.Output<RenderedKit>;

  constructor(name: string, args: DeveloperKitArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:devkit:DeveloperKit", name, {}, opts);
    const { baseUrl: url, vaultName, tenantId, repositories, deployed, ...rest } = args;
    const baseUrl = pulumi.all([url, pulumi.all([...(deployed ?? [])])]).apply(([resolved]) => resolved);
    this.kit =
      tenantId === undefined
        ? pulumi
            .all([baseUrl, vaultName])
            .apply(([resolvedBaseUrl, resolvedVault]) =>
              renderDeveloperKit({ ...rest, baseUrl: resolvedBaseUrl, vaultName: resolvedVault }, repositories),
            )
        : pulumi
            .all([baseUrl, vaultName, tenantId])
            .apply(([resolvedBaseUrl, resolvedVault, resolvedTenant]) =>
              renderDeveloperKit(
                { ...rest, baseUrl: resolvedBaseUrl, vaultName: resolvedVault, tenantId: resolvedTenant },
                repositories,
              ),
            );
    this.registerOutputs({
      codexConfigToml: this.kit.configToml,
      codexProfiles: this.kit.codexProfiles,
      allowFullAccess: args.allowFullAccess,
      runnerLabels: [...args.runnerLabels],
    });
  }
}
