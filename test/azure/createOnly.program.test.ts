import { describe, expect, test } from "vitest";
import { CREATE_ONLY_OUTPUT } from "../../lib/azure/createOnly";
import { CREATE_ONLY_PROPERTIES } from "../../lib/azure/createOnlyProperties";
import type { PlanDocument } from "../../lib/plan/render";
import { ofType, planStack, runStack } from "../support/runStack";
import { isUserError } from "../../tools/plan/stackFiles";
import { FIXTURE_DAY, monthAfter } from "../support/clock";

const RECORD = { keyVaultSoftDeleteRetentionDays: 30, budgetStartMonth: "2026-06" };

function advisory(doc: PlanDocument, name: string) {
  return doc.policies.find((p) => p.name === name);
}

function budgetStartDate(doc: PlanDocument): unknown {
  return (ofType(doc, "azure-native:consumption:Budget")[0]?.inputs.timePeriod as Record<string, unknown>).startDate;
}

/** dev as deployed: what its record holds when nothing was edited since. */
const DEV_DEPLOYED = {
  keyVaultSoftDeleteRetentionDays: 90,
  budgetStartMonth: "2026-12",
  team: "dev",
  location: "eastus2",
  accountKind: "AIServices",
  virtualNetworkAddressSpace: "10.60.0.0/24",
  privateEndpointSubnetPrefix: "10.60.0.0/27",
  customSubDomainName: "codex-dev-a1b2c3",
  vaultName: "kv-dev-a1b2c3",
};

/** The names a stack deployed as team payments recorded. */
const PAYMENTS_NAMES = {
  team: "payments",
  customSubDomainName: "codex-payments-a1b2c3",
  vaultName: "kv-payments-a1b2c3",
};

function deployedAs(record: Record<string, unknown>) {
  return { resourceGroupName: "rg-codex-dev", [CREATE_ONLY_OUTPUT]: record };
}

describe("create-only values a deployed stack refuses to change (issue 25)", () => {
  test("a new location stops the run at plan, before the resource group would be replaced, naming both regions and the runbook", async () => {
    const run = planStack({
      stack: "dev",
      previousOutputs: deployedAs({ ...DEV_DEPLOYED, location: "swedencentral" }),
    });
    // A RunError: `npm run plan` prints its message alone and exits 2; `pulumi up` prints it without a stack trace.
    await expect(run.catch((error: unknown) => isUserError(error))).resolves.toBe(true);
    await expect(run).rejects.toThrow(
      /codex-boundary:location: is eastus2, but the team's resources were created in swedencentral: .*set location: swedencentral.*offboard and recreate.*docs\/operations\.md/,
    );
  });

  test("every changed value is named at once: team, account kind, subnet", async () => {
    const run = planStack({
      stack: "dev",
      previousOutputs: deployedAs({
        ...DEV_DEPLOYED,
        ...PAYMENTS_NAMES,
        accountKind: "OpenAI",
        privateEndpointSubnetPrefix: "10.60.0.32/27",
      }),
    });
    await expect(run).rejects.toThrow(/3 problems in stack 'dev'; nothing was created/);
    await expect(
      planStack({ stack: "dev", previousOutputs: deployedAs({ ...DEV_DEPLOYED, ...PAYMENTS_NAMES }) }),
    ).rejects.toThrow(
      /codex-boundary:team: is dev, but the stack was deployed as team payments, .*subdomain codex-payments-a1b2c3 -> codex-dev-a1b2c3, vault kv-payments-a1b2c3 -> kv-dev-a1b2c3.*set team: payments/,
    );
  });

  test("an address space that still holds the deployed subnet is accepted; one that leaves it out is refused", async () => {
    const wider = await planStack({
      stack: "dev",
      previousOutputs: deployedAs({ ...DEV_DEPLOYED, virtualNetworkAddressSpace: "10.60.0.0/25" }),
    });
    expect(ofType(wider, "azure-native:network:Subnet")[0]?.inputs.addressPrefix).toBe("10.60.0.0/27");
    await expect(
      planStack({
        stack: "dev",
        overrides: { networking: { mode: "create", addressSpace: "10.61.0.0/24" } },
        previousOutputs: deployedAs(DEV_DEPLOYED),
      }),
    ).rejects.toThrow(
      /codex-boundary:networking\.addressSpace: is 10\.61\.0\.0\/24, which leaves out the deployed private-endpoint subnet 10\.60\.0\.0\/27/,
    );
  });

  test("a record from before issue 25 (retention and budget start only) is read: no refusal, and the new fields are recorded", async () => {
    const doc = await planStack({
      stack: "dev",
      previousOutputs: deployedAs({ keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" }),
    });
    expect(doc.outputs[CREATE_ONLY_OUTPUT]).toMatchObject({
      team: "dev",
      location: "eastus2",
      accountKind: "AIServices",
    });
    // Its resource group's name tells the team it was deployed as: a rename is refused there too.
    await expect(
      planStack({
        stack: "dev",
        previousOutputs: {
          resourceGroupName: "rg-codex-payments",
          [CREATE_ONLY_OUTPUT]: { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-12" },
        },
      }),
    ).rejects.toThrow(/codex-boundary:team: is dev, but the stack was deployed as team payments/);
  });

  test("an unchanged deployed stack plans as before", async () => {
    const doc = await planStack({ stack: "dev", previousOutputs: deployedAs(DEV_DEPLOYED) });
    expect(ofType(doc, "azure-native:resources:ResourceGroup")[0]?.inputs.location).toBe("eastus2");
  });
});

describe("create-only values in a plan", () => {
  test("the stack exports what it deployed, for the next run to compare", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(doc.outputs[CREATE_ONLY_OUTPUT]).toEqual({
      keyVaultSoftDeleteRetentionDays: 90,
      budgetStartMonth: "2026-12",
      team: "dev",
      location: "eastus2",
      accountKind: "AIServices",
      virtualNetworkAddressSpace: "10.60.0.0/24",
      privateEndpointSubnetPrefix: "10.60.0.0/27",
      customSubDomainName: expect.stringMatching(/^codex-dev-[a-z0-9]{6}$/),
      vaultName: expect.stringMatching(/^kv-dev-[a-z0-9]{6}$/),
    });
    expect(advisory(doc, "budget-start-as-configured")?.verdict).toBe("pass");
  });

  test("a changed soft-delete retention stops the run before anything is sent", async () => {
    await expect(
      planStack({
        stack: "dev",
        previousOutputs: {
          resourceGroupName: "rg-codex-dev",
          [CREATE_ONLY_OUTPUT]: { ...RECORD, budgetStartMonth: "2026-12" },
        },
      }),
    ).rejects.toThrow(
      /codex-boundary:keyVault\.softDeleteRetentionDays: is 90, but the team's Key Vault was created with 30 days/,
    );
  });

  test("a changed budget start keeps the deployed month and is a plan advisory", async () => {
    const doc = await planStack({
      stack: "dev",
      previousOutputs: {
        resourceGroupName: "rg-codex-dev",
        [CREATE_ONLY_OUTPUT]: { keyVaultSoftDeleteRetentionDays: 90, budgetStartMonth: "2026-06" },
      },
    });
    expect(budgetStartDate(doc)).toBe("2026-06-01T00:00:00Z");
    const finding = advisory(doc, "budget-start-as-configured");
    expect([finding?.enforcement, finding?.verdict]).toEqual(["advisory", "fail"]);
    expect(finding?.violations[0]?.message).toMatch(/set budget\.startMonth: "2026-06"/);
  });

  test("a new stack whose budget would start in the past starts in the month it is planned in instead, with the advisory", async () => {
    const doc = await planStack({
      stack: "dev",
      overrides: { budget: { amount: 2000, contactEmails: ["a@contoso.example"], startMonth: "2024-01" } },
    });
    expect(budgetStartDate(doc)).toBe(`${monthAfter(FIXTURE_DAY, 0)}-01T00:00:00Z`);
    expect(advisory(doc, "budget-start-as-configured")?.violations[0]?.message).toMatch(
      /budget\.startMonth 2024-01 must not be before the current month/,
    );
  });
});

describe("what a deployed team keeps (issue 25)", () => {
  test("the resource group, the account and the vault are protected, nothing else", async () => {
    for (const stack of [
      { stack: "dev" },
      { stack: "entra", fixture: "Pulumi.entra.yaml" },
      { stack: "hub", fixture: "Pulumi.hub.yaml" },
    ]) {
      const run = await runStack(stack);
      expect(
        run.resources.filter((r) => r.protect === true).map((r) => r.type),
        stack.stack,
      ).toEqual(
        expect.arrayContaining([
          "azure-native:resources:ResourceGroup",
          "azure-native:cognitiveservices:Account",
          "azure-native:keyvault:Vault",
        ]),
      );
      expect(
        run.resources.filter((r) => r.protect === true),
        stack.stack,
      ).toHaveLength(3);
    }
  });

  test("the budget keeps the start it was created with (a retry of a failed first update in a later month)", async () => {
    const run = await runStack({ stack: "dev" });
    const budget = run.resources.find((r) => r.type === "azure-native:consumption:Budget");
    expect(budget?.ignoreChanges).toEqual(["timePeriod.startDate"]);
  });
});

describe("the create-only table covers what the stack plans", () => {
  test.each([
    { stack: "dev" },
    { stack: "entra", fixture: "Pulumi.entra.yaml" },
    { stack: "hub", fixture: "Pulumi.hub.yaml" },
  ])("$stack: every azure-native type in the plan has a row", async (s) => {
    const doc = await planStack(s);
    const listed = new Set(CREATE_ONLY_PROPERTIES.map((p) => p.type));
    const planned = [...new Set(doc.resources.map((r) => r.type))].filter((t) => t.startsWith("azure-native:"));
    expect(planned.length).toBeGreaterThan(5);
    expect(planned.filter((t) => !listed.has(t))).toEqual([]);
  });
});
