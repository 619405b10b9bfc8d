import { describe, expect, test } from "vitest";
import {
  type AnswerContext,
  checkAnswers,
  checkOneAnswer,
  type RawAnswers,
  toNewTeamAnswers,
  baselineAnswers,
} from "../../lib/onboarding/answers";
import { catalog, entry } from "../models/syntheticCatalog";
import { expectProblemsAt } from "../support/problemText";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { samplePlatform } from "../support/platformFiles";

/** Admits `payments` (contoso/api, contoso/web, contoso/a) and the baseline answers' team; global also in japaneast. */
const PLATFORM = (() => {
  const sample = samplePlatform();
  return parsePlatformConfig({
    ...sample,
    azure: {
      dataBoundaries: {
        ...sample.azure.dataBoundaries,
        global: { subscriptionIds: ["00000000-0000-4000-8000-00000000c0de"], regions: ["eastus2", "japaneast"] },
      },
    },
    teams: {
      payments: { owners: ["@contoso/payments-leads"], repositories: ["contoso/api", "contoso/web", "contoso/a"] },
      baseline: { owners: ["@contoso/baseline-leads"], repositories: [] },
    },
  });
})();

const NOW = new Date("2026-11-25T12:00:00Z");
const USERS = "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b";
const ADMINS = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const RAW: RawAnswers = {
  name: "payments",
  "cost-center": "CC-1",
  location: "eastus2",
  "data-boundary": "us",
  "github-owner": "contoso",
  repos: "api, web",
  users: USERS,
  admins: ADMINS,
  budget: "1500",
  emails: "leads@contoso.com",
  "start-month": "2026-12",
  "address-space": "10.61.0.0/24",
  "runner-labels": "self-hosted,codex-runner",
};
const CTX: AnswerContext = {
  now: NOW,
  taken: [{ file: "Pulumi.a.yaml", addressSpace: "10.60.0.0/24" }],
  platform: PLATFORM,
  stackFileExists: (team) => team === "dev",
};
const problems = (changes: RawAnswers, ctx: AnswerContext = CTX) => checkAnswers({ ...RAW, ...changes }, ctx).problems;
/** A synthetic catalog: one codex model, DataZoneStandard in eastus2 and GlobalStandard in japaneast. */
const ZONED_RETIRES = Date.parse("2027-06-01T00:00:00Z");
const ZONED = {
  ...catalog([
    entry({
      model: "codex-z",
      version: "2026-01-01",
      retirementDate: "2027-06-01",
      skus: { DataZoneStandard: ["eastus2"], GlobalStandard: ["japaneast"] },
    }),
  ]),
  coveredRegions: { "matrix-a": ["eastus2", "japaneast", "westus3"] },
};

describe("the answers as typed become the new team's answers", () => {
  test("lists are split at commas, trimmed, empties dropped; missing text is empty; auth defaults to entra", () => {
    expect(toNewTeamAnswers({ repos: " api ,, web ,", budget: " 12.5 " })).toEqual({
      name: "",
      costCenter: "",
      location: "",
      dataBoundary: "",
      githubOwner: "",
      repositories: ["api", "web"],
      userGroupIds: [],
      adminGroupIds: [],
      budgetAmount: 12.5,
      contactEmails: [],
      startMonth: "",
      addressSpace: "",
      runnerLabels: [],
      authMode: "entra",
    });
    const full = toNewTeamAnswers({ ...RAW, "auth-mode": "key" });
    expect(full).toMatchObject({
      name: "payments",
      costCenter: "CC-1",
      location: "eastus2",
      dataBoundary: "us",
      githubOwner: "contoso",
      userGroupIds: [USERS],
      adminGroupIds: [ADMINS],
    });
    expect(full).toMatchObject({
      budgetAmount: 1500,
      contactEmails: ["leads@contoso.com"],
      startMonth: "2026-12",
      addressSpace: "10.61.0.0/24",
      runnerLabels: ["self-hosted", "codex-runner"],
      authMode: "key",
    });
  });

  test("a budget is a number only when its whole text is one: separators, currency and junk make it NaN", () => {
    expect(toNewTeamAnswers({ budget: "-5" }).budgetAmount).toBe(-5);
    for (const text of ["1,500", "1500 EUR", "x1500", "1500x", "1.", ".5", "", "1e3"])
      expect(toNewTeamAnswers({ budget: text }).budgetAmount, text).toBeNaN();
    expect(toNewTeamAnswers({}).budgetAmount).toBeNaN();
  });
});

describe("checking every answer", () => {
  test("valid answers give the stack file text, with the schema path given", () => {
    const result = checkAnswers(RAW, { ...CTX, schemaRef: "../schema.json" });
    expect(result.problems).toEqual([]);
    expect(result.text).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\.json\n# Team stack for payments, written by 'npm run new-team'/,
    );
    expect(checkAnswers(RAW, CTX).text).toMatch(/^# yaml-language-server: \$schema=\.\/.+\.json\n/);
  });

  test("a budget with separators is named as typed, once (not again as the parser's NaN)", () => {
    expectProblemsAt(problems({ budget: "1,500" }), "flag", [
      ["--budget", '(got "1,500")', "must be a plain positive number"],
    ]);
    expectProblemsAt(problems({ budget: "" }), "flag", [["--budget", '(got "")', "must be a plain positive number"]]);
    const { budget: _omitted, ...withoutBudget } = RAW;
    expect(checkAnswers(withoutBudget, CTX).problems).toEqual([
      {
        flag: "--budget",
        message: 'must be a plain positive number such as 1500, without separators or currency (got "")',
      },
    ]);
  });

  test("a negative budget is a number, so the parser's rule names it", () => {
    expect(problems({ budget: "-5" })).toEqual([{ flag: "--budget", message: "must be a positive number (got -5)" }]);
    expect(problems({ budget: " 12.5 " })).toEqual([]);
  });

  test("the start month: this month and 12 months ahead pass; last month and 13 ahead fail, with the window", () => {
    expect(problems({ "start-month": "2026-11" })).toEqual([]);
    expect(problems({ "start-month": "2027-11" })).toEqual([]);
    expectProblemsAt(problems({ "start-month": "2026-10" }), "flag", [
      ["--start-month", '(got "2026-10")', "a new budget cannot start in the past"],
    ]);
    expectProblemsAt(problems({ "start-month": "2027-12" }), "flag", [
      ["--start-month", '(got "2027-12")', "must be at most 12 months"],
    ]);
    expect(problems({ "start-month": "2026-13" })).toEqual([
      {
        flag: "--start-month",
        message:
          'must be a month as YYYY-MM, e.g. 2026-12 (Azure budgets start on the first of a month and the start cannot change later) (got "2026-13")',
      },
    ]);
  });

  test("an address space overlapping other stacks names each file and the first free /24", () => {
    const taken = [
      { file: "Pulumi.a.yaml", addressSpace: "10.60.0.0/24" },
      { file: "Pulumi.b.yaml", addressSpace: "10.60.1.0/24" },
      { file: "Pulumi.c.yaml", addressSpace: "192.168.0.0/24" },
    ];
    expect(problems({ "address-space": "10.60.0.0/16" }, { ...CTX, taken })).toEqual([
      {
        flag: "--address-space",
        message:
          'overlaps 10.60.0.0/24 of Pulumi.a.yaml, 10.60.1.0/24 of Pulumi.b.yaml: each team\'s private endpoints need their own range (got "10.60.0.0/16"); 10.60.2.0/24 is free',
      },
    ]);
    expect(
      problems(
        { "address-space": "10.60.0.0/8" },
        { ...CTX, taken: [{ file: "Pulumi.all.yaml", addressSpace: "10.0.0.0/8" }] },
      ),
    ).toContainEqual({
      flag: "--address-space",
      message:
        'overlaps 10.0.0.0/8 of Pulumi.all.yaml: each team\'s private endpoints need their own range (got "10.60.0.0/8")',
    });
    expect(problems({ "address-space": "10.60.1.0/24" })).toEqual([]);
  });

  test("a region where no codex-capable model lives NEW_TEAM_MIN_LIFE_DAYS more days: --location alone, naming the data zone and where one is", () => {
    const found = problems({ location: "westus3" }, { ...CTX, catalog: ZONED });
    expect(found.map((p) => p.flag)).toEqual(["--location"]);
    expect(found[0]?.message).toContain("DataZoneStandard in westus3 (data zone us)");
    expect(found[0]?.message).toContain("pick another region of the us data zone (--location): eastus2;");
    expect(found[0]?.message).toContain('(got "westus3")');
    // A region outside the us geography is refused for that before any catalog check.
    const outside = problems({ location: "japaneast" }, { ...CTX, catalog: ZONED });
    expect(outside.map((p) => p.flag)).toEqual(["--location"]);
    expect(outside[0]?.message).toContain("japaneast (Japan East, Japan) is in neither the EU nor the United States");
    // global boundary: GlobalStandard is offered in japaneast (the shipped catalog, so the file parses)
    expect(problems({ location: "japaneast", "data-boundary": "global" })).toEqual([]);
  });

  test("when no region has a live model the --location message says so and to refresh the catalog", () => {
    const late = new Date(ZONED_RETIRES + 5 * 86_400_000);
    const found = problems({ "start-month": "2027-06" }, { ...CTX, now: late, catalog: ZONED });
    expect(found.map((p) => p.flag)).toEqual(["--location"]);
    expect(found[0]?.message).toMatch(
      /no region of the us data zone has one in the catalog;.*npm run models -- --refresh/,
    );
  });

  test("the region check waits for a well-formed region and a known boundary; the parser names those", () => {
    expect(problems({ location: "Japan East" }).map((p) => p.flag)).toEqual(["--location"]);
    expect(problems({ location: "Japan East" })[0]?.message).not.toContain("no codex-capable model");
    expect(problems({ "data-boundary": "mars" })).toEqual([
      { flag: "--data-boundary", message: 'must be one of "global", "eu", "us" (got "mars")' },
    ]);
    expect(problems({ location: "japaneast", "data-boundary": "eu" }).map((p) => p.flag)).toEqual(["--location"]);
    expect(problems({ location: "japaneast", "data-boundary": "global" })).toEqual([]);
  });

  test("an existing stack file is never overwritten; a malformed name is the parser's, not a file check", () => {
    expectProblemsAt(problems({ name: "dev" }), "flag", [
      ["--name", '(got "dev")', "Pulumi", "Edit it, or pick another name"],
    ]);
    let asked = "";
    const ctx = { ...CTX, platform: PLATFORM, stackFileExists: (team: string) => ((asked += `${team};`), true) };
    expect(problems({ name: "a/b" }, ctx).map((p) => p.message)).toEqual([
      'must be 2-16 lowercase letters, digits and single hyphens, starting with a letter (got "a/b")',
    ]);
    expect(asked).toBe("");
  });

  test("parser problems are named by the flag that sets the config path, list items included", () => {
    expectProblemsAt(problems({ name: "Dev!" }), "flag", [
      ["--name", '(got "Dev!")', "must be 2-16 lowercase letters, digits"],
    ]);
    expectProblemsAt(problems({ users: "nope" }), "flag", [
      ["--users", '(got "nope")', "must be an Entra group object"],
    ]);
    expect(problems({ "auth-mode": "cert" })).toEqual([
      { flag: "--auth-mode", message: 'must be one of "key", "entra" (got "cert")' },
    ]);
    expectProblemsAt(problems({ emails: "x", "github-owner": "" }), "flag", [
      ["--github-owner", "'-'", '(got "")', "1-39 letters, digits or '-', not starting with '-'"],
      ["--emails", '(got "x")', "must be an email address"],
    ]);
    const flags = (changes: RawAnswers) => problems(changes).map((p) => p.flag);
    expect(flags({ "cost-center": "" })).toEqual(["--cost-center"]);
    expect(flags({ repos: "bad repo" })).toEqual(["--repos"]);
    expect(flags({ admins: "nope" })).toEqual(["--admins"]);
    expect(flags({ "address-space": "10.61.0.0/33" })).toEqual(["--address-space"]);
    expect(flags({ "runner-labels": "" })).toContain("--runner-labels");
  });

  test("a problem at a path no flag sets is named by its config path; models is said once under --location when it can be", () => {
    // A boundary the region check does not know: no SKU, no default model; the parser's models rule speaks.
    expect(problems({ location: "japaneast", "data-boundary": "Us" })).toEqual([
      { flag: "--data-boundary", message: 'must be one of "global", "eu", "us" (got "Us")' },
      { flag: "codex-boundary:models", message: "must list at least one model deployment (got [])" },
    ]);
    expect(problems({ location: "japaneast" }).map((p) => p.flag)).toEqual(["--location"]);
  });

  test("list answers: duplicates and empty lists are named under their flag", () => {
    expectProblemsAt(problems({ repos: "a,a" }), "flag", [
      ["--repos", "'a'", "repositories[0]", '(got "a")', "list each repository once"],
    ]);
    expect(problems({ users: "" })).toEqual([
      { flag: "--users", message: "must list at least one Entra group for Codex users (got [])" },
    ]);
    expect(problems({ "runner-labels": "" })).toEqual([
      { flag: "--runner-labels", message: "must list at least 1 item(s) (got [])" },
    ]);
    expectProblemsAt(problems({ "address-space": "10.61.0.0/30" }), "flag", [
      ["--address-space", '(got "10.61.0.0/30")', "must be an IPv4 CIDR block"],
    ]);
  });
});

describe("checking one answer as it is typed", () => {
  test("the problem with that answer only, or none", () => {
    const ctx: AnswerContext = { now: NOW, taken: [], platform: PLATFORM, stackFileExists: (team) => team === "dev" };
    expect(checkOneAnswer("budget", "abc", ctx)).toBe(
      'must be a plain positive number such as 1500, without separators or currency (got "abc")',
    );
    expect(checkOneAnswer("budget", "10", ctx)).toBeUndefined();
    expect(checkOneAnswer("name", "dev", ctx)).toBe(
      'Pulumi.dev.yaml already exists; new-team never overwrites a stack file. Edit it, or pick another name (got "dev")',
    );
    expect(checkOneAnswer("start-month", "2026-11", ctx)).toBeUndefined();
    expect(checkOneAnswer("start-month", "2026-10", ctx)).toContain("(2026-11)");
    expect(checkOneAnswer("location", "eastus2", ctx)).toBeUndefined();
    expect(checkOneAnswer("address-space", "10.255.255.0/24", ctx)).toBeUndefined();
    expect(checkOneAnswer("repos", "", ctx)).toBeUndefined();
    expect(checkOneAnswer("auth-mode", "key", ctx)).toBeUndefined();
  });

  test("the other answers are a valid baseline this month, in January and in December", () => {
    for (const day of ["2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z", "2027-09-15T12:00:00Z"]) {
      const ctx: AnswerContext = { now: new Date(day), taken: [], platform: PLATFORM, stackFileExists: () => false };
      const { problems: found } = checkAnswers({ ...Object.fromEntries([["x", "y"]]) }, ctx);
      expect(found.length, day).toBeGreaterThan(0);
      expect(checkOneAnswer("cost-center", "CC", ctx), day).toBeUndefined();
    }
  });

  test("the baseline's other answers do not leak: a problem with the typed answer is the only one reported", () => {
    const ctx: AnswerContext = {
      now: NOW,
      taken: [{ file: "Pulumi.x.yaml", addressSpace: "10.255.255.0/24" }],
      platform: PLATFORM,
      stackFileExists: () => false,
    };
    expect(checkOneAnswer("cost-center", "CC", ctx)).toBeUndefined();
    expect(checkOneAnswer("address-space", "10.255.255.0/24", ctx)).toContain("of Pulumi.x.yaml");
  });
});

describe("answers at their edges", () => {
  const NOW = new Date("2026-11-25T12:00:00Z");
  const CTX: AnswerContext = { now: NOW, taken: [], platform: PLATFORM, stackFileExists: (team) => team === "dev" };
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
    "runner-labels": "self-hosted,codex-runner",
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
      expect(toNewTeamAnswers(baselineAnswers(new Date(day), PLATFORM))).toEqual({
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
        runnerLabels: ["self-hosted", "codex-runner"],
        authMode: "entra",
      });
    });

    test("together they pass every check (while the catalog has a model that lives 60 more days there)", () => {
      const result = checkAnswers(baselineAnswers(NOW, PLATFORM), {
        now: NOW,
        taken: [],
        platform: PLATFORM,
        stackFileExists: () => false,
      });
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
    test.each(["eu", "us"])(
      "brazilsouth in the %s boundary lies outside its geography: --location alone says so, before any catalog check",
      (boundary) => {
        const found = problemsOf({ location: "brazilsouth", "data-boundary": boundary }).filter(
          (p) => p.flag === "--location",
        );
        expectProblemsAt(found, "flag", [
          [
            "--location",
            "brazilsouth (Brazil South, Brazil) is in neither the EU nor the United States",
            `outside the '${boundary}' data boundary`,
            "--data-boundary global only if",
            '(got "brazilsouth")',
          ],
        ]);
      },
    );

    test("in the global boundary too, once no catalog model lives 60 more days anywhere", () => {
      const later: AnswerContext = { ...CTX, now: new Date("2027-06-01T00:00:00Z") };
      const found = checkAnswers(
        { ...VALID, location: "swedencentral", "data-boundary": "global" },
        later,
      ).problems.filter((p) => p.flag === "--location");
      expect(found.map((p) => p.message)).toEqual([
        expect.stringMatching(
          /^no codex-capable model of the catalog .*GlobalStandard in swedencentral .*no region has one in the catalog; or refresh the catalog/,
        ),
      ]);
    });

    test.each(["-eastus2", "eastus2-", "East US 2", "-brazilsouth", "brazilsouth-"])(
      "a malformed region %j gets the parser's problem only, no catalog check",
      (location) => {
        const found = problemsOf({ location }).filter((p) => p.flag === "--location");
        expect(found).toHaveLength(1);
        expect(found[0]?.message).not.toMatch(/^no codex-capable model/);
      },
    );

    test("a region without models hides the parser's 'no models' problem; every other problem stays", () => {
      const found = problemsOf({ location: "brazilsouth", "data-boundary": "eu", "cost-center": "", budget: "1,500" });
      expect(found.map((p) => p.flag)).not.toContain("codex-boundary:models");
      expect(found.map((p) => p.flag)).toContain("--cost-center");
      expect(found.map((p) => p.flag)).toContain("--budget");
    });
  });
});
