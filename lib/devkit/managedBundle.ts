import { stringify } from "@iarna/toml";
import { CODEX_PROVIDER_ID } from "../names";
import { CODEX_PROFILES, providerTable, shippedProfiles } from "./configToml";
import { EGRESS_SETTINGS, renderEgressRootKeys, renderEgressTables } from "./egressSettings";
import type { DevKitInputs } from "./inputs";

/**
 * The admin-managed Codex bundle: what a developer's own config, a profile, `-c` or a repository's .codex/config.toml
 * cannot undo. Facts about Codex 0.169 the bundle rests on (each re-proven by test/devkit/managedBundle.e2e.test.ts):
 *
 * - requirements.toml is read from /etc/codex/requirements.toml (Unix) and %ProgramData%\OpenAI\Codex\requirements.toml
 *   (Windows); on macOS also from the managed preferences domain com.openai.codex, key requirements_toml_base64.
 *   Source: openai/codex codex-rs/config/src/loader/mod.rs (load_config_layers_state, system_requirements_toml_file,
 *   windows_codex_system_dir) and codex-rs/config/src/loader/macos.rs (MANAGED_PREFERENCES_*); the 0.169 binary holds
 *   the strings "/etc/codex/managed_config.toml", "com.openai.codex", "requirements_toml_base64", "config_toml_base64".
 * - managed_config.toml (/etc/codex/managed_config.toml; macOS MDM key config_toml_base64) is the highest config layer:
 *   above session flags (`-c`, --profile files), project .codex/config.toml and the user's config.toml (loader/README.md
 *   "Layering model"). Its approval_policy/sandbox_mode would also become one-value requirements
 *   (legacy_requirements_to_toml_value), so the bundle never sets those two there. On Windows Codex reads it from
 *   CODEX_HOME, a folder the developer owns: there the same content goes to ProgramData\OpenAI\Codex\config.toml, the
 *   lowest layer, a default only (BUNDLE.md says so).
 * - No environment variable moves the system paths (LoaderOverrides are for Codex's own tests; no such variable in the
 *   0.169 binary's strings): the e2e tests run Codex in a private mount namespace with an overlay on /etc.
 * - Unknown keys are reported, never silently honoured: `codex doctor --json` lists "`<key>` is ignored" for a
 *   requirements key and "Ignoring unknown `features` requirement" for a feature (observed with 0.169).
 */

/** The Codex CLI versions this bundle was proven with; test/devkit/managedBundle.e2e.test.ts fails on any other. */
export const CODEX_VERIFIED_VERSIONS = ["0.169.0"] as const;

/** Where each file goes, per platform. */
export const MANAGED_PATHS = {
  unixDir: "/etc/codex",
  windowsDir: "%ProgramData%\\OpenAI\\Codex",
  /** The same folder as Codex's config sees it: Codex does not expand %ProgramData% (the installer checks it is this). */
  windowsDirLiteral: "C:\\ProgramData\\OpenAI\\Codex",
  macosDomain: "com.openai.codex",
  macosRequirementsKey: "requirements_toml_base64",
  macosConfigKey: "config_toml_base64",
} as const;

type SandboxMode = "read-only" | "workspace-write" | "danger-full-access";

/** Codex refuses a requirements.toml whose allowed_sandbox_modes lacks read-only ("must include 'read-only'", 0.169). */
const ALWAYS_ALLOWED_SANDBOX: SandboxMode = "read-only";

/** The sandbox modes and approval policies the team's profiles (and the base config, itself a profile) use. */
export function allowedModes(inputs: DevKitInputs): { sandboxModes: SandboxMode[]; approvalPolicies: string[] } {
  const used = [...shippedProfiles(inputs).map(([, settings]) => settings), CODEX_PROFILES.agent, CODEX_PROFILES.chat];
  const sandboxModes = new Set<SandboxMode>([ALWAYS_ALLOWED_SANDBOX]);
  const approvalPolicies = new Set<string>();
  for (const settings of used) {
    sandboxModes.add(settings.sandbox_mode as SandboxMode);
    approvalPolicies.add(settings.approval_policy as string);
  }
  const order: SandboxMode[] = ["read-only", "workspace-write", "danger-full-access"];
  return {
    sandboxModes: order.filter((m) => sandboxModes.has(m)),
    approvalPolicies: [...approvalPolicies].sort(),
  };
}

/** The egress settings that requirements.toml can enforce itself (its [features] and [otel] tables). */
function egressTable(table: "features" | "otel"): Record<string, boolean | string> {
  return Object.fromEntries(EGRESS_SETTINGS.filter((s) => s.table === table).map((s) => [s.key, s.value]));
}

const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;

/** requirements.toml: constraints Codex checks every layer against (a value outside them is refused). */
export function renderRequirementsToml(inputs: DevKitInputs): string {
  const { sandboxModes, approvalPolicies } = allowedModes(inputs);
  const fullAccess = sandboxModes.includes("danger-full-access")
    ? ["# danger-full-access IS allowed: the stack opted in (codex.allowFullAccess). Remove the opt-in to forbid it."]
    : ["# danger-full-access is not allowed (codex.allowFullAccess is off)."];
  const body = stringify({ features: egressTable("features"), otel: egressTable("otel") } as Parameters<
    typeof stringify
  >[0]);
  return [
    `# Codex requirements for team ${inputs.team}, generated by codex-boundary (stack ${inputs.stack}).`,
    `# Install as ${MANAGED_PATHS.unixDir}/requirements.toml (Linux, macOS) or ${MANAGED_PATHS.windowsDir}\\requirements.toml`,
    `# (Windows), or on macOS as ${MANAGED_PATHS.macosDomain} ${MANAGED_PATHS.macosRequirementsKey} (the .mobileconfig).`,
    "# Enforced: no user config, profile, -c or repository .codex/config.toml can choose a value outside these lists.",
    "",
    "# The sandbox modes and approval policies the team's profiles use, nothing else.",
    ...fullAccess,
    `allowed_sandbox_modes = ${list(sandboxModes)}`,
    `allowed_approval_policies = ${list(approvalPolicies)}`,
    "# No hosted web search: prompts and results stay with the team's deployment.",
    'allowed_web_search_modes = ["disabled"]',
    "",
    "# MCP allow-list: empty, so Codex starts no MCP server from any config (a server runs outside the sandbox).",
    "[mcp_servers]",
    "",
    "# Features that reach hosts other than the team's endpoint stay off, and OpenTelemetry export stays off",
    "# (the reasons are beside each setting in config.toml).",
    body,
  ].join("\n");
}

/** The settings of managed_config.toml other than the egress settings (which come from egressSettings.ts). */
export function managedConfigDocument(
  inputs: DevKitInputs,
  platform: ManagedPlatform = "unix",
): Record<string, unknown> {
  // Key mode: the key script is installed beside the managed files, and named by absolute folder.
  const providers =
    platform === "unix"
      ? providerTable(inputs, "sh", MANAGED_PATHS.unixDir)
      : providerTable(inputs, "powershell", MANAGED_PATHS.windowsDirLiteral);
  return {
    model_provider: CODEX_PROVIDER_ID,
    model_providers: providers,
    // A repository asking for inherit = "all" would hand every variable of the developer's shell to commands.
    // No key variable to exclude: in both modes Codex gets its credential from the provider's auth command.
    shell_environment_policy: { inherit: "core" },
    // The sandbox keeps the network off in every profile; a repository cannot turn it on.
    sandbox_workspace_write: { network_access: false },
  };
}

/** Where a managed config is installed: /etc/codex (Linux, macOS) or ProgramData (Windows, its system config.toml). */
export type ManagedPlatform = "unix" | "windows";

/** managed_config.toml: the provider and every egress setting, above every other config layer. */
export function renderManagedConfigToml(inputs: DevKitInputs, platform: ManagedPlatform = "unix"): string {
  const header = [
    `# Codex managed config for team ${inputs.team}, generated by codex-boundary (stack ${inputs.stack}).`,
    `# Install as ${MANAGED_PATHS.unixDir}/managed_config.toml (Linux, macOS), or on macOS as ${MANAGED_PATHS.macosDomain}`,
    `# ${MANAGED_PATHS.macosConfigKey} (the .mobileconfig). Codex layers it above the user's config.toml, profiles, -c and`,
    "# a repository's .codex/config.toml. On Windows it is installed as the system config.toml: a default only.",
    "",
  ];
  return `${header.join("\n")}${renderEgressRootKeys()}${stringify(managedConfigDocument(inputs, platform) as Parameters<typeof stringify>[0])}\n${renderEgressTables()}`;
}
