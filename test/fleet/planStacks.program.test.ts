import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { stackFacts, stackSubscription } from "../../lib/fleet/facts";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { planStacks, stackNamesIn } from "../../scripts/fleet/planStacks";
import { generatedTeamConfig, writeGeneratedPlatform } from "../../scripts/fleet/generateFleet";
import { FIXTURES_DIR, PROJECT_DIR } from "../support/stackFiles";
import { FIXTURE_CLOCK } from "../support/clock";

const dir = mkdtempSync(join(tmpdir(), "fleet-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("planning many stacks in one process", () => {
  test("a stack planned after others registers exactly what it registers alone (no state leaks between stacks)", async () => {
    const [alone] = await planStacks(PROJECT_DIR, FIXTURES_DIR, ["hub"], FIXTURE_CLOCK);
    const [, , afterOthers] = await planStacks(
      PROJECT_DIR,
      FIXTURES_DIR,
      ["noncompliant", "optouts", "hub"],
      FIXTURE_CLOCK,
    );
    expect(alone && "plan" in alone).toBe(true);
    expect(afterOthers).toEqual(alone);
  });

  test("a broken stack comes back as its own problems, and the next stack still plans", async () => {
    writeFileSync(
      join(dir, "Pulumi.broken.yaml"),
      stringify({
        config: { ...generatedTeamConfig(1), "codex-boundary:dataBoundary": "mars", "codex-boundary:team": "X" },
      }),
    );
    writeFileSync(join(dir, "Pulumi.good.yaml"), stringify({ config: generatedTeamConfig(2) }));
    writeGeneratedPlatform(dir, [generatedTeamConfig(2)]);
    writeFileSync(join(dir, "Pulumi.yaml"), "name: not-a-stack-file\n");
    expect(stackNamesIn(dir)).toEqual(["broken", "good"]);
    const [broken, good] = await planStacks(PROJECT_DIR, dir, ["broken", "good"], FIXTURE_CLOCK);
    expect(broken && "problems" in broken ? broken.problems.join("\n") : "").toMatch(
      /codex-boundary:team[\s\S]*codex-boundary:dataBoundary/,
    );
    expect(good && "plan" in good).toBe(true);
  });
});

describe("what the fleet reads of a plan", () => {
  test("hub fixture: deployments, repositories, no created network, rotation date, names without placeholders", async () => {
    const [hub] = await planStacks(PROJECT_DIR, FIXTURES_DIR, ["hub"], FIXTURE_CLOCK);
    if (!hub || !("plan" in hub)) throw new Error("hub did not plan");
    const subscription = stackSubscription(hub.plan.config, EMPTY_FLEET_FILE);
    expect(subscription).toEqual({ subscription: "deployer", source: "deployer" });
    if ("problem" in subscription) return;
    const facts = stackFacts(hub.plan, subscription);
    expect(facts).toMatchObject({
      team: "payments-eu",
      region: "swedencentral",
      dataBoundary: "eu",
      authMode: "key",
      accounts: ["aif-codex-payments-eu"],
      addressSpaces: [],
    });
    expect(facts.deployments.map((d) => [d.name, d.model, d.sku, d.capacity])).toEqual([
      ["codex", "gpt-5.5", "DataZoneStandard", 150],
      ["gpt-5.4", "gpt-5.4", "DataZoneStandard", 50],
    ]);
    expect(facts.repositories).toEqual(["contoso-eu/ledger"]);
    expect(facts.nextRotation).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(facts.generatedNames.map((n) => n.name)).toContain("rg-codex-payments-eu");
    expect(facts.generatedNames.some((n) => n.name.includes("after-pulumi-up"))).toBe(false);
  });

  test("the subscription: the stack's azure-native:subscriptionId, else fleet.yaml's default; a malformed one is an input problem", () => {
    const fleet = { ...EMPTY_FLEET_FILE, defaultSubscription: "BBBBBBBB-0000-4000-8000-000000000002" };
    expect(stackSubscription({ "azure-native:subscriptionId": "aaaaaaaa-0000-4000-8000-000000000001" }, fleet)).toEqual(
      { subscription: "aaaaaaaa-0000-4000-8000-000000000001", source: "stack" },
    );
    expect(stackSubscription({}, fleet)).toEqual({
      subscription: "bbbbbbbb-0000-4000-8000-000000000002",
      source: "fleet.yaml",
    });
    expect(stackSubscription({ "azure-native:subscriptionId": "prod" }, fleet)).toEqual({
      problem: 'azure-native:subscriptionId: must be a subscription ID (a GUID) (got "prod")',
    });
  });
});
