import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { TeamConfig } from "../lib/config/schema";
import { DeveloperKit } from "../components/developerKit";
import { repositoryStage } from "../lib/devkit/rollout";
import type { BoundaryHandles, BuilderResult } from "./types";

/** The developer kit: config.toml, key scripts, AGENTS.md and Codex CI workflows, as stack outputs and plan files. */
export function buildDeveloperKit(
  config: TeamConfig,
  boundary: BoundaryHandles,
): BuilderResult<
  | "codexConfigToml"
  | "codexProfiles"
  | "agentsMd"
  | "keyScriptBash"
  | "keyScriptPowerShell"
  | "codexWorkflows"
  | "developerFiles"
> {
  const devkit = new DeveloperKit(
    "developer-kit",
    {
      stack: pulumi.getStack(),
      team: config.team,
      baseUrl: boundary.baseUrl,
      vaultName: boundary.vaultName,
      defaultModel: config.codex.defaultModel,
      deployments: config.models.map((m) => m.name),
      reasoningEffort: config.codex.reasoningEffort,
      allowFullAccess: config.codex.allowFullAccess,
      runnerLabels: config.codex.runnerLabels,
      repositories: kitRepositories(config),
      // No rollout in the stack file: the kit as before stages existed (lib/devkit/rollout.ts, DEFAULT_ROLLOUT_STAGE).
      ...(config.rollout !== undefined
        ? { rolloutStage: config.rollout.stage, ciCodePaths: config.rollout.codePaths }
        : {}),
      deployed: boundary.modelDeployments.map((d) => d.id),
      // The kit follows auth.mode; while switching it is already (or still) the target mode's.
      ...(config.auth.mode === "entra"
        ? { authMode: "entra" as const, tenantId: authorization.getClientConfigOutput().tenantId }
        : {}),
      // The engine's graph says it too (the plan and test/models/upgradeStack.program.test.ts read it).
    },
    { dependsOn: boundary.modelDeployments },
  );
  const keyScripts =
    config.auth.mode === "entra"
      ? {}
      : { keyScriptBash: devkit.kit.keyScriptBash, keyScriptPowerShell: devkit.kit.keyScriptPowerShell };
  return {
    outputs: {
      codexConfigToml: devkit.kit.configToml,
      codexProfiles: devkit.kit.codexProfiles,
      agentsMd: devkit.kit.agentsMd,
      ...keyScripts,
      codexWorkflows: devkit.kit.workflows,
      developerFiles: devkit.kit.files,
    },
  };
}

/** The repositories with the stage each has (its own, or the team's). */
function kitRepositories(config: TeamConfig) {
  const rollout = config.rollout;
  if (rollout === undefined) return config.github.repositories;
  return config.github.repositories.map((repo) => ({
    ...repo,
    rolloutStage: repositoryStage(rollout, config.github.owner, repo.name),
  }));
}
