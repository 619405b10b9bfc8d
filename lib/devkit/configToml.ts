import { stringify } from "@iarna/toml";
import { API_KEY_ENV_VAR, CODEX_PROVIDER_ID } from "../names";
import { renderEgressRootKeys, renderEgressTables } from "./egressSettings";
import type { DevKitInputs } from "./inputs";
import { AZ_COMMAND, entraAuthTable } from "./entraAuth";
import { ROLLOUT_TABLE } from "./rollout";

type ProfileSettings = Readonly<Record<string, string | Readonly<Record<string, boolean>>>>;

const NO_NETWORK = { network_access: false } as const;
/** CI: nobody watches, so the sandbox may write the checkout only; /tmp and $TMPDIR stay out of the writable roots. */
const CI_WRITE = { network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true } as const;

/**
 * Microsoft's approval modes for Codex, as Codex profiles. Codex 0.134+ reads a profile from its own file,
 * $CODEX_HOME/<name>.config.toml, layered over config.toml by `--profile <name>`; a [profiles.*] table in
 * config.toml makes `--profile` fail. `approval_policy = "untrusted"` is no longer accepted (0.169).
 */
export const CODEX_PROFILES = {
  /** Chat: reads and answers; anything beyond reading needs the developer's approval. */
  chat: { sandbox_mode: "read-only", approval_policy: "on-request" },
  /** Agent: edits and runs commands inside the working directory; network off; asks for anything else. */
  agent: { sandbox_mode: "workspace-write", approval_policy: "on-request", sandbox_workspace_write: NO_NETWORK },
  /** CI: `codex exec --profile ci`; nobody is there to approve, so the sandbox is the only guard. */
  ci: { sandbox_mode: "workspace-write", approval_policy: "never", sandbox_workspace_write: CI_WRITE },
} as const satisfies Record<string, ProfileSettings>;

export type CodexProfileName = keyof typeof CODEX_PROFILES | typeof FULL_ACCESS_PROFILE_NAME;

/** Only generated when the team config opts in (codex.allowFullAccess). */
export const FULL_ACCESS_PROFILE = { sandbox_mode: "danger-full-access", approval_policy: "never" } as const;
export const FULL_ACCESS_PROFILE_NAME = "full-access";

const PROFILE_PURPOSE: Record<CodexProfileName, string> = {
  chat: "chat: Codex reads and answers (read-only sandbox); anything else needs your approval.",
  agent: "agent: Codex edits and runs commands in the working directory, network off, and asks for anything else.",
  ci: "ci: for `codex exec --profile ci` in CI: writes the checkout only (not /tmp or $TMPDIR), network off, never asks (nobody is there to).",
  "full-access": "full-access: no sandbox and no approvals (the team opted in: codex.allowFullAccess).",
};

const FULL_ACCESS_WARNING = [
  "# RISK: full access runs every command without approval and without a sandbox: it can read and change",
  "# anything your user can, and reach any network. Use it only inside a disposable, isolated environment.",
];

/** The file a profile lives in, next to config.toml in $CODEX_HOME. */
export function profileFileName(profile: CodexProfileName): string {
  return `${profile}.config.toml`;
}

/**
 * The profiles the kit ships for this team, in order: what a managed bundle may allow is derived from these.
 * The team's rollout stage picks them (no stage: all three, as before stages existed).
 */
export function shippedProfiles(inputs: DevKitInputs): Array<[CodexProfileName, ProfileSettings]> {
  const all = Object.entries(CODEX_PROFILES) as Array<[CodexProfileName, ProfileSettings]>;
  const stage = inputs.rolloutStage;
  const profiles =
    stage === undefined
      ? all
      : all.filter(([name]) => (ROLLOUT_TABLE[stage].profiles as readonly string[]).includes(name));
  return inputs.allowFullAccess ? [...profiles, [FULL_ACCESS_PROFILE_NAME, FULL_ACCESS_PROFILE]] : profiles;
}

/** The `model_providers` table for the team's endpoint, in either auth mode: one source for every file that names it. */
export function providerTable(inputs: DevKitInputs): Record<string, unknown> {
  if (inputs.authMode === "entra") return entraProviderTable(inputs);
  return {
    [CODEX_PROVIDER_ID]: {
      name: `Azure OpenAI (codex-boundary, team ${inputs.team})`,
      base_url: inputs.baseUrl,
      env_key: API_KEY_ENV_VAR,
      wire_api: "responses",
    },
  };
}

/** entra mode's provider table: the `az` token command. */
function entraProviderTable(inputs: DevKitInputs): Record<string, unknown> {
  return {
    [CODEX_PROVIDER_ID]: {
      name: `Azure OpenAI (codex-boundary, team ${inputs.team})`,
      base_url: inputs.baseUrl,
      wire_api: "responses",
      auth: entraAuthTable(),
    },
  };
}

/** The config.toml a developer puts in ~/.codex (or $CODEX_HOME). Never contains the key, only the env var's name. */
export function renderConfigToml(inputs: DevKitInputs): string {
  if (inputs.authMode === "entra") return renderEntraConfigToml(inputs);
  const document = {
    model: inputs.defaultModel,
    model_provider: CODEX_PROVIDER_ID,
    model_reasoning_effort: inputs.reasoningEffort,
    // Without --profile, Codex behaves like the agent profile.
    ...CODEX_PROFILES.agent,
    model_providers: providerTable(inputs),
    shell_environment_policy: { inherit: "core", exclude: [API_KEY_ENV_VAR] },
  };
  const profileList = shippedProfiles(inputs)
    .map(([name]) => name)
    .join(", ");
  const header = [
    `# Codex configuration for team ${inputs.team}, generated by codex-boundary (stack ${inputs.stack}).`,
    `# Copy to ~/.codex/config.toml (or $CODEX_HOME/config.toml). It holds no secret: Codex reads the key from $${API_KEY_ENV_VAR}.`,
    `# Run Codex with the key: source get-key.sh (bash/zsh) or . ./get-key.ps1 (PowerShell), then codex-azure [arguments];`,
    `# it reads Key Vault ${inputs.vaultName} on each call and gives the key to that codex process only.`,
    `# Profiles (${profileList}) are the <name>.config.toml files generated beside this one: copy them to the same`,
    "# folder and run `codex --profile <name>`. Without --profile, Codex behaves like the agent profile.",
    `# Deployments available as models: ${inputs.deployments.join(", ")}.`,
    "",
  ];
  return `${header.join("\n")}${withEgressSettings(stringify(document as Parameters<typeof stringify>[0]))}`;
}

/** entra mode: no key anywhere; Codex asks `az` for an Entra ID token. */
function renderEntraConfigToml(inputs: DevKitInputs): string {
  const document = {
    model: inputs.defaultModel,
    model_provider: CODEX_PROVIDER_ID,
    model_reasoning_effort: inputs.reasoningEffort,
    // Plain `codex` can not refuse a mistyped --profile (Codex 0.169 runs on with config.toml alone), so the
    // base is the most careful profile: a typo lands in chat (read-only), never in something wider.
    ...CODEX_PROFILES.chat,
    model_providers: providerTable(inputs),
    shell_environment_policy: { inherit: "core" },
  };
  const profileList = shippedProfiles(inputs)
    .map(([name]) => name)
    .join(", ");
  const header = [
    `# Codex configuration for team ${inputs.team}, generated by codex-boundary (stack ${inputs.stack}).`,
    "# Copy to ~/.codex/config.toml (or $CODEX_HOME/config.toml). It holds no secret, and there is no API key:",
    `# Codex runs '${AZ_COMMAND} account get-access-token' and sends the Entra ID token it prints. Sign in first:`,
    `#   az login --tenant ${inputs.tenantId ?? "<tenant id>"}   (as a member of the team's Codex users group), then run codex.`,
    "# Codex asks az again every 5 minutes (refresh_interval_ms); az renews the token from your sign-in.",
    `# Profiles (${profileList}) are the <name>.config.toml files generated beside this one: copy them to the same`,
    "# folder and run `codex --profile <name>` (agent to let Codex edit and run commands). Without --profile, or with a",
    "# profile name that has no file, Codex behaves like the chat profile (read-only).",
    `# Deployments available as models: ${inputs.deployments.join(", ")}.`,
    "",
  ];
  return `${header.join("\n")}${withEgressSettings(stringify(document as Parameters<typeof stringify>[0]))}`;
}

/**
 * One file per profile: file name -> content. Key mode: settings only; the provider and model come from config.toml.
 * entra mode: each profile also names the provider and its `az` token command, so no profile depends on a
 * config.toml that might still carry a key setting.
 */
export function renderProfileTomls(inputs: DevKitInputs): Record<string, string> {
  const provider =
    inputs.authMode === "entra" ? { model_provider: CODEX_PROVIDER_ID, model_providers: providerTable(inputs) } : {};
  return Object.fromEntries(
    shippedProfiles(inputs).map(([name, profileSettings]) => {
      const settings = { ...profileSettings, ...provider };
      const header = [
        `# Codex profile for team ${inputs.team}, generated by codex-boundary (stack ${inputs.stack}).`,
        `# ${PROFILE_PURPOSE[name]}`,
        `# Copy beside config.toml (~/.codex or $CODEX_HOME) and run: codex --profile ${name}`,
        "",
      ];
      // The risk is named right above the settings it is about.
      const warning = name === FULL_ACCESS_PROFILE_NAME ? `${FULL_ACCESS_WARNING.join("\n")}\n` : "";
      return [
        profileFileName(name),
        `${header.join("\n")}${withEgressSettings(`${warning}${stringify(settings as Parameters<typeof stringify>[0])}`)}`,
      ];
    }),
  );
}

/** Every generated file carries the egress settings, so no profile depends on the config.toml it is layered over. */
function withEgressSettings(document: string): string {
  return `${renderEgressRootKeys()}${document}\n${renderEgressTables()}`;
}
