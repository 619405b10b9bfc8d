import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { PROJECT_NAME } from "../../lib/config/parse";
import { NEW_TEAM_MIN_LIFE_DAYS, RETIREMENT_ADVISE_DAYS } from "../../lib/models/lifecycle";
import { dayStartMs, MODEL_CATALOG, offeredRegions, regionCovered } from "../../lib/models/modelCatalog";
import { successorFor } from "../../lib/models/successor";
import { upgradeStackText } from "../../lib/models/upgrade";
import { catalog, DAY, entry, midnight } from "./syntheticCatalog";
import { parseAdmitted } from "../support/platformFiles";

const NOW = midnight("2026-12-01");
/** Two retiring (one retired), three live, all in regiona as GlobalStandard. */
const CATALOG = catalog([
  entry({ model: "gpt-r1", version: "2026-01-01", retirementDate: "2027-01-15", replacement: "gpt-l1" }),
  entry({ model: "gpt-r2", version: "2026-01-01", retirementDate: "2027-03-01" }),
  entry({
    model: "gpt-gone",
    version: "2025-01-01",
    retirementDate: "2026-11-01",
    lifecycle: "Retired",
    replacement: "gpt-l2",
  }),
  entry({ model: "gpt-l1", version: "2026-06-01", retirementDate: "2028-01-01" }),
  entry({ model: "gpt-l2", version: "2026-06-01", retirementDate: "2028-06-01" }),
  entry({ model: "gpt-l3", version: "2026-06-01", retirementDate: null }),
]);
const MODELS = ["gpt-r1", "gpt-r2", "gpt-gone", "gpt-l1", "gpt-l2", "gpt-l3"];
const versionOf = (model: string) => CATALOG.models.find((e) => e.model === model)?.version ?? "";

interface Spec {
  models: string[];
  comments: boolean[];
  defaultIndex: number | null;
  inlineSpaces: number;
}

function stackText(spec: Spec): string {
  const items = spec.models.flatMap((model, i) => [
    ...(spec.comments[i] === true ? [`    # about ${model}`] : []),
    `    - name: ${model}`,
    `      model: ${model}`,
    `      version: "${versionOf(model)}"`,
    "      sku: GlobalStandard",
    `      capacity: ${10 + i}${spec.comments[i] === true ? `${" ".repeat(spec.inlineSpaces)}# kTPM` : ""}`,
  ]);
  const defaultModel =
    spec.defaultIndex === null
      ? []
      : [
          `    defaultModel: ${spec.models[spec.defaultIndex % spec.models.length]}${" ".repeat(spec.inlineSpaces)}# the default`,
        ];
  return [
    "# header",
    "config:",
    "  codex-boundary:location: regiona",
    "  codex-boundary:models:",
    ...items,
    "  # before codex",
    "  codex-boundary:codex:",
    ...defaultModel,
    "    runnerLabels: [a, b]",
    "",
  ].join("\n");
}

const specs = fc.uniqueArray(fc.constantFrom(...MODELS), { minLength: 1, maxLength: 4 }).chain((models) =>
  fc.record({
    models: fc.constant(models),
    comments: fc.array(fc.boolean(), { minLength: models.length, maxLength: models.length }),
    defaultIndex: fc.option(fc.nat({ max: 3 })),
    inlineSpaces: fc.integer({ min: 1, max: 4 }),
  }),
);

function run(text: string) {
  const result = upgradeStackText(text, NOW, CATALOG);
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result;
}

/** True when `sub` is a subsequence of `all`. */
function subsequence(sub: readonly string[], all: readonly string[]): boolean {
  let i = 0;
  for (const line of all) if (line === sub[i]) i++;
  return i === sub.length;
}

describe("upgradeStackText on generated stack files", () => {
  it("keeps every line outside the edited nodes, in order, byte for byte", () => {
    fc.assert(
      fc.property(specs, (spec) => {
        const before = stackText(spec);
        const result = run(before);
        const removed = new Set(result.edits.flatMap((e) => (e.kind === "remove" ? [e.deployment.name] : [])));
        // The lines of removed items (with the comment above them) and the default's line are the edited nodes.
        const kept: string[] = [];
        let inRemoved = false;
        for (const line of before.split("\n")) {
          if (line.startsWith("    - name: ")) inRemoved = removed.has(line.slice("    - name: ".length));
          if (line.startsWith("    # about ")) inRemoved = removed.has(line.slice("    # about ".length));
          else if (!line.startsWith("      ") && !line.startsWith("    - ")) inRemoved = false;
          if (!inRemoved && !line.startsWith("    defaultModel:")) kept.push(line);
        }
        expect(subsequence(kept, result.text.split("\n"))).toBe(true);
        const adds = result.edits.filter((e) => e.kind === "add").length;
        const defaultLines = result.text.split("\n").filter((l) => l.startsWith("    defaultModel:")).length;
        expect(result.text.split("\n").length).toBe(kept.length + 5 * adds + defaultLines);
      }),
      { numRuns: 150 },
    );
  });

  it("converges: a second run never adds a deployment, and runs stop changing once every retiring one is gone", () => {
    fc.assert(
      fc.property(specs, (spec) => {
        let text = stackText(spec);
        const first = run(text);
        text = first.text;
        expect(run(text).edits.filter((e) => e.kind === "add")).toEqual([]);
        for (let i = 0; i < spec.models.length + 1; i++) text = run(text).text;
        const last = run(text);
        expect(last.edits).toEqual([]);
        const config = (parse(text) as { config: Record<string, unknown> }).config;
        const names = (config["codex-boundary:models"] as Array<{ name: string; model: string }>).map((m) => m.model);
        expect(names.filter((m) => ["gpt-r1", "gpt-r2", "gpt-gone"].includes(m))).toEqual([]);
        const defaultModel = (config["codex-boundary:codex"] as { defaultModel?: string }).defaultModel ?? names[0];
        expect(names).toContain(defaultModel);
      }),
      { numRuns: 100 },
    );
  });

  it("the default never names a deployment the same file does not list", () => {
    fc.assert(
      fc.property(specs, (spec) => {
        const config = parseDocument(run(stackText(spec)).text).toJS() as {
          config: Record<string, { defaultModel?: string } | Array<{ name: string }>>;
        };
        const models = config.config["codex-boundary:models"] as Array<{ name: string }>;
        const codex = config.config["codex-boundary:codex"] as { defaultModel?: string };
        if (codex.defaultModel !== undefined) expect(models.map((m) => m.name)).toContain(codex.defaultModel);
      }),
      { numRuns: 100 },
    );
  });
});

/** The project's own keys of a stack file's text, as the parser takes them. */
function projectConfig(text: string): Record<string, unknown> {
  const config = (parse(text) as { config: Record<string, unknown> }).config;
  return Object.fromEntries(
    Object.entries(config)
      .filter(([k]) => k.startsWith(`${PROJECT_NAME}:`))
      .map(([k, v]) => [k.slice(PROJECT_NAME.length + 1), v]),
  );
}

describe("upgradeStackText with the shipped catalog, whatever it holds", () => {
  it("step 1 of every retiring GlobalStandard version that has a successor passes the config parser on that day", () => {
    const template = readFileSync(resolve(__dirname, "../fixtures/Pulumi.retiring.yaml"), "utf8");
    let cases = 0;
    for (const e of MODEL_CATALOG.models) {
      const region = offeredRegions(e, "GlobalStandard").find((r) => regionCovered(r));
      if (e.retirementDate === null || region === undefined || e.lifecycle === "Retired") continue;
      // Within the advisory window, before the fail window: the day the fleet starts warning.
      const nowMs = dayStartMs(e.retirementDate) - (RETIREMENT_ADVISE_DAYS - 1) * DAY;
      // It must live what new-team offers must, and outlive the version it replaces.
      const successor = successorFor(e, {
        location: region,
        sku: "GlobalStandard",
        nowMs,
        minDays: Math.max(NEW_TEAM_MIN_LIFE_DAYS, RETIREMENT_ADVISE_DAYS),
      });
      if (successor === undefined) continue;
      const doc = parseDocument(template);
      doc.setIn(["config", "azure-native:location"], region);
      doc.setIn(["config", `${PROJECT_NAME}:location`], region);
      doc.setIn(
        ["config", `${PROJECT_NAME}:models`],
        doc.createNode([{ name: "current", model: e.model, version: e.version, sku: "GlobalStandard", capacity: 40 }]),
      );
      doc.setIn(["config", `${PROJECT_NAME}:codex`, "defaultModel"], "current");
      const result = upgradeStackText(doc.toString({ lineWidth: 0 }), nowMs);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(
        result.edits.map((x) => x.kind),
        `${e.model} ${e.version}`,
      ).toEqual(["add", "default"]);
      const parsed = parseAdmitted(projectConfig(result.text), `${e.model} ${e.version} in ${region}`, nowMs);
      expect(parsed.codex.defaultModel).toBe(successor.entry.model);
      expect(parsed.models.map((m) => m.name)).toEqual(["current", successor.entry.model]);
      cases++;
    }
    expect(
      cases,
      "the shipped catalog has no retiring GlobalStandard version with a successor: nothing was checked",
    ).toBeGreaterThan(0);
  });
});
