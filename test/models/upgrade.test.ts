import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { describeUpgrade, planUpgrade, upgradeStackText } from "../../lib/models/upgrade";
import { catalog, entry, midnight } from "./syntheticCatalog";

/** A commented stack whose gpt-old (the default) retires 2027-02-01 and whose gpt-new lives on. */
const STACK = `# yaml-language-server: $schema=./schema/team-config.schema.json
# Team stack: comments above, beside and between keys must all survive.
config:
  azure-native:location: regiona
  codex-boundary:team: alpha
  codex-boundary:location: regiona   # the region
  # Deployment names are what Codex sends as \`model\`.
  codex-boundary:models:
    - name: gpt-keep
      model: gpt-keep
      version: "2026-01-01"
      sku: GlobalStandard
      capacity: 30
    # the one that retires
    - name: gpt-old
      model: gpt-old
      version: "2026-01-01"
      sku: GlobalStandard
      capacity: 120 # tokens per minute, thousands
  codex-boundary:codex:
    defaultModel: gpt-old # what config.toml uses
    runnerLabels: [self-hosted, linux]

  # trailing section after a blank line
  codex-boundary:tags:
    owner: alpha@example.com
`;

const CATALOG = catalog([
  entry({ model: "gpt-keep", version: "2026-01-01", retirementDate: "2028-01-01" }),
  entry({ model: "gpt-old", version: "2026-01-01", retirementDate: "2027-02-01", replacement: "gpt-new" }),
  entry({ model: "gpt-new", version: "2026-06-01", retirementDate: "2027-11-30" }),
]);
const NOW = midnight("2026-12-01");

function upgraded(text: string, nowMs = NOW, c = CATALOG) {
  const result = upgradeStackText(text, nowMs, c);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result;
}

function config(text: string): Record<string, unknown> {
  return (parse(text) as { config: Record<string, unknown> }).config;
}

describe("upgradeStackText, step 1: the successor is added next to the retiring deployment", () => {
  it("adds the successor with the retiring deployment's SKU and capacity, points the default at it, keeps the old one", () => {
    const result = upgraded(STACK);
    expect(result.edits).toEqual([
      {
        kind: "add",
        deployment: { name: "gpt-new", model: "gpt-new", version: "2026-06-01", sku: "GlobalStandard", capacity: 120 },
        location: "regiona",
        replaces: "gpt-old",
        replacesRetires: "2027-02-01",
        liveUntil: "2027-11-30",
      },
      { kind: "default", from: "gpt-old", to: "gpt-new" },
    ]);
    const c = config(result.text);
    expect((c["codex-boundary:models"] as Array<{ name: string }>).map((m) => m.name)).toEqual([
      "gpt-keep",
      "gpt-old",
      "gpt-new",
    ]);
    expect(c["codex-boundary:codex"]).toMatchObject({ defaultModel: "gpt-new" });
  });

  it("keeps every byte outside the edited nodes: the new item is appended, only the default's value changes", () => {
    const { text } = upgraded(STACK);
    const [beforeModelsEnd, after] = STACK.split("  codex-boundary:codex:\n");
    expect(text.startsWith(beforeModelsEnd ?? "")).toBe(true);
    expect(text).toContain(
      `${beforeModelsEnd}    - name: gpt-new\n      model: gpt-new\n      version: "2026-06-01"\n      sku: GlobalStandard\n      capacity: 120\n  codex-boundary:codex:\n`,
    );
    expect(text.endsWith((after ?? "").replace("defaultModel: gpt-old #", "defaultModel: gpt-new #"))).toBe(true);
  });

  it("writes an unchanged file back byte for byte when nothing retires", () => {
    const result = upgraded(STACK, midnight("2026-06-01"));
    expect(result.edits).toEqual([]);
    expect(result.text).toBe(STACK);
  });

  it("running step 1 again adds nothing new: the second run only removes the old deployment", () => {
    const once = upgraded(STACK);
    const twice = upgraded(once.text);
    expect(twice.edits.filter((e) => e.kind !== "remove")).toEqual([]);
    expect(twice.edits).toEqual([
      expect.objectContaining({
        kind: "remove",
        deployment: expect.objectContaining({ name: "gpt-old" }),
        replacedBy: "gpt-new",
      }),
    ]);
  });

  it("names the successor's deployment model-version when its model name is taken by another deployment", () => {
    const taken = STACK.replace("    - name: gpt-keep\n", "    - name: gpt-new\n").replace(
      "defaultModel: gpt-old",
      "defaultModel: gpt-new",
    );
    const result = upgraded(taken);
    expect(result.edits).toEqual([
      expect.objectContaining({ kind: "add", deployment: expect.objectContaining({ name: "gpt-new-2026-06-01" }) }),
    ]);
  });

  it("with no codex.defaultModel and the retiring deployment first, writes the default explicitly", () => {
    const keep =
      '    - name: gpt-keep\n      model: gpt-keep\n      version: "2026-01-01"\n      sku: GlobalStandard\n      capacity: 30\n';
    const text = STACK.replace("    defaultModel: gpt-old # what config.toml uses\n", "").replace(keep, "");
    const result = upgraded(text);
    expect(result.edits.map((e) => e.kind)).toEqual(["add", "default"]);
    expect(config(result.text)["codex-boundary:codex"]).toEqual({
      runnerLabels: ["self-hosted", "linux"],
      defaultModel: "gpt-new",
    });
  });

  it("reuses a live deployment of the successor that is already there instead of adding one", () => {
    const text = STACK.replace(
      '    - name: gpt-keep\n      model: gpt-keep\n      version: "2026-01-01"',
      '    - name: codex-next\n      model: gpt-new\n      version: "2026-06-01"',
    );
    const result = upgraded(text);
    expect(result.edits).toEqual([{ kind: "default", from: "gpt-old", to: "codex-next" }]);
  });
});

describe("upgradeStackText, step 2: the old deployment goes once its successor exists and is the default", () => {
  it("removes only the retiring deployment's item; the rest of the file is unchanged", () => {
    const step1 = upgraded(STACK).text;
    const step2 = upgraded(step1);
    const removed =
      '    # the one that retires\n    - name: gpt-old\n      model: gpt-old\n      version: "2026-01-01"\n      sku: GlobalStandard\n      capacity: 120 # tokens per minute, thousands\n';
    expect(step1).toContain(removed);
    expect(step2.text).toBe(step1.replace(removed, ""));
    expect(upgraded(step2.text).edits).toEqual([]);
  });

  it("removes one deployment per run; the next waits and is named", () => {
    const c = catalog([
      entry({ model: "gpt-a", version: "2026-01-01", retirementDate: "2027-01-15", replacement: "gpt-new" }),
      entry({ model: "gpt-b", version: "2026-01-01", retirementDate: "2027-01-20", replacement: "gpt-new" }),
      entry({ model: "gpt-new", version: "2026-06-01", retirementDate: "2028-01-01" }),
    ]);
    const view = {
      location: "regiona",
      defaultModel: "gpt-new",
      deployments: [
        { name: "gpt-a", model: "gpt-a", version: "2026-01-01", sku: "GlobalStandard" as const, capacity: 10 },
        { name: "gpt-b", model: "gpt-b", version: "2026-01-01", sku: "GlobalStandard" as const, capacity: 10 },
        { name: "gpt-new", model: "gpt-new", version: "2026-06-01", sku: "GlobalStandard" as const, capacity: 10 },
      ],
    };
    const plan = planUpgrade(view, NOW, c);
    expect(plan.edits).toEqual([
      expect.objectContaining({ kind: "remove", deployment: expect.objectContaining({ name: "gpt-a" }) }),
    ]);
    expect(plan.waiting).toEqual([{ deployment: "gpt-b", retires: "2027-01-20" }]);
    expect(describeUpgrade("alpha", plan).join("\n")).toMatch(/gpt-b \(retires 2027-01-20\) is removed by a later run/);
  });

  it("a deployment that is already retired is removed in the run that adds its successor (it answers 410 already)", () => {
    const result = upgraded(STACK, midnight("2027-02-10"));
    expect(result.edits.map((e) => e.kind)).toEqual(["add", "default", "remove"]);
  });
});

describe("upgradeStackText keeps the data zone and reports what it cannot fix", () => {
  it("a DataZoneStandard deployment gets a DataZoneStandard successor, never a global one", () => {
    const c = catalog([
      entry({
        model: "gpt-old",
        version: "2026-01-01",
        retirementDate: "2027-02-01",
        skus: { DataZoneStandard: ["regiona"] },
      }),
      entry({
        model: "gpt-global",
        version: "2026-06-01",
        retirementDate: "2029-01-01",
        skus: { GlobalStandard: ["regiona"] },
      }),
      entry({
        model: "gpt-zone",
        version: "2026-06-01",
        retirementDate: "2028-01-01",
        skus: { DataZoneStandard: ["regiona"] },
      }),
    ]);
    const text = STACK.replaceAll("sku: GlobalStandard", "sku: DataZoneStandard");
    const add = upgraded(text, NOW, c).edits.find((e) => e.kind === "add");
    expect(add).toMatchObject({ deployment: { model: "gpt-zone", sku: "DataZoneStandard" } });
  });

  it("a successor must outlive what it replaces: one retiring the same day is passed over, even when it lives the minimum", () => {
    const c = catalog([
      entry({ model: "gpt-old", version: "2026-01-01", retirementDate: "2027-02-01", replacement: "gpt-same-day" }),
      entry({ model: "gpt-same-day", version: "2026-06-01", retirementDate: "2027-02-01" }),
      entry({ model: "gpt-later", version: "2026-06-01", retirementDate: "2027-02-02" }),
    ]);
    const add = upgraded(STACK.replace(/ {4}- name: gpt-keep[\s\S]*?capacity: 30\n/, ""), NOW, c).edits.find(
      (e) => e.kind === "add",
    );
    expect(add).toMatchObject({ deployment: { model: "gpt-later" } });
  });

  it("in a data zone the lines name the zone the successor keeps the prompts in", () => {
    const c = catalog([
      entry({
        model: "gpt-old",
        version: "2026-01-01",
        retirementDate: "2027-02-01",
        skus: { DataZoneStandard: ["swedencentral"] },
      }),
      entry({
        model: "gpt-zone",
        version: "2026-06-01",
        retirementDate: "2028-01-01",
        skus: { DataZoneStandard: ["swedencentral"] },
      }),
    ]);
    const covered = { ...c, coveredRegions: { "matrix-a": ["swedencentral"] } };
    const text = STACK.replaceAll("sku: GlobalStandard", "sku: DataZoneStandard")
      .replaceAll("regiona", "swedencentral")
      .replace(/ {4}- name: gpt-keep[\s\S]*?capacity: 30\n/, "");
    const result = upgraded(text, NOW, covered);
    expect(describeUpgrade("alpha", result)[0]).toContain(
      "gpt-zone 2026-06-01, DataZoneStandard in swedencentral, data zone eu",
    );
    const none = upgraded(text, NOW, { ...covered, models: covered.models.slice(0, 1) });
    expect(describeUpgrade("alpha", none)[0]).toContain(
      "DataZoneStandard in swedencentral, data zone eu) retires 2027-02-01",
    );
  });

  it("no successor: the finding names the model, version, region, SKU and the fix, and nothing is changed", () => {
    const c = catalog([
      entry({
        model: "gpt-keep",
        version: "2026-01-01",
        retirementDate: "2028-01-01",
        skus: { GlobalStandard: ["regionb"] },
      }),
      entry({ model: "gpt-old", version: "2026-01-01", retirementDate: "2027-02-01" }),
    ]);
    const result = upgraded(STACK, NOW, c);
    expect(result.edits).toEqual([]);
    expect(result.text).toBe(STACK);
    expect(result.missing).toEqual([
      {
        deployment: "gpt-old",
        model: "gpt-old",
        version: "2026-01-01",
        location: "regiona",
        sku: "GlobalStandard",
        retires: "2027-02-01",
      },
    ]);
    const [line] = describeUpgrade("alpha", result);
    for (const fact of [
      "gpt-old 2026-01-01",
      "GlobalStandard",
      "regiona",
      "2027-02-01",
      "npm run models -- --refresh",
      "another region or SKU",
    ])
      expect(line).toContain(fact);
  });

  it("a deployment outside the advisory window is left alone", () => {
    expect(upgraded(STACK, midnight("2026-09-01")).edits).toEqual([]);
    expect(upgraded(STACK, midnight("2026-10-05")).edits.length).toBeGreaterThan(0);
  });

  it("unreadable input: one problem per finding, no text", () => {
    expect(upgradeStackText("config: [unclosed", NOW, CATALOG)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^not valid YAML/)],
    });
    const bad = upgradeStackText("config:\n  codex-boundary:models:\n    - name: x\n      sku: Nope\n", NOW, CATALOG);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems).toEqual([
        expect.stringContaining("codex-boundary:location must name the Azure region"),
        expect.stringContaining("codex-boundary:models[0].model must be a non-empty string"),
        expect.stringContaining("codex-boundary:models[0].version must be a non-empty string"),
        expect.stringContaining("codex-boundary:models[0].sku must be one of"),
        expect.stringContaining("codex-boundary:models[0].capacity must be a positive integer"),
      ]);
    }
  });
});
