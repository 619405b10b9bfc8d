import { describe, expect, test } from "vitest";
import { DEPLOYER_SUBSCRIPTION } from "../../lib/fleet/facts";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { buildPools, type Pool } from "../../lib/fleet/quotas";
import {
  accountProblems,
  addressSpaceProblems,
  cidrsOverlap,
  dataZoneProblems,
  duplicateProblems,
  fleetProblems,
  quotaProblems,
  RETIREMENT_BLOCK_DAYS,
  RETIREMENT_NOTICE_DAYS,
  retirementProblems,
  stackPolicyProblems,
} from "../../lib/fleet/rules";
import type { StackFacts } from "../../lib/fleet/types";
import { catalog } from "../models/syntheticCatalog";
import { deployment, facts, SUB_A, SUB_B } from "./support";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-25T12:00:00Z");

function pool(partial: Partial<Pool> = {}): Pool {
  return {
    subscription: SUB_A,
    model: "gpt-5.3-codex",
    sku: "GlobalStandard",
    scope: "subscription",
    capacity: 1000,
    quota: 1000,
    quotaSource: "tier-1 default",
    stacks: ["b", "a"],
    use: [
      { stack: "b", team: "b", capacity: 600 },
      { stack: "a", team: "a", capacity: 400 },
    ],
    ...partial,
  };
}

describe("quota pool: equal to the quota passes, one over fails", () => {
  test("capacity equal to the quota is no problem", () => {
    expect(quotaProblems([pool({ capacity: 1000, quota: 1000 })])).toEqual([]);
  });

  test("one unit over the quota is a mandatory overflow naming the pool, each team's use, the quota and its source", () => {
    expect(
      quotaProblems([
        pool({
          capacity: 1001,
          use: [
            { stack: "b", team: "b", capacity: 601 },
            { stack: "a", team: "a", capacity: 400 },
          ],
        }),
      ]),
    ).toEqual([
      {
        rule: "quota-overflow",
        enforcement: "mandatory",
        message: `gpt-5.3-codex GlobalStandard in subscription ${SUB_A} (pool: subscription) needs 1001 (b 601, a 400) but the quota is 1000 (tier-1 default); the deployment that crosses it fails at pulumi up`,
        stacks: ["a", "b"],
        fix: "lower sku.capacity, move teams to another subscription (or, for DataZone/Standard, another zone or region), or raise the quota and record it in fleet.yaml",
      },
    ]);
  });

  test("an overflow with no recorded source still names the quota", () => {
    const [problem] = quotaProblems([
      pool({ capacity: 5, quota: 0, quotaSource: null, use: [{ stack: "a", team: "a", capacity: 5 }] }),
    ]);
    expect(problem?.message).toContain("needs 5 (a 5) but the quota is 0 (); ");
  });

  test("a pool with no known quota, in a named subscription, is advisory and names the subscription's fleet.yaml key", () => {
    expect(
      quotaProblems([pool({ sku: "Standard", scope: "eastus2", capacity: 10, quota: null, quotaSource: null })]),
    ).toEqual([
      {
        rule: "quota-unknown",
        enforcement: "advisory",
        message: `no quota known for gpt-5.3-codex Standard in subscription ${SUB_A} (pool: eastus2); 10 planned`,
        stacks: ["a", "b"],
        fix: `set the subscription's quota in fleet.yaml (subscriptions.${SUB_A}.quotas.gpt-5.3-codex.Standard) from the Azure portal's Quotas page`,
      },
    ]);
  });

  test("a pool with no known quota in the deploying job's subscription points at defaults or naming the subscription", () => {
    const [problem] = quotaProblems([
      pool({ subscription: DEPLOYER_SUBSCRIPTION, sku: "Standard", scope: "eastus2", quota: null, quotaSource: null }),
    ]);
    expect(problem?.fix).toBe(
      "set the quota in fleet.yaml (defaults.gpt-5.3-codex.Standard), or name the subscription (azure-native:subscriptionId or fleet.yaml defaultSubscription) and set subscriptions.<id>.quotas.gpt-5.3-codex.Standard, from the Azure portal's Quotas page",
    );
    expect(problem?.stacks).toEqual(["a", "b"]);
  });
});

describe("data zones", () => {
  test("a DataZone deployment in a region with no zone fails with the stack, deployment, SKU and region", () => {
    expect(
      dataZoneProblems([
        facts("a", { region: "uksouth", deployments: [deployment({ name: "codex", sku: "DataZoneStandard" })] }),
      ]),
    ).toEqual([
      {
        rule: "data-zone-unknown",
        enforcement: "mandatory",
        message:
          "a: deployment codex is DataZoneStandard in uksouth, a region with no known data zone, so its quota pool is unknown",
        stacks: ["a"],
        fix: "use a region that offers DataZone deployments (lib/fleet/dataZones.ts lists them) or another SKU",
      },
    ]);
  });

  test("a DataZone deployment in a zoned region, or a non-DataZone SKU in an unzoned region, passes", () => {
    expect(
      dataZoneProblems([
        facts("a", { region: "swedencentral", deployments: [deployment({ sku: "DataZoneStandard" })] }),
      ]),
    ).toEqual([]);
    expect(
      dataZoneProblems([
        facts("a", {
          region: "uksouth",
          deployments: [deployment({ sku: "GlobalStandard" }), deployment({ sku: "Standard" })],
        }),
      ]),
    ).toEqual([]);
  });
});

describe("30 accounts per subscription", () => {
  const teams = (n: number, subscription = SUB_A) =>
    Array.from({ length: n }, (_, i) => facts(`t${String(i).padStart(2, "0")}`, { subscription }));

  test("30 accounts in one subscription pass; the 31st fails naming the subscription, the count and the limit", () => {
    expect(accountProblems(teams(30))).toEqual([]);
    const problems = accountProblems(teams(31));
    expect(problems).toEqual([
      {
        rule: "accounts-per-subscription",
        enforcement: "mandatory",
        message: `subscription ${SUB_A} would hold 31 Azure OpenAI / AI Services accounts; the limit is 30`,
        stacks: teams(31).map((s) => s.stack),
        fix: "move teams to another subscription: set azure-native:subscriptionId in their Pulumi.<stack>.yaml (docs/fleet.md)",
      },
    ]);
  });

  test("accounts are counted, not stacks: 15 stacks with 2 accounts pass, one more account fails", () => {
    const two = (i: number) => facts(`s${i}`, { accounts: [`aif-${i}-a`, `aif-${i}-b`] });
    const fifteen = Array.from({ length: 15 }, (_, i) => two(i));
    expect(accountProblems(fifteen)).toEqual([]);
    expect(accountProblems([...fifteen, facts("extra")])[0]?.message).toContain("would hold 31 ");
  });

  test("each subscription is counted apart: 30 in A and 30 in B pass", () => {
    expect(
      accountProblems([...teams(30), ...Array.from({ length: 30 }, (_, i) => facts(`b${i}`, { subscription: SUB_B }))]),
    ).toEqual([]);
  });
});

describe("32 deployments per account", () => {
  const stack = (n: number, account = "aif-codex-a") =>
    facts("a", {
      deployments: Array.from({ length: n }, (_, i) => deployment({ account, name: `d${i}`, capacity: 1 })),
    });

  test("32 deployments on one account pass; 33 fail naming the stack, account, count and limit", () => {
    expect(accountProblems([stack(32)])).toEqual([]);
    expect(accountProblems([stack(33)])).toEqual([
      {
        rule: "deployments-per-account",
        enforcement: "mandatory",
        message: "a: account aif-codex-a would hold 33 deployments; the limit is 32",
        stacks: ["a"],
        fix: "remove deployments from codex-boundary:models",
      },
    ]);
  });

  test("deployments are counted per account: 32 on each of two accounts pass", () => {
    const s = stack(32);
    expect(
      accountProblems([{ ...s, deployments: [...s.deployments, ...stack(32, "aif-codex-other").deployments] }]),
    ).toEqual([]);
  });
});

describe("duplicates", () => {
  test("a team used by two stacks fails, naming the team, the count and the stacks in order", () => {
    expect(
      duplicateProblems([
        facts("two", { team: "pay", repositories: [], generatedNames: [] }),
        facts("one", { team: "pay", repositories: [], generatedNames: [] }),
      ]),
    ).toEqual([
      {
        rule: "duplicate-team",
        enforcement: "mandatory",
        message: "team 'pay' is used by 2 stacks; every resource name derives from it, so they collide",
        stacks: ["one", "two"],
        fix: "give each stack its own codex-boundary:team",
      },
    ]);
  });

  test("distinct teams with distinct names and repositories pass", () => {
    expect(duplicateProblems([facts("a"), facts("b")])).toEqual([]);
  });

  const named = (stack: string, team: string, name: string, scope = "subscription x") =>
    facts(stack, { team, repositories: [], generatedNames: [{ scope, type: "azure-native:keyvault:Vault", name }] });

  test("a generated name planned by two teams in one scope fails, compared case-insensitively", () => {
    expect(duplicateProblems([named("b", "tb", "KV-Shared"), named("a", "ta", "kv-shared")])).toEqual([
      {
        rule: "duplicate-name",
        enforcement: "mandatory",
        message: "azure-native:keyvault:Vault 'KV-Shared' in subscription x is planned by a, b",
        stacks: ["a", "b"],
        fix: "rename a team so the generated names differ",
      },
    ]);
  });

  test("the same name of another type, in another scope, or twice by one stack, does not collide", () => {
    const other = facts("b", {
      team: "tb",
      repositories: [],
      generatedNames: [{ scope: "subscription x", type: "azure-native:storage:StorageAccount", name: "kv-shared" }],
    });
    expect(duplicateProblems([named("a", "ta", "kv-shared"), other])).toEqual([]);
    expect(duplicateProblems([named("a", "ta", "kv-shared"), named("b", "tb", "kv-shared", "subscription y")])).toEqual(
      [],
    );
    const twice = facts("a", {
      team: "ta",
      repositories: [],
      generatedNames: [named("a", "ta", "n").generatedNames[0]!, named("a", "ta", "n").generatedNames[0]!],
    });
    expect(duplicateProblems([twice])).toEqual([]);
  });

  test("two stacks of one team planning one name are reported once, as a duplicate team, not as a duplicate name", () => {
    expect(duplicateProblems([named("a", "same", "n"), named("b", "same", "n")]).map((p) => p.rule)).toEqual([
      "duplicate-team",
    ]);
  });

  test("a repository listed by two stacks fails, naming the repository and both stacks", () => {
    const repo = "https://github.com/contoso/shared";
    expect(
      duplicateProblems([
        facts("b", { repositories: [repo], generatedNames: [] }),
        facts("a", { repositories: [repo], generatedNames: [] }),
      ]),
    ).toEqual([
      {
        rule: "repository-claimed-twice",
        enforcement: "mandatory",
        message: `repository ${repo} is listed by a, b; each would overwrite the other's Codex secret and variables`,
        stacks: ["a", "b"],
        fix: "list each repository in exactly one stack's codex-boundary:github.repositories",
      },
    ]);
  });

  test("a repository listed twice by one stack is not claimed twice", () => {
    const repo = "https://github.com/contoso/shared";
    expect(duplicateProblems([facts("a", { repositories: [repo, repo], generatedNames: [] })])).toEqual([]);
  });
});

describe("address spaces", () => {
  test("overlap at the edge: the last address of one block is the first of the next", () => {
    expect(cidrsOverlap("10.0.0.0/24", "10.0.0.255/32")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/24", "10.0.1.0/24")).toBe(false);
    expect(cidrsOverlap("10.0.1.0/24", "10.0.0.0/24")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/16", "10.0.255.255/32")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/32")).toBe(false);
  });

  test("a host address inside a block counts from the block's start", () => {
    expect(cidrsOverlap("10.0.0.200/24", "10.0.0.0/32")).toBe(true);
    expect(cidrsOverlap("10.0.1.5/24", "10.0.0.255/32")).toBe(false);
  });

  test("IPv6 blocks compare as 128-bit ranges; IPv4 and IPv6 never overlap; an invalid block overlaps nothing", () => {
    expect(cidrsOverlap("fd00::/64", "fd00::ffff/128")).toBe(true);
    expect(cidrsOverlap("fd00::/64", "fd00:0:0:1::/64")).toBe(false);
    expect(cidrsOverlap("fd00::/8", "fdff:ffff::/32")).toBe(true);
    expect(cidrsOverlap("::/0", "10.0.0.0/8")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/8", "::/0")).toBe(false);
    expect(cidrsOverlap("0.0.0.0/0", "::ffff:10.0.0.1/128")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/33", "10.0.0.0/8")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/8", "not-a-cidr")).toBe(false);
  });

  test("an overlap between two stacks fails, naming both blocks; a stack overlapping itself does not", () => {
    expect(
      addressSpaceProblems([
        facts("b", { addressSpaces: ["10.1.0.0/16"] }),
        facts("a", { addressSpaces: ["10.1.2.0/24"] }),
      ]),
    ).toEqual([
      {
        rule: "address-space-overlap",
        enforcement: "mandatory",
        message: "b creates 10.1.0.0/16 and a creates 10.1.2.0/24: overlapping virtual networks cannot be peered later",
        stacks: ["a", "b"],
        fix: "give each team its own address space (codex-boundary:networking.addressSpace); npm run new-team picks a free one",
      },
    ]);
    expect(addressSpaceProblems([facts("a", { addressSpaces: ["10.1.0.0/16", "10.1.2.0/24"] })])).toEqual([]);
  });

  test("every overlapping pair is reported, including the last block of the list", () => {
    const problems = addressSpaceProblems([
      facts("a", { addressSpaces: ["10.0.0.0/8"] }),
      facts("b", { addressSpaces: ["10.1.0.0/16"] }),
      facts("c", { addressSpaces: ["10.2.0.0/16"] }),
    ]);
    expect(problems.map((p) => p.stacks)).toEqual([
      ["a", "b"],
      ["a", "c"],
    ]);
  });
});

describe("retirements at the day limits", () => {
  const at = (days: number) => () => new Date(NOW + days * DAY);
  const uses = [
    facts("b"),
    facts("a"),
    facts("c", { deployments: [deployment({ model: "gpt-5-mini", version: "2025-08-07" })] }),
  ];
  const only = (lookup: (m: string, v: string) => Date | undefined) => (m: string, v: string) =>
    m === "gpt-5.3-codex" ? lookup(m, v) : undefined;
  // No catalog model to move to: the day limits are what is tested here (successors: test/fleet/rules.test.ts).
  const empty = catalog([]);
  const problems = (lookup: (m: string, v: string) => Date | undefined) => retirementProblems(uses, lookup, NOW, empty);

  test(`${RETIREMENT_NOTICE_DAYS} days out is an advisory; ${RETIREMENT_NOTICE_DAYS + 1} is not reported`, () => {
    expect(problems(only(at(RETIREMENT_NOTICE_DAYS)))).toEqual([
      {
        rule: "model-retiring",
        enforcement: "advisory",
        message:
          "gpt-5.3-codex 2026-02-24 retires on 2027-03-25 (in 120 days; source: lib/models/catalog.json); from then it answers 410 Gone; successor: none in the catalog offered as GlobalStandard in eastus2",
        stacks: ["a", "b"],
        fix: "move these teams to the successor before the date: npm run models -- --upgrade --stack a, npm run models -- --upgrade --stack b",
      },
    ]);
    expect(problems(only(at(RETIREMENT_NOTICE_DAYS + 1)))).toEqual([]);
  });

  test(`${RETIREMENT_BLOCK_DAYS} days out says pulumi up refuses adding it; ${RETIREMENT_BLOCK_DAYS + 1} does not; both are advisories`, () => {
    const [inside] = problems(only(at(RETIREMENT_BLOCK_DAYS)));
    const [outside] = problems(only(at(RETIREMENT_BLOCK_DAYS + 1)));
    expect([inside?.enforcement, outside?.enforcement]).toEqual(["advisory", "advisory"]);
    expect(inside?.message).toContain(
      "; pulumi up now refuses adding or changing to it, and leaves deployments of it as they are",
    );
    expect(outside?.message).not.toContain("refuses");
  });

  test("on the retirement day it reads retired today; a day past, retired 1 day ago", () => {
    expect(problems(only(at(0)))[0]?.message).toContain("gpt-5.3-codex 2026-02-24 retired on 2026-11-25 (today;");
    expect(problems(only(at(-1)))[0]?.message).toContain("gpt-5.3-codex 2026-02-24 retired on 2026-11-24 (1 day ago;");
    expect(problems(only(at(-2)))[0]?.message).toContain("(2 days ago;");
    expect(problems(only(at(1)))[0]?.message).toContain("retires on 2026-11-26 (in 1 day;");
  });

  test("days are calendar days (lib/days.ts): the lookup's instant counts by its UTC day, whatever its hour or now's", () => {
    // NOW is 12:00 UTC: 30.4 days later is still 2026-12-25, 30.5 days later is 2026-12-26.
    expect(problems(only(at(30.4)))[0]?.message).toContain("retires on 2026-12-25 (in 30 days;");
    expect(problems(only(at(30.5)))[0]?.message).toContain("retires on 2026-12-26 (in 31 days;");
    expect(problems(only(at(30.9)))[0]?.message).toContain("retires on 2026-12-26 (in 31 days;");
  });

  test("each model version is one problem with every stack using it", () => {
    expect(problems(at(10)).map((p) => [p.message.split(" retires")[0], p.stacks])).toEqual([
      ["gpt-5.3-codex 2026-02-24", ["a", "b"]],
      ["gpt-5-mini 2025-08-07", ["c"]],
    ]);
  });
});

describe("stack policies and the whole fleet", () => {
  test("each failing mandatory policy is one fleet problem with its messages and the plan command", () => {
    const stacks: StackFacts[] = [
      facts("a", {
        verdict: "fail",
        mandatoryFailures: [
          { policy: "private-only", messages: ["one", "two"] },
          { policy: "keys", messages: [] },
        ],
      }),
    ];
    expect(stackPolicyProblems(stacks)).toEqual([
      {
        rule: "stack-policy",
        enforcement: "mandatory",
        policy: "private-only",
        message: "a: mandatory policy private-only fails: one; two",
        stacks: ["a"],
        fix: "run npm run plan -- --stack a for the compliance report and its fix",
      },
      {
        rule: "stack-policy",
        enforcement: "mandatory",
        policy: "keys",
        message: "a: mandatory policy keys fails",
        stacks: ["a"],
        fix: "run npm run plan -- --stack a for the compliance report and its fix",
      },
    ]);
  });

  test("fleetProblems lists every rule in a stable order", () => {
    const stacks = [
      facts("a", {
        team: "same",
        region: "uksouth",
        mandatoryFailures: [{ policy: "p", messages: ["m"] }],
        deployments: [deployment({ capacity: 1001 }), deployment({ sku: "DataZoneStandard", name: "dz" })],
        addressSpaces: ["10.0.0.0/16"],
        repositories: ["r"],
      }),
      facts("b", { team: "same", addressSpaces: ["10.0.0.0/24"], repositories: ["r"] }),
    ];
    const rules = fleetProblems(stacks, buildPools(stacks, EMPTY_FLEET_FILE), () => new Date(NOW), NOW).map(
      (p) => p.rule,
    );
    expect(rules).toEqual([
      "stack-policy",
      "quota-overflow",
      "data-zone-unknown",
      "duplicate-team",
      "repository-claimed-twice",
      "address-space-overlap",
      "model-retiring",
    ]);
    const many = Array.from({ length: 31 }, (_, i) => facts(`s${i}`));
    expect(fleetProblems(many, [], () => undefined, NOW).map((p) => p.rule)).toEqual(["accounts-per-subscription"]);
  });
});
