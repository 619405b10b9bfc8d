import { describe, expect, test } from "vitest";
import type { PlannedArmResource, PlannedExemption } from "../../lib/azurePolicy/fromPulumi";
import type { Read } from "../../lib/preflight/findings";
import {
  type ArmDefinition,
  expandAssignment,
  memberDefinitionIds,
  tenantPolicyFindings,
  testedFields,
} from "../../lib/preflight/tenantPolicy";
import type { WriteScope } from "../../lib/preflight/policyScopes";
import { assignment, builtIn, byId, initiative, SUB } from "./tenantPolicyShapes";

const NOW = Date.parse("2026-12-07T00:00:00Z");
const KEYS = builtIn("71ef260a");
const WORKSPACE = builtIn("6c53d030");
const SET = initiative(
  "mcsb",
  [
    { definition: KEYS, referenceId: "aiKeys", parameters: { effect: "[parameters('aiKeysEffect')]" } },
    { definition: WORKSPACE, referenceId: "lawIngestion", parameters: { effect: "[parameters('lawEffect')]" } },
  ],
  { aiKeysEffect: { type: "String", defaultValue: "Audit" }, lawEffect: { type: "String", defaultValue: "Deny" } },
);
const reads = (items: Record<string, unknown>) =>
  new Map(Object.entries(items).map(([k, v]) => [k, { ok: true, value: v } as Read<ArmDefinition>]));
const GROUP = `/subscriptions/${SUB}/resourceGroups/rg-codex-dev`;
const account = (disableLocalAuth: boolean): PlannedArmResource => ({
  urn: "urn:pulumi:dev::codex-boundary::azure-native:cognitiveservices:Account::ai-account",
  pulumiName: "ai-account",
  id: `${GROUP}/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`,
  type: "Microsoft.CognitiveServices/accounts",
  name: "aif-codex-dev",
  location: "eastus2",
  kind: "AIServices",
  properties: { disableLocalAuth },
});

describe("an assignment's definitions", () => {
  test("an initiative's members take the assignment's values, else the initiative's defaults", () => {
    const a = assignment("mcsb", SET.id, { parameters: { aiKeysEffect: { value: "Deny" } } });
    const members = expandAssignment(a, reads(byId(SET, KEYS, WORKSPACE)), NOW);
    expect(members.map((m) => [m.referenceId, m.definition?.name, m.parameters])).toEqual([
      ["aiKeys", KEYS.name, { effect: "Deny" }],
      ["lawIngestion", WORKSPACE.name, { effect: "Deny" }],
    ]);
    expect(memberDefinitionIds({ ok: true, value: SET })).toEqual([KEYS.id, WORKSPACE.id]);
  });

  test("a single definition carries the assignment's parameters; an unreadable one or an unresolvable member says why", () => {
    const direct = expandAssignment(
      assignment("keys", KEYS.id, { parameters: { effect: { value: "Deny" } } }),
      reads(byId(KEYS)),
      NOW,
    );
    expect(direct).toMatchObject([{ definitionId: KEYS.id, parameters: { effect: "Deny" } }]);
    expect(direct[0]?.definition?.version).toBe(KEYS.properties.metadata?.version);
    const missing = expandAssignment(
      assignment("keys", KEYS.id),
      new Map([[KEYS.id.toLowerCase(), { ok: false, status: 403, message: "AuthorizationFailed" }]]),
      NOW,
    );
    expect(missing[0]?.problem).toBe("its definition could not be read (HTTP 403: AuthorizationFailed)");
    const noDefault = initiative(
      "strict",
      [{ definition: KEYS, referenceId: "aiKeys", parameters: { effect: "[parameters('unset')]" } }],
      { unset: { type: "String" } },
    );
    const [member] = expandAssignment(assignment("strict", noDefault.id), reads(byId(noDefault, KEYS)), NOW);
    expect(member?.definition).toBeUndefined();
    expect(member?.problem).toBe("initiative parameter unset has no value and no default");
  });

  test("the tested aliases name the property, type and expressions left out", () => {
    expect(testedFields(KEYS.properties.policyRule.if)).toEqual([
      "Microsoft.CognitiveServices/accounts/disableLocalAuth",
      "Microsoft.Search/searchServices/disableLocalAuth",
    ]);
  });
});

const TEAM: WriteScope = {
  subscriptionId: SUB,
  resourceGroup: "rg-codex-dev",
  id: GROUP,
  what: "the team's resources",
};
/** PolicyAssignments - List at the team's subscription (its group does not exist yet: 404). */
const atSubscription = (read: Read<ReturnType<typeof assignment>[]>) =>
  new Map([
    [`/subscriptions/${SUB}`, read],
    [GROUP.toLowerCase(), { ok: false, status: 404, message: "ResourceGroupNotFound" } as const],
  ]);

describe("Deny findings over the planned resources", () => {
  const base = {
    scopes: [TEAM],
    managementGroups: new Map<string, Read<string[]>>(),
    definitions: reads(byId(SET, KEYS, WORKSPACE)),
    exemptions: [] as PlannedExemption[],
    nowMs: NOW,
  };
  const denyKeys = (more = {}) =>
    assignment("mcsb", SET.id, { parameters: { aiKeysEffect: { value: "Deny" } }, ...more });

  test("a key-mode account under Deny: one finding naming assignment, definition, resource, property and fix", () => {
    const found = tenantPolicyFindings({
      ...base,
      assignments: atSubscription({ ok: true, value: [denyKeys()] }),
      resources: { ok: true, value: [account(false)] },
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.subject).toBe(`ai-account (Microsoft.CognitiveServices/accounts ${account(false).id})`);
    expect(found[0]?.problem).toBe(
      `at ${GROUP}: assignment 'mcsb' (${denyKeys().id}) would deny it: definition '${KEYS.properties.displayName}' (${KEYS.id}) in initiative 'mcsb initiative' as aiKeys; the rule tests Microsoft.CognitiveServices/accounts/disableLocalAuth, Microsoft.Search/searchServices/disableLocalAuth`,
    );
    expect(found[0]?.fix).toContain(
      `an exemption for ${account(false).id} from ${denyKeys().id} with policyDefinitionReferenceIds [aiKeys]`,
    );
    expect(
      tenantPolicyFindings({
        ...base,
        assignments: atSubscription({ ok: true, value: [denyKeys()] }),
        resources: { ok: true, value: [account(true)] },
      }),
    ).toEqual([]);
  });

  test("DoNotEnforce, a notScope over the group, an Audit effect and the stack's own exemption: nothing", () => {
    const resources = { ok: true as const, value: [account(false)] };
    const none = (value: ReturnType<typeof denyKeys>[], exemptions = base.exemptions) =>
      tenantPolicyFindings({ ...base, exemptions, assignments: atSubscription({ ok: true, value }), resources });
    expect(none([denyKeys({ enforcementMode: "DoNotEnforce" })])).toEqual([]);
    expect(none([denyKeys({ notScopes: [GROUP] })])).toEqual([]);
    expect(none([assignment("mcsb", SET.id)])).toEqual([]);
    expect(none([denyKeys()], [{ name: "keys", scope: GROUP, policyAssignmentId: denyKeys().id }])).toEqual([]);
    const exemption = { name: "keys", scope: GROUP, policyAssignmentId: denyKeys().id };
    expect(none([denyKeys()], [{ ...exemption, policyDefinitionReferenceIds: ["AIKEYS"] }])).toEqual([]);
    // An exemption from other members, from another assignment or expired leaves the Deny in place.
    for (const other of [
      { ...exemption, policyDefinitionReferenceIds: ["lawIngestion"] },
      { ...exemption, policyAssignmentId: `${denyKeys().id}-other` },
      { ...exemption, expiresOn: "2026-12-06T00:00:00Z" },
    ])
      expect(none([denyKeys()], [other])).toHaveLength(1);
  });

  test("what cannot be judged is reported as not evaluated, never as a pass", () => {
    const unknownAlias = {
      ...KEYS,
      id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/custom`,
      name: "custom",
      properties: {
        ...KEYS.properties,
        displayName: "Custom",
        policyRule: {
          if: { field: "Microsoft.CognitiveServices/accounts/networkInjections", exists: true },
          then: { effect: "deny" },
        },
      },
    };
    const found = tenantPolicyFindings({
      ...base,
      definitions: reads(byId(unknownAlias)),
      assignments: atSubscription({
        ok: true,
        value: [
          assignment("custom", unknownAlias.id),
          assignment("gone", `${SUB}/missing`),
          assignment("selected", unknownAlias.id, { resourceSelectors: [{ name: "x", selectors: [] }] }),
        ],
      }),
      resources: { ok: true, value: [account(false)] },
    });
    expect(found.map((f) => f.problem)).toEqual([
      `at ${GROUP}: assignment 'custom' (${assignment("custom", unknownAlias.id).id}), definition 'Custom' (${unknownAlias.id}): not evaluated offline (alias Microsoft.CognitiveServices/accounts/networkInjections is not in the alias table); it may deny the resource`,
      `at ${GROUP}: assignment 'gone' (${assignment("gone", "").id}), definition (${SUB}/missing): its definition could not be read (not asked); not evaluated`,
      `at ${GROUP}: assignment 'selected' (${assignment("selected", "").id}) has overrides or resource selectors, which the offline evaluator does not apply: not evaluated`,
    ]);
    const unlisted = tenantPolicyFindings({
      ...base,
      assignments: atSubscription({ ok: false, status: 403, message: "AuthorizationFailed" }),
      resources: { ok: true, value: [] },
    });
    expect(unlisted).toEqual([
      {
        check: "policy",
        subject: `/subscriptions/${SUB}`,
        problem: `could not list the policy assignments that apply at subscription ${SUB}, where the stack writes the team's resources (${GROUP}) (HTTP 403: AuthorizationFailed); Azure Policy denials there were not checked`,
        fix: `grant the signed-in identity Reader (Microsoft.Authorization/policyAssignments/read, policyDefinitions/read, policySetDefinitions/read) on subscription ${SUB}`,
      },
    ]);
    const unplanned = tenantPolicyFindings({
      ...base,
      assignments: atSubscription({ ok: true, value: [denyKeys()] }),
      resources: { ok: false, message: "boom" },
    });
    expect(unplanned[0]?.problem).toContain("could not be planned offline (boom); they were not evaluated");
  });
});

describe("each resource judged at its own scope", () => {
  const HUB = "22222222-3333-4444-8555-666666666666";
  const HUB_GROUP = `/subscriptions/${HUB}/resourceGroups/rg-spoke-payments-endpoints`;
  const ENDPOINTS: WriteScope = {
    subscriptionId: HUB,
    resourceGroup: "rg-spoke-payments-endpoints",
    id: HUB_GROUP,
    what: "the private endpoints and their DNS zone groups",
  };
  const NO_ENDPOINTS = {
    ...KEYS,
    id: `/subscriptions/${HUB}/providers/Microsoft.Authorization/policyDefinitions/no-endpoints`,
    name: "no-endpoints",
    properties: {
      ...KEYS.properties,
      displayName: "No private endpoints",
      parameters: {},
      policyRule: { if: { field: "type", equals: "Microsoft.Network/privateEndpoints" }, then: { effect: "deny" } },
    },
  };
  const endpoint = (group: string): PlannedArmResource => ({
    urn: "urn:pulumi:hub::codex-boundary::azure-native:network:PrivateEndpoint::private-endpoints-account",
    pulumiName: "private-endpoints-account",
    id: `${group}/providers/Microsoft.Network/privateEndpoints/pe-aif-codex-dev`,
    type: "Microsoft.Network/privateEndpoints",
    name: "pe-aif-codex-dev",
    location: "eastus2",
    properties: {},
  });
  const hubDeny = (name: string, definitionId: string) =>
    assignment(name, definitionId, { scope: `/subscriptions/${HUB}`, parameters: { effect: { value: "Deny" } } });
  const mg = (name: string) => `/providers/Microsoft.Management/managementGroups/${name}`;
  const input = (lists: Array<[string, Read<ReturnType<typeof assignment>[]>]>, more = {}) => ({
    scopes: [TEAM, ENDPOINTS],
    assignments: new Map(lists.map(([k, v]) => [k.toLowerCase(), v])),
    managementGroups: new Map<string, Read<string[]>>(),
    definitions: reads(byId(KEYS, NO_ENDPOINTS)),
    resources: { ok: true as const, value: [account(false), endpoint(HUB_GROUP)] },
    exemptions: [] as PlannedExemption[],
    nowMs: NOW,
    ...more,
  });
  const none: Read<ReturnType<typeof assignment>[]> = { ok: true, value: [] };
  const absent: Read<ReturnType<typeof assignment>[]> = { ok: false, status: 404, message: "ResourceGroupNotFound" };

  test("the hub subscription's Deny hits the endpoint written there and nothing of the team's subscription", () => {
    const hub: Read<ReturnType<typeof assignment>[]> = {
      ok: true,
      value: [hubDeny("hub-keys", KEYS.id), hubDeny("no-endpoints", NO_ENDPOINTS.id)],
    };
    const found = tenantPolicyFindings(
      input([
        [`/subscriptions/${SUB}`, none],
        [GROUP, absent],
        [`/subscriptions/${HUB}`, hub],
        [HUB_GROUP, hub],
      ]),
    );
    expect(found.map((f) => [f.subject, f.problem.split(" would deny")[0]])).toEqual([
      [
        `private-endpoints-account (Microsoft.Network/privateEndpoints ${endpoint(HUB_GROUP).id})`,
        `at ${HUB_GROUP}: assignment 'no-endpoints' (${hubDeny("no-endpoints", "").id})`,
      ],
    ]);
    // The same endpoint in the team's group is out of the hub assignment's reach.
    expect(
      tenantPolicyFindings(
        input(
          [
            [`/subscriptions/${SUB}`, none],
            [`/subscriptions/${HUB}`, hub],
          ],
          { resources: { ok: true, value: [endpoint(GROUP)] } },
        ),
      ),
    ).toEqual([]);
  });

  test("a hub subscription that answers 403 is reported as not checked, the team's scope still judged", () => {
    const found = tenantPolicyFindings(
      input([
        [`/subscriptions/${SUB}`, { ok: true, value: [hubDeny("keys", KEYS.id)] }],
        [`/subscriptions/${HUB}`, { ok: false, status: 403, message: "AuthorizationFailed" }],
        [HUB_GROUP, { ok: false, status: 403, message: "AuthorizationFailed" }],
      ]),
    );
    expect(found[0]).toEqual({
      check: "policy",
      subject: `/subscriptions/${HUB}`,
      problem: `could not list the policy assignments that apply at subscription ${HUB}, where the stack writes the private endpoints and their DNS zone groups (${HUB_GROUP}) (HTTP 403: AuthorizationFailed); Azure Policy denials there were not checked`,
      fix: `grant the signed-in identity Reader (Microsoft.Authorization/policyAssignments/read, policyDefinitions/read, policySetDefinitions/read) on subscription ${HUB}, or ask the platform team that runs it to check the stack's endpoints against its assignments`,
    });
    expect(found.slice(1).map((f) => f.subject)).toEqual([
      `ai-account (Microsoft.CognitiveServices/accounts ${account(false).id})`,
    ]);
  });

  test("an existing group's own assignments count; a group listing refused falls back to the subscription's, said so", () => {
    const atGroup = assignment("group-keys", KEYS.id, { scope: GROUP, parameters: { effect: { value: "Deny" } } });
    const own = tenantPolicyFindings(
      input([
        [`/subscriptions/${SUB}`, none],
        [GROUP, { ok: true, value: [atGroup] }],
        [`/subscriptions/${HUB}`, none],
        [HUB_GROUP, none],
      ]),
    );
    expect(own.map((f) => f.problem.split(" would deny")[0])).toEqual([
      `at ${GROUP}: assignment 'group-keys' (${atGroup.id})`,
    ]);
    const refused = tenantPolicyFindings(
      input([
        [`/subscriptions/${SUB}`, none],
        [GROUP, { ok: false, status: 403, message: "AuthorizationFailed" }],
        [`/subscriptions/${HUB}`, none],
        [HUB_GROUP, absent],
      ]),
    );
    expect(refused.map((f) => [f.subject, f.problem])).toEqual([
      [
        GROUP,
        `could not list the policy assignments at resource group ${GROUP} (HTTP 403: AuthorizationFailed); those of subscription ${SUB} and above were checked, any made at the group itself were not`,
      ],
    ]);
  });

  test("a management group notScope excludes the subscription under it, not one beside it; an unreadable hierarchy is not evaluated", () => {
    const excluded = (notScopes: string[]) =>
      assignment("mcsb-keys", KEYS.id, { parameters: { effect: { value: "Deny" } }, notScopes });
    const run = (a: ReturnType<typeof assignment>, managementGroups: Map<string, Read<string[]>>) =>
      tenantPolicyFindings(
        input(
          [
            [`/subscriptions/${SUB}`, { ok: true, value: [a] }],
            [`/subscriptions/${HUB}`, { ok: true, value: [a] }],
          ],
          { managementGroups },
        ),
      );
    const hierarchy = new Map<string, Read<string[]>>([
      [mg("corp-sandbox").toLowerCase(), { ok: true, value: [mg("corp-sandbox-eu"), `/subscriptions/${SUB}`] }],
      [mg("online").toLowerCase(), { ok: true, value: [`/subscriptions/${HUB}`] }],
    ]);
    expect(run(excluded([mg("corp-sandbox")]), hierarchy)).toEqual([]);
    expect(run(excluded([mg("online")]), hierarchy).map((f) => f.subject)).toEqual([
      `ai-account (Microsoft.CognitiveServices/accounts ${account(false).id})`,
    ]);
    const unreadable = run(
      excluded([mg("corp-sandbox")]),
      new Map([[mg("corp-sandbox").toLowerCase(), { ok: false, status: 403, message: "AuthorizationFailed" }]]),
    );
    expect(unreadable.map((f) => [f.subject, f.problem.split(" (")[0]])).toEqual([
      [excluded([]).id, `at subscription ${SUB}: assignment 'mcsb-keys'`],
      [excluded([]).id, `at subscription ${HUB}: assignment 'mcsb-keys'`],
    ]);
    expect(unreadable[0]?.problem).toContain(
      `not evaluated: cannot read management groups (${mg("corp-sandbox")}: HTTP 403: AuthorizationFailed)`,
    );
    expect(unreadable[0]?.fix).toBe(
      `grant the signed-in identity Management Group Reader (or Reader) on ${mg("corp-sandbox")}, or ask the platform team whether subscription ${SUB} is under it`,
    );
  });
});
