import { describe, expect, test } from "vitest";
import { mandatoryFailures, evaluatePolicies } from "../../lib/policy/report";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { expectProblems } from "../support/problemText";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const POLICY = "account-region-inside-data-boundary";

const account = (location: string | undefined, boundary: string | undefined, type: string = TYPES.account) => ({
  urn: `urn:${location ?? "none"}-${boundary ?? "none"}`,
  type,
  name: "account",
  props: {
    accountName: "aif-codex-t",
    ...(location === undefined ? {} : { location }),
    tags: boundary === undefined ? {} : { "data-boundary": boundary },
  },
});
function failures(resources: PolicyResource[]): string[] {
  const verdict = mandatoryFailures(evaluatePolicies(resources, BOUNDARY_POLICIES, { nowMs: NOW })).find(
    (v) => v.name === POLICY,
  );
  return (verdict?.violations ?? []).map((v) => `${v.urn}: ${v.message}`);
}

describe("the pack: the account lies in its data-boundary tag's geography", () => {
  test("is a mandatory control judged per resource, before the account is created", () => {
    const control = BOUNDARY_POLICIES.find((p) => p.name === POLICY);
    expect(control).toMatchObject({ enforcement: "mandatory", scope: "resource", appliesTo: [TYPES.account] });
  });

  test("an account in swedencentral tagged us fails, naming where it is and what us admits", () => {
    expectProblems(failures([account("swedencentral", "us")]), [
      [
        "urn:swedencentral-us",
        "swedencentral (Sweden Central, Sweden) is in an EU member state",
        "'us' data boundary",
        "eastus2",
      ],
    ]);
  });

  test("eu in an EU member state, us in the United States and global anywhere known pass; the API-versioned type too", () => {
    expect(
      failures([
        account("swedencentral", "eu"),
        account("westeurope", "eu"),
        account("eastus2", "us"),
        account("uksouth", "global"),
        account("japaneast", "global"),
      ]),
    ).toEqual([]);
    expectProblems(failures([account("uksouth", "eu", "azure-native:cognitiveservices/v20250601:Account")]), [
      ["urn:uksouth-eu", "United Kingdom", "in neither the EU nor the United States", "'eu' data boundary"],
    ]);
  });

  test("an unknown region fails with the nearest names; a missing tag or location cannot pass", () => {
    expectProblems(failures([account("mars", "global"), account("swedencentrall", "eu")]), [
      ["urn:mars-global", 'location "mars" is not an Azure public-cloud region', "nearest: "],
      ["urn:swedencentrall-eu", "nearest: swedencentral"],
    ]);
    expectProblems(failures([account("swedencentral", undefined), account(undefined, "eu")]), [
      ["urn:swedencentral-none", "data-boundary tag is missing"],
      ["urn:none-eu", "names no location"],
    ]);
  });
});
