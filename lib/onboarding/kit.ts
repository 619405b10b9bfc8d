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
}

/** The marks of names only the offline plan has: its placeholders, and the mock engine's fake identities. */
const NOT_DEPLOYED = [/<[a-z0-9-]+-after-pulumi-up>/, /00000000-0000-4000-8000-0000000c0de/];

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
      else if (NOT_DEPLOYED.some((mark) => mark.test(content)))
        problems.push(`developerFiles entry '${path}' names a placeholder or a mock identity, not a deployed resource`);
      else files[path] = content;
    }
    const configToml = files["config.toml"];
    if (typeof baseUrl === "string" && configToml !== undefined && !configToml.includes(`"${baseUrl}"`)) {
      problems.push(`config.toml does not point at the deployed base URL ${baseUrl}`);
    }
    const keyScript = files["get-key.sh"];
    if (typeof vaultName === "string" && keyScript !== undefined && !keyScript.includes(`'${vaultName}'`)) {
      problems.push(`get-key.sh does not read the deployed Key Vault ${vaultName}`);
    }
    if (configToml === undefined) problems.push("developerFiles has no config.toml");
  }
  if (problems.length > 0)
    throw new KitError(
      `the outputs of stack '${stack}' do not make a kit; nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  return { baseUrl: baseUrl as string, vaultName: vaultName as string, files };
}
