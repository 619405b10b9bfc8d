import type { FolderOwner } from "../plan/folders";
import { REDACTED } from "../plan/redact";
import type { StackOutputs, UncheckedStackOutputs } from "../stackOutputs";
import { isRecord } from "../isRecord";

/**
 * The developer kit from a deployed stack: what `pulumi stack output --json --stack <team>` prints after
 * `pulumi up`. The CLI prints a secret output as "[secret]" unless asked for --show-secrets, which the kit
 * command never passes; the kit is refused if any file would carry one, or a name the offline plan made up.
 */
export class KitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KitError";
  }
}

/** The kit folder's marker: `npm run kit` replaces only a folder it wrote (never a plan preview or your files). */
export const KIT_FOLDER: FolderOwner = { marker: ".codex-boundary-kit", command: "npm run kit" };

export interface DeployedKit extends Pick<StackOutputs, "baseUrl" | "vaultName"> {
  /** Relative path -> content, as the stack output `developerFiles` holds them. */
  files: StackOutputs["developerFiles"];
  /** How Codex authenticates with this kit: `key` when it ships the key scripts, `entra` (az) when it does not. */
  authMode: "key" | "entra";
}

/** The marks of names only the offline plan has: its placeholders, and the mock engine's fake identities. */
const NOT_DEPLOYED = [/<[a-z0-9-]+-after-pulumi-up>/, /00000000-0000-4000-8000-0000000c0de/];

/** The config files Codex reads the endpoint from: config.toml, and key mode's Windows copy (lib/devkit/files.ts). */
const CONFIG_FILES = ["config.toml", "config.windows.toml"] as const;
/** The key scripts a key-mode kit ships; entra mode has none (lib/devkit/files.ts). */
const KEY_SCRIPTS = ["get-key.sh", "get-key.ps1"] as const;

function namesPlaceholder(value: unknown): boolean {
  return typeof value === "string" && NOT_DEPLOYED.some((mark) => mark.test(value));
}

/**
 * Outputs the offline plan made (its placeholders, or the mock engine's identities) instead of a deployment: one
 * problem that says so and what to run, rather than one per file.
 */
function notDeployedYet(outputs: UncheckedStackOutputs, stack: string): string | undefined {
  const { baseUrl, vaultName, developerFiles } = outputs;
  const files = isRecord(developerFiles) ? Object.values(developerFiles) : [];
  if (![baseUrl, vaultName, ...files].some(namesPlaceholder)) return undefined;
  return (
    `stack '${stack}' is not deployed yet: its outputs still name the offline plan's placeholders ` +
    `(<...-after-pulumi-up>) or mock identities, not deployed resources. Deploy it first (pulumi up --stack ${stack} ` +
    `--policy-pack policies, or merge its pull request), then run npm run kit -- --stack ${stack} again`
  );
}

/** Parses the CLI's JSON; an empty object means the stack has never been deployed (or has no outputs yet). */
export function parseStackOutputs(stdout: string, stack: string): UncheckedStackOutputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new KitError(
      `\`pulumi stack output --json --stack ${stack}\` did not print JSON; run it yourself to see why`,
    );
  }
  if (!isRecord(parsed))
    throw new KitError(
      `\`pulumi stack output --json --stack ${stack}\` printed ${JSON.stringify(parsed)}, not an object of outputs`,
    );
  if (Object.keys(parsed).length === 0) {
    throw new KitError(
      `stack '${stack}' has no outputs: deploy it first (pulumi up --stack ${stack} --policy-pack policies, or merge its pull request)`,
    );
  }
  return parsed;
}

/** Checks the outputs and returns the files to write; every problem at once. */
export function kitFromOutputs(outputs: UncheckedStackOutputs, stack: string): DeployedKit {
  const notDeployed = notDeployedYet(outputs, stack);
  if (notDeployed !== undefined) throw new KitError(notDeployed);
  const problems: string[] = [];
  const { baseUrl, vaultName, developerFiles } = outputs;
  if (typeof baseUrl !== "string") problems.push("the stack output baseUrl is missing or not text");
  if (typeof vaultName !== "string") problems.push("the stack output vaultName is missing or not text");
  const files: Record<string, string> = {};
  if (!isRecord(developerFiles)) {
    problems.push(
      developerFiles === REDACTED
        ? "the stack output developerFiles is a secret; the kit never holds one"
        : `the stack output developerFiles is missing: run pulumi up --stack ${stack} with this version of codex-boundary first`,
    );
  } else {
    for (const [path, content] of Object.entries(developerFiles)) {
      if (typeof content !== "string") problems.push(`developerFiles entry '${path}' is not text`);
      else if (content === REDACTED || content.includes(`"${REDACTED}"`))
        problems.push(`developerFiles entry '${path}' is or holds a secret; the kit never holds one`);
      else files[path] = content;
    }
    for (const name of CONFIG_FILES) {
      const text = files[name];
      if (typeof baseUrl === "string" && text !== undefined && !text.includes(`"${baseUrl}"`))
        problems.push(`${name} does not point at the deployed base URL ${baseUrl}`);
    }
    for (const name of KEY_SCRIPTS) {
      const text = files[name];
      if (typeof vaultName === "string" && text !== undefined && !text.includes(`'${vaultName}'`))
        problems.push(`${name} does not read the deployed Key Vault ${vaultName}`);
    }
    if (!("config.toml" in developerFiles)) problems.push("developerFiles has no config.toml");
  }
  if (problems.length > 0)
    throw new KitError(
      `the outputs of stack '${stack}' do not make a kit; nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  const authMode = KEY_SCRIPTS.some((name) => name in files) ? "key" : "entra";
  return { baseUrl: baseUrl as string, vaultName: vaultName as string, files, authMode };
}
