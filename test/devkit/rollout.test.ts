import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { ALLOWED_CHANGE_PATTERN, renderCiWorkflow } from "../../lib/devkit/ciWorkflow";
import { shippedProfiles } from "../../lib/devkit/configToml";
import { renderDeveloperKit } from "../../lib/devkit/files";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import {
  allowedCiPaths,
  allowedPathPattern,
  ROLLOUT_STAGES,
  ROLLOUT_TABLE,
  rolloutText,
  rolloutView,
} from "../../lib/devkit/rollout";
import { actionlint } from "../support/actionlint";
import { SAMPLE_INPUTS } from "./support";

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" };
const REPOS = [{ name: "api", environment: "codex" }, { name: "ledger" }];
const profileNames = (inputs: DevKitInputs) => shippedProfiles(inputs).map(([name]) => name);

type Step = { name?: string; run?: string; env?: Record<string, string> };
const steps = (workflow: string) => (parseYaml(workflow) as { jobs: { codex: { steps: Step[] } } }).jobs.codex.steps;

describe("the stage table", () => {
  test("per stage: profiles, CI workflow, task and paths", () => {
    expect(
      ROLLOUT_STAGES.map((stage) => [
        stage,
        ROLLOUT_TABLE[stage].profiles,
        ROLLOUT_TABLE[stage].ciWorkflow,
        ROLLOUT_TABLE[stage].task,
        allowedCiPaths(stage, ["src/"]),
      ]),
    ).toEqual([
      ["local", ["chat", "agent"], false, null, []],
      ["ci-docs", ["chat", "agent", "ci"], true, "changelog-docs", ["CHANGELOG.md", "docs/"]],
      ["ci-code", ["chat", "agent", "ci"], true, "changelog-docs-code", ["CHANGELOG.md", "docs/", "src/"]],
    ]);
  });

  test("the ci-docs pattern is the one the workflow always had; a folder matches below it, a file only itself", () => {
    expect(ALLOWED_CHANGE_PATTERN).toBe("^(CHANGELOG\\.md|docs/.*)$");
    const pattern = new RegExp(allowedPathPattern(["CHANGELOG.md", "docs/", "src/app/", "package.json"]));
    for (const path of ["CHANGELOG.md", "docs/a.md", "src/app/x/y.ts", "package.json"])
      expect(pattern.test(path), path).toBe(true);
    for (const path of [
      "CHANGELOGxmd",
      "src/other.ts",
      "src/app",
      "package.json.bak",
      "a/package.json",
      ".github/workflows/codex.yml",
    ])
      expect(pattern.test(path), path).toBe(false);
  });
});

describe("shippedProfiles follows the team's stage", () => {
  test("no stage: chat, agent, ci as before; local drops ci; full-access stays its own opt-out", () => {
    expect(profileNames(SAMPLE_INPUTS)).toEqual(["chat", "agent", "ci"]);
    expect(profileNames({ ...SAMPLE_INPUTS, rolloutStage: "local" })).toEqual(["chat", "agent"]);
    expect(profileNames({ ...SAMPLE_INPUTS, rolloutStage: "ci-docs" })).toEqual(["chat", "agent", "ci"]);
    expect(profileNames({ ...SAMPLE_INPUTS, rolloutStage: "ci-code" })).toEqual(["chat", "agent", "ci"]);
    expect(profileNames({ ...SAMPLE_INPUTS, rolloutStage: "local", allowFullAccess: true })).toEqual([
      "chat",
      "agent",
      "full-access",
    ]);
  });
});

describe("the kit per stage", () => {
  test.each([
    ["key", SAMPLE_INPUTS],
    ["entra", ENTRA],
  ])("%s mode: no stage and ci-docs render the same kit, byte for byte", (_mode, inputs) => {
    expect(renderDeveloperKit({ ...inputs, rolloutStage: "ci-docs" }, REPOS)).toEqual(
      renderDeveloperKit(inputs, REPOS),
    );
  });

  test("local: no ci profile, no workflow, no actionlint file; config.toml lists only chat and agent", () => {
    const kit = renderDeveloperKit({ ...SAMPLE_INPUTS, rolloutStage: "local" }, REPOS);
    expect(Object.keys(kit.codexProfiles)).toEqual(["chat.config.toml", "agent.config.toml"]);
    expect(kit.workflows).toEqual({});
    expect(Object.keys(kit.files).filter((path) => path.startsWith("repos/"))).toEqual([]);
    expect(kit.configToml).toContain("# Profiles (chat, agent) are");
  });

  test("a repository held at local within a ci-docs team gets no workflow; the others keep theirs", () => {
    const kit = renderDeveloperKit({ ...SAMPLE_INPUTS, rolloutStage: "ci-docs" }, [
      { name: "api", environment: "codex", rolloutStage: "local" },
      { name: "ledger", rolloutStage: "ci-docs" },
    ]);
    expect(Object.keys(kit.workflows)).toEqual(["ledger"]);
    expect(Object.keys(kit.files).filter((path) => path.startsWith("repos/"))).toEqual([
      "repos/ledger/.github/workflows/codex.yml",
      "repos/ledger/.github/actionlint.yaml",
    ]);
    expect(Object.keys(kit.codexProfiles)).toContain("ci.config.toml");
  });

  test("a repository beyond its team's stage is refused", () => {
    expect(() =>
      renderDeveloperKit({ ...SAMPLE_INPUTS, rolloutStage: "local" }, [{ name: "api", rolloutStage: "ci-docs" }]),
    ).toThrow("repository api: rollout stage ci-docs goes beyond the team's local");
  });

  test("a code path the schema would refuse never reaches a workflow", () => {
    expect(() =>
      renderDeveloperKit({ ...SAMPLE_INPUTS, rolloutStage: "ci-code", ciCodePaths: ["src/'; rm -rf /; '"] }, REPOS),
    ).toThrow(/code path .* is not valid/);
  });

  test("a stage without a workflow has no workflow to render", () => {
    expect(() =>
      renderCiWorkflow(SAMPLE_INPUTS, { repository: "api", configToml: "", ciProfileToml: "", stage: "local" }),
    ).toThrow("rollout stage local has no CI workflow (repository api)");
  });
});

describe("the ci-code workflow", () => {
  const inputs = (base: DevKitInputs): DevKitInputs => ({
    ...base,
    rolloutStage: "ci-code",
    ciCodePaths: ["src/", "package.json"],
  });

  test.each([
    ["key", SAMPLE_INPUTS],
    ["entra", ENTRA],
  ])(
    "%s mode: the task names the code paths, the guard allows exactly them, the pull request says code",
    async (_mode, base) => {
      const workflow = renderDeveloperKit(inputs(base), REPOS).workflows.api ?? "";
      const all = steps(workflow);
      const run = all.find((s) => s.name === "Run Codex on the changelog, docs and code paths");
      expect(run?.env?.CODEX_TASK).toContain("Edit only CHANGELOG.md, files under docs/ and src/, package.json.");
      const guard = all.find((s) => s.name === "Allow only changes to CHANGELOG.md, docs/, src/, package.json");
      expect(guard?.run).toContain("grep -Ev '^(CHANGELOG\\.md|docs/.*|src/.*|package\\.json)$'");
      const pr = all.find((s) => s.name === "Open a pull request for review")?.run ?? "";
      expect(pr).toContain('branch="codex/code-${GITHUB_RUN_ID}"');
      expect(pr).toContain('gh pr create --head "$branch" --title "chore: changelog, docs and code update by Codex"');
      expect(pr).not.toMatch(/push[^\n]*\b(main|master|HEAD)\b/);
      expect(workflow).toContain(
        "# A task on the changelog, docs and src/, package.json (rollout stage ci-code) runs with",
      );
      expect(await actionlint(workflow, ".github/workflows/codex.yml", base.runnerLabels)).toEqual([]);
    },
  );
});

describe("what the plan and the fleet show", () => {
  test("no rollout: the default stage, said so", () => {
    expect(rolloutView(undefined)).toEqual({
      stage: "ci-docs",
      source: "default",
      repositoriesBehind: [],
      codePaths: [],
    });
    expect(rolloutText(rolloutView(undefined))).toBe("ci-docs (default)");
  });

  test("the team's stage, its code paths at ci-code, and the repositories behind it grouped by stage", () => {
    const view = rolloutView({
      stage: "ci-code",
      codePaths: ["src/"],
      repositories: { "contoso/b": "local", "contoso/a": "local", "contoso/c": "ci-docs", "contoso/d": "ci-code" },
    });
    expect(view.repositoriesBehind).toEqual([
      { repository: "contoso/a", stage: "local" },
      { repository: "contoso/b", stage: "local" },
      { repository: "contoso/c", stage: "ci-docs" },
    ]);
    expect(rolloutText(view)).toBe("ci-code [src/]; local: contoso/a, contoso/b; ci-docs: contoso/c");
    expect(rolloutText(rolloutView({ stage: "ci-docs", codePaths: ["src/"] }))).toBe("ci-docs");
  });
});
