import { beforeEach, describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { renderFleetHtml } from "../../lib/fleet/html";
import { buildFleetReport, FLEET_REPORT_VERSION, fleetExitCode } from "../../lib/fleet/report";
import { FLEET_TEXT_WIDTH, renderFleetText, table } from "../../lib/fleet/text";
import { deployment, facts, SUB_A, SUB_B } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const lookup = (model: string, version: string) =>
  model === "gpt-5.1-codex-max"
    ? new Date("2027-01-15T00:00:00Z")
    : model === "gpt-5-mini" && version === "old"
      ? new Date("2026-12-01T00:00:00Z")
      : undefined;

// Built inside each test (not at import), so mutation testing credits the tests that check them.
const failingReport = () =>
  buildFleetReport(
    [
      facts("gamma", {
        subscription: SUB_B,
        deployments: [deployment({ sku: "Standard", capacity: 7 })],
        nextRotation: null,
      }),
      facts("alpha", {
        verdict: "advisory",
        advisories: ["cmk", "logs"],
        deployments: [
          deployment({ capacity: 700 }),
          deployment({ name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 5 }),
        ],
      }),
      facts("beta", {
        verdict: "fail",
        mandatoryFailures: [
          { policy: "private-only", messages: ["m"] },
          { policy: "keys", messages: [] },
        ],
        deployments: [
          deployment({ capacity: 301 }),
          deployment({ name: "mini", model: "gpt-5-mini", version: "old", capacity: 1 }),
        ],
      }),
    ],
    EMPTY_FLEET_FILE,
    lookup,
    NOW,
  );
const passingReport = () =>
  buildFleetReport(
    [facts("solo", { deployments: [deployment({ capacity: 1000 })] })],
    EMPTY_FLEET_FILE,
    () => undefined,
    NOW,
  );

describe("the fleet report data", () => {
  test("stacks sorted by name with each row's facts, counts and earliest retirement", () => {
    expect(failingReport().version).toBe(FLEET_REPORT_VERSION);
    expect(FLEET_REPORT_VERSION).toBe(1);
    expect(failingReport().date).toBe("2026-11-25");
    expect(failingReport().stacks.map((s) => s.stack)).toEqual(["alpha", "beta", "gamma"]);
    expect(failingReport().stacks[0]).toEqual({
      stack: "alpha",
      team: "alpha",
      subscription: SUB_A,
      subscriptionSource: "stack",
      region: "eastus2",
      dataBoundary: "global",
      authMode: "key",
      rollout: { stage: "ci-docs", source: "default", repositoriesBehind: [], codePaths: [] },
      resources: 40,
      verdict: "advisory",
      mandatoryFailures: [],
      advisories: ["cmk", "logs"],
      nextRotation: "2026-12-01",
      earliestRetirement: { model: "gpt-5.1-codex-max", version: "2025-12-04", retiresOn: "2027-01-15" },
      retirements: [{ model: "gpt-5.1-codex-max", version: "2025-12-04", retiresOn: "2027-01-15" }],
      accounts: 1,
      deployments: [
        { name: "codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "GlobalStandard", capacity: 700 },
        { name: "max", model: "gpt-5.1-codex-max", version: "2025-12-04", sku: "GlobalStandard", capacity: 5 },
      ],
    });
    expect(failingReport().stacks[1]?.mandatoryFailures).toEqual(["private-only", "keys"]);
    expect(failingReport().stacks[2]?.earliestRetirement).toBeNull();
  });

  test("the earliest of several retirement dates wins, whatever the deployment order", () => {
    const stack = (order: "early-first" | "late-first") => {
      const early = deployment({ name: "e", model: "gpt-5-mini", version: "old" });
      const late = deployment({ name: "l", model: "gpt-5.1-codex-max", version: "2025-12-04" });
      return facts("s", { deployments: order === "early-first" ? [early, late] : [late, early] });
    };
    for (const order of ["early-first", "late-first"] as const) {
      const row = buildFleetReport([stack(order)], EMPTY_FLEET_FILE, lookup, NOW).stacks[0];
      expect(row?.earliestRetirement).toEqual({ model: "gpt-5-mini", version: "old", retiresOn: "2026-12-01" });
      // Every retirement is kept, by date, not only the earliest.
      expect(row?.retirements.map((r) => `${r.retiresOn} ${r.model}`)).toEqual([
        "2026-12-01 gpt-5-mini",
        "2027-01-15 gpt-5.1-codex-max",
      ]);
    }
  });

  test("the summary counts mandatory and advisory problems; any mandatory one exits 3, none exits 0", () => {
    const rules = failingReport().problems.map((p) => `${p.rule}/${p.enforcement}`);
    expect(rules).toEqual([
      "stack-policy/mandatory",
      "stack-policy/mandatory",
      "quota-overflow/mandatory",
      "quota-unknown/advisory",
      "model-retiring/advisory",
      "model-retiring/advisory",
    ]);
    // A model retiring in 6 days is an advisory too: the fleet names it, pulumi up refuses only adding it.
    expect(failingReport().summary).toEqual({
      stacks: 3,
      mandatoryProblems: 3,
      advisoryProblems: 3,
      retirementSource: "source: lib/models/catalog.json",
    });
    expect(fleetExitCode(failingReport())).toBe(3);
    expect(passingReport().summary).toMatchObject({ stacks: 1, mandatoryProblems: 0, advisoryProblems: 0 });
    expect(fleetExitCode(passingReport())).toBe(0);
    const advisoryOnly = buildFleetReport(
      [facts("a", { deployments: [deployment({ sku: "Standard" })] })],
      EMPTY_FLEET_FILE,
      () => undefined,
      NOW,
    );
    expect(advisoryOnly.summary).toMatchObject({ mandatoryProblems: 0, advisoryProblems: 1 });
    expect(fleetExitCode(advisoryOnly)).toBe(0);
  });
});

describe("the text table", () => {
  test("columns padded to the widest cell, two spaces apart, a dash rule under the header, no trailing blanks", () => {
    expect(table(["A", "LONG"], [["xyz", "1"], ["q"]])).toEqual(["A    LONG", "---  ----", "xyz  1", "q"]);
  });
});

describe("the text report", () => {
  let text = "";
  let lines: string[] = [];
  beforeEach(() => {
    text = renderFleetText(failingReport());
    lines = text.split("\n");
  });

  test("headline with the date and the number of stacks; ends with one newline", () => {
    expect(lines[0]).toBe("Fleet report, 2026-11-25: 3 stack(s), planned offline (nothing sent to Azure or GitHub)");
    expect(text.endsWith("\n")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(false);
  });

  test("one stack row each, and a health row each with verdict, next rotation, earliest retirement (or a dash)", () => {
    const rows = (stack: string) => lines.filter((l) => l.startsWith(`  ${stack} `));
    expect(lines).toContain("Stacks:");
    const [facts, health] = rows("alpha");
    expect(facts?.split(/\s{2,}/)).toEqual(["", "alpha", "alpha", SUB_A, "eastus2", "global", "key", "40"]);
    expect(health?.split(/\s{2,}/)).toEqual([
      "",
      "alpha",
      "advise (2)",
      "2026-12-01",
      "2027-01-15 gpt-5.1-codex-max",
      "advisories: cmk, logs",
    ]);
    expect(rows("beta")[1]).toContain("  FAIL (2)  ");
    expect(rows("beta")[1]).toMatch(/ {2}fails: private-only, keys$/);
    expect(
      rows("gamma")[1]
        ?.split(/\s{2,}/)
        .slice(-3),
    ).toEqual(["pass", "-", "-"]);
    expect(lines.some((l) => /^ {2}STACK +TEAM +SUBSCRIPTION +REGION +BOUNDARY +AUTH +RESOURCES$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}STACK +VERDICT +NEXT ROTATION +EARLIEST RETIREMENT +FINDINGS$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}STACK +ROLLOUT$/.test(l))).toBe(true);
    expect(rows("alpha")[2]?.split(/\s{2,}/)).toEqual(["", "alpha", "ci-docs (default)"]);
  });

  test("every line fits 120 columns, long findings and problems wrapped under their first line", () => {
    const many = Array.from({ length: 12 }, (_, i) => `advisory-rule-with-a-long-name-${i}`);
    const report = buildFleetReport(
      [facts("team-long-name-1", { verdict: "advisory", advisories: many })],
      EMPTY_FLEET_FILE,
      lookup,
      NOW,
    );
    const text = renderFleetText(report).split("\n");
    for (const line of [...text, ...lines]) expect(line.length, line).toBeLessThanOrEqual(FLEET_TEXT_WIDTH);
    const first = text.findIndex((l) => l.includes("advisories: advisory-rule-with-a-long-name-0"));
    const column = text[first]?.indexOf("advisories:") ?? -1;
    expect(text[first + 1]?.search(/\S/)).toBe(column);
    expect(text.join(" ").replace(/\s+/g, " ")).toContain(many.join(", "));
  });

  test("stacks in natural order: team-2 before team-10", () => {
    const names = ["team-10", "team-2", "team-1", "team-b", "team-a"];
    const report = buildFleetReport(
      names.map((n) => facts(n)),
      EMPTY_FLEET_FILE,
      () => undefined,
      NOW,
    );
    expect(report.stacks.map((s) => s.stack)).toEqual(["team-1", "team-2", "team-10", "team-a", "team-b"]);
  });

  test("one pool row each, with use, quota (OVER past it, unknown without) and use by stack", () => {
    expect(lines).toContain("Quota pools (capacity in sku.capacity units, 1 = 1K tokens per minute):");
    // A row with its wrapped continuation lines (blank up to the last column) read as one.
    const rows = lines.reduce<string[]>((all, l) => {
      if (/^ {20,}\S/.test(l) && all.length > 0) all[all.length - 1] += ` ${l.trim()}`;
      else all.push(l);
      return all;
    }, []);
    const pool = (needle: string) => (rows.find((l) => l.includes(needle) && l.startsWith("  ")) ?? "").split(/\s{2,}/);
    expect(pool("alpha 5")).toEqual([
      "",
      SUB_A,
      "gpt-5.1-codex-max",
      "GlobalStandard",
      "subscription",
      "5",
      "1000",
      "alpha 5",
    ]);
    expect(pool("alpha 700, beta 301")).toEqual([
      "",
      SUB_A,
      "gpt-5.3-codex",
      "GlobalStandard",
      "subscription",
      "1001",
      "1000 OVER",
      "alpha 700, beta 301",
    ]);
    expect(pool("gamma 7")).toEqual(["", SUB_B, "gpt-5.3-codex", "Standard", "eastus2", "7", "unknown", "gamma 7"]);
    expect(pool("beta 1")).toEqual(["", SUB_A, "gpt-5-mini", "GlobalStandard", "subscription", "1", "1000", "beta 1"]);
  });

  test("the pool table has its header; sections are separated by exactly one blank line", () => {
    expect(lines.some((l) => /^ {2}SUBSCRIPTION +MODEL +SKU +POOL +USE +QUOTA +USE BY STACK$/.test(l))).toBe(true);
    expect(lines[1]).toBe("");
    for (const heading of [
      "Stacks:",
      "Quota pools (capacity in sku.capacity units, 1 = 1K tokens per minute):",
      "Problems: 3 mandatory, 3 advisory",
    ]) {
      const at = lines.indexOf(heading);
      expect(lines[at - 1]).toBe("");
      expect(lines[at - 2]).not.toBe("");
    }
  });

  test("a pool using exactly its quota is not OVER", () => {
    const clean = renderFleetText(passingReport()).split("\n");
    const row = (clean.find((l) => l.includes("solo 1000") && l.startsWith("  ")) ?? "").split(/\s{2,}/);
    expect(row.slice(-3)).toEqual(["1000", "1000", "solo 1000"]);
  });

  test("each problem: FAIL or ADVISE, rule, message, stacks and fix; the counts and the closing verdict", () => {
    expect(lines).toContain("Problems: 3 mandatory, 3 advisory");
    const overflow = lines.findIndex((l) => l.startsWith("  [FAIL] quota-overflow: gpt-5.3-codex GlobalStandard"));
    const stacksLine = lines.findIndex((l, i) => i > overflow && l.startsWith("         stacks: "));
    expect(lines.slice(overflow + 1, stacksLine).every((l) => l.startsWith("         "))).toBe(true);
    expect(lines[stacksLine]).toBe("         stacks: alpha, beta");
    const overflowAt = stacksLine - 1;
    expect(lines[overflowAt + 2]).toMatch(/^ {9}fix: \S/);
    expect(lines.some((l) => l.startsWith("  [ADVISE] quota-unknown: no quota known for gpt-5.3-codex Standard"))).toBe(
      true,
    );
    expect(lines.at(-2)).toBe("3 mandatory problem(s): deploying this fleet would fail or be blocked.");
  });

  test("a fleet with no problems says so, and that every mandatory rule holds", () => {
    const clean = renderFleetText(passingReport()).split("\n");
    expect(clean).toContain("Problems: none. Every fleet rule holds.");
    expect(clean.some((l) => l.startsWith("  [") || l.startsWith("Problems: 0"))).toBe(false);
    expect(clean.at(-2)).toBe("All mandatory rules hold.");
    expect(
      clean
        .filter((l) => l.startsWith("  solo "))[1]
        ?.split(/\s{2,}/)
        .slice(-3),
    ).toEqual(["pass", "2026-12-01", "-"]);
  });

  test("an advisory-only fleet lists its problems yet says every mandatory rule holds", () => {
    const advisory = renderFleetText(
      buildFleetReport(
        [facts("a", { deployments: [deployment({ sku: "Standard" })] })],
        EMPTY_FLEET_FILE,
        () => undefined,
        NOW,
      ),
    ).split("\n");
    expect(advisory).toContain("Problems: 0 mandatory, 1 advisory");
    expect(advisory.at(-2)).toBe("All mandatory rules hold.");
  });
});

describe("the fleet report as an operator reads it (reviewed as diffs)", () => {
  test("text and HTML of a failing fleet, and the text of a passing one", async () => {
    await expect(renderFleetText(failingReport())).toMatchFileSnapshot("__snapshots__/fleetReportFailing.txt");
    await expect(renderFleetHtml(failingReport())).toMatchFileSnapshot("__snapshots__/fleetReportFailing.html");
    await expect(renderFleetText(passingReport())).toMatchFileSnapshot("__snapshots__/fleetReportPassing.txt");
  });

  test("the closing verdict follows one blank line after the problems", () => {
    const lines = renderFleetText(buildFleetReport([facts("solo")], EMPTY_FLEET_FILE, () => undefined, NOW)).split(
      "\n",
    );
    expect(lines.slice(-4)).toEqual(["Problems: none. Every fleet rule holds.", "", "All mandatory rules hold.", ""]);
  });
});

describe("earliest retirement on a tie", () => {
  const SAME_DAY = new Date("2027-03-01T00:00:00Z");
  test("two models retiring on the same day: the deployment listed first is named", () => {
    const stack = facts("s", {
      deployments: [
        deployment({ name: "a", model: "gpt-5-mini", version: "1" }),
        deployment({ name: "b", model: "gpt-5-nano", version: "2" }),
      ],
    });
    const report = buildFleetReport([stack], EMPTY_FLEET_FILE, () => SAME_DAY, NOW);
    expect(report.stacks[0]?.earliestRetirement).toEqual({
      model: "gpt-5-mini",
      version: "1",
      retiresOn: "2027-03-01",
    });
  });
});
