import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { clockAt } from "../../lib/clock";
import { catalogEntry, dayStartMs } from "../../lib/models/modelCatalog";
import { upgradeStackText } from "../../lib/models/upgrade";
import { MODEL_VARIABLE } from "../../lib/names";
import { ofType, planStack, PROJECT_DIR, stackConfig } from "../support/runStack";
import { projectPlatform } from "../support/platformFiles";
import { DAY_MS } from "../support/clock";

const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const VARIABLE = "github:index/actionsVariable:ActionsVariable";
const KIT = "codex-boundary:devkit:DeveloperKit";

/**
 * Step 1 of an upgrade as the stack program sees it: a second deployment (the successor) next to the old one, and
 * codex.defaultModel already on it. The successor reuses an entry the stack already deploys, so the test needs no
 * catalog date: what it pins is the engine's graph, not the catalog.
 */
function stepOneOverrides(fixture?: string): Record<string, unknown> {
  const config = stackConfig(fixture !== undefined ? { fixture } : {});
  const models = JSON.parse(config.values["codex-boundary:models"] ?? "[]") as Array<Record<string, unknown>>;
  const codex = JSON.parse(config.values["codex-boundary:codex"] ?? "{}") as Record<string, unknown>;
  const first = models[0];
  if (first === undefined) throw new Error("the stack has no deployment");
  return { models: [...models, { ...first, name: "successor" }], codex: { ...codex, defaultModel: "successor" } };
}

async function stepOne(fixture?: string) {
  const doc = await planStack({ ...(fixture !== undefined ? { fixture } : {}), overrides: stepOneOverrides(fixture) });
  const deployments = ofType(doc, DEPLOYMENT);
  const successor = deployments.find((d) => (d.inputs as { deploymentName?: string }).deploymentName === "successor");
  const modelVariables = ofType(doc, VARIABLE).filter(
    (v) => (v.inputs as { variableName?: string }).variableName === MODEL_VARIABLE,
  );
  return { doc, deployments, successor, modelVariables, kit: ofType(doc, KIT) };
}

describe("the switch to a successor has no Codex outage: what names the default model waits for the deployments", () => {
  test("key mode (dev): each repository's model variable and the developer kit depend on the successor's deployment", async () => {
    const { deployments, successor, modelVariables, kit } = await stepOne();
    expect(successor?.urn).toBeDefined();
    expect(modelVariables.map((v) => (v.inputs as { value?: unknown }).value)).toEqual(
      modelVariables.map(() => "successor"),
    );
    expect(modelVariables.length).toBeGreaterThan(0);
    for (const v of [...modelVariables, ...kit])
      expect(v.dependsOn, v.name).toEqual(expect.arrayContaining(deployments.map((d) => d.urn)));
    expect(kit).toHaveLength(1);
  });

  test("entra mode (no key): the model variable and the kit depend on the successor's deployment too", async () => {
    const { successor, modelVariables, kit } = await stepOne("Pulumi.entra.yaml");
    expect(modelVariables.length).toBeGreaterThan(0);
    for (const v of [...modelVariables, ...kit]) expect(v.dependsOn, v.name).toContain(successor?.urn);
  });

  test("the base-URL variable does not wait for deployments: it names the account, which exists before them", async () => {
    const { deployments, doc } = await stepOne();
    const baseUrl = ofType(doc, VARIABLE).filter(
      (v) => (v.inputs as { variableName?: string }).variableName !== MODEL_VARIABLE,
    );
    for (const v of baseUrl) for (const d of deployments) expect(v.dependsOn).not.toContain(d.urn);
  });

  test("the upgrade's own step 1 of Pulumi.dev.yaml, 100 days before its default model retires: the added deployment comes first", async () => {
    const text = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
    const config = stackConfig();
    const defaultName = (JSON.parse(config.values["codex-boundary:codex"] ?? "{}") as { defaultModel: string })
      .defaultModel;
    const current = (
      JSON.parse(config.values["codex-boundary:models"] ?? "[]") as Array<{
        name: string;
        model: string;
        version: string;
      }>
    ).find((m) => m.name === defaultName);
    const retires = current === undefined ? undefined : catalogEntry(current.model, current.version)?.retirementDate;
    expect(
      retires,
      "Pulumi.dev.yaml's default model has no retirement date in the catalog: pick another case",
    ).toBeTruthy();
    const nowMs = dayStartMs(retires ?? "") - 100 * DAY_MS;
    const result = upgradeStackText(text, nowMs);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const moved = result.edits.find((e) => e.kind === "default");
    expect(
      moved,
      `no successor for ${defaultName} in the shipped catalog on that day: refresh it (docs/models.md)`,
    ).toBeDefined();
    if (moved?.kind !== "default") return;
    const dir = mkdtempSync(join(tmpdir(), "cb-upgrade-"));
    writeFileSync(join(dir, "Pulumi.dev.yaml"), result.text);
    const doc = await planStack({
      fixture: join(dir, "Pulumi.dev.yaml"),
      clock: clockAt(nowMs),
      platform: projectPlatform(),
    });
    const added = ofType(doc, DEPLOYMENT).find(
      (d) => (d.inputs as { deploymentName?: string }).deploymentName === moved.to,
    );
    expect(added?.urn).toBeDefined();
    const dependents = [
      ...ofType(doc, VARIABLE).filter((v) => (v.inputs as { variableName?: string }).variableName === MODEL_VARIABLE),
      ...ofType(doc, KIT),
    ];
    expect(dependents.length).toBeGreaterThan(1);
    for (const v of dependents) expect(v.dependsOn, v.name).toContain(added?.urn);
    // Step 1 keeps the old deployment: clients still naming it keep working until step 2.
    expect(ofType(doc, DEPLOYMENT).map((d) => (d.inputs as { deploymentName?: string }).deploymentName)).toContain(
      moved.from,
    );
  });
});
