import { describe, expect, test } from "vitest";
import { parseTeamConfig } from "../../lib/config/parse";
import { checkAnswers, type RawAnswers } from "../../lib/onboarding/answers";
import { newTeamConfig, type NewTeamAnswers } from "../../lib/onboarding/teamFile";

const TODAY = new Date("2026-12-07T12:00:00Z");

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
    startMonth: "2026-12",
    addressSpace: "10.61.0.0/24",
    runnerLabels: ["self-hosted"],
  };
}

describe("new-team's default models come from the catalog", () => {
  test("on 2026-12-07 in eastus2 (global): gpt-5.2-codex (38 days), gpt-5.2 (5) and the retired gpt-5.1-codex-max are left out", () => {
    const config = newTeamConfig(answers("eastus2", "global"), TODAY);
    expect(config.models.map((m) => [m.model, m.version, m.sku])).toEqual([
      ["gpt-5.5", "2026-04-24", "GlobalStandard"],
      ["gpt-5.4", "2026-03-05", "GlobalStandard"],
      ["gpt-5.4-mini", "2026-03-17", "GlobalStandard"],
      ["gpt-5.4-nano", "2026-03-17", "GlobalStandard"],
      ["gpt-5.3-codex", "2026-02-24", "GlobalStandard"],
      ["gpt-5.1-codex", "2025-11-13", "GlobalStandard"],
      ["gpt-5.1-codex-mini", "2025-11-13", "GlobalStandard"],
      ["gpt-5-codex", "2025-09-15", "GlobalStandard"],
      ["gpt-5", "2025-08-07", "GlobalStandard"],
      ["gpt-5-mini", "2025-08-07", "GlobalStandard"],
      ["gpt-5-nano", "2025-08-07", "GlobalStandard"],
    ]);
    expect(config.codex?.defaultModel).toBe("gpt-5.5");
    expect(parseTeamConfig(config as Record<string, unknown>, undefined, TODAY.getTime()).codex.defaultModel).toBe("gpt-5.5");
  });

  test("on 2027-02-20 in eastus2 (global): only gpt-5.5 (retiring 2027-04-23), gpt-5.1-codex and gpt-5.1-codex-mini (2027-05-15) still live 60 more days", () => {
    // gpt-5.4 retires 2027-03-05 (13 days), gpt-5.4-mini and -nano 2027-03-18, gpt-5-codex 2027-03-17.
    const day = new Date("2027-02-20T12:00:00Z");
    const config = newTeamConfig(answers("eastus2", "global"), day);
    expect(config.models.map((m) => [m.model, m.version, m.sku, m.capacity])).toEqual([
      ["gpt-5.5", "2026-04-24", "GlobalStandard", 50],
      ["gpt-5.1-codex", "2025-11-13", "GlobalStandard", 100],
      ["gpt-5.1-codex-mini", "2025-11-13", "GlobalStandard", 100],
    ]);
    expect(parseTeamConfig(config as Record<string, unknown>, undefined, day.getTime()).codex.defaultModel).toBe("gpt-5.5");
  });

  test("an eu team in swedencentral gets gpt-5.5 and gpt-5.4 (no -codex model is DataZoneStandard there) and defaults to gpt-5.5", () => {
    const config = newTeamConfig(answers("swedencentral", "eu"), TODAY);
    expect(config.models.map((m) => [m.model, m.sku])).toEqual([
      ["gpt-5.5", "DataZoneStandard"],
      ["gpt-5.4", "DataZoneStandard"],
      ["gpt-5", "DataZoneStandard"],
      ["gpt-5-mini", "DataZoneStandard"],
      ["gpt-5-nano", "DataZoneStandard"],
    ]);
    expect(config.codex?.defaultModel).toBe("gpt-5.5");
  });

  test("a us team in eastus2 gets gpt-5.5, the gpt-5.4 family and gpt-5.3-codex as DataZoneStandard", () => {
    const config = newTeamConfig(answers("eastus2", "us"), TODAY);
    expect(config.models.map((m) => m.model)).toEqual(["gpt-5.5", "gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "gpt-5.3-codex", "gpt-5", "gpt-5-mini", "gpt-5-nano"]);
  });

  test("when nothing offered in the region lives 60 more days, --location says so and where something does", () => {
    const raw: RawAnswers = {
      name: "payments", "cost-center": "CC-1", location: "francecentral", "data-boundary": "eu", "github-owner": "contoso", repos: "api",
      users: "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b", admins: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", budget: "1500", emails: "leads@contoso.com",
      "start-month": "2027-02", "address-space": "10.61.0.0/24", "runner-labels": "self-hosted",
    };
    // 2027-01-20: in francecentral gpt-5.4 retires in 44 days, the gpt-5 family in 17; gpt-5.5 (DataZoneStandard in four regions) in 93.
    const { problems, text } = checkAnswers(raw, { now: new Date("2027-01-20T12:00:00Z"), taken: [], stackFileExists: () => false });
    expect(text).toBeUndefined();
    expect(problems).toEqual([
      {
        flag: "--location",
        message:
          'no model of the catalog (lib/models/catalog.json) is offered as DataZoneStandard in francecentral and lives 60 more days; regions where one is: eastus2, polandcentral, southcentralus, swedencentral (got "francecentral")',
      },
    ]);
  });
});
