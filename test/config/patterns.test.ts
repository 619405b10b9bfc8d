import { describe, expect, test } from "vitest";
import {
  DEPLOYMENT_NAME_PATTERN,
  ignoreCase,
  QUALIFIED_STACK_NAME_PATTERN,
  RUNNER_LABEL_PATTERN,
  STACK_NAME_PATTERN,
  TEAM_NAME_PATTERN,
} from "../../lib/config/patterns";
import { configProblems, minimalConfig } from "./minimalConfig";

/**
 * Every pattern and limit of the config schema at its edges: a valid value passes, the same value with junk before or
 * after fails (a lost ^ or $ anchor), the longest value passes and one more character fails. A refused value is
 * reported at its config path, with the value quoted and the form that would be right.
 */
const NOW = Date.parse("2026-11-25T09:30:00Z");
const SUB = "00000000-0000-0000-0000-000000000001";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-hub`;
const ZONES = {
  cognitiveServices: "privatelink.cognitiveservices.azure.com",
  openAi: "privatelink.openai.azure.com",
  aiServices: "privatelink.services.ai.azure.com",
  keyVault: "privatelink.vaultcore.azure.net",
} as const;
const zoneId = (zone: string) => `${RG}/providers/Microsoft.Network/privateDnsZones/${zone}`;
const SUBNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe`;
const ACTION_GROUP = `${RG}/providers/Microsoft.Insights/actionGroups/ag-finops`;
const ASSIGNMENT = "/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";

function existingNetworking(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const privateDnsZoneIds = Object.fromEntries(Object.entries(ZONES).map(([key, zone]) => [key, zoneId(zone)]));
  return { mode: "existing", subnetId: SUBNET, privateDnsZoneIds, ...patch };
}

/** Sets `value` at a dotted path (numbers index lists) in a copy of the minimal config. */
function withValue(path: string, value: unknown, base = minimalConfig()): Record<string, unknown> {
  const raw = structuredClone(base);
  const keys = path.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  let node = raw as Record<string | number, unknown>;
  keys.slice(0, -1).forEach((key, i) => {
    node[key] ??= typeof keys[i + 1] === "number" ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  node[keys[keys.length - 1] as string | number] = value;
  return raw;
}

/** The problem lines (`path: message`) of a config, or [] when it parses. */
function problems(raw: Record<string, unknown>): string[] {
  return configProblems(raw, NOW);
}

const displayPath = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");

/** A field's rule: values it accepts, values it refuses, and what a refusal must name (the rule or the fix). */
interface Rule {
  path: string;
  fix: string;
  pass: unknown[];
  fail: unknown[];
  base?: () => Record<string, unknown>;
}

const long = (n: number, char = "a") => char.repeat(n);
const label = (n: number) => `a${"b".repeat(n - 1)}`;

const rules: Rule[] = [
  {
    path: "team",
    fix: "2-16 lowercase letters, digits and single hyphens",
    pass: ["ab", "a1", "team-a-1", long(16)],
    fail: ["a", long(17), "1ab", "-ab", "ab-", "a--b", "Ab", " ab", "ab ", "xab!", "ab\n"],
  },
  {
    path: "location",
    fix: "Azure region name such as swedencentral",
    pass: ["eastus2"],
    fail: ["e", "EastUS2", "2eastus", "east-us", " eastus2", "eastus2 "],
  },
  {
    path: "models.0.name",
    fix: "deployment name of 1-64 letters",
    pass: ["c", "9", "Codex_5.3-x", label(64)],
    fail: ["", label(65), "-codex", ".codex", "_codex", "co dex", "codex/x", " codex", "codex "],
  },
  {
    path: "codex.runnerLabels.0",
    fix: "runner label",
    pass: ["x", "Codex-runner_1.2"],
    fail: ["", "-runner", ".runner", "codex runner", "codex/runner", "runner "],
  },
  {
    path: "access.userGroupIds.0",
    fix: "Entra group object ID (a GUID",
    pass: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b", "3F2B6A1E-8C4D-4E5F-9A0B-1C2D3E4F5A6B"],
    fail: [
      "x3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
      "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6bx",
      "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6",
      "3f2b6a1e8c4d4e5f9a0b1c2d3e4f5a6b",
      "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6g",
      "devs",
    ],
  },
  {
    path: "budget.actionGroupId",
    fix: "resource ID of a monitor action group",
    pass: [ACTION_GROUP, ACTION_GROUP.toUpperCase()],
    fail: [
      `x${ACTION_GROUP}`,
      RG,
      `${RG}/providers/Microsoft.Insights`,
      `/subscriptions/${SUB}x/resourceGroups/rg/providers/a/b`,
      `/subscriptions/${SUB}/resourceGroups//providers/a/b`,
    ],
  },
  {
    path: "audit.workspaceId",
    fix: "Log Analytics workspace",
    pass: [`${RG}/providers/Microsoft.OperationalInsights/workspaces/law-hub`],
    fail: [`/x${RG}/providers/Microsoft.OperationalInsights/workspaces/law-hub`, "law-hub"],
  },
  {
    path: "networking.subnetId",
    fix: "resource ID of an existing subnet",
    base: () => withValue("networking", existingNetworking()),
    pass: [SUBNET, SUBNET.toUpperCase()],
    fail: [
      `x${SUBNET}`,
      `${SUBNET}/x`,
      `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub`,
      SUBNET.replace("Microsoft.Network", "MicrosoftxNetwork"),
      SUBNET.replace(SUB, `${SUB}0`),
    ],
  },
  {
    path: "networking.privateDnsZoneIds.openAi",
    fix: "zone privatelink.openai.azure.com",
    base: () => withValue("networking", existingNetworking()),
    pass: [zoneId(ZONES.openAi), zoneId(ZONES.openAi).toUpperCase()],
    fail: [
      `x${zoneId(ZONES.openAi)}`,
      `${zoneId(ZONES.openAi)}/x`,
      zoneId(ZONES.openAi).replace("Microsoft.Network", "MicrosoftxNetwork"),
      ZONES.openAi,
    ],
  },
  {
    path: "networking.privateDnsZoneIds.keyVault",
    fix: "zone named privatelink.vaultcore.azure.net",
    base: () => withValue("networking", existingNetworking()),
    pass: [zoneId(ZONES.keyVault)],
    fail: [zoneId(ZONES.openAi), zoneId(`x${ZONES.keyVault}`), zoneId(`${ZONES.keyVault}x`)],
  },
  {
    path: "networking.privateEndpointResourceGroupId",
    fix: "resource ID of a resource group",
    base: () => withValue("networking", existingNetworking()),
    pass: [
      RG,
      RG.toUpperCase(),
      `/subscriptions/${SUB}/resourceGroups/${long(90)}`,
      `/subscriptions/${SUB}/resourceGroups/rg-(a)_b.c`,
    ],
    fail: [
      `x${RG}`,
      `${RG}/providers/x`,
      `/subscriptions/${SUB}/resourceGroups/${long(91)}`,
      `/subscriptions/${SUB}/resourceGroups/`,
      `/subscriptions/${SUB}/resourceGroups/rg hub`,
    ],
  },
  {
    path: "account.allowedFqdns.0",
    fix: "host name such as login.microsoftonline.com",
    pass: [
      "login.microsoftonline.com",
      "LOGIN.MICROSOFTONLINE.COM",
      "*.blob.core.windows.net",
      "a.io",
      `${label(63)}.com`,
      `example.${long(63)}`,
      "x-1.example.com",
    ],
    fail: [
      "example",
      "example.c",
      `${label(64)}.com`,
      `example.${long(64)}`,
      "-x.example.com",
      "x-.example.com",
      "example.com.",
      " example.com",
      "example.com ",
      "x*.example.com",
      "*example.com",
      "**.example.com",
      "example.c0m",
    ],
  },
  {
    path: "budget.startMonth",
    fix: "month as YYYY-MM",
    pass: ["2026-12", "2027-01", "2027-09", "2027-10"],
    fail: ["2026-00", "2026-13", "2026-1", "x2026-12", "2026-12x", "12026-12", "2026-12-01", "202a-12"],
  },
  {
    path: "keyRotation.epoch",
    fix: "date as YYYY-MM-DD",
    pass: ["2026-01-01"],
    fail: ["x2026-01-01", "2026-01-01x", "2026-1-01"],
  },
  {
    path: "github.owner",
    fix: "GitHub organization or user name",
    pass: ["c", "Contoso-1", label(39)],
    fail: ["", label(40), "-contoso", "con toso", "contoso/x", " contoso"],
  },
  {
    path: "github.repositories.0.name",
    fix: "GitHub repository name without the owner",
    pass: ["a", "Api_v2.x-y", long(100)],
    fail: ["", long(101), "owner/api", "api x", " api"],
  },
  {
    path: "github.repositories.0.environment",
    fix: "GitHub environment name",
    base: () => withValue("github.repositories.0.name", "api"),
    pass: ["codex", "Prod env_1.x-y", long(255)],
    fail: ["", long(256), "codex/prod", "codex:prod"],
  },
  {
    path: "github.repositories.0.defaultBranch",
    fix: "branch name",
    base: () => withValue("github.repositories.0.name", "api"),
    pass: ["main", "release/1.x_y-z", long(255)],
    fail: ["", long(256), "feature x", "main~1"],
  },
  {
    path: "policy.keyAuthExemption.policyAssignmentId",
    fix: "policyAssignments/<name>",
    base: () => withValue("policy.keyAuthExemption.expiresOn", "2027-01-31"),
    pass: [ASSIGNMENT, `/subscriptions/${SUB}${ASSIGNMENT}`, ASSIGNMENT.toUpperCase()],
    fail: [
      `${ASSIGNMENT}/x`,
      "/providers/Microsoft.Authorization/policyAssignments/",
      ASSIGNMENT.replace("Microsoft.Authorization", "MicrosoftxAuthorization"),
      "ai-disable-local-auth",
    ],
  },
];

describe("config patterns at their edges, with junk before and after", () => {
  for (const rule of rules) {
    test(`${rule.path} accepts ${rule.pass.length} edge values and refuses ${rule.fail.length}, naming the path, the value and the fix`, () => {
      const base = rule.base?.() ?? minimalConfig();
      for (const value of rule.pass)
        expect(problems(withValue(rule.path, value, base)), JSON.stringify(value)).toEqual([]);
      for (const value of rule.fail) {
        const lines = problems(withValue(rule.path, value, base));
        const at = `${displayPath(rule.path)}: `;
        expect(
          lines.some(
            (line) =>
              line.startsWith(at) &&
              line.includes(rule.fix) &&
              line.includes(` (got ${JSON.stringify(value).slice(0, 77)}`),
          ),
          `${JSON.stringify(value)}\n${lines.join("\n")}`,
        ).toBe(true);
      }
    });
  }
});

/** A numeric limit: the smallest and largest accepted values, the first refused value on each side and the message. */
const limits: Array<{
  path: string;
  inside: unknown[];
  outside: Array<[unknown, string]>;
  base?: () => Record<string, unknown>;
}> = [
  {
    path: "models.0.capacity",
    inside: [1, 100000],
    outside: [
      [0, "must be a positive integer"],
      [100001, "must be at most 100000"],
      [1.5, "must be a positive integer"],
    ],
  },
  {
    path: "costCenter",
    inside: ["C", long(64)],
    outside: [
      ["", "must not be empty"],
      [long(65), "must be at most 64 characters"],
    ],
  },
  {
    path: "budget.amount",
    inside: [0.01, 1e9],
    outside: [
      [0, "must be a positive number"],
      [-1, "must be a positive number"],
    ],
  },
  {
    path: "keyRotation.periodDays",
    inside: [1, 365],
    outside: [
      [0, "must be at least 1"],
      [366, "must be at most 365"],
      [1.5, "must be an integer"],
    ],
  },
  {
    path: "keyRotation.generation",
    inside: [0, 12],
    outside: [
      [-1, "must be at least 0"],
      [0.5, "must be an integer"],
    ],
  },
  {
    path: "keyVault.softDeleteRetentionDays",
    inside: [7, 90],
    outside: [
      [6, "must be at least 7"],
      [91, "must be at most 90"],
    ],
  },
  {
    path: "audit.retentionDays",
    inside: [30, 730],
    outside: [
      [29, "must be at least 30"],
      [731, "must be at most 730"],
    ],
  },
  {
    path: "github.reviewers.teamIds.0",
    inside: [1],
    outside: [
      [0, "must be a positive number"],
      [1.5, "must be an integer"],
    ],
  },
  { path: "github.reviewers.userIds.0", inside: [1], outside: [[-3, "must be a positive number"]] },
  {
    path: "tags.owner",
    inside: ["", long(256)],
    outside: [[long(257), "must be at most 256 characters (Azure's limit for a tag value)"]],
  },
];

describe("numeric and length limits: just inside passes, just outside fails with the limit", () => {
  for (const limit of limits) {
    test(`${limit.path}: ${limit.inside.map((v) => JSON.stringify(v).slice(0, 12)).join(", ")} pass; the next values fail`, () => {
      const base = limit.base?.() ?? minimalConfig();
      for (const value of limit.inside)
        expect(problems(withValue(limit.path, value, base)), JSON.stringify(value)).toEqual([]);
      for (const [value, message] of limit.outside) {
        const lines = problems(withValue(limit.path, value, base));
        expect(lines, JSON.stringify(value)).toContain(
          `${displayPath(limit.path)}: ${message} (got ${JSON.stringify(value).length > 80 ? `${JSON.stringify(value).slice(0, 77)}...` : JSON.stringify(value)})`,
        );
      }
    });
  }

  test("lists that must not be empty say what to list", () => {
    expect(problems(withValue("models", []))).toContain("models: must list at least one model deployment (got [])");
    expect(problems(withValue("access.userGroupIds", []))).toContain(
      "access.userGroupIds: must list at least one Entra group for Codex users (got [])",
    );
    expect(problems(withValue("access.adminGroupIds", []))).toContain(
      "access.adminGroupIds: must list at least one Entra group for admins (got [])",
    );
    expect(problems(withValue("budget.contactEmails", []))).toContain(
      "budget.contactEmails: must list at least one contact email (got [])",
    );
    expect(problems(withValue("codex.runnerLabels", []))).toContain(
      "codex.runnerLabels: must list at least 1 item(s) (got [])",
    );
    expect(problems(withValue("budget.contactEmails", ["finops"]))).toContain(
      'budget.contactEmails[0]: must be an email address (got "finops")',
    );
  });

  test("a tag name of 512 characters passes, 513 or one with a forbidden character fails, quoting the name", () => {
    expect(problems(withValue("tags", { [long(512)]: "x" }))).toEqual([]);
    for (const name of [long(513), "a<b", "a>b", "a%b", "a&b", "a\\b", "a?b", "a/b"]) {
      const lines = problems(withValue("tags", { [name]: "x" }));
      expect(
        lines.some((line) =>
          line.startsWith(`tags.${name}: must be an Azure tag name: 1-512 characters, none of < > % & \\ ? /`),
        ),
        `${name}\n${lines.join("\n")}`,
      ).toBe(true);
    }
  });
});

describe("the shared patterns of lib/config/patterns.ts", () => {
  test("team names", () => {
    for (const name of ["ab", "a1", "a-b-c", long(16)]) expect(TEAM_NAME_PATTERN.test(name), name).toBe(true);
    for (const name of ["a", long(17), "1a", "-ab", "ab-", "a--b", "aB", "xab ", " ab", "a_b"])
      expect(TEAM_NAME_PATTERN.test(name), name).toBe(false);
  });

  test("deployment names", () => {
    for (const name of ["a", "0", "A.b_c-d", label(64)]) expect(DEPLOYMENT_NAME_PATTERN.test(name), name).toBe(true);
    for (const name of ["", label(65), ".a", "-a", "_a", "a b", "a/b", " a", "a "])
      expect(DEPLOYMENT_NAME_PATTERN.test(name), name).toBe(false);
  });

  test("runner labels", () => {
    for (const name of ["a", "0", "self-hosted", "A.b_c-d"]) expect(RUNNER_LABEL_PATTERN.test(name), name).toBe(true);
    for (const name of ["", "-a", ".a", "_a", "a b", "a,b", " a", "a "])
      expect(RUNNER_LABEL_PATTERN.test(name), name).toBe(false);
  });

  test("stack names, plain and qualified", () => {
    for (const name of ["a", "dev", "A.b_c-d", long(100)]) expect(STACK_NAME_PATTERN.test(name), name).toBe(true);
    for (const name of ["", long(101), "a/b", "a b", " a", "a "])
      expect(STACK_NAME_PATTERN.test(name), name).toBe(false);
    for (const name of ["dev", "proj/dev", "org/proj/dev", `${long(100)}/${long(100)}/${long(100)}`])
      expect(QUALIFIED_STACK_NAME_PATTERN.test(name), name).toBe(true);
    for (const name of [
      "",
      "a/b/c/d",
      "/dev",
      "dev/",
      "org//dev",
      `${long(101)}/dev`,
      `org/${long(101)}`,
      "org/a b",
      " dev",
      "dev ",
    ]) {
      expect(QUALIFIED_STACK_NAME_PATTERN.test(name), name).toBe(false);
    }
  });

  test("ignoreCase doubles each letter and letter range, keeps escapes, and adds no flag", () => {
    expect(ignoreCase(/^ab[c-d]x\.y$/).source).toBe("^[aA][bB][c-dC-D][xX]\\.[yY]$");
    expect(ignoreCase(/[ab]/).source).toBe("[aAbB]");
    expect(ignoreCase(/\d\/[0-9a-f]{2}/).source).toBe("\\d\\/[0-9a-fA-F]{2}");
    expect(ignoreCase(/^[A-Z_]$/).source).toBe("^[A-Za-z_]$");
    expect(ignoreCase(/[a]b[c]/).source).toBe("[aA][bB][cC]");
    expect(ignoreCase(/\w+/).source).toBe("\\w+");
    expect(ignoreCase(/^x$/i).flags).toBe("");
  });
});
