import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ConfigError, decodeConfigValue, parseTeamConfig, projectKeys } from "../../lib/config/parse";
import { TEAM_NAME_PATTERN } from "../../lib/config/schema";
import { devTeamKeys } from "../support/stackFiles";
import { FIXTURE_NOW_MS } from "../support/clock";
import { expectProblems } from "../support/problemText";
import { admittingContext, parseAdmitted, projectPlatform } from "../support/platformFiles";

function problemsOf(raw: Record<string, unknown>): string[] {
  try {
    parseAdmitted(raw, undefined, FIXTURE_NOW_MS);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected the config to be rejected");
}

function problemsOfAt(raw: Record<string, unknown>, nowMs: number): string[] {
  try {
    parseAdmitted(raw, undefined, nowMs);
  } catch (error) {
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected the config to be rejected");
}

function withModel(patch: Record<string, unknown>, index = 1): Record<string, unknown> {
  const raw = devTeamKeys();
  const models = structuredClone(raw.models) as Array<Record<string, unknown>>;
  models[index] = { ...models[index], ...patch };
  return { ...raw, models };
}

describe("parseTeamConfig", () => {
  test("accepts Pulumi.dev.yaml (within the project's platform.yaml) and fills secure defaults", () => {
    const config = parseTeamConfig(devTeamKeys(), undefined, FIXTURE_NOW_MS, {
      platform: projectPlatform(),
      providerKeys: { "azure-native:location": "eastus2" },
    });
    expect(config.team).toBe("dev");
    // The longest-lived catalog models offered there (catalog reviewed 2026-12-07): retiring 2027-04-23 and 2027-05-15.
    expect(config.models.map((m) => m.model)).toEqual(["gpt-5.5", "gpt-5.1-codex", "gpt-5.1-codex-mini"]);
    expect(config.codex.defaultModel).toBe("gpt-5.5");
    expect(config.codex.allowFullAccess).toBe(false);
    expect(config.keyVault.softDeleteRetentionDays).toBe(90);
    expect(config.models.every((m) => m.versionUpgradeOption === "OnceCurrentVersionExpired")).toBe(true);
  });

  test("the default model falls back to the first deployment", () => {
    const raw = devTeamKeys();
    const config = parseAdmitted({ ...raw, codex: { runnerLabels: ["self-hosted"] } }, undefined, FIXTURE_NOW_MS);
    expect(config.codex.defaultModel).toBe("gpt-5.5");
  });

  const badConfigs: Array<[string, Record<string, unknown>, string[]]> = [
    ["negative capacity", withModel({ capacity: -5 }), ["models[1].capacity: must be a positive integer (got -5)"]],
    ["fractional capacity", withModel({ capacity: 2.5 }), ["models[1].capacity: must be a positive integer (got 2.5)"]],
    [
      "misspelled key",
      withModel({ capcity: 10 }),
      ["models[1].capcity: unknown key (a typo?); allowed here: name, model, version, sku, capacity"],
    ],
    ["unknown SKU", withModel({ sku: "Premium" }), ['models[1].sku: must be one of "GlobalStandard"']],
    [
      "upper-case team",
      { ...devTeamKeys(), team: "Payments" },
      ['team: must be 2-16 lowercase letters, digits and single hyphens, starting with a letter (got "Payments")'],
    ],
    ["team too long", { ...devTeamKeys(), team: "a-very-long-team-name" }, ["team: must be 2-16 lowercase letters"]],
    [
      "unknown boundary",
      { ...devTeamKeys(), dataBoundary: "apac" },
      ['dataBoundary: must be one of "global", "eu", "us" (got "apac")'],
    ],
    [
      "missing boundary",
      (({ dataBoundary: _, ...rest }) => rest)(devTeamKeys()),
      ['dataBoundary: is required: one of "global", "eu", "us"'],
    ],
    [
      "Global SKU in the eu boundary",
      { ...devTeamKeys(), dataBoundary: "eu" },
      [
        "models[0].sku: GlobalStandard processes data in any Azure region, outside the 'eu' data boundary; use DataZoneStandard or Standard",
      ],
    ],
    ["duplicate deployment", withModel({ name: "gpt-5.5" }), ["models[1].name: duplicate deployment name 'gpt-5.5'"]],
    [
      "default model not deployed",
      { ...devTeamKeys(), codex: { defaultModel: "gpt-4o" } },
      ["codex.defaultModel: must be one of the configured deployment names: gpt-5.5, gpt-5.1-codex"],
    ],
    [
      "bad group id",
      { ...devTeamKeys(), access: { userGroupIds: ["devs"], adminGroupIds: ["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"] } },
      [
        'access.userGroupIds[0]: must be an Entra group object ID (a GUID such as 00000000-0000-0000-0000-000000000000) (got "devs")',
      ],
    ],
    [
      "no budget contact",
      { ...devTeamKeys(), budget: { amount: 100, contactEmails: [], startMonth: "2026-12" } },
      ["budget.contactEmails: must list at least one contact email"],
    ],
    [
      "budget start not a month",
      { ...devTeamKeys(), budget: { amount: 100, contactEmails: ["a@b.co"], startMonth: "2026-12-15" } },
      ["budget.startMonth: must be a month as YYYY-MM"],
    ],
    [
      "the repository-secret opt-out next to an environment",
      {
        ...devTeamKeys(),
        github: { owner: "contoso", repositories: [{ name: "api", environment: "ci", allowRepositorySecret: true }] },
      },
      [
        "github.repositories[0].allowRepositorySecret: contradicts environment 'ci': the opt-out puts the key in a plain repository secret",
      ],
    ],
    [
      "a misspelled repository key",
      { ...devTeamKeys(), github: { owner: "contoso", repositories: [{ name: "api", enviroment: "ci" }] } },
      [
        "github.repositories[0].enviroment: unknown key (a typo?); allowed here: name, environment, allowRepositorySecret",
      ],
    ],
    [
      "subnet outside the VNet",
      {
        ...devTeamKeys(),
        networking: { mode: "create", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.61.0.0/27" },
      },
      ["networking.privateEndpointSubnet: must lie inside networking.addressSpace (10.60.0.0/24)"],
    ],
    ["unknown networking mode", { ...devTeamKeys(), networking: { mode: "peered" } }, ["networking.mode:"]],
    [
      "existing subnet that is not a subnet ID",
      { ...devTeamKeys(), networking: { mode: "existing", subnetId: "subnet-1", privateDnsZoneIds: {} } },
      [
        "networking.subnetId: must be the resource ID of an existing subnet",
        "networking.privateDnsZoneIds.openAi: is required",
      ],
    ],
    [
      "top-level typo",
      { ...devTeamKeys(), bugdet: {} },
      ["bugdet: unknown key (a typo?); allowed here: team, costCenter, location, dataBoundary"],
    ],
    [
      "rotation period of zero",
      { ...devTeamKeys(), keyRotation: { periodDays: 0 } },
      ["keyRotation.periodDays: must be at least 1 (got 0)"],
    ],
    [
      "an exemption naming no policy assignment, with no expiry date",
      {
        ...devTeamKeys(),
        policy: { keyAuthExemption: { policyAssignmentId: "ai-disable-local-auth", expiresOn: "someday" } },
      },
      [
        "policy.keyAuthExemption.policyAssignmentId: must be a policy assignment resource ID",
        "policy.keyAuthExemption.expiresOn:",
      ],
    ],
  ];

  test.each(badConfigs)("rejects %s with a message naming the path and the fix", (_name, raw, expected) => {
    const problems = problemsOf(raw);
    for (const fragment of expected) {
      expect(
        problems.some((p) => p.startsWith(fragment) || p.includes(fragment)),
        `${fragment}\nin\n${problems.join("\n")}`,
      ).toBe(true);
    }
  });

  test("the key goes to a 'codex' environment by default; a plain repository secret only by the explicit opt-out", () => {
    const config = parseAdmitted(
      {
        ...devTeamKeys(),
        github: {
          owner: "contoso",
          repositories: [
            { name: "api" },
            { name: "ledger", environment: "production" },
            { name: "legacy", allowRepositorySecret: true },
          ],
        },
      },
      undefined,
      FIXTURE_NOW_MS,
    );
    expect(config.github.repositories).toEqual([
      { name: "api", environment: "codex", allowRepositorySecret: false },
      { name: "ledger", environment: "production", allowRepositorySecret: false },
      { name: "legacy", environment: undefined, allowRepositorySecret: true },
    ]);
    // Reviewers are optional: the environment's protected-branches policy is what keeps the key from other branches.
    expect(config.github.reviewers).toEqual({ teamIds: [], userIds: [] });
  });

  describe("the key-auth exemption is time-boxed against the clock", () => {
    const NOW = Date.parse("2026-11-25T09:30:00Z");
    const withExpiry = (expiresOn: string) => ({
      ...devTeamKeys(),
      policy: {
        keyAuthExemption: {
          policyAssignmentId: "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth",
          expiresOn,
        },
      },
    });

    test("up to one year ahead is accepted", () => {
      expect(parseAdmitted(withExpiry("2027-11-25"), undefined, NOW).policy.keyAuthExemption?.expiresOn).toBe(
        "2027-11-25",
      );
      expect(parseAdmitted(withExpiry("2026-12-01"), undefined, NOW).policy.keyAuthExemption?.expiresOn).toBe(
        "2026-12-01",
      );
    });

    test("beyond it is refused with the latest allowed date (regression: 2099-12-31 planned clean)", () => {
      for (const expiresOn of ["2027-11-26", "2099-12-31"]) {
        let problems: string[] = [];
        try {
          parseAdmitted(withExpiry(expiresOn), undefined, NOW);
        } catch (error) {
          problems = (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
        }
        expect(problems).toEqual([
          `policy.keyAuthExemption.expiresOn: must be at most 12 months ahead (2027-11-25 at the latest, counted from today): the waiver is reviewed and renewed on purpose; set a date up to 2027-11-25 and renew it before it lapses (got "${expiresOn}")`,
        ]);
      }
    });

    test("the limit moves with the clock, and comes with the other problems at once", () => {
      expect(() =>
        parseAdmitted(withExpiry("2027-11-26"), undefined, Date.parse("2026-11-26T00:00:00Z")),
      ).not.toThrow();
      const problems = problemsOfAt({ ...withExpiry("2099-12-31"), team: "Bad" }, NOW);
      expect(problems.map((p) => p.split(":")[0])).toEqual(["team", "policy.keyAuthExemption.expiresOn"]);
    });
  });

  test("reports every problem at once, not just the first", () => {
    const raw = { ...withModel({ capacity: -5 }), team: "Bad Name", dataBoundary: "eu", typo: 1 };
    const problems = problemsOf(raw);
    expect(problems.filter((p) => p.startsWith("models[1].capacity"))).toHaveLength(1);
    expect(problems.some((p) => p.startsWith("team:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("typo:"))).toBe(true);
    // every Global* deployment is reported under the eu boundary: three models, three problems
    expect(problems.filter((p) => p.endsWith('(got "GlobalStandard")'))).toHaveLength(3);
  });

  describe("model x version x SKU x region, against lib/models/catalog.json", () => {
    const TODAY = Date.parse("2026-11-25T12:00:00Z");
    const euTeam = (model: Record<string, unknown>) => ({
      ...devTeamKeys(),
      location: "swedencentral",
      dataBoundary: "eu",
      models: [{ name: "codex", capacity: 10, ...model }],
      codex: {},
    });

    test("gpt-5.3-codex as DataZoneStandard in swedencentral is refused, naming where it is offered (regression: planned clean, failed at deploy)", () => {
      expect(
        problemsOfAt(euTeam({ model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard" }), TODAY),
      ).toEqual([
        "models[0].sku: gpt-5.3-codex 2026-02-24 is not offered as DataZoneStandard in swedencentral: as DataZoneStandard it is offered in centralus, eastus, eastus2, northcentralus, southcentralus, westus, westus3; " +
          "in swedencentral it is offered as GlobalStandard, GlobalProvisionedManaged; catalog models offered as DataZoneStandard in swedencentral: gpt-5.5 2026-04-24, gpt-5.4 2026-03-05, gpt-5 2025-08-07, gpt-5-mini 2025-08-07, gpt-5-nano 2025-08-07 " +
          '(source: Foundry model matrix as recorded in lib/models/catalog.json, revised 2026-04-30) (got "DataZoneStandard")',
      ]);
      expect(
        parseAdmitted(euTeam({ model: "gpt-5", version: "2025-08-07", sku: "DataZoneStandard" }), undefined, TODAY)
          .models[0]?.model,
      ).toBe("gpt-5");
    });

    test("a retired model is no input error (left as deployed it must keep rotating; lib/models/retirementGate.ts refuses adding it)", () => {
      const max = withModel({ name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04" });
      expect(parseAdmitted(max, undefined, Date.parse("2026-12-05T00:00:00Z")).models[1]?.version).toBe("2025-12-04");
      expect(parseAdmitted(max, undefined, Date.parse("2030-01-01T00:00:00Z")).models[1]?.version).toBe("2025-12-04");
    });

    test("a version or model the catalog does not know is refused with what it knows", () => {
      expectProblems(problemsOfAt(withModel({ version: "2025-09-11" }), TODAY), [
        ["models[1].version", '(got "2025-09-11")', "known", "2025-11-13"],
      ]);
      expect(problemsOfAt(withModel({ model: "gpt-5-codx" }), TODAY)[0]).toMatch(
        /^models\[1\]\.model: is not in the model catalog \(lib\/models\/catalog\.json\).*docs\/models\.md describes \(got "gpt-5-codx"\)$/,
      );
    });

    test("catalog problems come together with schema problems", () => {
      const problems = problemsOfAt(
        { ...euTeam({ model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard" }), team: "Bad Name" },
        TODAY,
      );
      expect(problems.map((p) => p.split(":")[0])).toEqual(["team", "models[0].sku"]);
    });

    test("in a region the catalog's sources do not list, availability is left to the plan's advisory, not refused", () => {
      expect(() =>
        parseAdmitted(
          {
            ...euTeam({ model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard" }),
            location: "northeurope",
          },
          undefined,
          TODAY,
        ),
      ).not.toThrow();
    });
  });

  test("the error message names the namespace, each path, and how to fix it", () => {
    expect(() => parseAdmitted({ ...devTeamKeys(), team: "X" }, "stack 'dev'", FIXTURE_NOW_MS)).toThrowError(
      /1 problem in stack 'dev'; nothing was created:\n {2}- codex-boundary:team: .*\nFix them in Pulumi.<stack>.yaml/,
    );
  });

  test("when the caller names the stack file, the fix names that file, not a Pulumi.<stack>.yaml template", () => {
    const raw = { ...devTeamKeys(), team: "X" };
    expect(() =>
      parseTeamConfig(raw, "stack 'dev'", FIXTURE_NOW_MS, { ...admittingContext(raw), stackFile: "Pulumi.dev.yaml" }),
    ).toThrowError(/\nFix them in Pulumi\.dev\.yaml \(or with/);
  });

  test("team names: the pattern accepts exactly lowercase words joined by single hyphens, 2-16 long", () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,5}$/);
    const validName = fc
      .tuple(
        fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
        fc.array(word, { maxLength: 3 }),
        fc.stringMatching(/^[a-z0-9]{0,3}$/),
      )
      .map(([first, parts, tail]) => [first + tail, ...parts].join("-"))
      .filter((name) => name.length >= 2 && name.length <= 16);
    fc.assert(fc.property(validName, (name) => TEAM_NAME_PATTERN.test(name)));
    const invalid = fc.oneof(
      validName.map((n) => `${n}-`),
      validName.map((n) => n.replace("-", "--")).filter((n) => n.includes("--")),
      validName.map((n) => n.toUpperCase()).filter((n) => /[A-Z]/.test(n)),
      validName.map((n) => `1${n}`),
      fc.stringMatching(/^[a-z]{17,30}$/),
    );
    fc.assert(fc.property(invalid, (name) => !TEAM_NAME_PATTERN.test(name)));
  });
});

describe("reading Pulumi's flat config", () => {
  test("keeps scalars as strings and decodes maps and lists", () => {
    expect(decodeConfigValue("1234")).toBe("1234");
    expect(decodeConfigValue("true")).toBe("true");
    expect(decodeConfigValue('{"a":1}')).toEqual({ a: 1 });
    expect(decodeConfigValue("[1,2]")).toEqual([1, 2]);
    expect(decodeConfigValue("{not json")).toBe("{not json");
  });

  test("takes only this project's namespace", () => {
    const raw = projectKeys({
      "codex-boundary:team": "dev",
      "codex-boundary:models": '[{"name":"m"}]',
      "azure-native:location": "eastus2",
    });
    expect(raw).toEqual({ team: "dev", models: [{ name: "m" }] });
  });
});
