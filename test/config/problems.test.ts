import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ConfigError } from "../../lib/config/parse";
import { teamConfigSchema } from "../../lib/config/schema";
import { devTeamKeys } from "../support/stackFiles";
import { expectProblems } from "../support/problemText";
import { parseAdmitted } from "../support/platformFiles";

const NOW = Date.parse("2026-11-25T09:30:00Z");
const ASSIGNMENT = "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";

/** The problems as the user reads them, one line each: `codex-boundary:<path>: <message>`. */
function problemLines(raw: Record<string, unknown>, nowMs = NOW): string[] {
  try {
    parseAdmitted(raw, "stack 'test'", nowMs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message
      .split("\n")
      .filter((line) => line.startsWith("  - "))
      .map((line) => line.slice(4));
  }
  return [];
}

const paths = (lines: string[]) => lines.map((line) => line.slice(0, line.indexOf(": ")));

describe("every problem at once", () => {
  // One field error in every section, and every cross-field rule broken too. Before, zod skipped the object-level
  // rules as soon as any field had a type, enum or required error, so a user fixed one round and met the next.
  const everythingWrong = {
    ...devTeamKeys(),
    team: "Bad",
    location: "swedencentral",
    dataBoundary: "eu",
    account: { kind: "Foundry" },
    models: [
      { name: "codex", model: "gpt-5-codex", version: "2025-09-15", sku: "GlobalStandard", capacity: "ten" },
      { name: "Codex", model: "gpt-5", version: "2025-08-07", sku: "DataZoneStandard", capacity: 10 },
      { name: "zone", model: "gpt-5.3-codex", version: "2026-02-24", sku: "DataZoneStandard", capacity: 10 },
    ],
    codex: { defaultModel: "gpt-4o", reasoningEffort: "max" },
    github: {
      owner: "contoso",
      repositories: [{ name: 5 }, { name: "api", environment: "ci", allowRepositorySecret: true }, { name: "API" }],
    },
    access: { userGroupIds: "devs" },
    budget: { amount: -1, contactEmails: ["a@b.co"], startMonth: "2026-12" },
    keyRotation: { periodDays: "30" },
    networking: { mode: "create", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.61.0.0/27" },
    keyVault: { softDeleteRetentionDays: 3 },
    audit: { retentionDays: true },
    policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: "2026-11-24" } },
    tags: { "a/b": "x" },
  };

  test("field errors in every section and every cross-field rule are reported in one ConfigError", () => {
    const lines = problemLines(everythingWrong);
    // Grouped by section in the schema's order: a field's own problems first, then the rules across fields.
    expect(paths(lines)).toEqual([
      "codex-boundary:team",
      "codex-boundary:account.kind",
      "codex-boundary:models[0].capacity",
      "codex-boundary:models[0].sku", // GlobalStandard under eu
      "codex-boundary:models[1].name", // duplicate, ignoring case
      "codex-boundary:models[2].sku", // the model catalog: not offered there
      "codex-boundary:codex.reasoningEffort",
      "codex-boundary:codex.defaultModel", // names no deployment
      "codex-boundary:github.repositories[0].name",
      "codex-boundary:github.repositories[1].allowRepositorySecret", // next to an environment
      "codex-boundary:github.repositories[2].name", // duplicate, ignoring case
      "codex-boundary:access.userGroupIds",
      "codex-boundary:access.adminGroupIds",
      "codex-boundary:budget.amount",
      "codex-boundary:keyRotation.periodDays",
      "codex-boundary:networking.privateEndpointSubnet", // outside the address space
      "codex-boundary:keyVault.softDeleteRetentionDays",
      "codex-boundary:audit.retentionDays",
      "codex-boundary:policy.keyAuthExemption.expiresOn", // already ended
      "codex-boundary:tags.a/b",
    ]);
  });

  test("the cross-field rules run only on fields that parsed on their own", () => {
    const lines = problemLines({
      ...devTeamKeys(),
      dataBoundary: "apac",
      models: [{ name: "a", model: "gpt-5", version: "2025-08-07", sku: "GlobalStandard", capacity: 10 }],
      networking: { mode: "create", addressSpace: "10.60.0.5/24", privateEndpointSubnet: "10.61.0.0/27" },
      codex: {},
    });
    // No boundary to judge the SKU against, no address space to hold the subnet: only the field errors.
    expect(paths(lines)).toEqual(["codex-boundary:dataBoundary", "codex-boundary:networking.addressSpace"]);
  });

  test("the schema has no refinement on an object, list or map (zod would skip it when a field fails)", () => {
    expect(refinedContainers(teamConfigSchema)).toEqual([]);
    // the walk finds one where there is one
    const refined = z.strictObject({ inner: z.strictObject({ a: z.string() }).refine(() => true) });
    expect(refinedContainers(refined)).toEqual([".inner"]);
  });
});

/** Paths of objects, lists, maps, unions and pipes in a schema that carry a refine()/superRefine(). */
function refinedContainers(root: z.core.$ZodType): string[] {
  const found: string[] = [];
  const walk = (schema: z.core.$ZodType, path: string): void => {
    const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    const custom = (def.checks ?? []).some((check) => check._zod.def.check === "custom");
    if (custom && ["object", "array", "record", "union", "pipe"].includes(def.type)) found.push(path || "(root)");
    const children: Array<[string, unknown]> = [];
    if (def.type === "object")
      children.push(
        ...Object.entries(def.shape as Record<string, unknown>).map(([k, v]): [string, unknown] => [`${path}.${k}`, v]),
      );
    if (def.type === "array") children.push([`${path}[]`, def.element]);
    if (def.type === "record") children.push([`${path}{key}`, def.keyType], [`${path}{}`, def.valueType]);
    if (def.type === "union") children.push(...(def.options as unknown[]).map((o): [string, unknown] => [path, o]));
    if (def.type === "pipe") children.push([path, def.in], [path, def.out]);
    if ("innerType" in def) children.push([path, def.innerType]);
    for (const [childPath, child] of children) walk(child as z.core.$ZodType, childPath);
  };
  walk(root, "");
  return found;
}

describe("each kind of message names the path, the value as given and the fix", () => {
  const dev = devTeamKeys();
  const GROUP = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
  // [kind, config, path, the value as quoted, what the message must say besides]
  const cases: Array<[string, Record<string, unknown>, string, string | undefined, string]> = [
    ["a wrong type", { ...dev, audit: { retentionDays: true } }, "audit.retentionDays", "true", "must be a number"],
    [
      "a number YAML read as text",
      { ...dev, keyVault: { softDeleteRetentionDays: "30" } },
      "keyVault.softDeleteRetentionDays",
      '"30"',
      "write 30 without quotes",
    ],
    [
      "a list given as text",
      { ...dev, access: { userGroupIds: "devs", adminGroupIds: [GROUP] } },
      "access.userGroupIds",
      '"devs"',
      "must be a list",
    ],
    [
      "a required key missing",
      { ...dev, access: { userGroupIds: [GROUP] } },
      "access.adminGroupIds",
      undefined,
      "is required (a list",
    ],
    [
      "a value outside the enum",
      { ...dev, account: { kind: "Foundry" } },
      "account.kind",
      '"Foundry"',
      '"AIServices", "OpenAI"',
    ],
    [
      "a number below the minimum",
      { ...dev, keyVault: { softDeleteRetentionDays: 3 } },
      "keyVault.softDeleteRetentionDays",
      "3",
      "at least 7",
    ],
    [
      "a number above the maximum",
      { ...dev, keyVault: { softDeleteRetentionDays: 91 } },
      "keyVault.softDeleteRetentionDays",
      "91",
      "at most 90",
    ],
    ["a pattern", { ...dev, location: "Sweden Central" }, "location", '"Sweden Central"', "such as swedencentral"],
    ["an empty text", { ...dev, costCenter: "" }, "costCenter", '""', "must not be empty"],
    [
      "an environment name",
      { ...dev, github: { owner: "contoso", repositories: [{ name: "api", environment: "prod/eu" }] } },
      "github.repositories[0].environment",
      '"prod/eu"',
      "e.g. codex",
    ],
    [
      "an unknown key",
      { ...dev, keyVault: { retentionDays: 7 } },
      "keyVault.retentionDays",
      undefined,
      "allowed here: softDeleteRetentionDays",
    ],
    [
      "a cross-field rule",
      { ...dev, codex: { defaultModel: "gpt-4o" } },
      "codex.defaultModel",
      '"gpt-4o"',
      "gpt-5.5, gpt-5.1-codex, gpt-5.1-codex-mini; set one of them",
    ],
    [
      "a duplicate deployment name, ignoring case",
      {
        ...dev,
        models: [
          ...(dev.models as unknown[]),
          { ...(dev.models as Array<Record<string, unknown>>)[1], name: "GPT-5.1-codex" },
        ],
      },
      "models[3].name",
      '"GPT-5.1-codex"',
      "models[1] has it too",
    ],
  ];

  test.each(cases)("%s", (_kind, raw, path, got, says) => {
    const lines = problemLines(raw);
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? "";
    expect(line.startsWith(`codex-boundary:${path}: `), line).toBe(true);
    if (got !== undefined) expect(line, line).toContain(`(got ${got})`);
    expect(line, line).toContain(says);
  });
});

describe("dates are real calendar days", () => {
  const dev = devTeamKeys();
  const exemption = (expiresOn: string) => ({
    ...dev,
    policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn } },
  });

  test.each([
    ["2026-02-30", "February 2026 has 28 days; use a real date such as 2026-02-28"],
    ["2026-04-31", "April 2026 has 30 days; use a real date such as 2026-04-30"],
    ["2027-02-29", "February 2027 has 28 days; use a real date such as 2027-02-28"],
  ])(
    "%s is refused, not rolled over into the next month, for keyRotation.epoch and the exemption's expiresOn",
    (date, fix) => {
      expect(problemLines({ ...dev, keyRotation: { epoch: date } })).toEqual([
        `codex-boundary:keyRotation.epoch: is not a day of the calendar: ${fix} (got "${date}")`,
      ]);
      // Only the calendar problem: the clock check does not judge a day that does not exist.
      expect(problemLines(exemption(date), Date.parse("2026-01-10T00:00:00Z"))).toEqual([
        `codex-boundary:policy.keyAuthExemption.expiresOn: is not a day of the calendar: ${fix} (got "${date}")`,
      ]);
    },
  );

  test("a leap day and month ends are accepted", () => {
    expect(parseAdmitted({ ...dev, keyRotation: { epoch: "2028-02-29" } }, undefined, NOW).keyRotation.epoch).toBe(
      "2028-02-29",
    );
    expect(parseAdmitted({ ...dev, keyRotation: { epoch: "2026-12-31" } }, undefined, NOW).keyRotation.epoch).toBe(
      "2026-12-31",
    );
    expect(parseAdmitted(exemption("2027-04-30"), undefined, NOW).policy.keyAuthExemption?.expiresOn).toBe(
      "2027-04-30",
    );
  });

  test("an exemption that has already ended is refused with the fix (regression: it planned)", () => {
    const expired = (date: string) =>
      `codex-boundary:policy.keyAuthExemption.expiresOn: has passed (the exemption ended at 00:00 UTC on ${date}; today is 2026-11-25): ` +
      `Azure ignores an expired exemption, so a Deny assignment of the key-auth policy refuses the account; review the waiver and set a date after today, up to 2027-11-25, or remove policy.keyAuthExemption (got "${date}")`;
    expect(problemLines(exemption("2026-11-24"))).toEqual([expired("2026-11-24")]);
    // It ends at the start of its day: today's date has already passed at 09:30.
    expect(problemLines(exemption("2026-11-25"))).toEqual([expired("2026-11-25")]);
    expect(problemLines(exemption("2026-11-26"))).toEqual([]);
  });
});

describe("CIDR blocks", () => {
  const dev = devTeamKeys();
  const create = (addressSpace: string, privateEndpointSubnet?: string) => ({
    ...dev,
    networking: {
      mode: "create",
      addressSpace,
      ...(privateEndpointSubnet === undefined ? {} : { privateEndpointSubnet }),
    },
  });

  test("host bits set are refused with the network address as the fix, for the address space and the subnet", () => {
    expectProblems(problemLines(create("10.60.0.5/24", "10.60.0.33/27")), [
      ["codex-boundary:networking.addressSpace", '(got "10.60.0.5/24")', "use 10.60.0.0/24"],
      ["codex-boundary:networking.privateEndpointSubnet", '(got "10.60.0.33/27")', "use 10.60.0.32/27"],
    ]);
    expectProblems(problemLines(create("10.60.1.0/16")), [
      ["codex-boundary:networking.addressSpace", '(got "10.60.1.0/16")', "use 10.60.0.0/16"],
    ]);
  });

  test("network addresses pass", () => {
    expect(parseAdmitted(create("10.60.0.0/16", "10.60.4.32/27"), undefined, NOW).networking).toMatchObject({
      addressSpace: "10.60.0.0/16",
      privateEndpointSubnet: "10.60.4.32/27",
    });
  });

  test("a subnet outside the address space names a block inside it", () => {
    expectProblems(problemLines(create("10.60.0.0/24", "10.61.0.0/27")), [
      [
        "codex-boundary:networking.privateEndpointSubnet",
        '(got "10.61.0.0/27")',
        "e.g. 10.60.0.0/27 (the default when unset)",
      ],
    ]);
  });
});

describe("GitHub settings", () => {
  const dev = devTeamKeys();
  const github = (patch: Record<string, unknown>) => ({ ...dev, github: { owner: "contoso", ...patch } });
  const repos = (...names: unknown[]) => github({ repositories: names.map((name) => ({ name })) });

  test("a baseUrl is one problem naming platform.yaml github.host, whatever its value (the token's host is the platform's)", () => {
    for (const baseUrl of ["https://github-enterprise.attacker.example/api/v3", "https://api.github.com", ["x"]]) {
      expect(problemLines(github({ baseUrl }))).toEqual([
        `codex-boundary:github.baseUrl: is not set in a stack file (got ${JSON.stringify(baseUrl)}): the GitHub host of every team is platform.yaml github.host (github.com); remove the key`,
      ]);
    }
  });

  test("repository names follow GitHub's rules", () => {
    expect(problemLines(repos(".", "..", "api.git", "docs.wiki", "contoso/api", "a".repeat(101)))).toEqual([
      `codex-boundary:github.repositories[0].name: '.' is reserved by GitHub and names no repository: write the repository's name, e.g. api (got ".")`,
      `codex-boundary:github.repositories[1].name: '..' is reserved by GitHub and names no repository: write the repository's name, e.g. api (got "..")`,
      `codex-boundary:github.repositories[2].name: ends in '.git', which GitHub strips from a repository name: write api without it (got "api.git")`,
      `codex-boundary:github.repositories[3].name: ends in '.wiki', which GitHub refuses for a repository name (it is the wiki's address): write the repository's own name (got "docs.wiki")`,
      `codex-boundary:github.repositories[4].name: must be a GitHub repository name without the owner: 1-100 ASCII letters, digits, '-', '_' or '.' (got "contoso/api")`,
      `codex-boundary:github.repositories[5].name: must be a GitHub repository name without the owner: 1-100 ASCII letters, digits, '-', '_' or '.' (got "${"a".repeat(76)}...)`,
    ]);
    const names = [".github", "a", "api.v2_x-y", "z".repeat(100)];
    expect(parseAdmitted(repos(...names), undefined, NOW).github.repositories.map((r) => r.name)).toEqual(names);
  });

  test("the same repository twice (names ignore case) is refused", () => {
    expect(problemLines(repos("api", "API"))).toEqual([
      `codex-boundary:github.repositories[1].name: duplicate repository 'API' (github.repositories[0] names it too; GitHub repository names ignore case): list each repository once (got "API")`,
    ]);
  });

  test("the same Entra group twice in one access list (IDs ignore case) is refused; in both lists it is fine", () => {
    const group = "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b";
    const access = (userGroupIds: string[], adminGroupIds: string[]) => ({
      ...dev,
      access: { userGroupIds, adminGroupIds },
    });
    expect(
      problemLines(access([group, group.toUpperCase()], [group, "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", group])),
    ).toEqual([
      `codex-boundary:access.userGroupIds[1]: duplicate group '${group.toUpperCase()}' (access.userGroupIds[0] lists it too; Entra object IDs ignore case): list each group once (got "${group.toUpperCase()}")`,
      `codex-boundary:access.adminGroupIds[2]: duplicate group '${group}' (access.adminGroupIds[0] lists it too; Entra object IDs ignore case): list each group once (got "${group}")`,
    ]);
    expect(parseAdmitted(access([group], [group]), undefined, NOW).access.adminGroupIds).toEqual([group]);
  });

  test("the repository-secret opt-out next to an environment is refused even when another field of the repository is wrong", () => {
    const lines = problemLines(
      github({ repositories: [{ name: "api", environment: "ci", allowRepositorySecret: true, typo: 1 }] }),
    );
    expect(paths(lines)).toEqual([
      "codex-boundary:github.repositories[0].typo",
      "codex-boundary:github.repositories[0].allowRepositorySecret",
    ]);
  });
});

describe("tags", () => {
  const dev = devTeamKeys();
  const withTags = (tags: Record<string, unknown>) => ({ ...dev, tags });

  test("a bad tag name quotes the name, not its value (regression: the value was quoted)", () => {
    expectProblems(problemLines(withTags({ "cost/center": "cc-1234" })), [
      ["codex-boundary:tags.cost/center", '(got the name "cost/center")', "1-512 characters, none of < > % & \\ ? /"],
    ]);
  });

  test("a tag the stack sets itself is refused, naming both, ignoring case (regression: dropped silently)", () => {
    expectProblems(problemLines(withTags({ Team: "payments", "MANAGED-BY": "me", credentialid: "x", owner: "ok" })), [
      ["codex-boundary:tags.Team", "'team'", "'Team'", '(got the name "Team")', "remove 'Team' from tags or rename it"],
      [
        "codex-boundary:tags.MANAGED-BY",
        "'managed-by'",
        "'MANAGED-BY'",
        '(got the name "MANAGED-BY")',
        "remove 'MANAGED-BY' from tags or rename it",
      ],
      [
        "codex-boundary:tags.credentialid",
        "'credentialId'",
        "'credentialid'",
        '(got the name "credentialid")',
        "remove 'credentialid' from tags or rename it",
      ],
    ]);
  });

  test("a tag value over Azure's 256 characters names the limit", () => {
    expect(problemLines(withTags({ owner: "x".repeat(257) }))).toEqual([
      `codex-boundary:tags.owner: must be at most 256 characters (Azure's limit for a tag value) (got "${"x".repeat(76)}...)`,
    ]);
  });
});
