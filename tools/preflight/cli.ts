import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import type { Clock } from "../../lib/clock";
import { keyFlowActive } from "../../lib/config/authMode";
import { ConfigError } from "../../lib/config/problem";
import { parseTeamConfig, projectKeys, providerKeys } from "../../lib/config/parse";
import { GUID_PATTERN, STACK_NAME_PATTERN } from "../../lib/config/patterns";
import type { TeamConfig } from "../../lib/config/schema";
import { teamNames } from "../../lib/azure/naming";
import type { ArmModel } from "../../lib/models/armCompare";
import { accessProblems } from "../../lib/models/access";
import { MODEL_CATALOG, type ModelCatalog } from "../../lib/models/modelCatalog";
import { PlatformFileError } from "../../lib/platform/parse";
import { githubApiUrl } from "../../lib/platform/schema";
import {
  type ArmDeployment,
  type ArmUsage,
  customRaiPolicyNames,
  type DeclaredDeployment,
  quotaFindings,
  raiPolicyFindings,
} from "../../lib/preflight/deployments";
import {
  permissionFindings,
  type PreflightFinding,
  providerFindings,
  type Read,
  readFailure,
  renderFinding,
} from "../../lib/preflight/findings";
import { repositoryFindings, type RepositoryNeed } from "../../lib/preflight/github";
import type { ArmPermission } from "../../lib/preflight/permissions";
import { stackNeeds } from "../../lib/preflight/requirements";
import { readPlatformFile } from "../../stacks/platformFile";
import { listLocationModels, PUBLIC_ARM_ENDPOINT } from "../models/armModels";
import { loadStackConfig, PlanInputError } from "../plan/stackFiles";
import { armReader, COGNITIVE_API_VERSION, exists, PERMISSIONS_API_VERSION, PROVIDERS_API_VERSION } from "./arm";
import { readRepository } from "./github";

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
policies raiPolicyName names, quota headroom, and the token's access to each repository. Changes nothing.
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
}

function fail(deps: PreflightDeps, problems: readonly string[], usage = false): 2 {
  deps.err(`${problems.map((p) => `error: ${p}`).join("\n")}\n${usage ? `${PREFLIGHT_USAGE}\n` : ""}`);
  return 2;
}

const httpsProblem = (flag: string, value: string | undefined) =>
  value === undefined || /^https:\/\//.test(value)
    ? ""
    : `${flag} must be an https:// URL (got ${JSON.stringify(value)})`;

interface Inputs {
  stack: string;
  config: TeamConfig;
  subscriptionId: string;
  armEndpoint: string;
  githubApi: string;
  githubToken: string;
  json: boolean;
}

function readInputs(argv: readonly string[], deps: PreflightDeps): Inputs | 2 {
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
  let flat: Record<string, string>;
  let host: string;
  try {
    const platform = readPlatformFile(stackDir);
    host = platform.github.host;
    flat = loadStackConfig(deps.projectDir, stack, resolve(stackDir, `Pulumi.${stack}.yaml`)).values;
    config = parseTeamConfig(projectKeys(flat), `stack '${stack}'`, deps.clock.nowMs(), {
      platform,
      providerKeys: providerKeys(flat),
    });
  } catch (error) {
    if (error instanceof PlanInputError || error instanceof ConfigError || error instanceof PlatformFileError)
      return fail(deps, [error.message]);
    throw error;
  }
  const subscriptionId =
    text("subscription") ??
    flat["azure-native:subscriptionId"] ??
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
    subscriptionId,
    armEndpoint: (text("arm-endpoint") ?? PUBLIC_ARM_ENDPOINT).replace(/\/$/, ""),
    githubApi: text("github-api-url") ?? githubApiUrl(host),
    githubToken,
    json: values.json === true,
  };
}

function declared(config: TeamConfig): DeclaredDeployment[] {
  return config.models.map((m, index) => ({
    index,
    name: m.name,
    model: m.model,
    version: m.version,
    sku: m.sku,
    capacity: m.capacity,
    raiPolicyName: m.raiPolicyName,
  }));
}

function repositoryNeeds(config: TeamConfig): RepositoryNeed[] {
  return config.github.repositories.map((r) => ({
    fullName: `${config.github.owner}/${r.name}`,
    environment: r.environment,
  }));
}

/** `npm run preflight -- --stack <team>`: every finding at once; returns the exit code. */
export async function runPreflight(argv: readonly string[], deps: PreflightDeps): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    deps.out(`${PREFLIGHT_USAGE}\n`);
    return 0;
  }
  const inputs = readInputs(argv, deps);
  if (inputs === 2) return 2;
  const { config, subscriptionId, armEndpoint } = inputs;
  let token: string;
  try {
    const got = await deps.credential().getToken(`${armEndpoint}/.default`);
    if (got === null) throw new Error("the credential returned no token");
    token = got.token;
  } catch (error) {
    return fail(deps, [
      `could not sign in to Azure for ${armEndpoint} (az login, or the ARM_*/AZURE_* variables of DefaultAzureCredential): ${(error as Error).message.split("\n")[0] ?? ""}`,
    ]);
  }
  const arm = armReader(armEndpoint, token, deps.tlsCa);
  const needs = stackNeeds(config, subscriptionId);
  const names = teamNames(config.team);
  const sub = `/subscriptions/${subscriptionId}`;
  const accountPath = `${sub}/resourceGroups/${names.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${names.account}`;
  const deployments = declared(config);

  const [providers, permissions, models, account, usages, repositories] = await Promise.all([
    Promise.all(
      needs.providers.map(
        async (p) =>
          [
            p.namespace,
            (await arm.get(`${sub}/providers/${p.namespace}`, PROVIDERS_API_VERSION)) as Read<{
              registrationState?: string;
            }>,
          ] as const,
      ),
    ),
    Promise.all(
      needs.scopes.map(
        async (s) =>
          [
            s.scope,
            (await arm.list(
              `${s.scope.replace(/\/$/, "")}/providers/Microsoft.Authorization/permissions`,
              PERMISSIONS_API_VERSION,
            )) as Read<ArmPermission[]>,
          ] as const,
      ),
    ),
    listLocationModels({
      subscriptionId,
      location: config.location,
      credential: { getToken: async () => ({ token, expiresOnTimestamp: deps.clock.nowMs() + 3_600_000 }) },
      endpoint: armEndpoint,
      tlsCa: deps.tlsCa,
    }).then(
      (value): Read<ArmModel[]> => ({ ok: true, value }),
      (error: unknown): Read<ArmModel[]> => ({
        ok: false,
        status: (error as { statusCode?: number }).statusCode,
        message: (error as Error).message,
      }),
    ),
    arm.get(accountPath, COGNITIVE_API_VERSION).then(exists),
    arm.list(
      `${sub}/providers/Microsoft.CognitiveServices/locations/${config.location}/usages`,
      COGNITIVE_API_VERSION,
    ) as Promise<Read<ArmUsage[]>>,
    Promise.all(
      repositoryNeeds(config).map((need) => readRepository(inputs.githubApi, inputs.githubToken, need, deps.tlsCa)),
    ),
  ]);
  const accountExists = account.ok && account.value;
  const [deployed, policies] = accountExists
    ? await Promise.all([
        arm.list(`${accountPath}/deployments`, COGNITIVE_API_VERSION) as Promise<Read<ArmDeployment[]>>,
        Promise.all(
          customRaiPolicyNames(deployments).map(
            async (name) =>
              [name, exists(await arm.get(`${accountPath}/raiPolicies/${name}`, COGNITIVE_API_VERSION))] as const,
          ),
        ),
      ])
    : [{ ok: true, value: [] } as Read<ArmDeployment[]>, []];

  const findings: PreflightFinding[] = [
    ...providerFindings(needs.providers, new Map(providers), subscriptionId),
    ...permissionFindings(needs.scopes, new Map(permissions)),
    ...modelFindings(models, deployments, config.location, deps),
    ...raiPolicyFindings({
      deployments,
      accountName: names.account,
      resourceGroup: names.resourceGroup,
      account,
      policies: new Map(policies),
    }),
    ...(models.ok
      ? quotaFindings({
          deployments,
          location: config.location,
          arm: models.value,
          usages,
          deployed: deployed.ok ? deployed.value : [],
        })
      : []),
    ...repositoryFindings(repositories, inputs.githubApi),
  ];
  report(inputs, findings, deps, keyFlowActive(config.auth));
  return findings.length === 0 ? 0 : 1;
}

function modelFindings(
  models: Read<ArmModel[]>,
  deployments: readonly DeclaredDeployment[],
  location: string,
  deps: PreflightDeps,
): PreflightFinding[] {
  if (!models.ok)
    return [
      {
        check: "model",
        subject: `models in ${location}`,
        problem: `could not read the models ARM offers the subscription in ${location} (${readFailure(models)}); quota was not checked either`,
        fix: "grant the deployer Reader on the subscription, then run preflight again",
      },
    ];
  return accessProblems({
    deployments,
    location,
    arm: models.value,
    catalog: deps.catalog ?? MODEL_CATALOG,
    nowMs: deps.clock.nowMs(),
  }).map((p) => ({
    check: "model",
    subject: p.path,
    problem: `${p.model} ${p.version} as ${p.sku}: ${p.problem}`,
    fix: p.fix,
  }));
}

function report(inputs: Inputs, findings: readonly PreflightFinding[], deps: PreflightDeps, keys: boolean): void {
  const where = `subscription ${inputs.subscriptionId}, ${inputs.config.location}`;
  if (inputs.json) {
    deps.out(
      `${JSON.stringify({ stack: inputs.stack, subscriptionId: inputs.subscriptionId, location: inputs.config.location, findings }, null, 2)}\n`,
    );
    return;
  }
  if (findings.length === 0) {
    deps.out(
      `Stack ${inputs.stack}: preflight found nothing in the way of pulumi up (${where}; ${inputs.config.github.repositories.length} repositories${keys ? ", key mode" : ""}).\n` +
        "Not checked here: write permissions of a fine-grained token (GitHub shows none), deny assignments, Azure Policy denials.\n",
    );
    return;
  }
  deps.out(
    `Stack ${inputs.stack}: ${findings.length} problem(s) would stop pulumi up (${where}):\n${findings.map((f) => `  - ${renderFinding(f)}`).join("\n")}\n`,
  );
}
