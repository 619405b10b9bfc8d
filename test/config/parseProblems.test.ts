import { describe, expect, test } from "vitest";
import { z } from "zod";
import { teamConfigJsonSchema } from "../../lib/config/jsonSchema";
import { ConfigError, decodeConfigValue, formatPath, problemsFromIssues, projectKeys } from "../../lib/config/parse";
import { devTeamKeys } from "../support/stackFiles";
import { expectProblems } from "../support/problemText";
import { parseAdmitted } from "../support/platformFiles";

/**
 * The parser's words: every kind of problem it reports, with the config path, the value as given and the fix; the
 * "allowed here" hint for a typo at the top level and inside nested maps, lists and modes; YAML type mistakes.
 */

const NOW = Date.parse("2026-11-25T09:30:00Z");
const ASSIGNMENT = "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";

function errorOf(raw: Record<string, unknown>, nowMs = NOW, source?: string): ConfigError {
  try {
    parseAdmitted(raw, source, nowMs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected the config to be rejected");
}

const problems = (raw: Record<string, unknown>, nowMs = NOW) =>
  errorOf(raw, nowMs).problems.map((p) => `${p.path}: ${p.message}`);
const dev = devTeamKeys();

/** A problem must name the config path, quote the value as given and say what to do; the wording around them is free. */
function expectProblem(lines: string[], path: string, got: string | undefined, ...says: string[]): void {
  expect(lines).toHaveLength(1);
  const line = lines[0] ?? "";
  expect(line.startsWith(`${path}: `), line).toBe(true);
  if (got !== undefined) expect(line, line).toContain(`(got ${got})`);
  for (const phrase of says) expect(line, line).toContain(phrase);
}

/** The keys the JSON Schema allows at a config path, in the schema's order: what the unknown-key hint must offer. */
function allowedAt(...path: string[]): string {
  let node = teamConfigJsonSchema() as JsonNode;
  for (const key of path) node = resolve(node.properties?.[key] ?? {});
  return `allowed here: ${Object.keys(resolve(node).properties ?? {}).join(", ")}`;
}
type JsonNode = { properties?: Record<string, JsonNode>; items?: JsonNode; anyOf?: JsonNode[]; oneOf?: JsonNode[] };
const resolve = (node: JsonNode): JsonNode =>
  node.items ?? node.anyOf?.find((n) => n.properties) ?? node.oneOf?.find((n) => n.properties) ?? node;

describe("the unknown-key hint lists what is allowed at that place", () => {
  const hint = (path: string, ...section: string[]) => `${path}: unknown key (a typo?); ${allowedAt(...section)}`;

  test("at the top level: every key of the config, in the schema's order", () => {
    expect(problems({ ...dev, bugdet: {} })).toEqual([hint("bugdet")]);
    expect(allowedAt()).toMatch(/^allowed here: team, costCenter, location, .*budget.*tags$/);
  });

  test("two typos in one map: one problem each, with the same hint", () => {
    expect(problems({ ...dev, auth: { mode: "key", swiching: true, mdoe: "entra" } })).toEqual([
      hint("auth.swiching", "auth"),
      hint("auth.mdoe", "auth"),
    ]);
    expect(allowedAt("auth")).toBe("allowed here: mode, switching");
  });

  test.each([
    ["codex", { codex: { defualtModel: "x" } }, "codex.defualtModel", ["codex"]],
    [
      "two levels down",
      { github: { owner: "c", reviewers: { teams: [1] } } },
      "github.reviewers.teams",
      ["github", "reviewers"],
    ],
    [
      "inside an optional map",
      { policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: "2027-01-01", foo: 1 } } },
      "policy.keyAuthExemption.foo",
      ["policy", "keyAuthExemption"],
    ],
    [
      "in a list item",
      { models: [...(dev.models as object[]).slice(0, 1), { ...(dev.models as object[])[1], capcity: 10 }] },
      "models[1].capcity",
      ["models"],
    ],
  ])("%s", (_where, patch, path, section) => {
    expect(problems({ ...dev, ...patch })).toEqual([hint(path, ...section)]);
  });

  test("in networking: the keys of the mode the value names (the union is resolved by the value's mode), at its level and one below", () => {
    expectProblem(
      problems({ ...dev, networking: { mode: "create", addressSpace: "10.60.0.0/24", adressSpace: "10.60.0.0/24" } }),
      "networking.adressSpace",
      undefined,
      "allowed here: mode, addressSpace, privateEndpointSubnet",
    );
    const lines = problems({
      ...dev,
      networking: { mode: "existing", subnetId: "x", privateDnsZoneIds: { foo: 1 }, vnet: "y" },
    });
    expect(lines.filter((line) => line.includes("unknown key"))).toEqual([
      "networking.privateDnsZoneIds.foo: unknown key (a typo?); allowed here: cognitiveServices, openAi, aiServices, keyVault",
      "networking.vnet: unknown key (a typo?); allowed here: mode, subnetId, privateDnsZoneIds, privateEndpointResourceGroupId",
    ]);
  });
});

describe("YAML type mistakes", () => {
  test.each([
    [
      "a quoted number",
      { keyRotation: { periodDays: "30" } },
      "keyRotation.periodDays",
      '"30"',
      "write 30 without quotes",
    ],
    [
      "a quoted number with spaces",
      { keyRotation: { periodDays: " 30 " } },
      "keyRotation.periodDays",
      '" 30 "',
      "write 30 without quotes",
    ],
    [
      "empty text for a number",
      { keyRotation: { periodDays: "" } },
      "keyRotation.periodDays",
      '""',
      "must be a number",
    ],
    [
      "blank text for a number",
      { keyRotation: { periodDays: "  " } },
      "keyRotation.periodDays",
      '"  "',
      "must be a number",
    ],
    [
      "a word for a number",
      { keyRotation: { periodDays: "thirty" } },
      "keyRotation.periodDays",
      '"thirty"',
      "must be a number",
    ],
    [
      "a fraction for an integer",
      { keyRotation: { periodDays: 2.5 } },
      "keyRotation.periodDays",
      "2.5",
      "must be an integer",
    ],
    [
      "a quoted boolean",
      { codex: { allowFullAccess: "true" } },
      "codex.allowFullAccess",
      '"true"',
      "must be a boolean",
    ],
    [
      "a quoted number where a boolean belongs (no hint to unquote it)",
      { codex: { allowFullAccess: "1" } },
      "codex.allowFullAccess",
      '"1"',
      "must be a boolean",
    ],
    ["a quoted list", { models: "gpt-5" }, "models", '"gpt-5"', "must be a list"],
    ["a text for a map", { networking: "create" }, "networking", '"create"', "must be a map of keys"],
    ["an empty value (YAML null) for a text", { costCenter: null }, "costCenter", "null", "must be a string"],
    ["an empty value for a map", { policy: null }, "policy", "null", "must be a map of keys"],
    ["a text for a map the clock check reads", { policy: "waiver" }, "policy", '"waiver"', "must be a map of keys"],
  ])("%s", (_kind, patch, path, got, says) => {
    expectProblem(problems({ ...dev, ...patch }), path, got, says);
  });

  test("a required key left out names the kind of value and where it is described", () => {
    const { team: _team, ...noTeam } = dev;
    expect(problems(noTeam)).toEqual(["team: is required (a string; see README 'Config reference')"]);
    expectProblems(problems({ ...dev, networking: { mode: "create" } }), [
      ["networking.addressSpace", "'Config reference'", "see README 'Config reference')"],
    ]);
    expect(problems({ ...dev, budget: { amount: 1, contactEmails: ["a@b.co"] } })).toEqual([
      expect.stringMatching(/^budget\.startMonth: is required \(a string; /) as string,
    ]);
  });
});

describe("limits and choices", () => {
  test.each([
    [
      "a reviewer ID of zero",
      { github: { owner: "c", reviewers: { teamIds: [0] } } },
      "github.reviewers.teamIds[0]",
      "0",
      "must be a positive number",
    ],
    [
      "a reviewer ID below zero",
      { github: { owner: "c", reviewers: { userIds: [1, -3] } } },
      "github.reviewers.userIds[1]",
      "-3",
      "must be a positive number",
    ],
    [
      "a budget of zero",
      { budget: { amount: 0, contactEmails: ["a@b.co"], startMonth: "2026-12" } },
      "budget.amount",
      "0",
      "must be a positive number",
    ],
    [
      "an empty list where one item is needed",
      {
        policy: {
          keyAuthExemption: {
            policyAssignmentId: ASSIGNMENT,
            expiresOn: "2027-01-01",
            policyDefinitionReferenceIds: [],
          },
        },
      },
      "policy.keyAuthExemption.policyDefinitionReferenceIds",
      "[]",
      "or be left out",
    ],
    [
      "a wrong discriminator",
      { networking: { mode: "peered", foo: 1 } },
      "networking.mode",
      '"peered"',
      "Expected 'create' | 'existing'",
    ],
    [
      "a missing discriminator",
      { networking: { addressSpace: "10.60.0.0/24" } },
      "networking.mode",
      undefined,
      "Expected 'create' | 'existing'",
    ],
  ])("%s", (_kind, patch, path, got, says) => {
    expectProblem(problems({ ...dev, ...patch }), path, got, says);
  });

  test("text over its maximum names the limit; at its maximum it passes", () => {
    expectProblem(
      problems({ ...dev, costCenter: "x".repeat(65) }),
      "costCenter",
      `"${"x".repeat(65)}"`,
      "at most 64 characters",
    );
    expect(() => parseAdmitted({ ...dev, costCenter: "x".repeat(64) }, undefined, NOW)).not.toThrow();
  });

  test("reviewer IDs of one and more pass", () => {
    expect(
      parseAdmitted({ ...dev, github: { owner: "c", reviewers: { teamIds: [1], userIds: [2, 3] } } }, undefined, NOW)
        .github.reviewers,
    ).toEqual({ teamIds: [1], userIds: [2, 3] });
  });
});

describe("the value is quoted, shortened past 80 characters", () => {
  test("80 characters are quoted whole, 81 are cut to 77 and '...'", () => {
    const exact = "X".repeat(78); // 80 with its quotes
    expect(problems({ ...dev, location: exact })).toEqual([
      `location: must be an Azure region name such as swedencentral or eastus2 (got "${exact}")`,
    ]);
    const longer = `${exact}y`;
    expect(problems({ ...dev, location: longer })).toEqual([
      `location: must be an Azure region name such as swedencentral or eastus2 (got "${"X".repeat(76)}...)`,
    ]);
  });
});

describe("the ConfigError", () => {
  test("counts problems in the plural, names the default source, lists each with its path, and shows how to fix them", async () => {
    const error = errorOf({ ...dev, team: "X", costCenter: "" });
    expect(error.name).toBe("ConfigError");
    expect(error.problems).toHaveLength(2);
    const lines = error.message.split("\n");
    expect(lines[0]).toMatch(/^2 problems in the stack config; nothing was created:$/);
    expect(lines.slice(1, 3)).toEqual([
      expect.stringMatching(/^ {2}- codex-boundary:team: .*\(got "X"\)$/),
      expect.stringMatching(/^ {2}- codex-boundary:costCenter: .*\(got ""\)$/),
    ]);
    expect(lines[3]).toContain("pulumi config set --path codex-boundary:<key> <value>");
    await expect(`${error.message}\n`).toMatchFileSnapshot("__snapshots__/configError.txt");
  });

  test("one problem in the singular, with the source given", () => {
    expect(errorOf({ ...dev, team: "X" }, NOW, "stack 'dev'").message.split("\n")[0]).toBe(
      "1 problem in stack 'dev'; nothing was created:",
    );
  });
});

describe("problems are grouped by section in the schema's order, unknown keys last", () => {
  test("a typo at the top comes after every section, a tag after the networking", () => {
    const lines = problems({
      aaa: 1,
      ...dev,
      tags: { "a/b": "x" },
      networking: { mode: "create", addressSpace: "10.60.0.5/24" },
      team: "X",
      costCenter: "",
    });
    expect(lines.map((line) => line.slice(0, line.indexOf(":")))).toEqual([
      "team",
      "costCenter",
      "networking.addressSpace",
      "tags.a/b",
      "aaa",
    ]);
  });

  test("within a section the order of the checks is kept (field problems, then the rules across fields)", () => {
    const lines = problems({
      ...dev,
      location: "swedencentral",
      dataBoundary: "eu",
      models: [
        { name: "a", model: "gpt-5", version: "2025-08-07", sku: "GlobalStandard", capacity: 0 },
        { name: "A", model: "gpt-5", version: "2025-08-07", sku: "GlobalStandard", capacity: 1 },
      ],
      codex: {},
    });
    expect(lines.map((line) => line.slice(0, line.indexOf(":")))).toEqual([
      "models[0].capacity",
      "models[0].sku",
      "models[1].name",
      "models[1].sku",
    ]);
  });
});

describe("the model catalog is only asked about a region name that parses", () => {
  test("a retired model under a malformed location: only the location is a problem (the retirement gate judges a retired version)", () => {
    const retired = {
      ...dev,
      models: [{ name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04", sku: "GlobalStandard", capacity: 10 }],
      codex: {},
    };
    const after = Date.parse("2026-12-06T00:00:00Z");
    expectProblems(problems({ ...retired, location: "Sweden Central" }, after), [
      ["location", '(got "Sweden Central")', "must be an Azure region name"],
    ]);
  });
});

describe("the exemption's clock check", () => {
  const exemption = (expiresOn: unknown) => ({
    ...dev,
    policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn } },
  });

  test("an expiry that is not text gets the type problem only", () => {
    expectProblems(problems(exemption(20271231)), [
      ["policy.keyAuthExemption.expiresOn", "(got 20271231)", "must be a string"],
    ]);
  });

  test("an expiry in a list, whose text would read as a date, gets the type problem only", () => {
    expectProblems(problems(exemption(["2020-01-01"])), [
      ["policy.keyAuthExemption.expiresOn", '(got ["2020-01-01"])', "must be a string"],
    ]);
  });

  test("a leap day a year ahead is the limit from a leap day; the day after is refused", () => {
    const leapDay = Date.parse("2028-02-29T12:00:00Z");
    // 2029 has no 29 February: the limit rolls to 1 March.
    // Only the exemption's problems are looked at.
    const exemptionProblems = (expiresOn: string) => {
      try {
        parseAdmitted(exemption(expiresOn), undefined, leapDay);
        return [];
      } catch (error) {
        return (error as ConfigError).problems
          .map((p) => `${p.path}: ${p.message}`)
          .filter((line) => line.startsWith("policy."));
      }
    };
    expect(exemptionProblems("2029-03-01")).toEqual([]);
    expect(exemptionProblems("2029-03-02")).toEqual([
      'policy.keyAuthExemption.expiresOn: must be at most 12 months ahead (2029-03-01 at the latest, counted from today): the waiver is reviewed and renewed on purpose; set a date up to 2029-03-01 and renew it before it lapses (got "2029-03-02")',
    ]);
  });

  test("tomorrow is valid one millisecond before midnight, and expired at midnight", () => {
    expect(() =>
      parseAdmitted(exemption("2026-11-26"), undefined, Date.parse("2026-11-25T23:59:59.999Z")),
    ).not.toThrow();
    expect(problems(exemption("2026-11-26"), Date.parse("2026-11-26T00:00:00Z"))[0]).toMatch(
      /^policy\.keyAuthExemption\.expiresOn: has passed \(the exemption ended at 00:00 UTC on 2026-11-26; today is 2026-11-26\)/,
    );
  });
});

describe("problemsFromIssues on issues the config schema does not raise today", () => {
  const issuesOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error("expected issues");
    return problemsFromIssues(result.error.issues, value);
  };

  test.each([
    ["a list below its minimum", z.array(z.string()).min(2), ["a"], 'must list at least 2 item(s) (got ["a"])'],
    ["a list above its maximum", z.array(z.string()).max(1), ["a", "b"], 'must list at most 1 item(s) (got ["a","b"])'],
    ["a text below a minimum over one", z.string().min(3), "ab", 'must be at least 3 characters (got "ab")'],
    ["a number at an exclusive minimum other than zero", z.number().gt(2), 2, "must be at least 2 (got 2)"],
    ["a number below an inclusive zero", z.number().gte(0), -1, "must be at least 0 (got -1)"],
    ["a union of plain types", z.union([z.string(), z.number()]), true, "Invalid input (got true)"],
    ["a format without a message of its own", z.email(), "x", 'Invalid email address (got "x")'],
    ["an enum value", z.enum(["a", "b"]), "c", 'must be one of "a", "b" (got "c")'],
  ])("%s", (_kind, schema, value, expected) => {
    expect(issuesOf(schema, value)).toEqual([{ path: "", message: expected }]);
  });

  test("a missing enum value lists the choices; a missing list says what kind is required", () => {
    expect(issuesOf(z.object({ a: z.enum(["x", "y"]) }), {})).toEqual([
      { path: "a", message: 'is required: one of "x", "y"' },
    ]);
    expect(issuesOf(z.object({ a: z.array(z.string()) }), {})).toEqual([
      { path: "a", message: "is required (a list; see README 'Config reference')" },
    ]);
    expect(issuesOf(z.object({ a: z.object({}) }), {})).toEqual([
      { path: "a", message: "is required (a map of keys; see README 'Config reference')" },
    ]);
  });

  test("a bad record key quotes the name, joining its problems", () => {
    const key = z.string().regex(/^a/, "must start with a").regex(/b$/, "must end with b");
    expect(issuesOf(z.record(key, z.string()), { cd: "v" })).toEqual([
      { path: "cd", message: 'must start with a; must end with b (got the name "cd")' },
    ]);
  });

  test("a custom problem that hides its value quotes nothing; one that does not, quotes it", () => {
    const secret = z
      .string()
      .superRefine((_v, ctx) =>
        ctx.addIssue({ code: "custom", message: "looks like key material", params: { hideValue: true } }),
      );
    expect(issuesOf(secret, "sk-123")).toEqual([{ path: "", message: "looks like key material" }]);
    const shown = z
      .string()
      .superRefine((_v, ctx) => ctx.addIssue({ code: "custom", message: "is wrong", params: { hideValue: false } }));
    expect(issuesOf(shown, "v")).toEqual([{ path: "", message: 'is wrong (got "v")' }]);
  });

  test("the hint never fails on a raw config that does not match the issue: a path past the schema, a union whose value is not a map", () => {
    const unknownAt = (path: PropertyKey[], raw: unknown) =>
      problemsFromIssues([{ code: "unrecognized_keys", keys: ["x"], path, message: "" } as z.core.$ZodIssue], raw);
    expect(unknownAt(["bugdet", "inner"], { bugdet: { inner: { x: 1 } } })).toEqual([
      { path: "bugdet.inner.x", message: "unknown key (a typo?); allowed here: " },
    ]);
    expect(unknownAt(["networking"], { networking: null })).toEqual([
      { path: "networking.x", message: "unknown key (a typo?); allowed here: " },
    ]);
    expect(unknownAt(["networking"], { networking: "create" })).toEqual([
      { path: "networking.x", message: "unknown key (a typo?); allowed here: " },
    ]);
    expect(unknownAt(["networking"], { networking: { mode: "existing" } })[0]?.message).toBe(
      "unknown key (a typo?); allowed here: mode, subnetId, privateDnsZoneIds, privateEndpointResourceGroupId",
    );
    expect(unknownAt(["models", 0], [])).toEqual([
      {
        path: "models[0].x",
        message:
          "unknown key (a typo?); allowed here: name, model, version, sku, capacity, versionUpgradeOption, raiPolicyName",
      },
    ]);
  });

  test("an unknown key at a path the config schema does not have gets an empty hint", () => {
    expect(issuesOf(z.strictObject({ nested: z.strictObject({}) }), { nested: { x: 1 } })).toEqual([
      { path: "nested.x", message: "unknown key (a typo?); allowed here: " },
    ]);
  });
});

describe("paths and raw values", () => {
  test("formatPath writes list indexes in brackets and keys with dots", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["models", 0, "name"])).toBe("models[0].name");
    expect(formatPath([0, "a", 1, 2])).toBe("[0].a[1][2]");
    expect(formatPath(["tags", "a.b"])).toBe("tags.a.b");
  });

  test("a JSON map or list with leading whitespace is decoded; trailing text that is not JSON stays text", () => {
    expect(decodeConfigValue('  {"a":1}')).toEqual({ a: 1 });
    expect(decodeConfigValue("\n[1]")).toEqual([1]);
    expect(decodeConfigValue("[1] tail")).toBe("[1] tail");
    expect(decodeConfigValue("x[1]")).toBe("x[1]");
    expect(decodeConfigValue("")).toBe("");
  });

  test("projectKeys needs the full namespace prefix with its colon", () => {
    expect(
      projectKeys({
        "codex-boundary:team": "dev",
        "codex-boundaryteam": "x",
        "xcodex-boundary:team": "y",
        "codex-boundary:": "z",
      }),
    ).toEqual({ team: "dev", "": "z" });
  });
});

describe("the unknown-key hint below a plain value", () => {
  /**
   * The "allowed here" hint of an unknown key looks the path up in the config's JSON Schema. A path that runs past a
   * plain value of the schema (a key under `team`, a text) has no keys to offer: the hint is empty, never a crash.
   */
  const unknownAt = (path: PropertyKey[], raw: unknown) =>
    problemsFromIssues([{ code: "unrecognized_keys", keys: ["x"], path, message: "" } as z.core.$ZodIssue], raw);

  describe("the unknown-key hint below a plain value", () => {
    test("a map under a text field, or under a number, offers no keys", () => {
      expect(unknownAt(["team", "inner"], { team: { inner: { x: 1 } } })).toEqual([
        { path: "team.inner.x", message: "unknown key (a typo?); allowed here: " },
      ]);
      expect(unknownAt(["budget", "amount", "inner"], { budget: { amount: { inner: { x: 1 } } } })).toEqual([
        { path: "budget.amount.inner.x", message: "unknown key (a typo?); allowed here: " },
      ]);
    });

    test("one level up, the section's keys are offered", () => {
      expect(unknownAt(["budget"], { budget: { x: 1 } })).toEqual([
        {
          path: "budget.x",
          message: "unknown key (a typo?); allowed here: amount, contactEmails, startMonth, actionGroupId",
        },
      ]);
    });
  });
});
