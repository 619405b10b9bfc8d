import type { z } from "zod";
import { cidrContains, firstSubnet } from "../net/cidr";
import { geographyProblems } from "./geography";
import { ROLLOUT_TABLE, stageRank } from "../devkit/rollout";
import {
  cidr,
  existingNetworkingSchema,
  MAX_FEDERATED_CREDENTIALS,
  modelSchema,
  repositorySchema,
  ROLLOUT_REPOSITORY_KEY_PATTERN,
  rolloutSchema,
  subscriptionOfId,
  teamConfigSchema,
} from "./schema";

/**
 * The rules that relate several fields (duplicate names, the default model, SKUs against the data boundary, the
 * repository opt-out against its environment, the subnet against the address space). zod skips an object's
 * refinements as soon as any field in it has a type, enum or required error, so these run here instead, over the raw
 * config: each rule reads the fields it needs one by one and runs where those parsed, whatever else is wrong.
 * A new cross-field rule belongs here, not in a refine() on an object of the schema (test/config/parse.test.ts
 * checks the schema has none).
 */

/** A problem found by a rule: where (a path into the raw config) and what is wrong; the caller adds the value. */
export interface CrossFieldProblem {
  path: Array<string | number>;
  message: string;
}

/** The field's parsed value, or undefined when it does not parse on its own (its own problem is reported anyway). */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: null or a primitive read with `?.` by any key the callers use is undefined, as for no map
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function items(value: unknown): unknown[] {
  // Stryker disable next-line ArrayDeclaration: one text item is no map, so it takes part in no rule
  return Array.isArray(value) ? value : [];
}

function deploymentProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  const boundary = parsed(teamConfigSchema.shape.dataBoundary, raw.dataBoundary);
  const firstIndexOf = new Map<string, number>();
  items(raw.models).forEach((item, index) => {
    const model = asRecord(item);
    const name = parsed(modelSchema.shape.name, model?.name);
    if (name !== undefined) {
      const first = firstIndexOf.get(name.toLowerCase());
      if (first === undefined) firstIndexOf.set(name.toLowerCase(), index);
      else {
        problems.push({
          path: ["models", index, "name"],
          message: `duplicate deployment name '${name}' (models[${first}] has it too; ARM resource names ignore case): give each deployment its own name`,
        });
      }
    }
    const sku = parsed(modelSchema.shape.sku, model?.sku);
    if (boundary !== undefined && boundary !== "global" && sku?.startsWith("Global") === true) {
      problems.push({
        path: ["models", index, "sku"],
        message: `${sku} processes data in any Azure region, outside the '${boundary}' data boundary; use ${sku.replace("Global", "DataZone")} or Standard`,
      });
    }
  });
  return problems;
}

function defaultModelProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const defaultModel = asRecord(raw.codex)?.defaultModel;
  if (typeof defaultModel !== "string" || !Array.isArray(raw.models)) return [];
  const names = raw.models
    .map((item) => asRecord(item)?.name)
    .filter((name): name is string => typeof name === "string");
  if (names.includes(defaultModel)) return [];
  const message =
    names.length === 0
      ? "must name one of the deployments in models, which lists none: add the deployment to models"
      : `must be one of the configured deployment names: ${names.join(", ")}; set one of them, or remove codex.defaultModel to use the first (${names[0] ?? ""})`;
  return [{ path: ["codex", "defaultModel"], message }];
}

function repositoryProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  const fields = repositorySchema.in.shape;
  const firstIndexOf = new Map<string, number>();
  items(asRecord(raw.github)?.repositories).forEach((item, index) => {
    const repo = asRecord(item);
    const at = (key: string): Array<string | number> => ["github", "repositories", index, key];
    const name = parsed(fields.name, repo?.name);
    if (name !== undefined) {
      const first = firstIndexOf.get(name.toLowerCase());
      if (first === undefined) firstIndexOf.set(name.toLowerCase(), index);
      else {
        problems.push({
          path: at("name"),
          message: `duplicate repository '${name}' (github.repositories[${first}] names it too; GitHub repository names ignore case): list each repository once`,
        });
      }
    }
    const environment = parsed(fields.environment, repo?.environment);
    if (parsed(fields.allowRepositorySecret, repo?.allowRepositorySecret) === true && environment !== undefined) {
      problems.push({
        path: at("allowRepositorySecret"),
        message: `contradicts environment '${environment}': the opt-out puts the key in a plain repository secret; remove allowRepositorySecret (recommended) or environment`,
      });
    }
  });
  return problems;
}

/**
 * A group's role assignments are named by its ID (lib/azure/roles.ts): the same group twice in one list would be two
 * resources with one name, and Azure holds one assignment per (scope, role, principal) anyway.
 */
function groupProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const access = asRecord(raw.access);
  return (["userGroupIds", "adminGroupIds"] as const).flatMap((list) => {
    const firstIndexOf = new Map<string, number>();
    return items(access?.[list]).flatMap((id, index): CrossFieldProblem[] => {
      if (typeof id !== "string") return [];
      const first = firstIndexOf.get(id.toLowerCase());
      if (first === undefined) {
        firstIndexOf.set(id.toLowerCase(), index);
        return [];
      }
      return [
        {
          path: ["access", list, index],
          message: `duplicate group '${id}' (access.${list}[${first}] lists it too; Entra object IDs ignore case): list each group once`,
        },
      ];
    });
  });
}

function subnetProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const networking = asRecord(raw.networking);
  if (networking?.mode !== "create") return [];
  const space = parsed(cidr, networking.addressSpace);
  const subnet = parsed(cidr, networking.privateEndpointSubnet);
  if (space === undefined || subnet === undefined || cidrContains(space, subnet)) return [];
  return [
    {
      path: ["networking", "privateEndpointSubnet"],
      message: `must lie inside networking.addressSpace (${space}): use a block inside it, e.g. ${firstSubnet(space, 27)} (the default when unset)`,
    },
  ];
}

/** Hub and spoke: the private endpoints' resource group must be in the subnet's subscription. */
function endpointGroupProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const networking = asRecord(raw.networking);
  if (networking?.mode !== "existing") return [];
  const subnetId = parsed(existingNetworkingSchema.shape.subnetId, networking.subnetId);
  const groupId = parsed(
    existingNetworkingSchema.shape.privateEndpointResourceGroupId,
    networking.privateEndpointResourceGroupId,
  );
  if (subnetId === undefined || groupId === undefined) return [];
  const subnetSubscription = subscriptionOfId(subnetId);
  if (subscriptionOfId(groupId) === subnetSubscription) return [];
  return [
    {
      path: ["networking", "privateEndpointResourceGroupId"],
      message: `must be in the subnet's subscription (${subnetSubscription}): a private endpoint must be in its virtual network's subscription`,
    },
  ];
}

/** entra mode (or a switch under way): nothing to exempt when key auth is off; one federated credential per repository. */
function authModeProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const auth = parsed(teamConfigSchema.shape.auth, raw.auth);
  if (auth === undefined) return [];
  const problems: CrossFieldProblem[] = [];
  const policy = asRecord(raw.policy);
  if (auth.mode === "entra" && !auth.switching && policy?.keyAuthExemption !== undefined) {
    problems.push({
      path: ["policy", "keyAuthExemption"],
      message:
        "is a key-mode setting: with auth.mode entra key authentication is off, so there is nothing to exempt; remove it (or set auth.switching: true while switching)",
    });
  }
  const repositories = items(asRecord(raw.github)?.repositories);
  if ((auth.mode === "entra" || auth.switching) && repositories.length > MAX_FEDERATED_CREDENTIALS) {
    problems.push({
      path: ["github", "repositories"],
      message: `lists ${repositories.length} repositories, but Azure allows at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials on the team's CI identity (one per repository); split the team or drop repositories`,
    });
  }
  return problems;
}

/**
 * The rollout against the team's repositories: each per-repository stage names one of them and stays at or below the
 * team's stage; a ci-code stage needs the code paths it may change.
 */
function rolloutProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  const rollout = asRecord(raw.rollout);
  if (rollout === undefined) return [];
  const shape = rolloutSchema.shape;
  const team = parsed(shape.stage, rollout.stage);
  const github = asRecord(raw.github);
  const owner = typeof github?.owner === "string" ? github.owner : undefined;
  const names = items(github?.repositories).flatMap((item) => {
    const name = asRecord(item)?.name;
    return typeof name === "string" ? [name] : [];
  });
  const known = new Set(owner === undefined ? [] : names.map((name) => `${owner}/${name}`.toLowerCase()));
  const problems: CrossFieldProblem[] = [];
  const stages = asRecord(rollout.repositories) ?? {};
  const repositoryStages = Object.entries(stages).flatMap(([key, value]) => {
    const stage = parsed(shape.stage, value);
    return stage === undefined || !ROLLOUT_REPOSITORY_KEY_PATTERN.test(key) ? [] : [[key, stage] as const];
  });
  for (const [key, stage] of repositoryStages) {
    const path = ["rollout", "repositories", key];
    if (owner !== undefined && !known.has(key.toLowerCase())) {
      problems.push({
        path,
        message: `names no repository of this stack: github.repositories of ${owner} are ${names.join(", ") || "none"}; write one of them as ${owner}/<name>, or remove the entry`,
      });
    } else if (team !== undefined && stageRank(stage) > stageRank(team)) {
      problems.push({
        path,
        message: `'${stage}' goes beyond the team's rollout.stage '${team}': a repository may only stay behind its team; set it to '${team}' or lower, or raise rollout.stage (a reviewed change)`,
      });
    }
  }
  // No repository goes beyond the team, so only the team's stage can need code paths.
  if (team !== undefined && ROLLOUT_TABLE[team].codePaths && items(rollout.codePaths).length === 0) {
    problems.push({
      path: ["rollout", "codePaths"],
      message:
        "must list the code paths CI tasks may change at stage 'ci-code' (e.g. [src/]): without them the stage allows no more than ci-docs; add them, or use stage 'ci-docs'",
    });
  }
  return problems;
}

/** Every cross-field problem of a raw config, whatever field problems it also has. */
export function crossFieldProblems(raw: Record<string, unknown>): CrossFieldProblem[] {
  return [
    ...deploymentProblems(raw),
    ...defaultModelProblems(raw),
    ...repositoryProblems(raw),
    ...groupProblems(raw),
    ...subnetProblems(raw),
    ...endpointGroupProblems(raw),
    ...authModeProblems(raw),
    ...rolloutProblems(raw),
    ...geographyProblems(raw),
  ];
}
