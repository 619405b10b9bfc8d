import type { RepositoryTarget } from "../config/schema";
import { renderAgentsMd } from "./agentsMd";
import { renderActionlintConfig, renderCiWorkflow } from "./ciWorkflow";
import { profileFileName, renderConfigToml, renderProfileTomls } from "./configToml";
import { type DevKitInputs, validateDevKitInputs } from "./inputs";
import { KEY_SCRIPT_BASH, KEY_SCRIPT_POWERSHELL, renderKeyScriptBash, renderKeyScriptPowerShell } from "./keyScripts";
import { renderManagedBundle } from "./managedBundleForms";
import { DEFAULT_ROLLOUT_STAGE, ROLLOUT_TABLE, type RolloutStage, stageRank } from "./rollout";

/** Key mode: the Windows config.toml (its auth command is PowerShell); a Windows developer installs it as config.toml. */
export const WINDOWS_CONFIG_FILE = "config.windows.toml";

/** A repository the kit writes for: its rollout stage when the stack file gives it one (else the team's). */
export type KitRepository = RepositoryTarget & { rolloutStage?: RolloutStage | undefined };

export interface DeveloperKit {
  configToml: string;
  /** Key mode only: config.toml for Windows, whose auth command is get-key.ps1 (installed as config.toml there). */
  configTomlWindows?: string;
  /** Codex profiles: file name (<name>.config.toml, beside config.toml) -> content. */
  codexProfiles: Record<string, string>;
  agentsMd: string;
  /** Key mode only: the auth commands config.toml names (entra mode has no key to fetch: undefined). */
  keyScriptBash?: string;
  keyScriptPowerShell?: string;
  /** One Codex CI workflow per configured repository whose rollout stage has one. */
  workflows: Record<string, string>;
  /** Everything above, and the admin-managed bundle (managed/), as files: relative path -> content. */
  files: Record<string, string>;
}

export function renderDeveloperKit(raw: DevKitInputs, repositories: readonly KitRepository[]): DeveloperKit {
  const inputs = validateDevKitInputs(raw);
  const configToml = renderConfigToml(inputs);
  const codexProfiles = renderProfileTomls(inputs);
  const ciProfileToml = codexProfiles[profileFileName("ci")] ?? "";
  const agentsMd = renderAgentsMd(inputs);
  if (inputs.authMode === "entra")
    return keylessKit(inputs, repositories, { configToml, codexProfiles, ciProfileToml, agentsMd });
  const configTomlWindows = renderConfigToml(inputs, "powershell");
  const keyScriptBash = renderKeyScriptBash(inputs);
  const keyScriptPowerShell = renderKeyScriptPowerShell(inputs);
  const workflows = renderWorkflows(inputs, repositories, configToml, ciProfileToml);
  const files: Record<string, string> = {
    "config.toml": configToml,
    [WINDOWS_CONFIG_FILE]: configTomlWindows,
    ...codexProfiles,
    "AGENTS.md": agentsMd,
    [KEY_SCRIPT_BASH]: keyScriptBash,
    [KEY_SCRIPT_POWERSHELL]: keyScriptPowerShell,
    ...renderManagedBundle(inputs),
  };
  for (const [repo, workflow] of Object.entries(workflows)) {
    files[`repos/${repo}/.github/workflows/codex.yml`] = workflow;
    files[`repos/${repo}/.github/actionlint.yaml`] = renderActionlintConfig(inputs);
  }
  return {
    configToml,
    configTomlWindows,
    codexProfiles,
    agentsMd,
    keyScriptBash,
    keyScriptPowerShell,
    workflows,
    files,
  };
}

/** entra mode: the same files without the key scripts; the workflows log in with OIDC instead of reading a secret. */
function keylessKit(
  inputs: DevKitInputs,
  repositories: readonly KitRepository[],
  parts: { configToml: string; codexProfiles: Record<string, string>; ciProfileToml: string; agentsMd: string },
): DeveloperKit {
  const { configToml, codexProfiles, ciProfileToml, agentsMd } = parts;
  const workflows = renderWorkflows(inputs, repositories, configToml, ciProfileToml);
  const files: Record<string, string> = {
    "config.toml": configToml,
    ...codexProfiles,
    "AGENTS.md": agentsMd,
    ...renderManagedBundle(inputs),
  };
  for (const [repo, workflow] of Object.entries(workflows)) {
    files[`repos/${repo}/.github/workflows/codex.yml`] = workflow;
    files[`repos/${repo}/.github/actionlint.yaml`] = renderActionlintConfig(inputs);
  }
  return { configToml, codexProfiles, agentsMd, workflows, files };
}

/** A workflow for each repository whose stage has one; a repository never goes beyond its team's stage. */
function renderWorkflows(
  inputs: DevKitInputs,
  repositories: readonly KitRepository[],
  configToml: string,
  ciProfileToml: string,
): Record<string, string> {
  const team = inputs.rolloutStage ?? DEFAULT_ROLLOUT_STAGE;
  const workflows: Record<string, string> = {};
  for (const repo of repositories) {
    const stage = repo.rolloutStage ?? inputs.rolloutStage;
    if (stage !== undefined && stageRank(stage) > stageRank(team))
      throw new Error(`repository ${repo.name}: rollout stage ${stage} goes beyond the team's ${team}`);
    if (stage !== undefined && !ROLLOUT_TABLE[stage].ciWorkflow) continue;
    workflows[repo.name] = renderCiWorkflow(inputs, {
      repository: repo.name,
      environment: repo.environment,
      configToml,
      ciProfileToml,
      ...(stage !== undefined ? { stage } : {}),
    });
  }
  return workflows;
}
