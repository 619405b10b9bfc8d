import { describe, expect, test } from "vitest";
import { type PlanSummary, stackFacts } from "../../lib/fleet/facts";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { renderFleetHtml } from "../../lib/fleet/html";
import { buildFleetReport } from "../../lib/fleet/report";
import { renderFleetText } from "../../lib/fleet/text";
import { facts } from "./support";

const SUB = { subscription: "aaaaaaaa-0000-4000-8000-000000000001", source: "stack" as const };
const NOW = Date.parse("2026-11-25T00:00:00Z");

function plan(config: Record<string, string>): PlanSummary {
  return {
    stack: "web",
    config: { "codex-boundary:team": "web", ...config },
    resources: [],
    outputs: {},
    policies: [],
  };
}

describe("the fleet shows each team's rollout stage", () => {
  test("facts: the stack file's stage and the repositories behind it; without rollout, the default", () => {
    const rollout = JSON.stringify({
      stage: "ci-docs",
      repositories: { "contoso/ledger": "local", "contoso/api": "ci-docs" },
    });
    expect(stackFacts(plan({ "codex-boundary:rollout": rollout }), SUB).rollout).toEqual({
      stage: "ci-docs",
      source: "stack-file",
      repositoriesBehind: [{ repository: "contoso/ledger", stage: "local" }],
      codePaths: [],
    });
    expect(stackFacts(plan({}), SUB).rollout).toEqual({
      stage: "ci-docs",
      source: "default",
      repositoriesBehind: [],
      codePaths: [],
    });
  });

  test("text, JSON and HTML carry the stage of every stack", () => {
    const report = buildFleetReport(
      [
        facts("alpha", {
          rollout: {
            stage: "ci-code",
            source: "stack-file",
            repositoriesBehind: [{ repository: "contoso/ledger", stage: "local" }],
            codePaths: ["src/"],
          },
        }),
        facts("beta", { rollout: { stage: "local", source: "stack-file", repositoriesBehind: [], codePaths: [] } }),
        facts("gamma"),
      ],
      EMPTY_FLEET_FILE,
      () => undefined,
      NOW,
    );
    expect(report.stacks.map((s) => [s.stack, s.rollout.stage, s.rollout.source])).toEqual([
      ["alpha", "ci-code", "stack-file"],
      ["beta", "local", "stack-file"],
      ["gamma", "ci-docs", "default"],
    ]);
    const rows = renderFleetText(report).split("\n");
    const cells = (stack: string) => (rows.find((l) => l.startsWith(`  ${stack} `)) ?? "").split(/\s{2,}/);
    expect(cells("alpha")).toContain("ci-code [src/]; local: contoso/ledger");
    expect(cells("beta")).toContain("local");
    expect(cells("gamma")).toContain("ci-docs (default)");
    const html = renderFleetHtml(report);
    expect(html).toContain("<th>Rollout</th>");
    expect(html).toContain("<td>ci-code [src/]; local: contoso/ledger</td>");
    expect(html).toContain("<td>ci-docs (default)</td>");
  });
});
