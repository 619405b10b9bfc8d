import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { ACCOUNTS_PER_SUBSCRIPTION, buildPools, DEPLOYMENTS_PER_ACCOUNT } from "../../lib/fleet/quotas";
import { retirementDate } from "../../lib/fleet/retirements";
import {
  accountProblems,
  addressSpaceProblems,
  cidrsOverlap,
  dataZoneProblems,
  duplicateProblems,
  fleetProblems,
  quotaProblems,
  retirementProblems,
} from "../../lib/fleet/rules";
import type { StackFacts } from "../../lib/fleet/types";
import { retirementOf } from "../../lib/models/modelCatalog";
import { catalog, entry } from "../models/syntheticCatalog";
import { deployment, facts, SUB_A, SUB_B } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const rules = (stacks: StackFacts[]) =>
  fleetProblems(stacks, buildPools(stacks, EMPTY_FLEET_FILE), retirementDate, NOW).map((p) => p.rule);

describe("quota", () => {
  test("the team whose capacity pushes a GlobalStandard pool over quota fails the fleet, naming every stack in the pool", () => {
    const stacks = [
      facts("a", { deployments: [deployment({ capacity: 600 })] }),
      facts("b", { region: "swedencentral", deployments: [deployment({ capacity: 401 })] }),
    ];
    const problems = quotaProblems(buildPools(stacks, EMPTY_FLEET_FILE));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: "quota-overflow", enforcement: "mandatory", stacks: ["a", "b"] });
    expect(problems[0]?.message).toContain("needs 1001");
    expect(problems[0]?.message).toContain("quota is 1000");
  });

  test("exactly at quota passes; the same capacity in two subscriptions passes", () => {
    expect(
      quotaProblems(buildPools([facts("a", { deployments: [deployment({ capacity: 1000 })] })], EMPTY_FLEET_FILE)),
    ).toEqual([]);
    const split = [
      facts("a", { deployments: [deployment({ capacity: 800 })] }),
      facts("b", { subscription: SUB_B, deployments: [deployment({ capacity: 800 })] }),
    ];
    expect(quotaProblems(buildPools(split, EMPTY_FLEET_FILE))).toEqual([]);
  });

  test("a pool with no known quota is an advisory naming the fleet.yaml key", () => {
    const problems = quotaProblems(
      buildPools([facts("a", { deployments: [deployment({ sku: "Standard" })] })], EMPTY_FLEET_FILE),
    );
    expect(problems).toMatchObject([{ rule: "quota-unknown", enforcement: "advisory" }]);
    expect(problems[0]?.fix).toContain(`subscriptions.${SUB_A}.quotas.gpt-5.3-codex.Standard`);
  });

  test("property: an overflow is reported exactly for the pools whose use exceeds their quota", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (capacities, inB) => {
          const stacks = capacities.map((capacity, i) =>
            facts(`s${i}`, { subscription: inB[i] ? SUB_B : SUB_A, deployments: [deployment({ capacity })] }),
          );
          const pools = buildPools(stacks, EMPTY_FLEET_FILE);
          const over = pools.filter((p) => p.capacity > 1000).map((p) => p.stacks.sort().join());
          expect(quotaProblems(pools).map((p) => p.stacks.join())).toEqual(over);
        },
      ),
    );
  });

  test("a DataZone deployment in a region with no known zone is reported, not silently dropped", () => {
    const problems = dataZoneProblems([
      facts("a", { region: "uksouth", deployments: [deployment({ sku: "DataZoneStandard" })] }),
    ]);
    expect(problems).toMatchObject([{ rule: "data-zone-unknown", enforcement: "mandatory", stacks: ["a"] }]);
  });
});

describe("limits", () => {
  test("property: the account limit fails exactly when a subscription holds more than 30 accounts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 45 }), (inA, inB) => {
        const stacks = [
          ...Array.from({ length: inA }, (_, i) => facts(`a${i}`)),
          ...Array.from({ length: inB }, (_, i) => facts(`b${i}`, { subscription: SUB_B })),
        ];
        const failing = accountProblems(stacks).filter((p) => p.rule === "accounts-per-subscription");
        expect(failing.length).toBe(Number(inA > ACCOUNTS_PER_SUBSCRIPTION) + Number(inB > ACCOUNTS_PER_SUBSCRIPTION));
        for (const p of failing) expect(p.stacks.length).toBeGreaterThan(ACCOUNTS_PER_SUBSCRIPTION);
      }),
    );
  });

  test("the 31st team in a subscription fails; 30 pass", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => facts(`t${i}`));
    expect(rules(thirty)).not.toContain("accounts-per-subscription");
    expect(rules([...thirty, facts("t30")])).toContain("accounts-per-subscription");
  });

  test("more than 32 deployments on one account fail", () => {
    const many = (n: number) =>
      facts("a", {
        deployments: Array.from({ length: n }, (_, i) =>
          deployment({ account: "aif-codex-a", name: `d${i}`, capacity: 1 }),
        ),
      });
    expect(accountProblems([many(DEPLOYMENTS_PER_ACCOUNT)])).toEqual([]);
    expect(accountProblems([many(DEPLOYMENTS_PER_ACCOUNT + 1)])).toMatchObject([
      { rule: "deployments-per-account", stacks: ["a"] },
    ]);
  });
});

describe("conflicts", () => {
  test("two stacks with one team name collide", () => {
    const problems = duplicateProblems([
      facts("one", { team: "payments" }),
      facts("two", { team: "payments" }),
      facts("three"),
    ]);
    expect(problems.filter((p) => p.rule === "duplicate-team")).toMatchObject([{ stacks: ["one", "two"] }]);
  });

  test("a generated name planned by two teams in one scope collides; in two subscriptions it does not", () => {
    const rg = (scope: string) => [{ scope, type: "azure-native:resources:ResourceGroup", name: "rg-shared" }];
    const same = duplicateProblems([
      facts("a", { generatedNames: rg("subscription x") }),
      facts("b", { generatedNames: rg("subscription x") }),
    ]);
    expect(same.filter((p) => p.rule === "duplicate-name")).toMatchObject([{ stacks: ["a", "b"] }]);
    const apart = duplicateProblems([
      facts("a", { generatedNames: rg("subscription x") }),
      facts("b", { generatedNames: rg("subscription y") }),
    ]);
    expect(apart.filter((p) => p.rule === "duplicate-name")).toEqual([]);
  });

  test("a repository claimed by two stacks is reported (GitHub names are case-insensitive, compared lower case)", () => {
    const repo = ["https://github.com/contoso/shared"];
    const problems = duplicateProblems([
      facts("a", { repositories: repo }),
      facts("b", { repositories: repo }),
      facts("c"),
    ]);
    expect(problems.filter((p) => p.rule === "repository-claimed-twice")).toMatchObject([
      { enforcement: "mandatory", stacks: ["a", "b"] },
    ]);
  });

  test("a repository claimed twice is found whatever its case (<owner>/<name> compared case-folded)", () => {
    const problems = duplicateProblems([
      facts("a", { repositories: ["contoso/payments-api"] }),
      facts("b", { repositories: ["Contoso/Payments-API"] }),
    ]);
    expect(problems.filter((p) => p.rule === "repository-claimed-twice")).toMatchObject([
      { enforcement: "mandatory", stacks: ["a", "b"] },
    ]);
  });

  test("the stacks a problem names are in natural order (team-2 before team-10), in the list and in the message", () => {
    const repo = ["contoso/shared"];
    const [problem] = duplicateProblems([
      facts("team-10", { repositories: repo }),
      facts("team-2", { repositories: repo }),
    ]).filter((p) => p.rule === "repository-claimed-twice");
    expect(problem?.stacks).toEqual(["team-2", "team-10"]);
    expect(problem?.message).toContain("team-2, team-10");
  });

  test("overlapping created address spaces are reported per pair; adjacent ones are not", () => {
    const problems = addressSpaceProblems([
      facts("a", { addressSpaces: ["10.60.0.0/24"] }),
      facts("b", { addressSpaces: ["10.60.0.128/25"] }),
      facts("c", { addressSpaces: ["10.60.1.0/24"] }),
    ]);
    expect(problems.map((p) => p.stacks)).toEqual([["a", "b"]]);
  });

  const toInt = (cidr: string): [number, number] => {
    const [ip = "", bits = "0"] = cidr.split("/");
    const base = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
    const size = 2 ** (32 - Number(bits));
    return [base - (base % size), base - (base % size) + size - 1];
  };
  const arbCidr = fc
    .tuple(
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 8, max: 29 }),
    )
    .map(([b, c, d, bits]) => `10.${b}.${c}.${d}/${bits}`);

  test("property: overlap agrees with comparing the address ranges, and is symmetric", () => {
    fc.assert(
      fc.property(arbCidr, arbCidr, (a, b) => {
        const [a0, a1] = toInt(a);
        const [b0, b1] = toInt(b);
        expect(cidrsOverlap(a, b)).toBe(a0 <= b1 && b0 <= a1);
        expect(cidrsOverlap(b, a)).toBe(cidrsOverlap(a, b));
      }),
    );
  });
});

describe("retirements", () => {
  // Synthetic: the shipped catalog is refreshed; its dates are not pinned here.
  const synthetic = catalog([
    entry({
      model: "m-old",
      retirementDate: "2026-12-05",
      replacement: "m-new",
      skus: { GlobalStandard: ["regiona"] },
    }),
    entry({
      model: "m-new",
      version: "2026-06-01",
      retirementDate: "2028-01-31",
      skus: { GlobalStandard: ["regiona"] },
    }),
  ]);
  const lookup = (model: string, version: string) => retirementOf(model, version, synthetic);
  const stacks = [
    facts("a", { region: "regiona", deployments: [deployment({ model: "m-old", version: "2026-01-01" })] }),
    facts("b", { region: "regiona", deployments: [deployment({ model: "m-new", version: "2026-06-01" })] }),
  ];

  test("within 120 days, within 30 days or past: advisory, naming the date, the successor, the stacks and the upgrade command", () => {
    const problems = retirementProblems(stacks, lookup, NOW, synthetic);
    expect(problems.map((p) => [p.stacks, p.enforcement])).toEqual([[["a"], "advisory"]]);
    expect(problems[0]?.message).toContain("m-old 2026-01-01 retires on 2026-12-05 (in 10 days;");
    expect(problems[0]?.message).toContain(
      "successor: m-new 2026-06-01 (Microsoft's named replacement, live until 2028-01-31)",
    );
    expect(problems[0]?.message).toContain("pulumi up now refuses adding or changing to it");
    expect(problems[0]?.fix).toContain("npm run models -- --upgrade --stack a");
    expect(retirementProblems(stacks, lookup, Date.parse("2026-06-01T00:00:00Z"), synthetic)).toEqual([]);
    const past = retirementProblems(stacks, lookup, Date.parse("2027-01-01T00:00:00Z"), synthetic);
    expect(past.map((p) => p.enforcement)).toEqual(["advisory"]);
    expect(past[0]?.message).toContain("retired on 2026-12-05 (27 days ago;");
  });

  test("no successor in the region: says none is offered there", () => {
    const elsewhere = [
      facts("a", { region: "westus", deployments: [deployment({ model: "m-old", version: "2026-01-01" })] }),
    ];
    expect(retirementProblems(elsewhere, lookup, NOW, synthetic)[0]?.message).toContain(
      "successor: none in the catalog offered as GlobalStandard in westus",
    );
  });

  test("the lookup is the only source of the date: other dates change the finding", () => {
    expect(retirementProblems([facts("a")], () => new Date("2026-12-01T00:00:00Z"), NOW, synthetic)).toMatchObject([
      { enforcement: "advisory" },
    ]);
    expect(retirementProblems([facts("a")], () => undefined, NOW, synthetic)).toEqual([]);
  });
});

describe("stack policies", () => {
  test("a stack's failing mandatory policy is a mandatory fleet problem", () => {
    const stacks = [
      facts("a", {
        verdict: "fail",
        mandatoryFailures: [{ policy: "ai-and-vault-private-only", messages: ["publicNetworkAccess is Enabled"] }],
      }),
    ];
    expect(fleetProblems(stacks, [], retirementDate, Date.parse("2026-01-01T00:00:00Z"))).toMatchObject([
      { rule: "stack-policy", enforcement: "mandatory", stacks: ["a"] },
    ]);
  });
});
