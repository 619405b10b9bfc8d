import { describe, expect, test } from "vitest";
import type { CatalogEntry } from "../../lib/models/modelCatalog";
import { DEFAULT_CAPACITY, newTeamConfig, type NewTeamAnswers } from "../../lib/onboarding/teamFile";
import { catalog, DAY, entry, midnight } from "../models/syntheticCatalog";

// Offer rules in depth: test/onboarding/modelOffer.test.ts. Here: how the offer becomes the config's deployments.
const TODAY = midnight("2030-01-10");
const day = (offset: number) => new Date(TODAY + offset * DAY).toISOString().slice(0, 10);

const CATALOG = {
  ...catalog([
    entry({
      model: "gpt-5.3-codex",
      version: "2029-06-01",
      retirementDate: day(300),
      skus: { GlobalStandard: ["eastus2"], DataZoneStandard: ["eastus2"] },
    }),
    entry({
      model: "codex-unsized",
      version: "2029-07-01",
      retirementDate: day(90),
      skus: { GlobalStandard: ["eastus2"] },
    }),
    entry({
      model: "codex-dying",
      version: "2029-01-01",
      retirementDate: day(20),
      skus: { GlobalStandard: ["eastus2"], DataZoneStandard: ["eastus2", "swedencentral"] },
    }),
    {
      ...entry({
        model: "not-for-codex",
        version: "2029-01-01",
        retirementDate: day(400),
        skus: { DataZoneStandard: ["eastus2", "swedencentral"] },
      }),
      codex: false,
    } as CatalogEntry,
  ]),
  coveredRegions: { "matrix-a": ["eastus2", "swedencentral"] },
};

function answers(location: string, dataBoundary: string): NewTeamAnswers {
  return {
    name: "payments",
    costCenter: "CC-1",
    location,
    dataBoundary,
    githubOwner: "contoso",
    repositories: ["api"],
    userGroupIds: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"],
    adminGroupIds: ["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"],
    budgetAmount: 1500,
    contactEmails: ["leads@contoso.com"],
    startMonth: "2030-02",
    addressSpace: "10.61.0.0/24",
    runnerLabels: ["self-hosted"],
  };
}

describe("new-team's default deployments come from the offer", () => {
  test("a global team: each offered model as a deployment named after it, in catalog order, with its starting capacity; the first is the default", () => {
    const config = newTeamConfig(answers("eastus2", "global"), new Date(TODAY), CATALOG);
    expect(config.models).toEqual([
      {
        name: "gpt-5.3-codex",
        model: "gpt-5.3-codex",
        version: "2029-06-01",
        sku: "GlobalStandard",
        capacity: DEFAULT_CAPACITY["gpt-5.3-codex"],
      },
      // A model DEFAULT_CAPACITY does not name starts at 50.
      { name: "codex-unsized", model: "codex-unsized", version: "2029-07-01", sku: "GlobalStandard", capacity: 50 },
    ]);
    expect(config.codex?.defaultModel).toBe("gpt-5.3-codex");
  });

  test("a us team gets DataZoneStandard deployments; what dies too soon or is not for Codex is left out", () => {
    const config = newTeamConfig(answers("eastus2", "us"), new Date(TODAY), CATALOG);
    expect(config.models.map((m) => [m.model, m.sku])).toEqual([["gpt-5.3-codex", "DataZoneStandard"]]);
  });

  test("the same catalog a year on: nothing lives long enough, so no deployment and no default (new-team refuses under --location)", () => {
    const config = newTeamConfig(answers("eastus2", "global"), new Date(TODAY + 365 * DAY), CATALOG);
    expect(config.models).toEqual([]);
    expect(config.codex?.defaultModel).toBeUndefined();
  });

  test("an eu team where only a dying codex model and a non-codex one are offered gets nothing", () => {
    expect(newTeamConfig(answers("swedencentral", "eu"), new Date(TODAY), CATALOG).models).toEqual([]);
  });
});
