import { describe, expect, test } from "vitest";
import { type AnswerContext, baselineAnswers, checkAnswers, type RawAnswers, toNewTeamAnswers } from "../../lib/onboarding/answers";

const NOW = new Date("2026-11-25T12:00:00Z");
const CTX: AnswerContext = { now: NOW, taken: [], stackFileExists: (team) => team === "dev" };
const VALID: RawAnswers = {
  name: "payments",
  "cost-center": "CC-1",
  location: "eastus2",
  "data-boundary": "us",
  "github-owner": "contoso",
  repos: "api",
  users: "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
  admins: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  budget: "1500",
  emails: "leads@contoso.com",
  "start-month": "2026-12",
  "address-space": "10.61.0.0/24",
  "runner-labels": "self-hosted",
};
const problemsOf = (changes: RawAnswers) => checkAnswers({ ...VALID, ...changes }, CTX).problems;
const flags = (changes: RawAnswers) => problemsOf(changes).map((p) => p.flag);

describe("the baseline answers one answer is checked against", () => {
  test.each([
    ["2026-01-01T00:00:00Z", "2026-01"],
    ["2026-12-31T23:59:59Z", "2026-12"],
    ["2027-09-15T12:00:00Z", "2027-09"],
  ])("on %s: every answer is known, starting that month", (day, month) => {
    const group = "00000000-0000-4000-8000-000000000001";
    expect(toNewTeamAnswers(baselineAnswers(new Date(day)))).toEqual({
      name: "baseline",
      costCenter: "CC",
      location: "swedencentral",
      dataBoundary: "eu",
      githubOwner: "contoso",
      repositories: [],
      userGroupIds: [group],
      adminGroupIds: [group],
      budgetAmount: 1,
      contactEmails: ["leads@example.com"],
      startMonth: month,
      addressSpace: "10.255.255.0/24",
      runnerLabels: ["self-hosted"],
      authMode: "entra",
    });
  });

  test("together they pass every check (while the catalog has a model that lives 60 more days there)", () => {
    const result = checkAnswers(baselineAnswers(NOW), { now: NOW, taken: [], stackFileExists: () => false });
    expect(result.problems).toEqual([]);
    expect(result.text).toContain("codex-boundary:team: baseline");
  });
});

describe("answers left out are named as typed: empty", () => {
  test("a missing budget and start month say they got nothing", () => {
    const found = checkAnswers({}, CTX).problems;
    expect(found.find((p) => p.flag === "--budget")?.message).toMatch(/\(got ""\)$/);
    expect(found.find((p) => p.flag === "--start-month")?.message).toMatch(/\(got ""\)$/);
  });
});

describe("a problem found before the parser runs", () => {
  test("an existing stack file gives no stack file text, even with every answer valid", () => {
    const result = checkAnswers({ ...VALID, name: "dev" }, CTX);
    expect(result.problems.map((p) => p.flag)).toEqual(["--name"]);
    expect(result.text).toBeUndefined();
  });

  test("a budget with separators hides only the parser's budget problem, not the others", () => {
    expect(flags({ budget: "1,500", "cost-center": "" })).toEqual(["--budget", "--cost-center"]);
  });

  test("a budget the parser refuses is still named when its text is a number", () => {
    expect(problemsOf({ budget: "-5" })).toEqual([{ flag: "--budget", message: expect.stringContaining("-5") }]);
  });

  test("another answer's problem found before the parser does not hide the parser's budget problem", () => {
    expect(flags({ budget: "-5", name: "dev" })).toEqual(["--name", "--budget"]);
  });
});

describe("the region check for the catalog's models", () => {
  test.each([
    ["brazilsouth", "eu"],
    ["brazilsouth", "us"],
  ])("%s in the %s boundary has no model: --location says where one is", (location, boundary) => {
    const found = problemsOf({ location, "data-boundary": boundary }).filter((p) => p.flag === "--location");
    expect(found.some((p) => p.message.startsWith("no codex-capable model of the catalog") && p.message.includes(`(data zone ${boundary}; brazilsouth is not a known region of it)`))).toBe(true);
  });

  test("in the global boundary too, once no catalog model lives 60 more days anywhere", () => {
    const later: AnswerContext = { ...CTX, now: new Date("2027-06-01T00:00:00Z") };
    const found = checkAnswers({ ...VALID, location: "swedencentral", "data-boundary": "global" }, later).problems.filter((p) => p.flag === "--location");
    expect(found.map((p) => p.message)).toEqual([expect.stringMatching(/^no codex-capable model of the catalog .*GlobalStandard in swedencentral .*no region has one in the catalog; or refresh the catalog/)]);
  });

  test.each(["-eastus2", "eastus2-", "East US 2", "-brazilsouth", "brazilsouth-"])("a malformed region %j gets the parser's problem only, no catalog check", (location) => {
    const found = problemsOf({ location }).filter((p) => p.flag === "--location");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).not.toMatch(/^no codex-capable model/);
  });

  test("a region without models hides the parser's 'no models' problem; every other problem stays", () => {
    const found = problemsOf({ location: "brazilsouth", "data-boundary": "eu", "cost-center": "", budget: "1,500" });
    expect(found.map((p) => p.flag)).not.toContain("codex-boundary:models");
    expect(found.map((p) => p.flag)).toContain("--cost-center");
    expect(found.map((p) => p.flag)).toContain("--budget");
  });
});
