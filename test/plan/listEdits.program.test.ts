import fc from "fast-check";
import { expect, test } from "vitest";
import { asDeployedOutputs } from "../../lib/fleet/asDeployed";
import type { CapturedResource } from "../../lib/plan/types";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { join } from "node:path";
import type { PlatformConfig } from "../../lib/platform/schema";
import { projectPlatformInput } from "../support/platformFiles";
import { FIXTURES_DIR, PROJECT_DIR, runStack, stackConfig } from "../support/runStack";
import { teamKeys } from "../support/stackFiles";

/**
 * The lists of a stack file whose items own resources: Entra groups (role assignments), model deployments and
 * repositories (secrets, variables, environments). Each is planned twice, as two independent orderings of two subsets
 * of a pool, and the plans compared resource by resource.
 */
const USERS = [
  "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
  "11111111-aaaa-4bbb-8ccc-000000000001",
  "11111111-aaaa-4bbb-8ccc-000000000002",
  "11111111-aaaa-4bbb-8ccc-000000000003",
];
const ADMINS = [
  "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  "22222222-aaaa-4bbb-8ccc-000000000001",
  "22222222-aaaa-4bbb-8ccc-000000000002",
];
interface Model {
  name: string;
  model: string;
}
interface Repository {
  name: string;
  environment?: string;
}

/** A stack file to vary: its own keys, platform.yaml admitting every pooled repository, the pools. */
interface Base {
  stack: string;
  fixture?: string;
  keys: Record<string, unknown>;
  platform: PlatformConfig;
  /** Stays in every plan: left out, the default model is the first deployment, which a reorder moves. */
  defaultModel: Model;
  otherModels: Model[];
  repositories: Repository[];
}

function base(stack: string, fixture: string | undefined, extraRepositories: Repository[]): Base {
  const keys = teamKeys(fixture === undefined ? undefined : join(FIXTURES_DIR, fixture));
  const [defaultModel, ...rest] = keys.models as [Model, ...Model[]];
  const github = keys.github as { owner: string; repositories: Repository[] };
  const repositories = [...github.repositories, ...extraRepositories];
  const input = projectPlatformInput(fixture === undefined ? PROJECT_DIR : FIXTURES_DIR);
  const team = keys.team as string;
  const platform = parsePlatformConfig({
    ...input,
    teams: {
      ...input.teams,
      [team]: {
        owners: ["@contoso/platform-team"],
        repositories: repositories.map((r) => `${github.owner}/${r.name}`),
      },
    },
  });
  const copies = ["batch", "eval"].map((suffix) => ({ ...defaultModel, name: `${defaultModel.name}-${suffix}` }));
  return { stack, fixture, keys, platform, defaultModel, otherModels: [...rest, ...copies], repositories };
}

const BASES: Base[] = [
  base("dev", undefined, [{ name: "docs-site" }, { name: "ledger", environment: "codex" }]),
  // entra mode: a federated credential per repository on the CI identity, no key, no secrets-user role.
  base("entra", "Pulumi.entra.yaml", [{ name: "ledger", environment: "codex" }]),
];

const subset = <T>(pool: readonly T[], minLength: number) =>
  fc
    .shuffledSubarray([...pool], { minLength })
    .chain((items) => fc.shuffledSubarray(items, { minLength: items.length }));
const listsOf = (b: Base) =>
  fc.record({
    users: subset(USERS, 1),
    admins: subset(ADMINS, 1),
    models: fc.tuple(subset(b.otherModels, 0), fc.nat(b.otherModels.length)).map(([others, at]) => {
      const models = [...others];
      models.splice(at % (others.length + 1), 0, b.defaultModel);
      return models;
    }),
    repositories: subset(b.repositories, 0),
  });
interface Lists {
  users: string[];
  admins: string[];
  models: Model[];
  repositories: Repository[];
}

/** Each item, by a key, with the test of whether a resource's name is one of its resources. */
const items = (l: Lists): Map<string, (name: string) => boolean> =>
  new Map([
    ...l.users.map((id) => [`user ${id}`, (n: string) => n.includes(`-users-${id}-`)] as const),
    ...l.admins.map((id) => [`admin ${id}`, (n: string) => n.includes(`-admins-${id}-`)] as const),
    ...l.models.map((m) => [`model ${m.name}`, (n: string) => n.endsWith(`-deployment-${m.name}`)] as const),
    ...l.repositories.map(
      (r) =>
        [
          `repository ${r.name}`,
          (n: string) => n.startsWith(`github-${r.name}-`) || n === `ci-identity-${r.name}-federation`,
        ] as const,
    ),
  ]);

async function plan(b: Base, l: Lists): Promise<Map<string, CapturedResource>> {
  const overrides = {
    access: { userGroupIds: l.users, adminGroupIds: l.admins },
    models: l.models,
    codex: { ...(b.keys.codex as object), defaultModel: b.defaultModel.name },
    github: { ...(b.keys.github as object), repositories: l.repositories },
  };
  const target = { stack: b.stack, fixture: b.fixture, overrides };
  const run = await runStack({
    ...target,
    platform: b.platform,
    previousOutputs: asDeployedOutputs(stackConfig(target).values),
  });
  return new Map(run.resources.map((r) => [r.urn, r]));
}

/** What the engine diffs: type, parent and inputs (not dependsOn, aliases or a component's registered outputs). */
const diffed = (r: CapturedResource) => ({ type: r.type, parent: r.parent, inputs: r.inputs });

test.each(BASES)(
  "$stack: reordering, adding or removing groups, models and repositories changes only the added or removed items' resources",
  async (b) => {
    await fc.assert(
      fc.asyncProperty(listsOf(b), listsOf(b), async (before, after) => {
        // One at a time: the mock engine is process-wide.
        const old = await plan(b, before);
        const next = await plan(b, after);
        // Every resource in both plans is planned with the same inputs: no update, no replacement.
        const changed = [...next.values()]
          .filter((r) => old.has(r.urn))
          .filter((r) => JSON.stringify(diffed(r)) !== JSON.stringify(diffed(old.get(r.urn) as CapturedResource)))
          .map((r) => r.urn);
        expect(changed).toEqual([]);

        // Every resource created or deleted belongs to exactly one item that is in one plan only, and each such item
        // has resources of its own; an item in both plans keeps all of its resources.
        const all = new Map([...items(before), ...items(after)]);
        const onlyOne = new Set([...all.keys()].filter((k) => items(before).has(k) !== items(after).has(k)));
        const created = [...next.values()].filter((r) => !old.has(r.urn));
        const deleted = [...old.values()].filter((r) => !next.has(r.urn));
        const owners = [...created, ...deleted].map((r) => ({
          urn: r.urn,
          owners: [...all].filter(([, owns]) => owns(r.name)).map(([k]) => k),
        }));
        expect(owners.filter((o) => o.owners.length !== 1 || !onlyOne.has(o.owners[0] as string))).toEqual([]);
        expect([...onlyOne].filter((k) => !owners.some((o) => o.owners[0] === k))).toEqual([]);
      }),
      { numRuns: 10 },
    );
  },
  120_000,
);
