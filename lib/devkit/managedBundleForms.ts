import { createHash } from "node:crypto";
import { v5 as uuidv5 } from "uuid";
import { type DevKitInputs } from "./inputs";
import {
  CODEX_VERIFIED_VERSIONS,
  MANAGED_PATHS,
  renderManagedConfigToml,
  renderRequirementsToml,
} from "./managedBundle";
import { renderBundleMd } from "./managedBundleReadme";
import { KEY_SCRIPT_BASH, KEY_SCRIPT_POWERSHELL, renderKeyScriptBash, renderKeyScriptPowerShell } from "./keyScripts";

/** The bundle's folder inside the kit. */
export const MANAGED_FOLDER = "managed";

/** Fixed namespace for the profile's PayloadUUIDs: the same team and stack always give the same UUIDs. */
const PAYLOAD_UUID_NAMESPACE = "5b0f4a52-8f5e-5d1c-9a57-63a1c0d3e7b1";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function payloadUuid(inputs: DevKitInputs, payload: string): string {
  return uuidv5(`${inputs.team}|${inputs.stack}|${payload}`, PAYLOAD_UUID_NAMESPACE).toUpperCase();
}

const xml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A macOS configuration profile for the managed preferences domain com.openai.codex. Codex reads both keys as
 * base64 strings with CFPreferencesCopyAppValue (codex-rs/config/src/loader/macos.rs), so they are <string>s, unwrapped.
 */
export function renderMobileconfig(inputs: DevKitInputs, requirementsToml: string, managedConfigToml: string): string {
  const identifier = `com.openai.codex.codex-boundary.${inputs.team}`;
  const entry = (key: string, value: string) => [`\t\t\t<key>${key}</key>`, `\t\t\t<string>${xml(value)}</string>`];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    "\t<key>PayloadContent</key>",
    "\t<array>",
    "\t\t<dict>",
    ...entry("PayloadType", MANAGED_PATHS.macosDomain),
    ...entry("PayloadIdentifier", `${identifier}.preferences`),
    ...entry("PayloadUUID", payloadUuid(inputs, "preferences")),
    "\t\t\t<key>PayloadVersion</key>",
    "\t\t\t<integer>1</integer>",
    ...entry("PayloadDisplayName", `Codex managed preferences (team ${inputs.team})`),
    ...entry(MANAGED_PATHS.macosRequirementsKey, base64(requirementsToml)),
    ...entry(MANAGED_PATHS.macosConfigKey, base64(managedConfigToml)),
    "\t\t</dict>",
    "\t</array>",
    "\t<key>PayloadDisplayName</key>",
    `\t<string>${xml(`Codex boundary, team ${inputs.team}`)}</string>`,
    "\t<key>PayloadDescription</key>",
    `\t<string>${xml(`Codex requirements and managed config for team ${inputs.team} (codex-boundary stack ${inputs.stack}); verified with Codex ${CODEX_VERIFIED_VERSIONS.join(", ")}.`)}</string>`,
    "\t<key>PayloadIdentifier</key>",
    `\t<string>${identifier}</string>`,
    "\t<key>PayloadOrganization</key>",
    "\t<string>codex-boundary</string>",
    "\t<key>PayloadScope</key>",
    "\t<string>System</string>",
    "\t<key>PayloadType</key>",
    "\t<string>Configuration</string>",
    "\t<key>PayloadUUID</key>",
    `\t<string>${payloadUuid(inputs, "profile")}</string>`,
    "\t<key>PayloadVersion</key>",
    "\t<integer>1</integer>",
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}

/**
 * Intune (or any SYSTEM-context) install script for Windows. The files travel as base64 so their bytes (LF line ends,
 * no BOM) are exactly the ones SHA256SUMS names; the script checks each hash before it writes anything.
 */
export function renderInstallPs1(inputs: DevKitInputs, files: Readonly<Record<string, string>>): string {
  const entries = Object.entries(files).map(([name, text]) =>
    [`    @{ Name = '${name}'; Sha256 = '${sha256(text)}'; Base64 = '${base64(text)}' }`].join(""),
  );
  return [
    `# Installs the Codex managed bundle for team ${inputs.team} (codex-boundary stack ${inputs.stack}) on Windows.`,
    `# Run as SYSTEM (Intune: Devices > Scripts, "Run this script using the logged on credentials" = No, 64-bit).`,
    `# Writes ${MANAGED_PATHS.windowsDir}\\requirements.toml (enforced by Codex) and config.toml (the system config: a`,
    "# default a developer can override; Codex on Windows has no system managed_config.toml). Verified with Codex",
    `# ${CODEX_VERIFIED_VERSIONS.join(", ")}. Exit 0 when installed, 1 on any problem (nothing half-written).`,
    "$ErrorActionPreference = 'Stop'",
    "$target = Join-Path $env:ProgramData 'OpenAI\\Codex'",
    // The config names the key script's folder literally (Codex does not expand %ProgramData%).
    `if ($target -ne '${MANAGED_PATHS.windowsDirLiteral}') { [Console]::Error.WriteLine("ProgramData is not C:\\ProgramData on this machine ($target): the bundle's config would not find its files; regenerate it for this path"); exit 1 }`,
    "$files = @(",
    entries.join(",\n"),
    ")",
    "try {",
    "    $decoded = @{}",
    "    foreach ($file in $files) {",
    "        $bytes = [System.Convert]::FromBase64String($file.Base64)",
    "        $sha = [System.Security.Cryptography.SHA256]::Create()",
    "        $hash = -join ($sha.ComputeHash($bytes) | ForEach-Object { $_.ToString('x2') })",
    '        if ($hash -ne $file.Sha256) { throw "checksum mismatch for $($file.Name)" }',
    "        $decoded[$file.Name] = $bytes",
    "    }",
    "    New-Item -ItemType Directory -Force -Path $target | Out-Null",
    "    # Administrators and SYSTEM may change the folder; everyone else may only read it.",
    "    $acl = New-Object System.Security.AccessControl.DirectorySecurity",
    "    $acl.SetAccessRuleProtection($true, $false)",
    "    $inherit = [System.Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit'",
    "    $none = [System.Security.AccessControl.PropagationFlags]::None",
    "    foreach ($sid in @('S-1-5-18', 'S-1-5-32-544')) {",
    "        $who = New-Object System.Security.Principal.SecurityIdentifier($sid)",
    "        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($who, 'FullControl', $inherit, $none, 'Allow')))",
    "    }",
    "    $users = New-Object System.Security.Principal.SecurityIdentifier('S-1-5-32-545')",
    "    $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($users, 'ReadAndExecute', $inherit, $none, 'Allow')))",
    "    Set-Acl -Path $target -AclObject $acl",
    "    foreach ($file in $files) {",
    "        [System.IO.File]::WriteAllBytes((Join-Path $target $file.Name), $decoded[$file.Name])",
    "    }",
    '    Write-Output "Codex managed bundle installed in $target"',
    "    exit 0",
    "} catch {",
    '    Write-Error "Codex managed bundle not installed: $_"',
    "    exit 1",
    "}",
    "",
  ].join("\n");
}

/** `sha256sum -c SHA256SUMS` format: "<hex>  <path>", paths relative to the bundle folder. */
export function renderSha256Sums(files: Readonly<Record<string, string>>): string {
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, text]) => `${sha256(text)}  ${path}\n`)
    .join("");
}

/** Every file of the bundle: path under managed/ -> content. */
export function renderManagedBundle(inputs: DevKitInputs): Record<string, string> {
  const requirementsToml = renderRequirementsToml(inputs);
  const managedConfigToml = renderManagedConfigToml(inputs);
  // Key mode: the provider's auth command runs the key script installed beside the managed files.
  const keyMode = inputs.authMode !== "entra";
  const files: Record<string, string> = {
    "etc-codex/requirements.toml": requirementsToml,
    "etc-codex/managed_config.toml": managedConfigToml,
    ...(keyMode ? { [`etc-codex/${KEY_SCRIPT_BASH}`]: renderKeyScriptBash(inputs) } : {}),
    "windows/install-codex-bundle.ps1": renderInstallPs1(inputs, {
      "requirements.toml": requirementsToml,
      "config.toml": renderManagedConfigToml(inputs, "windows"),
      ...(keyMode ? { [KEY_SCRIPT_POWERSHELL]: renderKeyScriptPowerShell(inputs) } : {}),
    }),
    [`macos/codex-boundary-${inputs.team}.mobileconfig`]: renderMobileconfig(
      inputs,
      requirementsToml,
      managedConfigToml,
    ),
    "BUNDLE.md": renderBundleMd(inputs),
  };
  files.SHA256SUMS = renderSha256Sums(files);
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [`${MANAGED_FOLDER}/${path}`, text]));
}
