import type { TeamConfig } from "../../lib/config/schema";
import { keyFlowActive } from "../../lib/config/authMode";
import { teamNames } from "../../lib/azure/naming";
import type { ArmModel } from "../../lib/models/armCompare";
import { accessProblems } from "../../lib/models/access";
import { MODEL_CATALOG } from "../../lib/models/modelCatalog";
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
import { type ArmDefinition, type ArmPolicyAssignment, tenantPolicyFindings } from "../../lib/preflight/tenantPolicy";
import { listLocationModels } from "../models/armModels";
import {
  type ArmReader,
  armReader,
  COGNITIVE_API_VERSION,
  exists,
  PERMISSIONS_API_VERSION,
  PROVIDERS_API_VERSION,
} from "./arm";
import { readRepository } from "./github";
import { notScopeManagementGroups, type WriteScope, writeScopes } from "../../lib/preflight/policyScopes";
import { plannedForPolicy, readDefinitions, readDescendants, readScopeAssignments } from "./tenantPolicy";
import { fail, type Inputs, PREFLIGHT_USAGE, type PreflightDeps, readInputs } from "./inputs";
import { type Progress, withProgress } from "../progress";

export { PREFLIGHT_USAGE, type PreflightDeps } from "./inputs";

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
  const { config, armEndpoint } = inputs;
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
  const io = { stderr: deps.err, stderrIsTTY: deps.stderrIsTTY, stderrColumns: deps.stderrColumns };
  const findings = await withProgress(io, { task: "preflight", total: 0, unit: "reads" }, (progress) =>
    readFindings(inputs, token, deps, progress),
  );
  report(inputs, findings, deps, keyFlowActive(config.auth));
  return findings.length === 0 ? 0 : 1;
}

/** `work`, counted on the bar: one more read when it starts, one done (named `label`) when it ends. */
function counted<T>(progress: Progress, label: string, work: Promise<T>): Promise<T> {
  progress.grow(1);
  return work.finally(() => progress.tick(label));
}

/** The ARM reads, each counted on the bar, named by the end of its path. */
function countedReader(arm: ArmReader, progress: Progress): ArmReader {
  const label = (path: string) => path.split("?")[0]?.split("/").slice(-2).join("/") ?? path;
  return {
    get: (path, apiVersion) => counted(progress, label(path), arm.get(path, apiVersion)),
    list: (path, apiVersion) => counted(progress, label(path), arm.list(path, apiVersion)),
  };
}

/** Every read of Azure and GitHub the stack needs, and what they find; nothing is printed here. */
async function readFindings(
  inputs: Inputs,
  token: string,
  deps: PreflightDeps,
  progress: Progress,
): Promise<PreflightFinding[]> {
  const { config, subscriptionId, armEndpoint } = inputs;
  const arm = countedReader(armReader(armEndpoint, token, deps.tlsCa), progress);
  const needs = stackNeeds(config, subscriptionId);
  const names = teamNames(config.team);
  const sub = `/subscriptions/${subscriptionId}`;
  const accountPath = `${sub}/resourceGroups/${names.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${names.account}`;
  const deployments = declared(config);
  const policyScopes = writeScopes(config, subscriptionId);

  const [providers, permissions, models, account, usages, repositories, assignments] = await Promise.all([
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
    counted(
      progress,
      `models in ${config.location}`,
      listLocationModels({
        subscriptionId,
        location: config.location,
        credential: { getToken: async () => ({ token, expiresOnTimestamp: deps.clock.nowMs() + 3_600_000 }) },
        endpoint: armEndpoint,
        tlsCa: deps.tlsCa,
      }),
    ).then(
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
      repositoryNeeds(config).map((need) =>
        counted(progress, need.fullName, readRepository(inputs.githubApi, inputs.githubToken, need, deps.tlsCa)),
      ),
    ),
    readScopeAssignments(arm, policyScopes),
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

  return [
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
    ...(await policyFindings(inputs, arm, policyScopes, assignments, deps, progress)),
  ];
}

/** The plan runs (and definitions and the hierarchy are read) only when an enforced assignment applies. */
async function policyFindings(
  inputs: Inputs,
  arm: ReturnType<typeof armReader>,
  scopes: readonly WriteScope[],
  assignments: ReadonlyMap<string, Read<ArmPolicyAssignment[]>>,
  deps: PreflightDeps,
  progress: Progress,
): Promise<PreflightFinding[]> {
  const nowMs = deps.clock.nowMs();
  const enforced = [...assignments.values()]
    .flatMap((read) => (read.ok ? read.value : []))
    .filter((a) => a.properties.enforcementMode?.toLowerCase() !== "donotenforce");
  const [definitions, managementGroups, planned] =
    enforced.length === 0
      ? [new Map<string, Read<ArmDefinition>>(), new Map<string, Read<string[]>>(), undefined]
      : await Promise.all([
          readDefinitions(arm, [...new Map(enforced.map((a) => [a.id.toLowerCase(), a])).values()]),
          readDescendants(arm, notScopeManagementGroups(enforced)),
          counted(
            progress,
            "the stack's plan (tenant policy)",
            plannedForPolicy({
              stack: inputs.stack,
              stackDir: inputs.stackDir,
              stackConfig: inputs.stackConfig,
              subscriptionId: inputs.subscriptionId,
              scopes,
              nowMs,
            }),
          ),
        ]);
  return tenantPolicyFindings({
    scopes,
    assignments,
    managementGroups,
    definitions,
    resources:
      planned === undefined
        ? { ok: true, value: [] }
        : planned.ok
          ? { ok: true, value: planned.value.resources }
          : planned,
    exemptions: planned?.ok ? planned.value.exemptions : [],
    nowMs,
  });
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
        "Not checked here: write permissions of a fine-grained token (GitHub shows none), deny assignments.\n",
    );
    return;
  }
  deps.out(
    `Stack ${inputs.stack}: ${findings.length} problem(s) would stop pulumi up (${where}):\n${findings.map((f) => `  - ${renderFinding(f)}`).join("\n")}\n`,
  );
}
