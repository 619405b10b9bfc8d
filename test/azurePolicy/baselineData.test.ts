import { describe, expect, test } from "vitest";
import { aliasPath } from "../../lib/azurePolicy/aliases";
import { BASELINE } from "../../lib/azurePolicy/report";

const ISSUE_IDS = [
  "71ef260a",
  "6c53d030",
  "e15effd4",
  "fa298e57",
  "b0eb591a",
  "67121cc7",
  "2571b7c3",
  "14de9e63",
  "55eff01b",
  "db630ad5",
  "55d1f543",
  "6b359d8f",
];
const BUILT_IN_FIELDS = new Set(["type", "name", "kind", "location", "id", "fullname", "tags", "identity.type"]);

/** Every field a rule names: `field` keys and `field('...')` inside expressions. */
function fieldsOf(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") for (const m of value.matchAll(/field\('([^']+)'\)/g)) out.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) fieldsOf(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.toLowerCase() === "field" && typeof v === "string") {
        // A field that is an expression is checked through the field() calls inside it.
        if (v.startsWith("[")) fieldsOf(v, out);
        else out.add(v);
      } else if (k !== "operations") fieldsOf(v, out);
    }
  }
  return out;
}

describe("the committed baseline", () => {
  test("holds the issue's definitions and ALZ's two, each with its ID, version and source commit", () => {
    const names = BASELINE.definitions.map((d) => d.name);
    for (const id of ISSUE_IDS)
      expect(
        names.some((n) => n.startsWith(id)),
        id,
      ).toBe(true);
    expect(names).toEqual(expect.arrayContaining(["Deny-Subnet-Without-Nsg", "Deny-Private-DNS-Zones"]));
    for (const d of BASELINE.definitions) {
      expect(d.source.commit, d.name).toMatch(/^[0-9a-f]{40}$/);
      expect(d.version, d.name).toMatch(/^\d+\.\d+\.\d+/);
      expect(d.id.endsWith(`/providers/Microsoft.Authorization/policyDefinitions/${d.name}`), d.name).toBe(true);
    }
    expect(
      new Set(
        BASELINE.definitions.filter((d) => d.source.repository === "Azure/azure-policy").map((d) => d.source.commit),
      ),
    ).toEqual(new Set(["f4a50bacae07ddb096943c597669bcae494a6e29"]));
  });

  test("every alias the baseline's rules name is in the alias table", () => {
    const missing = BASELINE.definitions.flatMap((d) =>
      [...fieldsOf(d.policyRule)]
        .filter((f) => !BUILT_IN_FIELDS.has(f.toLowerCase()) && aliasPath(f) === undefined)
        .map((f) => `${d.name}: ${f}`),
    );
    expect(missing).toEqual([]);
  });

  test("ALZ's ARM-template escaping is undone: the rule reads as the tenant's deployed definition", () => {
    const nsg = BASELINE.definitions.find((d) => d.name === "Deny-Subnet-Without-Nsg")!;
    expect(nsg.policyRule.then.effect).toBe("[parameters('effect')]");
    expect(JSON.stringify(nsg.policyRule)).not.toContain("[[");
  });
});
