import { describe, expect, test } from "vitest";
import type { CapturedRun } from "../../lib/plan/types";
import { runStack } from "../support/runStack";
import { devTeamKeys } from "../support/stackFiles";
import { addDays, clockOn, FIXTURE_DAY } from "../support/clock";
import { nextUpdate, type ResourceChange } from "../support/idempotency";
import { CREATE_ONLY_PROPERTIES } from "../../lib/azure/createOnlyProperties";

const FIXTURES = ["entra", "hub", "noncompliant", "optouts"].map((s) => ({ stack: s, fixture: `Pulumi.${s}.yaml` }));
const DAY_ONE = clockOn(FIXTURE_DAY);
const NEXT_DAY = clockOn(addDays(FIXTURE_DAY, 1));

/** The scheduled rotation step, as docs/key-rotation.md lists it: every input path it changes, by resource type. */
const ROTATION_STEP: Record<string, string[]> = {
  "pulumi-nodejs:dynamic/keys:KeyRegeneration": ["keyName", "trigger"],
  "azure-native:keyvault:Secret": [
    "properties.attributes.expires",
    "properties.value",
    "tags.credentialId",
    "tags.generation",
    "tags.keyExpiresOn",
  ],
  "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret": ["value"],
  "github:index/actionsSecret:ActionsSecret": ["value"],
};

function nextRotationDay(run: CapturedRun): string {
  return String((run.outputs.keyRotation as { nextRotationOn: string }).nextRotationOn).slice(0, 10);
}

function summary(changes: ResourceChange[]): string[] {
  return changes.map((c) => `${c.change} ${c.urn.split("::").pop() ?? c.urn} ${c.paths.join(",")}`.trim()).sort();
}

describe("the second update on the same config changes nothing", () => {
  test.each([{ stack: "dev" }, ...FIXTURES])("$stack: planned, fed back, planned again a day later", async (s) => {
    const first = await runStack({ ...s, clock: DAY_ONE });
    const { changes } = await nextUpdate(first, NEXT_DAY, s);
    expect(summary(changes)).toEqual([]);
  });

  test("dev, once the rotation is due: only the documented rotation step, taken once", async () => {
    const deployed = (await nextUpdate(await runStack({ clock: DAY_ONE }), NEXT_DAY)).run;
    const due = clockOn(nextRotationDay(deployed));
    const rotated = await nextUpdate(deployed, due);
    expect(rotated.changes.length).toBeGreaterThan(0);
    for (const change of rotated.changes) {
      expect(change.change, change.urn).toBe("update");
      expect(change.paths, change.urn).toEqual(ROTATION_STEP[change.type]);
    }
    const types = new Set(rotated.changes.map((c) => c.type));
    expect(types).toEqual(
      new Set([
        "pulumi-nodejs:dynamic/keys:KeyRegeneration",
        "azure-native:keyvault:Secret",
        "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
      ]),
    );
    expect(summary((await nextUpdate(rotated.run, due)).changes)).toEqual([]);
  });
});

describe("a preview of an unchanged stack is clean (pulumi preview --expect-no-changes)", () => {
  test.each([{ stack: "dev" }, ...FIXTURES])(
    "$stack: the secrets are not shown changing while the key stays",
    async (s) => {
      const deployed = (await nextUpdate(await runStack({ ...s, clock: DAY_ONE }), NEXT_DAY, s)).run;
      const { changes } = await nextUpdate(deployed, clockOn(addDays(FIXTURE_DAY, 2)), { ...s, preview: true });
      expect(summary(changes)).toEqual([]);
    },
  );

  test("dev: a preview of the run that rotates still shows every key secret changing", async () => {
    const deployed = (await nextUpdate(await runStack({ clock: DAY_ONE }), NEXT_DAY)).run;
    const { changes } = await nextUpdate(deployed, clockOn(nextRotationDay(deployed)), { preview: true });
    expect(summary(changes)).toEqual([
      "update github-payments-api-api-key value",
      "update github-platform-tools-api-key value",
      "update key-rotation-regeneration keyName,trigger",
      "update key-rotation-secret properties.attributes.expires,properties.value,tags.credentialId,tags.generation,tags.keyExpiresOn",
    ]);
  });
});

describe("deployed, then edited", () => {
  const dev = devTeamKeys();
  const models = dev.models as Record<string, unknown>[];
  const github = dev.github as { repositories: unknown[] };
  const edited = {
    models: [models[0], { ...models[1], capacity: 150 }],
    github: { ...github, repositories: github.repositories.slice(0, 1) },
  };

  test("the edit changes only what it names; the next update and a preview of it change nothing", async () => {
    const deployed = (await nextUpdate(await runStack({ clock: DAY_ONE }), NEXT_DAY)).run;
    const edit = await nextUpdate(deployed, clockOn(addDays(FIXTURE_DAY, 2)), { overrides: edited });
    expect(summary(edit.changes)).toEqual([
      "delete ai-deployment-gpt-5.1-codex-mini",
      "delete github-payments-api-api-key",
      "delete github-payments-api-base-url",
      "delete github-payments-api-default-branch",
      "delete github-payments-api-environment",
      "delete github-payments-api-model",
      "update ai-deployment-gpt-5.1-codex sku.capacity",
    ]);
    const again = await nextUpdate(edit.run, clockOn(addDays(FIXTURE_DAY, 3)), { overrides: edited });
    expect(summary(again.changes)).toEqual([]);
    const preview = await nextUpdate(edit.run, clockOn(addDays(FIXTURE_DAY, 3)), { overrides: edited, preview: true });
    expect(summary(preview.changes)).toEqual([]);
  });
});

describe("a stack deployed before the subnet had an NSG (issue 26)", () => {
  const NSG = "azure-native:network:NetworkSecurityGroup";
  const SUBNET = "azure-native:network:Subnet";

  /** The state such a stack left: no NSG, and a subnet without a reference to one. */
  function withoutNsg(run: CapturedRun): CapturedRun {
    return {
      ...run,
      resources: run.resources
        .filter((r) => r.type !== NSG)
        .map((r) => {
          if (r.type !== SUBNET) return r;
          const { networkSecurityGroup: _dropped, ...inputs } = r.inputs;
          return { ...r, inputs };
        }),
    };
  }

  test("the next update creates the NSG and updates the subnet in place; no create-only property changes", async () => {
    const deployed = withoutNsg((await nextUpdate(await runStack({ clock: DAY_ONE }), NEXT_DAY)).run);
    const { changes } = await nextUpdate(deployed, clockOn(addDays(FIXTURE_DAY, 2)));
    expect(summary(changes)).toEqual(["create network-nsg", "update network-subnet networkSecurityGroup"]);
    for (const change of changes.filter((c) => c.change === "update"))
      for (const path of change.paths)
        expect(
          CREATE_ONLY_PROPERTIES.filter((p) => p.type === change.type && path.startsWith(p.property)),
          `${change.type} ${path}`,
        ).toEqual([]);
  });
});
