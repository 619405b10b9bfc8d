import { describe, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, TYPES } from "../../lib/policy/types";

/**
 * key-auth-exception-recorded: which policy exemptions count as the recorded exception for a key-auth account.
 * One on the account itself always does; one on the account's resource group only when its resource selectors
 * (none: everything in the group) take in AI accounts. Each case that must pass sits beside the one that must fail.
 */
const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de";
const GROUP_SCOPE = `${SUB}/resourceGroups/rg-codex-t`;
const UNRECORDED = "urn:account: key authentication is on and no policy exemption records why";
const AI = "Microsoft.CognitiveServices/accounts";

function findings(resources: PolicyResource[]): string[] {
  const control = BOUNDARY_POLICIES.find((p) => p.name === "key-auth-exception-recorded");
  if (!control) throw new Error("no key-auth-exception-recorded control");
  return control.check(resources, { nowMs: 0 }).map((v) => `${v.urn}: ${v.message}`);
}
const account = (props: Record<string, unknown> = { resourceGroupName: "rg-codex-t" }) =>
  ({
    urn: "urn:account",
    type: TYPES.account,
    name: "aif-codex-t",
    props: { properties: { disableLocalAuth: false }, ...props },
  }) satisfies PolicyResource;
const exemption = (scope: string, resourceSelectors?: unknown) =>
  ({
    urn: "urn:exemption",
    type: TYPES.policyExemption,
    name: "exemption",
    props: { scope, resourceSelectors },
  }) satisfies PolicyResource;
const byType = (kind: Record<string, unknown>) => [{ name: "s", selectors: [kind] }];

describe("an exemption on the account's resource group", () => {
  test("without selectors, or with an empty list, it takes in the account", () => {
    expect(findings([account(), exemption(GROUP_SCOPE)])).toEqual([]);
    expect(findings([account(), exemption(GROUP_SCOPE, [])])).toEqual([]);
    expect(findings([account(), exemption(GROUP_SCOPE.toUpperCase())])).toEqual([]);
  });
  test("on another group, or a group whose name only ends like this one, it does not count", () => {
    expect(findings([account(), exemption(`${SUB}/resourceGroups/rg-other`)])).toEqual([UNRECORDED]);
    expect(findings([account({ resourceGroupName: "codex-t" }), exemption(GROUP_SCOPE)])).toEqual([UNRECORDED]);
  });
  test("an account without a resource group name is matched on the account only, never on a bare /resourceGroups/ scope", () => {
    expect(findings([account({}), exemption(`${SUB}/resourceGroups/`)])).toEqual([UNRECORDED]);
    expect(
      findings([account({}), exemption(`${GROUP_SCOPE}/providers/Microsoft.CognitiveServices/accounts/aif-codex-t`)]),
    ).toEqual([]);
  });
  test("a resourceType selector listing AI accounts (any case) in `in` takes it in; one listing only other types does not", () => {
    expect(
      findings([account(), exemption(GROUP_SCOPE, byType({ kind: "resourceType", in: [AI.toUpperCase()] }))]),
    ).toEqual([]);
    expect(
      findings([
        account(),
        exemption(GROUP_SCOPE, byType({ kind: "resourceType", in: ["Microsoft.KeyVault/vaults", AI] })),
      ]),
    ).toEqual([]);
    expect(
      findings([
        account(),
        exemption(GROUP_SCOPE, byType({ kind: "resourceType", in: ["Microsoft.KeyVault/vaults"] })),
      ]),
    ).toEqual([UNRECORDED]);
    expect(findings([account(), exemption(GROUP_SCOPE, byType({ kind: "resourceType", in: "junk" }))])).toEqual([
      UNRECORDED,
    ]);
  });
  test("`notIn` leaves AI accounts out only when it lists them", () => {
    expect(findings([account(), exemption(GROUP_SCOPE, byType({ kind: "resourceType", notIn: [AI] }))])).toEqual([
      UNRECORDED,
    ]);
    expect(
      findings([
        account(),
        exemption(GROUP_SCOPE, byType({ kind: "resourceType", notIn: ["Microsoft.KeyVault/vaults"] })),
      ]),
    ).toEqual([]);
    expect(findings([account(), exemption(GROUP_SCOPE, byType({ kind: "resourceType" }))])).toEqual([]);
  });
  test("selectors of another kind do not narrow the resource type; every resourceType selector of an entry must take AI accounts in", () => {
    expect(
      findings([account(), exemption(GROUP_SCOPE, byType({ kind: "resourceLocation", in: ["westeurope"] }))]),
    ).toEqual([]);
    const both = [
      {
        name: "s",
        selectors: [
          { kind: "resourceLocation", notIn: [AI] },
          { kind: "resourceType", notIn: [AI] },
        ],
      },
    ];
    expect(findings([account(), exemption(GROUP_SCOPE, both)])).toEqual([UNRECORDED]);
    const twoTypes = [
      {
        name: "s",
        selectors: [
          { kind: "resourceType", in: [AI] },
          { kind: "resourceType", in: ["Microsoft.KeyVault/vaults"] },
        ],
      },
    ];
    expect(findings([account(), exemption(GROUP_SCOPE, twoTypes)])).toEqual([UNRECORDED]);
  });
  test("one entry that takes AI accounts in is enough; an entry without a selector list takes everything in", () => {
    const entries = [
      { name: "vaults", selectors: [{ kind: "resourceType", in: ["Microsoft.KeyVault/vaults"] }] },
      { name: "ai", selectors: [{ kind: "resourceType", in: [AI] }] },
    ];
    expect(findings([account(), exemption(GROUP_SCOPE, entries)])).toEqual([]);
    expect(findings([account(), exemption(GROUP_SCOPE, [{ name: "all" }])])).toEqual([]);
    expect(
      findings([
        account(),
        exemption(GROUP_SCOPE, [
          { name: "vaults", selectors: [{ kind: "resourceType", in: ["Microsoft.KeyVault/vaults"] }] },
        ]),
      ]),
    ).toEqual([UNRECORDED]);
  });
  test("an exemption is not needed once local auth is off", () => {
    expect(findings([account({ resourceGroupName: "rg-codex-t", properties: { disableLocalAuth: true } })])).toEqual(
      [],
    );
    expect(findings([account()])).toEqual([UNRECORDED]);
  });
});
