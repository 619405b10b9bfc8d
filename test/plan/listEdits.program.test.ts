import fc from "fast-check";
import { expect, test } from "vitest";
import { asDeployedOutputs } from "../../lib/fleet/asDeployed";
import type { CapturedResource } from "../../lib/plan/types";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { projectPlatformInput } from "../support/platformFiles";
import { runStack, stackConfig } from "../support/runStack";
import { devTeamKeys } from "../support/stackFiles";

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
const dev = devTeamKeys();
const devModels = dev.models as Array<{ name: string; model: string }>;
/** The default model stays in every plan: left out, the default is the first deployment, which a reorder moves. */
const DEFAULT_MODEL = devModels[0] as { name: string; model: string };
const OTHER_MODELS = [
  ...devModels.slice(1),
  { ...DEFAULT_MODEL, name: `${DEFAULT_MODEL.name}-batch` },
  { ...DEFAULT_MODEL, name: `${DEFAULT_MODEL.name}-eval` },
];
const REPOSITORIES = [
  { name: "platform-tools" },
  { name: "payments-api", environment: "codex" },
  { name: "docs-site" },
  { name: "ledger", environment: "codex" },
];

const input = projectPlatformInput();
const PLATFORM = parsePlatformConfig({
  ...input,
  teams: {
    ...input.teams,
    dev: { owners: ["@contoso/platform-team"], repositories: REPOSITORIES.map((r) => `contoso/${r.name}`) },
  },
});

const subset = <T>(pool: readonly T[], minLength: number) =>
  fc
    .shuffledSubarray([...pool], { minLength })
    .chain((items) => fc.shuffledSubarray(items, { minLength: items.length }));
const lists = fc.record({
  users: subset(USERS, 1),
  admins: subset(ADMINS, 1),
  models: fc.tuple(subset(OTHER_MODELS, 0), fc.nat(OTHER_MODELS.length)).map(([others, at]) => {
    const models = [...others];
    models.splice(at % (others.length + 1), 0, DEFAULT_MODEL);
    return models;
  }),
  repositories: subset(REPOSITORIES, 0),
});
type Lists = typeof lists extends fc.Arbitrary<infer T> ? T : never;

/** Each item, by a key, with the test of whether a resource's name is one of its resources. */
const items = (l: Lists): Map<string, (name: string) => boolean> =>
  new Map([
    ...l.users.map((id) => [`user ${id}`, (n: string) => n.includes(`-users-${id}-`)] as const),
    ...l.admins.map((id) => [`admin ${id}`, (n: string) => n.includes(`-admins-${id}-`)] as const),
    ...l.models.map((m) => [`model ${m.name}`, (n: string) => n.endsWith(`-deployment-${m.name}`)] as const),
    ...l.repositories.map((r) => [`repository ${r.name}`, (n: string) => n.startsWith(`github-${r.name}-`)] as const),
  ]);

async function plan(l: Lists): Promise<Map<string, CapturedResource>> {
  const overrides = {
    access: { userGroupIds: l.users, adminGroupIds: l.admins },
    models: l.models,
    codex: { ...(dev.codex as object), defaultModel: DEFAULT_MODEL.name },
    github: { ...(dev.github as object), repositories: l.repositories },
  };
  const run = await runStack({
    overrides,
    platform: PLATFORM,
    previousOutputs: asDeployedOutputs(stackConfig({ overrides }).values),
  });
  return new Map(run.resources.map((r) => [r.urn, r]));
}

/** What the engine diffs: type, parent and inputs (not dependsOn, aliases or a component's registered outputs). */
const diffed = (r: CapturedResource) => ({ type: r.type, parent: r.parent, inputs: r.inputs });

test("reordering, adding or removing groups, models and repositories changes only the added or removed items' resources", async () => {
  await fc.assert(
    fc.asyncProperty(lists, lists, async (before, after) => {
      // One at a time: the mock engine is process-wide.
      const old = await plan(before);
      const next = await plan(after);
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
    { numRuns: 12 },
  );
}, 120_000);
