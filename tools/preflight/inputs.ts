/** What `npm run preflight` reads before any request: the arguments, platform.yaml, the stack file, the environment. */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import type { Clock } from "../../lib/clock";
import { ConfigError } from "../../lib/config/problem";
import { parseTeamConfig, projectKeys, providerKeys } from "../../lib/config/parse";
import { GUID_PATTERN, STACK_NAME_PATTERN } from "../../lib/config/patterns";
import type { TeamConfig } from "../../lib/config/schema";
import type { ModelCatalog } from "../../lib/models/modelCatalog";
import { PlatformFileError } from "../../lib/platform/parse";
import { githubApiUrl } from "../../lib/platform/schema";
import { readPlatformFile } from "../../stacks/platformFile";
import { PUBLIC_ARM_ENDPOINT } from "../models/armModels";
import { loadStackConfig, PlanInputError, type StackConfig } from "../plan/stackFiles";

export const PREFLIGHT_USAGE = `usage: npm run preflight -- --stack <team> [--json] [--subscription <id>] [--stack-dir <dir>] [--arm-endpoint <url>] [--github-api-url <url>]
  --stack           the team stack to check (Pulumi.<team>.yaml, within platform.yaml beside it)
  --json            print the findings as JSON
  --subscription    the subscription the stack deploys to (default: azure-native:subscriptionId of the stack file,
                    then $ARM_SUBSCRIPTION_ID, then $AZURE_SUBSCRIPTION_ID)
  --stack-dir       folder holding Pulumi.<team>.yaml and platform.yaml (default: the project folder)
  --arm-endpoint    the ARM endpoint (default ${PUBLIC_ARM_ENDPOINT}; another for a sovereign cloud)
  --github-api-url  the GitHub API (default: from platform.yaml github.host)
Checks, with your Azure credentials (DefaultAzureCredential) and $GITHUB_TOKEN, what a first pulumi up needs
(docs/operations.md, "Before the first deployment"): resource provider registration, the deployer's rights at
subscription scope (and the hub scopes the stack writes into), the models the subscription is offered, the RAI
policies raiPolicyName names, quota headroom, the token's access to each repository, and every Deny the policy
assignments that apply at each resource group the stack writes into (a hub's included) would give the planned
resources there (evaluated offline). Changes nothing.
Exit codes: 0 nothing found, 1 findings (every one listed, each with its fix), 2 bad input or no sign-in.`;

export interface PreflightDeps {
  credential: () => TokenCredential;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  projectDir: string;
  cwd: string;
  catalog?: ModelCatalog;
  /** Trusted CA of local HTTPS stand-ins; production passes none. */
  tlsCa?: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal (of what width): the reads show a progress bar there (tools/progress.ts). */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
}

export function fail(deps: PreflightDeps, problems: readonly string[], usage = false): 2 {
  deps.err(`${problems.map((p) => `error: ${p}`).join("\n")}\n${usage ? `${PREFLIGHT_USAGE}\n` : ""}`);
  return 2;
}

const httpsProblem = (flag: string, value: string | undefined) =>
  value === undefined || /^https:\/\//.test(value)
    ? ""
    : `${flag} must be an https:// URL (got ${JSON.stringify(value)})`;

export interface Inputs {
  stack: string;
  config: TeamConfig;
  /** The stack file as the offline plan reads it, and the folder of it and platform.yaml. */
  stackConfig: StackConfig;
  stackDir: string;
  subscriptionId: string;
  armEndpoint: string;
  githubApi: string;
  githubToken: string;
  json: boolean;
}

export function readInputs(argv: readonly string[], deps: PreflightDeps): Inputs | 2 {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        json: { type: "boolean" },
        subscription: { type: "string" },
        "stack-dir": { type: "string" },
        "arm-endpoint": { type: "string" },
        "github-api-url": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(deps, [(error as Error).message], true);
  }
  const text = (key: string) => (typeof values[key] === "string" ? values[key] : undefined);
  const stack = text("stack") ?? "";
  const argProblems = [
    STACK_NAME_PATTERN.test(stack)
      ? ""
      : `--stack must name a team stack (Pulumi.<team>.yaml) (got ${JSON.stringify(stack)})`,
    httpsProblem("--arm-endpoint", text("arm-endpoint")),
    httpsProblem("--github-api-url", text("github-api-url")),
  ].filter(Boolean);
  if (argProblems.length > 0) return fail(deps, argProblems, true);
  const stackDir = resolve(deps.cwd, text("stack-dir") ?? deps.projectDir);
  let config: TeamConfig;
  let stackConfig: StackConfig;
  let host: string;
  try {
    const platform = readPlatformFile(stackDir);
    host = platform.github.host;
    stackConfig = loadStackConfig(deps.projectDir, stack, resolve(stackDir, `Pulumi.${stack}.yaml`));
    config = parseTeamConfig(projectKeys(stackConfig.values), `stack '${stack}'`, deps.clock.nowMs(), {
      platform,
      providerKeys: providerKeys(stackConfig.values),
      stackFile: `Pulumi.${stack}.yaml`,
    });
  } catch (error) {
    if (error instanceof PlanInputError || error instanceof ConfigError || error instanceof PlatformFileError)
      return fail(deps, [error.message]);
    throw error;
  }
  const subscriptionId =
    text("subscription") ??
    stackConfig.values["azure-native:subscriptionId"] ??
    deps.env.ARM_SUBSCRIPTION_ID ??
    deps.env.AZURE_SUBSCRIPTION_ID ??
    "";
  const githubToken = deps.env.GITHUB_TOKEN ?? "";
  const problems = [
    GUID_PATTERN.test(subscriptionId)
      ? ""
      : `--subscription (or azure-native:subscriptionId, $ARM_SUBSCRIPTION_ID) must be a subscription ID (a GUID) (got ${JSON.stringify(subscriptionId)})`,
    config.github.repositories.length > 0 && githubToken === ""
      ? "$GITHUB_TOKEN must hold the token pulumi up gives the github provider (it writes to the team's repositories)"
      : "",
  ].filter(Boolean);
  if (problems.length > 0) return fail(deps, problems);
  return {
    stack,
    config,
    stackConfig,
    stackDir,
    subscriptionId,
    armEndpoint: (text("arm-endpoint") ?? PUBLIC_ARM_ENDPOINT).replace(/\/$/, ""),
    githubApi: text("github-api-url") ?? githubApiUrl(host),
    githubToken,
    json: values.json === true,
  };
}
