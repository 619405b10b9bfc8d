import { describe, expect, test } from "vitest";
import { configProblems, minimalConfig } from "./minimalConfig";
import { expectProblems } from "../support/problemText";
import { parseAdmitted } from "../support/platformFiles";

const NOW = Date.parse("2026-11-25T09:30:00Z");

const withRollout = (rollout: unknown, repositories: string[] = ["api", "ledger"]) => ({
  ...minimalConfig(),
  github: { owner: "contoso", repositories: repositories.map((name) => ({ name })) },
  rollout,
});

const rolloutProblems = (rollout: unknown, repositories?: string[]) =>
  configProblems(withRollout(rollout, repositories), NOW).filter((line) => line.startsWith("rollout"));

describe("rollout in the stack file", () => {
  test("absent: no rollout in the parsed config (the kit keeps the ci-docs behaviour)", () => {
    expect(parseAdmitted(minimalConfig(), undefined, NOW).rollout).toBeUndefined();
  });

  test("a team stage with repositories behind it and code paths parses, defaults filled in", () => {
    expect(parseAdmitted(withRollout({ stage: "ci-docs" }), undefined, NOW).rollout).toEqual({
      stage: "ci-docs",
      repositories: {},
      codePaths: [],
    });
    const parsed = parseAdmitted(
      withRollout({
        stage: "ci-code",
        repositories: { "contoso/ledger": "local", "Contoso/API": "ci-docs" },
        codePaths: ["src/", "lib/util/", "package.json"],
      }),
      undefined,
      NOW,
    );
    expect(parsed.rollout).toEqual({
      stage: "ci-code",
      repositories: { "contoso/ledger": "local", "Contoso/API": "ci-docs" },
      codePaths: ["src/", "lib/util/", "package.json"],
    });
  });

  test("an unknown stage, a missing stage and an unknown key: one problem each, with the value", () => {
    expectProblems(rolloutProblems({ stage: "ci" }), [["rollout.stage", '"local", "ci-docs", "ci-code"', '"ci"']]);
    expectProblems(rolloutProblems({}), [["rollout.stage", "is required"]]);
    expectProblems(rolloutProblems({ stage: "local", stages: {} }), [["rollout.stages", "unknown key"]]);
  });

  test("a repository beyond the team's stage: one problem per repository, naming both stages and the fix", () => {
    expectProblems(
      rolloutProblems({
        stage: "local",
        repositories: { "contoso/api": "ci-docs", "contoso/ledger": "ci-code" },
        codePaths: ["src/"],
      }),
      [
        [
          "rollout.repositories.contoso/api",
          "'ci-docs' goes beyond the team's rollout.stage 'local'",
          "set it to 'local' or lower",
          '"ci-docs"',
        ],
        ["rollout.repositories.contoso/ledger", "'ci-code' goes beyond the team's rollout.stage 'local'", '"ci-code"'],
      ],
    );
    expect(
      rolloutProblems({ stage: "ci-docs", repositories: { "contoso/api": "local", "contoso/ledger": "ci-docs" } }),
    ).toEqual([]);
  });

  test("a repository key that names no repository of the stack (another owner, a typo) is refused with the list", () => {
    expectProblems(
      rolloutProblems({ stage: "ci-docs", repositories: { "fabrikam/api": "local", "contoso/ledgr": "local" } }),
      [
        ["rollout.repositories.fabrikam/api", "names no repository of this stack"],
        ["rollout.repositories.contoso/ledgr", "names no repository of this stack", "api, ledger", "contoso/<name>"],
      ],
    );
    expectProblems(rolloutProblems({ stage: "ci-docs", repositories: { api: "local" } }), [
      ["rollout.repositories.api", "must be <owner>/<name>"],
    ]);
  });

  test("ci-code needs code paths; a path into .github, .codex, .git or out of the checkout is refused, one problem each", () => {
    expectProblems(rolloutProblems({ stage: "ci-code" }), [
      ["rollout.codePaths", "must list the code paths", "ci-docs"],
    ]);
    expectProblems(
      rolloutProblems({
        stage: "ci-code",
        codePaths: ["src/", ".github/workflows/", "a/../b", "/etc/", "x/.codex/", "a b"],
      }),
      [
        ["rollout.codePaths[1]", "relative to the repository root", '".github/workflows/"'],
        ["rollout.codePaths[2]", '"a/../b"'],
        ["rollout.codePaths[3]", '"/etc/"'],
        ["rollout.codePaths[4]", '"x/.codex/"'],
        ["rollout.codePaths[5]", '"a b"'],
      ],
    );
    // Code paths may be written before the stage moves up: they take effect at ci-code only.
    expect(rolloutProblems({ stage: "ci-docs", codePaths: ["src/"] })).toEqual([]);
  });
});
