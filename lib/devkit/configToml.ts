import { stringify } from "@iarna/toml";
import { CODEX_PROVIDER_ID } from "../names";
import { renderEgressRootKeys, renderEgressTables } from "./egressSettings";
import type { DevKitInputs } from "./inputs";
import { AZ_COMMAND, entraAuthTable } from "./entraAuth";
import { KEY_SCRIPT_BASH, KEY_SCRIPT_POWERSHELL, type KeyScriptShell, keyAuthTable } from "./keyScripts";
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

/**
 * The `model_providers` table for the team's endpoint, in either auth mode: one source for every file that names it.
 * key mode's auth command depends on the shell the developer's machine has (`sh`, or PowerShell on Windows).
 */
export function providerTable(
  inputs: DevKitInputs,
  shell: KeyScriptShell = "sh",
  scriptDir?: string,
): Record<string, unknown> {
  return {
    [CODEX_PROVIDER_ID]: {
      name: `Azure OpenAI (codex-boundary, team ${inputs.team})`,
      base_url: inputs.baseUrl,
      wire_api: "responses",
      auth: inputs.authMode === "entra" ? entraAuthTable() : keyAuthTable(shell, scriptDir),
    },
  };
}

/**
 * The config.toml a developer puts in ~/.codex (or $CODEX_HOME). It holds no secret; in both modes Codex runs a
 * command for the credential. In key mode `shell` picks the key script (config.windows.toml: PowerShell).
 */
export function renderConfigToml(inputs: DevKitInputs, shell: KeyScriptShell = "sh"): string {
  const document = {
    model: inputs.defaultModel,
    model_provider: CODEX_PROVIDER_ID,
    model_reasoning_effort: inputs.reasoningEffort,
    // Plain `codex` can not refuse a mistyped --profile (Codex 0.169 runs on with config.toml alone), so the
    // base is the most careful profile: a typo lands in chat (read-only), never in something wider.
    ...CODEX_PROFILES.chat,
    model_providers: providerTable(inputs, shell),
    shell_environment_policy: { inherit: "core" },
  };
  const header = [
    `# Codex configuration for team ${inputs.team}, generated by codex-boundary (stack ${inputs.stack}).`,
    ...(inputs.authMode === "entra" ? entraCredentialLines(inputs) : keyCredentialLines(inputs, shell)),
    `# Profiles (${profileList(inputs)}) are the <name>.config.toml files generated beside this one: copy them to the same`,
    "# folder and run `codex --profile <name>` (agent to let Codex edit and run commands). Without --profile, or with a",
    "# profile name that has no file, Codex behaves like the chat profile (read-only).",
    `# Deployments available as models: ${inputs.deployments.join(", ")}.`,
    "# These are defaults you may change. On developer machines what the platform enforces (sandbox modes, approval",
    "# policies, no MCP server, the provider and every egress setting) comes from its managed bundle: managed/BUNDLE.md.",
    "",
  ];
  return `${header.join("\n")}${withEgressSettings(stringify(document as Parameters<typeof stringify>[0]))}`;
}

function profileList(inputs: DevKitInputs): string {
  return shippedProfiles(inputs)
    .map(([name]) => name)
    .join(", ");
}

/** key mode: Codex runs the kit's key script, which reads Key Vault with the developer's `az` sign-in. */
function keyCredentialLines(inputs: DevKitInputs, shell: KeyScriptShell): string[] {
  const [home, script] =
    shell === "sh"
      ? ["~/.codex/config.toml (or $CODEX_HOME/config.toml)", KEY_SCRIPT_BASH]
      : ["%USERPROFILE%\\.codex\\config.toml (or $env:CODEX_HOME)", KEY_SCRIPT_POWERSHELL];
  return [
    `# Copy to ${home}, with ${script} beside it.`,
    `# It holds no secret, and no environment variable holds the key: Codex runs ${script} (the auth table below),`,
    `# which reads the key from Key Vault ${inputs.vaultName} with your 'az login' and prints it to Codex only. Sign in`,
    "# first (as a member of the team's Codex users group), then run codex. Codex keeps the key in memory and runs the",
    "# script again when Azure refuses it (after a rotation).",
  ];
}

/** entra mode: no key anywhere; Codex asks `az` for an Entra ID token. */
function entraCredentialLines(inputs: DevKitInputs): string[] {
  return [
    "# Copy to ~/.codex/config.toml (or $CODEX_HOME/config.toml). It holds no secret, and there is no API key:",
    `# Codex runs '${AZ_COMMAND} account get-access-token' and sends the Entra ID token it prints. Sign in first:`,
    `#   az login --tenant ${inputs.tenantId ?? "<tenant id>"}   (as a member of the team's Codex users group), then run codex.`,
    "# Codex asks az again every 5 minutes (refresh_interval_ms); az renews the token from your sign-in.",
  ];
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
