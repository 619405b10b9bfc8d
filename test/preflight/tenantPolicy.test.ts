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

describe("Deny findings over the planned resources", () => {
  const base = {
    subscriptionId: SUB,
    definitions: reads(byId(SET, KEYS, WORKSPACE)),
    exemptions: [] as PlannedExemption[],
    nowMs: NOW,
  };
  const denyKeys = (more = {}) =>
    assignment("mcsb", SET.id, { parameters: { aiKeysEffect: { value: "Deny" } }, ...more });

  test("a key-mode account under Deny: one finding naming assignment, definition, resource, property and fix", () => {
    const found = tenantPolicyFindings({
      ...base,
      assignments: { ok: true, value: [denyKeys()] },
      resources: { ok: true, value: [account(false)] },
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.subject).toBe(`ai-account (Microsoft.CognitiveServices/accounts ${account(false).id})`);
    expect(found[0]?.problem).toBe(
      `assignment 'mcsb' (${denyKeys().id}) would deny it: definition '${KEYS.properties.displayName}' (${KEYS.id}) in initiative 'mcsb initiative' as aiKeys; the rule tests Microsoft.CognitiveServices/accounts/disableLocalAuth, Microsoft.Search/searchServices/disableLocalAuth`,
    );
    expect(found[0]?.fix).toContain(
      `an exemption for ${account(false).id} from ${denyKeys().id} with policyDefinitionReferenceIds [aiKeys]`,
    );
    expect(
      tenantPolicyFindings({
        ...base,
        assignments: { ok: true, value: [denyKeys()] },
        resources: { ok: true, value: [account(true)] },
      }),
    ).toEqual([]);
  });

  test("DoNotEnforce, a notScope over the group, an Audit effect and the stack's own exemption: nothing", () => {
    const resources = { ok: true as const, value: [account(false)] };
    const none = (value: ReturnType<typeof denyKeys>[], exemptions = base.exemptions) =>
      tenantPolicyFindings({ ...base, exemptions, assignments: { ok: true, value }, resources });
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
      assignments: {
        ok: true,
        value: [
          assignment("custom", unknownAlias.id),
          assignment("gone", `${SUB}/missing`),
          assignment("selected", unknownAlias.id, { resourceSelectors: [{ name: "x", selectors: [] }] }),
        ],
      },
      resources: { ok: true, value: [account(false)] },
    });
    expect(found.map((f) => f.problem)).toEqual([
      `assignment 'custom' (${assignment("custom", unknownAlias.id).id}), definition 'Custom' (${unknownAlias.id}): not evaluated offline (alias Microsoft.CognitiveServices/accounts/networkInjections is not in the alias table); it may deny the resource`,
      `assignment 'gone' (${assignment("gone", "").id}), definition (${SUB}/missing): its definition could not be read (not asked); not evaluated`,
      `assignment 'selected' (${assignment("selected", "").id}) has overrides or resource selectors, which the offline evaluator does not apply: not evaluated`,
    ]);
    const unlisted = tenantPolicyFindings({
      ...base,
      assignments: { ok: false, status: 403, message: "AuthorizationFailed" },
      resources: { ok: true, value: [] },
    });
    expect(unlisted[0]?.problem).toContain(
      "could not list the policy assignments that apply there (HTTP 403: AuthorizationFailed)",
    );
    const unplanned = tenantPolicyFindings({
      ...base,
      assignments: { ok: true, value: [denyKeys()] },
      resources: { ok: false, message: "boom" },
    });
    expect(unplanned[0]?.problem).toContain("could not be planned offline (boom); they were not evaluated");
  });
});
