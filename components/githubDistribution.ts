import * as pulumi from "@pulumi/pulumi";
import * as github from "@pulumi/github";
import {
  API_KEY_ENV_VAR,
  BASE_URL_VARIABLE,
  CLIENT_ID_VARIABLE,
  MODEL_VARIABLE,
  SUBSCRIPTION_ID_VARIABLE,
  TENANT_ID_VARIABLE,
} from "../lib/names";
import { keyDeploymentBranch, keyEnvironmentSettings } from "../lib/github/keyEnvironment";
import { formerlyNamed } from "./formerNames";

export interface GitHubDistributionArgs {
  owner: string;
  baseUrl?: string;
  /** `environment` undefined: the config's allowRepositorySecret opt-out (a plain repository secret). */
  repositories: ReadonlyArray<{ name: string; environment?: string | undefined; defaultBranch?: string | undefined }>;
  reviewers: { teamIds: readonly number[]; userIds: readonly number[] };
  /** The active key (a Pulumi secret); undefined in entra mode: no secret is written anywhere. */
  apiKey?: pulumi.Input<string>;
  /** A preview that regenerates nothing (KeyRotation.keyUnchangedInPreview): the secrets keep the value in state. */
  apiKeyUnchanged?: boolean;
  /** entra mode (and while switching): what azure/login needs to log in as the CI identity. Not secrets. */
  entra?: { clientId: pulumi.Input<string>; tenantId: pulumi.Input<string>; subscriptionId: pulumi.Input<string> };
  codexBaseUrl: pulumi.Input<string>;
  model: string;
  /** The model deployments: the model variable names one, so it is written only once that deployment exists. */
  modelDependsOn?: pulumi.Resource[];
}

/**
 * Pushes the active key into each team repository as an environment secret (the environment admits the default
 * branch only, with the configured reviewers), or as a plain repository secret where the config opts out, and the
 * base URL and model as plain Actions variables. In entra mode there is no key: the environment stays (the CI
 * identity trusts only jobs running in it) and the CI identity's client, tenant and subscription IDs are variables.
 * The GitHub token comes from GITHUB_TOKEN; it is never a stack input.
 */
export class GitHubDistribution extends pulumi.ComponentResource {
  readonly secrets: pulumi.CustomResource[] = [];
  /** entra mode: the variables azure/login reads. */
  readonly entraVariables: pulumi.CustomResource[] = [];

  constructor(name: string, args: GitHubDistributionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:keys:GitHubDistribution", name, {}, opts);
    // The provider takes the component's name: distinct per instance, and the name it always had in a team stack.
    const provider = new github.Provider(
      name,
      { owner: args.owner, ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}) },
      { parent: this },
    );
    const child = { parent: this, provider };
    // Replacing a secret create-before-delete deletes the fresh one on GitHub: delete first.
    const secretOptions = {
      ...child,
      deleteBeforeReplace: true,
      ...(args.apiKeyUnchanged === true ? { ignoreChanges: ["value"] } : {}),
    };
    for (const repo of args.repositories) {
      // Repository names repeat across instances (two teams, one repository): prefix the component's name.
      const childName = (role: string): string => `${name}-${repo.name}-${role}`;
      const renamed = (role: string) => formerlyNamed(`${repo.name}-${role}`, childName(role));
      const apiKey = args.apiKey;
      if (repo.environment !== undefined) {
        const environment = new github.RepositoryEnvironment(
          childName("environment"),
          { repository: repo.name, environment: repo.environment, ...keyEnvironmentSettings(args.reviewers) },
          { ...child, ...renamed("environment") },
        );
        // The environment admits no branch until this exists (custom policies, none yet): never a moment of any branch.
        new github.RepositoryEnvironmentDeploymentPolicy(
          childName("default-branch"),
          { repository: repo.name, environment: repo.environment, branchPattern: keyDeploymentBranch(repo) },
          { ...child, dependsOn: [environment] },
        );
        if (apiKey !== undefined)
          this.secrets.push(
            new github.ActionsEnvironmentSecret(
              childName("api-key"),
              {
                repository: repo.name,
                environment: environment.environment,
                secretName: API_KEY_ENV_VAR,
                value: apiKey,
              },
              { ...secretOptions, ...renamed("api-key") },
            ),
          );
      } else if (apiKey !== undefined) {
        // The allowRepositorySecret opt-out: readable by a workflow on any branch; the report names it.
        this.secrets.push(
          new github.ActionsSecret(
            childName("api-key"),
            { repository: repo.name, secretName: API_KEY_ENV_VAR, value: apiKey },
            { ...secretOptions, ...renamed("api-key") },
          ),
        );
      }
      const variable = { repository: repo.name };
      new github.ActionsVariable(
        childName("base-url"),
        { ...variable, variableName: BASE_URL_VARIABLE, value: args.codexBaseUrl },
        { ...child, ...renamed("base-url") },
      );
      new github.ActionsVariable(
        childName("model"),
        { ...variable, variableName: MODEL_VARIABLE, value: args.model },
        { ...child, ...renamed("model"), dependsOn: args.modelDependsOn ?? [] },
      );
      if (args.entra !== undefined) {
        const ids: Array<[string, string, pulumi.Input<string>]> = [
          ["client-id", CLIENT_ID_VARIABLE, args.entra.clientId],
          ["tenant-id", TENANT_ID_VARIABLE, args.entra.tenantId],
          ["subscription-id", SUBSCRIPTION_ID_VARIABLE, args.entra.subscriptionId],
        ];
        for (const [role, variableName, value] of ids) {
          this.entraVariables.push(
            new github.ActionsVariable(childName(role), { ...variable, variableName, value }, child),
          );
        }
      }
    }
    this.registerOutputs({ repositories: args.repositories.map((r) => r.name) });
  }
}
