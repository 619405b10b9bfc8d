import { describe, expect, test } from "vitest";
import { toArmResources } from "../../lib/azurePolicy/fromPulumi";
import { judge } from "../../lib/azurePolicy/judge";
import { BASELINE } from "../../lib/azurePolicy/report";
import { runStack } from "../support/runStack";

const SUB = "00000000-0000-4000-8000-00000000c0de";
const NOW = Date.UTC(2026, 11, 7);

function definition(short: string) {
  const found = BASELINE.definitions.find((d) => d.name.startsWith(short));
  if (found === undefined) throw new Error(`no baseline definition ${short}`);
  return found;
}

async function planned(overrides?: Record<string, unknown>) {
  const run = await runStack(overrides === undefined ? { stack: "dev" } : { stack: "dev", overrides });
  return toArmResources(run.resources, SUB);
}

describe("the planned dev stack against the monitoring definitions of the baseline (the evaluator, real inputs)", () => {
  test("the created workspace is compliant with 6c53d030, e15effd4 and fa298e57 (MCSB's values)", async () => {
    const resources = await planned();
    const workspace = resources.find((r) => r.type === "Microsoft.OperationalInsights/workspaces");
    expect(workspace).toBeDefined();
    for (const id of ["6c53d030", "e15effd4", "fa298e57"]) {
      const d = definition(id);
      const parameters = d.assignedParameters?.values ?? {};
      expect(judge(d, workspace!, resources, { nowMs: NOW, parameters }).outcome, id).toBe("notApplicable");
    }
  });

  test.each([
    ["allLogs", undefined],
    ["audit", { audit: { categoryGroup: "audit" } }],
  ] as const)(
    "an assignment of 55d1f543 / 6b359d8f with categoryGroup %s and the stack's workspace finds its settings",
    async (group, overrides) => {
      const resources = await planned(overrides);
      const settings = resources.filter((r) => r.type === "Microsoft.Insights/diagnosticSettings");
      expect(settings).toHaveLength(2);
      const logAnalytics = settings[0]?.properties.workspaceId;
      const targets: Array<[string, string]> = [
        ["55d1f543", "Microsoft.CognitiveServices/accounts"],
        ["6b359d8f", "Microsoft.KeyVault/vaults"],
      ];
      for (const [id, type] of targets) {
        const target = resources.find((r) => r.type === type);
        const d = definition(id);
        const assigned = { nowMs: NOW, parameters: { categoryGroup: group, logAnalytics } };
        expect(judge(d, target!, resources, assigned).outcome, id).toBe("compliant");
        const other = {
          nowMs: NOW,
          parameters: { categoryGroup: group === "audit" ? "allLogs" : "audit", logAnalytics },
        };
        expect(judge(d, target!, resources, other).outcome, `${id} other group`).toBe("noncompliant");
      }
    },
  );

  test("the key secret's expiry is compliant with b0eb591a at MCSB v2's 90 days", async () => {
    const resources = await planned();
    const secret = resources.find((r) => r.type === "Microsoft.KeyVault.Data/vaults/secrets");
    const d = definition("b0eb591a");
    expect(d.assignedParameters?.values).toEqual({ minimumDaysBeforeExpiration: 90 });
    const parameters = { ...d.assignedParameters?.values, effect: "Deny" };
    expect(judge(d, secret!, resources, { nowMs: NOW, parameters }).outcome).toBe("notApplicable");
  });
});
