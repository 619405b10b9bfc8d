import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { buildPools } from "../../lib/fleet/quotas";
import { retirementDate } from "../../lib/fleet/retirements";
import { fleetProblems } from "../../lib/fleet/rules";
import type { StackFacts } from "../../lib/fleet/types";
import { expectProblems } from "../support/problemText";
import { deployment, facts } from "./support";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const zoned = (stack: string, region: string, dataBoundary: string) =>
  facts(stack, { region, dataBoundary, deployments: [deployment({ sku: "DataZoneStandard", model: "gpt-5" })] });
const geographyFindings = (stacks: StackFacts[]) =>
  fleetProblems(stacks, buildPools(stacks, EMPTY_FLEET_FILE), retirementDate, NOW).filter(
    (p) => p.rule === "data-boundary-geography",
  );

describe("the fleet: each stack's region lies in its data boundary's geography", () => {
  test("a swedencentral stack tagged us is a mandatory finding naming the eu pool it would draw on", () => {
    const found = geographyFindings([zoned("payments", "swedencentral", "us")]);
    expect(found).toMatchObject([{ enforcement: "mandatory", stacks: ["payments"] }]);
    expectProblems(
      found.map((p) => `${p.stacks.join()}: ${p.message} fix: ${p.fix}`),
      [
        [
          "payments",
          "swedencentral (Sweden Central, Sweden)",
          "'us' data boundary",
          "the eu pool",
          "codex-boundary:location",
        ],
      ],
    );
  });

  test("stacks inside their geography (global anywhere known) pass; outside both zones an eu stack fails", () => {
    expect(
      geographyFindings([
        zoned("a", "swedencentral", "eu"),
        zoned("b", "eastus2", "us"),
        facts("c", { region: "uksouth", dataBoundary: "global" }),
      ]),
    ).toEqual([]);
    const uk = geographyFindings([facts("d", { region: "uksouth", dataBoundary: "eu" })]);
    expect(uk.map((p) => p.message)).toEqual([expect.stringContaining("in neither the EU nor the United States")]);
    expect(uk[0]?.message).not.toContain("pool");
  });

  test("a region the table does not know is a finding with the nearest names", () => {
    const found = geographyFindings([facts("e", { region: "swedencentrall", dataBoundary: "global" })]);
    expect(found.map((p) => p.message)).toEqual([expect.stringContaining("nearest: swedencentral")]);
  });

  test("the data-zone pools come from the same table: every US region is in the us pool, the UK in none", () => {
    const stacks = [zoned("f", "centralus", "us"), zoned("g", "westeurope", "eu"), zoned("h", "uksouth", "global")];
    const scopes = buildPools(stacks, EMPTY_FLEET_FILE).map((p) => `${p.stacks.join()}:${p.scope}`);
    expect(scopes).toEqual(["g:eu", "f:us"]);
  });
});
