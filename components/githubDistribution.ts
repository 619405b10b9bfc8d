import * as pulumi from "@pulumi/pulumi";
import * as github from "@pulumi/github";
import { API_KEY_ENV_VAR, BASE_URL_VARIABLE, MODEL_VARIABLE } from "../lib/names";
import { keyEnvironmentSettings } from "../lib/github/keyEnvironment";
import { formerlyNamed } from "./formerNames";

export interface GitHubDistributionArgs {
  owner: string;
  baseUrl?: string;
  /** `environment` undefined: the config's allowRepositorySecret opt-out (a plain repository secret). */
  repositories: ReadonlyArray<{ name: string; environment?: string | undefined }>;
  reviewers: { teamIds: readonly number[]; userIds: readonly number[] };
  /** The active key (a Pulumi secret). */
  apiKey: pulumi.Input<string>;
  codexBaseUrl: pulumi.Input<string>;
  model: string;
}

/**
 * Pushes the active key into each team repository as an environment secret (the environment lets only protected
 * branches in, with the configured reviewers), or as a plain repository secret where the config opts out, and the
 * base URL and model as plain Actions variables.
 * The GitHub token comes from GITHUB_TOKEN; it is never a stack input.
 */
export class GitHubDistribution extends pulumi.ComponentResource {
  readonly secrets: pulumi.CustomResource[] = [];

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
    const secretOptions = { ...child, deleteBeforeReplace: true };
    for (const repo of args.repositories) {
      // Repository names repeat across instances (two teams, one repository): prefix the component's name.
      const childName = (role: string): string => `${name}-${repo.name}-${role}`;
      const renamed = (role: string) => formerlyNamed(`${repo.name}-${role}`, childName(role));
      if (repo.environment !== undefined) {
        const environment = new github.RepositoryEnvironment(
          childName("environment"),
          { repository: repo.name, environment: repo.environment, ...keyEnvironmentSettings(args.reviewers) },
          { ...child, ...renamed("environment") },
        );
        this.secrets.push(
          new github.ActionsEnvironmentSecret(
            childName("api-key"),
            { repository: repo.name, environment: environment.environment, secretName: API_KEY_ENV_VAR, value: args.apiKey },
            { ...secretOptions, ...renamed("api-key") },
          ),
        );
      } else {
        // The allowRepositorySecret opt-out: readable by a workflow on any branch; the report names it.
        this.secrets.push(
          new github.ActionsSecret(
            childName("api-key"),
            { repository: repo.name, secretName: API_KEY_ENV_VAR, value: args.apiKey },
            { ...secretOptions, ...renamed("api-key") },
          ),
        );
      }
      const variable = { repository: repo.name };
      new github.ActionsVariable(childName("base-url"), { ...variable, variableName: BASE_URL_VARIABLE, value: args.codexBaseUrl }, { ...child, ...renamed("base-url") });
      new github.ActionsVariable(childName("model"), { ...variable, variableName: MODEL_VARIABLE, value: args.model }, { ...child, ...renamed("model") });
    }
    this.registerOutputs({ repositories: args.repositories.map((r) => r.name) });
  }
}
