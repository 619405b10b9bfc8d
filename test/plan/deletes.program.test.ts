import { describe, expect, test } from "vitest";
import type { CapturedRun } from "../../lib/plan/types";
import { MODEL_DEPLOYMENTS_OUTPUT } from "../../lib/models/retirementGate";
import { runStack } from "../support/runStack";
import { devTeamKeys } from "../support/stackFiles";

/**
 * Types azure-native deletes through the vault's data plane (https://<vault>.vault.azure.net), not ARM: ARM has no
 * DELETE for them (pulumi/pulumi-azure-native provider/pkg/resources/customresources/custom_keyvault.go). A private
 * vault and a deployer without a data-plane role refuse that call, so such a resource must be retained on delete.
 */
const DATA_PLANE_DELETES = ["azure-native:keyvault:Secret", "azure-native:keyvault:Key"];
// retiring is refused at plan on the fixture day (its point): it never reaches a delete.
const STACKS = [
  { stack: "dev" },
  ...["entra", "hub", "noncompliant", "optouts"].map((s) => ({ stack: s, fixture: `Pulumi.${s}.yaml` })),
];
const ENTRA = { stack: "entra", fixture: "Pulumi.entra.yaml" } as const;

function deletedThroughDataPlane(run: CapturedRun, urns?: Set<string>): string[] {
  return run.resources
    .filter((r) => DATA_PLANE_DELETES.includes(r.type) && r.retainOnDelete !== true && (urns?.has(r.urn) ?? true))
    .map((r) => r.urn);
}

describe("deletes that work on a private vault", () => {
  test.each(STACKS)(
    "offboarding $stack (pulumi destroy): nothing is deleted through the vault's data plane",
    async (s) => {
      const run = await runStack(s);
      expect(run.resources.some((r) => r.type === "azure-native:keyvault:Secret") || s.stack === "entra").toBe(true);
      expect(deletedThroughDataPlane(run)).toEqual([]);
    },
  );

  test("the entra switch, step 2 (docs/entra.md): the key's vault secret leaves the stack without a data-plane delete", async () => {
    const switching = await runStack({ ...ENTRA, overrides: { auth: { mode: "entra", switching: true } } });
    const entra = await runStack(ENTRA);
    const kept = new Set(entra.resources.map((r) => r.urn));
    const removed = new Set(switching.resources.filter((r) => !kept.has(r.urn)).map((r) => r.urn));
    const secret = switching.resources.find((r) => r.type === "azure-native:keyvault:Secret");
    expect(secret && removed.has(secret.urn)).toBe(true);
    expect(secret?.retainOnDelete).toBe(true);
    expect(deletedThroughDataPlane(switching, removed)).toEqual([]);
  });
});

describe("model deployments leave one per update", () => {
  const models = devTeamKeys().models as { name: string; model: string; version: string; sku: string }[];
  const recorded = models.map(({ name, model, version, sku }) => ({ name, model, version, sku }));
  const [first, middle, last] = models;
  /** Codex's default model must stay deployed: the kept middle one when the first goes. */
  const codex = { ...(devTeamKeys().codex as object), defaultModel: "gpt-5.1-codex" };

  test("removing two deployments with a kept one between them is refused, naming both and what to do", async () => {
    const run = runStack({
      overrides: { models: [middle], codex },
      previousOutputs: { [MODEL_DEPLOYMENTS_OUTPUT]: recorded },
    });
    await expect(run).rejects.toThrow(
      /models: this update would remove 2 model deployments \(gpt-5\.5, gpt-5\.1-codex-mini\).*409 Conflict.*remove 'gpt-5\.5' now and keep 'gpt-5\.1-codex-mini'/s,
    );
  });

  test("a stack deployed before the modelDeployments record is checked against its deployment names", async () => {
    const run = runStack({
      overrides: { models: [first] },
      previousOutputs: { deployments: models.map((m) => m.name) },
    });
    await expect(run).rejects.toThrow(/would remove 2 model deployments \(gpt-5\.1-codex, gpt-5\.1-codex-mini\)/);
  });

  test("removing one deployment, even with another added, plans; it names the kept ones in the chain", async () => {
    const added = { ...middle, name: "codex-new" } as const;
    const run = await runStack({
      overrides: { models: [first, last, added] },
      previousOutputs: { [MODEL_DEPLOYMENTS_OUTPUT]: recorded },
    });
    const names = run.resources
      .filter((r) => r.type === "azure-native:cognitiveservices:Deployment")
      .map((r) => r.inputs.deploymentName);
    expect(names.sort()).toEqual(["codex-new", "gpt-5.1-codex-mini", "gpt-5.5"]);
  });

  test("a first deployment or an offline plan (no record) never counts removals", async () => {
    await expect(runStack({ overrides: { models: [middle], codex } })).resolves.toBeDefined();
  });
});
