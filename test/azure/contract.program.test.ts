import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ContractValidator, GENERIC_RESOURCE_TYPE, isOutOfScope } from "../../tools/azureContract/validate";
import { REQUEST_TARGETS, RESOURCE_TARGETS } from "../../tools/azureContract/targets";
import { createKeyRegenerationProvider, type KeyRegenerationInputs } from "../../providers/keyRegeneration";
import { AZURE_CONTRACT, PROJECT_DIR, plannedResources, type PlannedResource } from "../support/contractPlan";
import { FakeArm } from "../support/fakeArm";
import { NEVER_EXPIRES_MS } from "../support/clock";

const STACKS = [
  { name: "dev", options: { stack: "dev" } },
  { name: "hub fixture", options: { stack: "hub", fixture: "Pulumi.hub.yaml" } },
  { name: "noncompliant fixture", options: { stack: "noncompliant", fixture: "Pulumi.noncompliant.yaml" } },
  { name: "optouts fixture", options: { stack: "optouts", fixture: "Pulumi.optouts.yaml" } },
];

const REGENERATE_KEY = "Microsoft.CognitiveServices/accounts/regenerateKey";
/** Dynamic resources that call ARM themselves, and the request contract their call is checked against. */
const DYNAMIC_REQUESTS: Record<
  string,
  { request: string; pathAndBody: (inputs: Record<string, unknown>) => Record<string, unknown> }
> = {
  "pulumi-nodejs:dynamic/keys:KeyRegeneration": {
    request: REGENERATE_KEY,
    pathAndBody: (i) => ({ resourceGroupName: i.resourceGroupName, accountName: i.accountName, keyName: i.keyName }),
  },
};

const validator = new ContractValidator(AZURE_CONTRACT);
const plans = new Map<string, PlannedResource[]>();

beforeAll(async () => {
  for (const stack of STACKS) plans.set(stack.name, await plannedResources(stack.options));
});

function planOf(name: string): PlannedResource[] {
  const plan = plans.get(name);
  if (!plan) throw new Error(`no plan for ${name}`);
  return plan;
}

function firstOfType(type: string): PlannedResource {
  const found = planOf("dev").find((r) => r.type === type);
  if (!found) throw new Error(`the dev plan has no ${type}`);
  return structuredClone(found);
}

describe.each(STACKS)("$name: every planned Azure input matches Azure's published contract", ({ name }) => {
  test("each planned type has an extracted contract, a checked request, or is listed out of scope", () => {
    const uncovered = [...new Set(planOf(name).map((r) => r.type))].filter(
      (type) => !isOutOfScope(type) && validator.entryFor(type, {}) === undefined && type !== GENERIC_RESOURCE_TYPE,
    );
    expect(uncovered).toEqual([]);
    const dynamic = planOf(name).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(dynamic.map((r) => r.type).filter((type) => !(type in DYNAMIC_REQUESTS))).toEqual([]);
    expect(planOf(name).filter((r) => r.type.startsWith("azure-native:")).length).toBeGreaterThan(10);
  });

  test("no Azure input has an unknown property, a wrong enum, a broken pattern or length, or misses a required property", () => {
    const problems = planOf(name)
      .filter((r) => !isOutOfScope(r.type))
      .flatMap((r) => validator.resourceProblems(r.type, r.inputs).map((problem) => `${r.urn}: ${problem}`));
    expect(problems).toEqual([]);
  });

  test("the key regeneration's ARM call (path parameters and body) matches regenerateKey", () => {
    const calls = planOf(name).filter((r) => r.type in DYNAMIC_REQUESTS);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const check = DYNAMIC_REQUESTS[call.type];
      if (!check) throw new Error(`no request check for ${call.type}`);
      expect(validator.requestProblems(check.request, "inputs", check.pathAndBody(call.inputs)), call.urn).toEqual([]);
    }
  });
});

describe("the contract catches what Azure would refuse (a planned dev input, mutated)", () => {
  test("a value outside an enum", () => {
    const account = firstOfType("azure-native:cognitiveservices:Account");
    (account.inputs.properties as Record<string, unknown>).publicNetworkAccess = "SometimesEnabled";
    expect(validator.resourceProblems(account.type, account.inputs)).toContainEqual(
      expect.stringContaining("/properties/publicNetworkAccess: must be one of Enabled, Disabled"),
    );
  });

  test("an unknown property, at the top and nested under properties", () => {
    const vault = firstOfType("azure-native:keyvault:Vault");
    vault.inputs.softDeleteRetentionDays = 30;
    (vault.inputs.properties as Record<string, unknown>).enablePurgeProtect = true;
    const problems = validator.resourceProblems(vault.type, vault.inputs);
    expect(problems).toContainEqual(expect.stringContaining('unknown property "softDeleteRetentionDays"'));
    expect(problems).toContainEqual(expect.stringContaining('/properties: unknown property "enablePurgeProtect"'));
  });

  test("a name too long or off-pattern for its path parameter", () => {
    const account = firstOfType("azure-native:cognitiveservices:Account");
    account.inputs.accountName = `a${"b".repeat(64)}`;
    account.inputs.resourceGroupName = "rg with spaces";
    const problems = validator.resourceProblems(account.type, account.inputs);
    expect(problems).toContainEqual(expect.stringContaining("/accountName: must NOT have more than 64 characters"));
    expect(problems).toContainEqual(expect.stringContaining("/resourceGroupName: must match pattern"));
    const workspace = firstOfType("azure-native:operationalinsights:Workspace");
    workspace.inputs.workspaceName = "log";
    expect(validator.resourceProblems(workspace.type, workspace.inputs)).toContainEqual(
      expect.stringContaining("/workspaceName: must NOT have fewer than 4 characters"),
    );
  });

  test("a missing required property, flattened from properties and nested in a map", () => {
    const assignment = firstOfType("azure-native:authorization:RoleAssignment");
    delete assignment.inputs.principalId;
    expect(validator.resourceProblems(assignment.type, assignment.inputs)).toContainEqual(
      '(top level): missing required property "principalId"',
    );
    const budget = firstOfType("azure-native:consumption:Budget");
    const notifications = budget.inputs.notifications as Record<string, Record<string, unknown>>;
    const first = Object.values(notifications)[0];
    if (!first) throw new Error("the dev budget has no notification");
    delete first.contactEmails;
    expect(validator.resourceProblems(budget.type, budget.inputs)).toContainEqual(
      expect.stringContaining('missing required property "contactEmails"'),
    );
  });

  test("a wrong type and more notifications than a budget takes", () => {
    const budget = firstOfType("azure-native:consumption:Budget");
    budget.inputs.amount = "2000";
    const notifications = budget.inputs.notifications as Record<string, unknown>;
    const template = Object.values(notifications)[0];
    for (let i = 0; i < 5; i += 1) notifications[`extra-${i}`] = template;
    const problems = validator.resourceProblems(budget.type, budget.inputs);
    expect(problems).toContainEqual("/amount: must be number");
    expect(problems).toContainEqual("/notifications: must NOT have more than 5 properties");
  });

  test("a part of the API whose spec file is not extracted fails instead of passing unchecked", () => {
    const subnet = firstOfType("azure-native:network:Subnet");
    subnet.inputs.routeTable = {
      id: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/routeTables/z",
    };
    expect(validator.resourceProblems(subnet.type, subnet.inputs)).toContainEqual(
      expect.stringContaining("/routeTable: uses a part of the API whose spec file is not in the contract"),
    );
  });

  test("a type with no extracted contract fails, the generic resource included", () => {
    expect(validator.resourceProblems("azure-native:network:RouteTable", { resourceGroupName: "rg" })).toEqual([
      "no extracted Azure contract for azure-native:network:RouteTable",
    ]);
    const generic = {
      resourceGroupName: "rg",
      resourceProviderNamespace: "GitHub.Network",
      parentResourcePath: "",
      resourceType: "networkSettings",
      resourceName: "n",
      apiVersion: "2024-04-02",
      properties: {},
    };
    expect(validator.resourceProblems(GENERIC_RESOURCE_TYPE, generic)).toEqual([
      "no extracted Azure contract for azure-native:resources:Resource (GitHub.Network/networkSettings at 2024-04-02)",
    ]);
  });

  test("a regenerateKey call with a key name ARM does not know", () => {
    const regeneration = firstOfType("pulumi-nodejs:dynamic/keys:KeyRegeneration");
    const check = DYNAMIC_REQUESTS[regeneration.type];
    if (!check) throw new Error("no request check");
    expect(
      validator.requestProblems(REGENERATE_KEY, "inputs", {
        ...check.pathAndBody(regeneration.inputs),
        keyName: "Key3",
      }),
    ).toEqual(["/keyName: must be one of Key1, Key2"]);
  });
});

describe("the body the key regeneration provider really sends (through @azure/arm-cognitiveservices, to a local ARM stand-in)", () => {
  const arm = new FakeArm();
  beforeAll(() => arm.start());
  afterAll(() => arm.stop());

  test("matches RegenerateKeyParameters, and a changed body would not", async () => {
    const planned = firstOfType("pulumi-nodejs:dynamic/keys:KeyRegeneration");
    const credential = { getToken: async () => ({ token: "fake-arm-token", expiresOnTimestamp: NEVER_EXPIRES_MS }) };
    const provider = createKeyRegenerationProvider({ credential, tlsCa: arm.ca });
    const inputs = { ...(planned.inputs as unknown as KeyRegenerationInputs), armEndpoint: arm.endpoint };
    await provider.create?.(inputs);
    const call = arm.calls.find((c) => c.path.endsWith("/regenerateKey"));
    expect(call?.apiVersion).toBe(AZURE_CONTRACT.requests[REGENERATE_KEY]?.apiVersion);
    expect(validator.requestProblems(REGENERATE_KEY, "body", call?.body)).toEqual([]);
    expect(
      validator.requestProblems(REGENERATE_KEY, "body", { ...(call?.body as object), keyName: "key1", extra: true }),
    ).toEqual(['(top level): unknown property "extra"', "/keyName: must be one of Key1, Key2"]);
  });
});

describe("the contract file itself", () => {
  test("each resource type sits at the API version azure-native 3.28.0 uses for it", () => {
    for (const target of RESOURCE_TARGETS) {
      const [, module = "", resource = ""] = target.token.split(":");
      const typings = readFileSync(
        join(
          PROJECT_DIR,
          "node_modules/@pulumi/azure-native",
          module,
          `${resource.charAt(0).toLowerCase()}${resource.slice(1)}.d.ts`,
        ),
        "utf8",
      );
      expect(/Uses Azure REST API version (\S+?)\./.exec(typings)?.[1], target.token).toBe(target.apiVersion);
      expect(AZURE_CONTRACT.resources[target.token]?.apiVersion).toBe(target.apiVersion);
    }
  });

  test("the regenerateKey contract is at the API version @azure/arm-cognitiveservices sends", () => {
    const client = readFileSync(
      join(PROJECT_DIR, "node_modules/@azure/arm-cognitiveservices/dist/commonjs/cognitiveServicesManagementClient.js"),
      "utf8",
    );
    const sdkVersion = /options\.apiVersion \|\| "([^"]+)"/.exec(client)?.[1];
    expect(REQUEST_TARGETS.find((t) => t.name === REGENERATE_KEY)?.apiVersion).toBe(sdkVersion);
    expect(AZURE_CONTRACT.requests[REGENERATE_KEY]?.apiVersion).toBe(sdkVersion);
  });

  test("every entry names its source path and commit; only the private endpoint types read another version's file", () => {
    const entries = { ...AZURE_CONTRACT.resources, ...AZURE_CONTRACT.requests };
    for (const [key, entry] of Object.entries(entries)) {
      expect(entry.source.path, key).toMatch(/^specification\/.+\.json$/);
      expect(entry.source.commit, key).toMatch(/^[0-9a-f]{40}$/);
      expect(AZURE_CONTRACT.sources.map((s) => s.path)).toContain(entry.source.path);
    }
    const substituted = Object.entries(entries)
      .filter(([, entry]) => entry.specApiVersion !== undefined)
      .map(([key]) => key);
    expect(substituted.sort()).toEqual([
      "azure-native:network:PrivateDnsZoneGroup",
      "azure-native:network:PrivateEndpoint",
    ]);
  });

  test("holds structure and constraints only: no description, summary or title text", () => {
    const prose: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${at}[${i}]`));
      else if (typeof value === "object" && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
          if (["description", "summary", "title", "x-ms-enum"].includes(key) && typeof inner !== "object")
            prose.push(`${at}.${key}`);
          if (key === "x-ms-enum") prose.push(`${at}.${key}`);
          walk(inner, `${at}.${key}`);
        }
      }
    };
    walk({ resources: AZURE_CONTRACT.resources, requests: AZURE_CONTRACT.requests, $defs: AZURE_CONTRACT.$defs }, "");
    expect(prose).toEqual([]);
  });
});
