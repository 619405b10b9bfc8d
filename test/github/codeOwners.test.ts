import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  CODEOWNERS_PATH,
  CodeOwnersError,
  codeOwnersFile,
  renderCodeOwners,
  stackFileTeam,
} from "../../lib/github/codeOwners";
import { parsePlatformConfig } from "../../lib/platform/parse";
import type { PlatformConfigInput } from "../../lib/platform/schema";
import { main } from "../../scripts/docs";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";

const PLATFORM: PlatformConfigInput = {
  github: { organizations: ["contoso"], platformRepository: "contoso/codex-boundary", runnerLabels: ["codex"] },
  azure: { dataBoundaries: {} },
  owners: { platform: ["@contoso/platform"], security: ["@contoso/security"] },
  teams: {
    payments: { owners: ["@contoso/payments", "@contoso/platform"] },
    ledger: { owners: ["ana@contoso.com"] },
  },
};
const platform = parsePlatformConfig(PLATFORM);

/** GitHub's rule for the patterns this file uses: the LAST matching line wins (`*`, `/dir/`, `/file`). */
function ownersOf(codeOwners: string, path: string): string[] {
  let owners: string[] = [];
  for (const row of codeOwners.split("\n")) {
    if (row.trim() === "" || row.startsWith("#")) continue;
    const [pattern = "", ...names] = row.split(/\s+/);
    const matches =
      pattern === "*" || (pattern.endsWith("/") ? `/${path}`.startsWith(pattern) : `/${path}` === pattern);
    if (matches) owners = names;
  }
  return owners;
}

describe("the project's own CODEOWNERS", () => {
  const read = (path: string) =>
    existsSync(join(PROJECT_DIR, path)) ? readFileSync(join(PROJECT_DIR, path), "utf8") : undefined;

  test("the committed .github/CODEOWNERS is what platform.yaml and the stack files generate (run 'npm run docs')", () => {
    const generated = codeOwnersFile(read, readdirSync(PROJECT_DIR));
    expect(generated?.path).toBe(CODEOWNERS_PATH);
    expect(read(CODEOWNERS_PATH)).toBe(generated?.text);
  });

  test("each path gets the owners the issue asks for, under last-match-wins", () => {
    const text = read(CODEOWNERS_PATH) ?? "";
    const expected: Array<[string, string[]]> = [
      ["Pulumi.dev.yaml", ["@contoso/platform-team"]],
      ["platform.yaml", ["@contoso/security"]],
      ["policies/index.ts", ["@contoso/security"]],
      ["lib/policy/rules.ts", ["@contoso/security"]],
      ["lib/platform/schema.ts", ["@contoso/security"]],
      [".github/workflows/deploy.yml", ["@contoso/security"]],
      [".github/CODEOWNERS", ["@contoso/security"]],
      ["package.json", ["@contoso/platform-team"]],
      ["package-lock.json", ["@contoso/platform-team"]],
      ["lib/names.ts", ["@contoso/platform-team"]],
      ["components/githubDistribution.ts", ["@contoso/platform-team"]],
      ["docs/security-review.md", ["@contoso/platform-team"]],
    ];
    for (const [path, owners] of expected) expect(ownersOf(text, path), path).toEqual(owners);
  });
});

describe("renderCodeOwners", () => {
  test("a stack file is owned by its team's owners and the platform, once each; security files by security alone", () => {
    const text = renderCodeOwners(platform, [
      { file: "Pulumi.payments.yaml", team: "payments" },
      { file: "Pulumi.ledger-prod.yaml", team: "ledger" },
    ]);
    expect(ownersOf(text, "Pulumi.payments.yaml")).toEqual(["@contoso/payments", "@contoso/platform"]);
    expect(ownersOf(text, "Pulumi.ledger-prod.yaml")).toEqual(["ana@contoso.com", "@contoso/platform"]);
    // A stack file not generated yet (a new team's first pull request) falls to the catch-all: the platform.
    expect(ownersOf(text, "Pulumi.newcomer.yaml")).toEqual(["@contoso/platform"]);
    expect(ownersOf(text, "platform.yaml")).toEqual(["@contoso/security"]);
    expect(ownersOf(text, "lib/config/parse.ts")).toEqual(["@contoso/platform"]);
    expect(text.split("\n").filter((row) => !row.startsWith("#") && row !== "")[0]).toBe("* @contoso/platform");
  });

  test("the output does not depend on the order the stack files were listed in", () => {
    const files = [
      { file: "Pulumi.payments.yaml", team: "payments" },
      { file: "Pulumi.ledger.yaml", team: "ledger" },
    ];
    expect(renderCodeOwners(platform, files)).toBe(renderCodeOwners(platform, [...files].reverse()));
  });

  test("a stack file whose team is not in platform.yaml, or names none, is an error listing every one (not silently unowned)", () => {
    const render = () =>
      renderCodeOwners(platform, [
        { file: "Pulumi.payments.yaml", team: "payments" },
        { file: "Pulumi.rogue.yaml", team: "rogue" },
        { file: "Pulumi.anon.yaml", team: undefined },
        { file: "Pulumi.we ird.yaml", team: "payments" },
      ]);
    expect(render).toThrow(CodeOwnersError);
    expect(() => render()).toThrow(
      [
        "3 stack files without an owner in platform.yaml; .github/CODEOWNERS was not written:",
        "  - Pulumi.anon.yaml: has no codex-boundary:team (or is not YAML), so no team owns it: write the team's name there",
        '  - Pulumi.rogue.yaml: codex-boundary:team "rogue" is not in platform.yaml teams [ledger, payments]: add the team with its owners there first, in its own pull request',
        "  - Pulumi.we ird.yaml: not a stack file name CODEOWNERS can match exactly (Pulumi.<stack>.yaml, letters, digits, '.', '_', '-'): rename it",
      ].join("\n"),
    );
  });

  test("a team key inherited from Object (toString) is not a team", () => {
    expect(() => renderCodeOwners(platform, [{ file: "Pulumi.x.yaml", team: "toString" }])).toThrow(
      /"toString" is not in platform\.yaml teams/,
    );
  });
});

test("stackFileTeam reads codex-boundary:team; anything else is no team", () => {
  expect(stackFileTeam("config:\n  codex-boundary:team: payments\n")).toBe("payments");
  expect(stackFileTeam("config:\n  codex-boundary:team: 7\n")).toBeUndefined();
  expect(stackFileTeam("config: {}\n")).toBeUndefined();
  expect(stackFileTeam("")).toBeUndefined();
  expect(stackFileTeam("config: [\n")).toBeUndefined();
});

describe("npm run docs writes CODEOWNERS", () => {
  /** A project folder with what npm run docs reads, the generated files up to date, and the given stack files. */
  function project(stackFiles: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "cb-codeowners-"));
    for (const file of [
      "README.md",
      "Pulumi.yaml",
      "platform.yaml",
      CODEOWNERS_PATH,
      "schema/team-config.schema.json",
      "schema/platform.schema.json",
      "docs/security-review.md",
    ]) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      copyFileSync(join(PROJECT_DIR, file), join(dir, file));
    }
    for (const [name, text] of Object.entries(stackFiles)) writeFileSync(join(dir, name), text);
    return dir;
  }

  test("a new stack file makes CODEOWNERS stale; npm run docs adds its line", async () => {
    const dir = project({
      "Pulumi.dev.yaml": readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8"),
      "Pulumi.dev-eu.yaml": "config:\n  codex-boundary:team: dev\n",
    });
    const check = await runMain(main, ["--check"], { projectDir: dir });
    expect([check.code, check.stderr]).toEqual([1, `stale: ${CODEOWNERS_PATH}; run 'npm run docs'\n`]);
    expect(await runMain(main, [], { projectDir: dir })).toMatchObject({
      code: 0,
      stdout: `wrote: ${CODEOWNERS_PATH}\n`,
    });
    expect(readFileSync(join(dir, CODEOWNERS_PATH), "utf8")).toContain(
      "\n/Pulumi.dev-eu.yaml @contoso/platform-team\n",
    );
  });

  test("a stack file of a team platform.yaml does not admit: exit 2 naming it, CODEOWNERS left as it was", async () => {
    const dir = project({ "Pulumi.rogue.yaml": "config:\n  codex-boundary:team: rogue\n" });
    const before = readFileSync(join(dir, CODEOWNERS_PATH), "utf8");
    const result = await runMain(main, [], { projectDir: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Pulumi.rogue.yaml: codex-boundary:team "rogue" is not in platform.yaml teams [dev]',
    );
    expect(readFileSync(join(dir, CODEOWNERS_PATH), "utf8")).toBe(before);
  });
});
