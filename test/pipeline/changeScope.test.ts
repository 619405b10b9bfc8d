import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { changeKind, changeScope, PLATFORM_FILES } from "../../lib/pipeline/changeScope";
import { main } from "../../scripts/pipeline/changeScope";
import { runMain } from "../support/cliIo";

describe("which tier a path belongs to", () => {
  test.each([
    ["Pulumi.dev.yaml", "stack"],
    ["Pulumi.payments-eu.yaml", "stack"],
    ["Pulumi.yaml", "platform"],
    ["platform.yaml", "platform"],
    ["package.json", "platform"],
    ["package-lock.json", "platform"],
    [".npmrc", "platform"],
    ["tsconfig.build.json", "platform"],
    [".gitattributes", "platform"],
    [".ci/run", "platform"],
    ["vitest.config.mts", "platform"],
    ["lib/config/parse.ts", "platform"],
    ["components/githubDistribution.ts", "platform"],
    ["stacks/index.ts", "platform"],
    ["providers/keyRotation.ts", "platform"],
    ["policies/index.ts", "platform"],
    ["scripts/plan.ts", "platform"],
    ["tools/cliIo.ts", "platform"],
    [".github/workflows/deploy.yml", "platform"],
    [".github/CODEOWNERS", "other"],
    ["docs/security-review.md", "other"],
    ["test/fixtures/Pulumi.hub.yaml", "other"],
    ["test/config/parse.test.ts", "other"],
    ["README.md", "other"],
    ["libx/file.ts", "other"],
    ["Pulumi.dev.yaml.orig", "other"],
  ] as const)("%s: %s", (path, kind) => {
    expect(changeKind(path)).toBe(kind);
  });

  test("every platform entry says why", () => {
    for (const entry of PLATFORM_FILES) expect(entry.why.length, entry.path).toBeGreaterThan(10);
  });
});

describe("the verdict on a pull request", () => {
  test("a stack file with a platform file is refused, naming both and the fix (regression: nothing refused it)", () => {
    const verdict = changeScope(["Pulumi.dev.yaml", "lib/policy/rules.ts", "docs/x.md", "policies/index.ts"]);
    expect(verdict).toEqual({
      ok: false,
      stackFiles: ["Pulumi.dev.yaml"],
      platformFiles: ["lib/policy/rules.ts", "policies/index.ts"],
      message:
        "This pull request changes team stack files (Pulumi.dev.yaml) together with platform files " +
        "(lib/policy/rules.ts, policies/index.ts): split into two pull requests, one with the stack files only " +
        "(reviewed by the team's owners) and one with the platform files (reviewed by the platform and security " +
        "owners), and merge the platform one first.",
    });
  });

  test.each([["platform.yaml"], [".github/workflows/deploy.yml"], ["package-lock.json"], ["Pulumi.yaml"]])(
    "a stack file with %s is refused",
    (platformFile) => {
      expect(changeScope(["Pulumi.payments.yaml", platformFile]).ok).toBe(false);
    },
  );

  test("stack files alone, with their regenerated CODEOWNERS, docs or tests, pass", () => {
    expect(
      changeScope(["Pulumi.a.yaml", "Pulumi.b.yaml", ".github/CODEOWNERS", "docs/a.md", "test/x.test.ts"]),
    ).toEqual({
      ok: true,
      stackFiles: ["Pulumi.a.yaml", "Pulumi.b.yaml"],
      platformFiles: [],
      message: "This pull request changes team stack files only (Pulumi.a.yaml, Pulumi.b.yaml).",
    });
  });

  test("platform files alone pass; so does a change of neither tier, or none", () => {
    expect(changeScope(["lib/a.ts", ".github/CODEOWNERS", "platform.yaml"]).message).toBe(
      "This pull request changes platform files and no stack file.",
    );
    expect(changeScope(["docs/a.md"]).ok).toBe(true);
    expect(changeScope([""]).message).toBe("This pull request changes no stack file and no platform file.");
  });

  test("more than ten files of a tier: ten named, the rest counted", () => {
    const libs = Array.from({ length: 12 }, (_, i) => `lib/f${String(i).padStart(2, "0")}.ts`);
    const { message } = changeScope(["Pulumi.a.yaml", ...libs, "Pulumi.a.yaml"]);
    expect(message).toContain(
      "(lib/f00.ts, lib/f01.ts, lib/f02.ts, lib/f03.ts, lib/f04.ts, lib/f05.ts, lib/f06.ts, lib/f07.ts, lib/f08.ts, lib/f09.ts and 2 more)",
    );
    expect(message).toContain("team stack files (Pulumi.a.yaml) together");
  });
});

describe("scripts/pipeline/changeScope.ts", () => {
  const pathsFile = (paths: string[]): string => {
    const file = join(mkdtempSync(join(tmpdir(), "cb-scope-")), "changed");
    writeFileSync(file, paths.map((p) => `${p}\0`).join(""));
    return file;
  };

  test("NUL-separated paths of both tiers: exit 1 with an error annotation; a path may hold a newline", async () => {
    const result = await runMain(main, [pathsFile(["Pulumi.dev.yaml", "docs/a\nb.md", "scripts/x.ts"])]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^::error::This pull request changes team stack files \(Pulumi\.dev\.yaml\) together with platform files \(scripts\/x\.ts\): split into two pull requests/,
    );
  });

  test("one tier: exit 0 with the verdict", async () => {
    expect(await runMain(main, [pathsFile(["Pulumi.dev.yaml"])])).toEqual({
      code: 0,
      stdout: "This pull request changes team stack files only (Pulumi.dev.yaml).\n",
      stderr: "",
    });
  });

  test("no file, two files or an unreadable one: exit 2", async () => {
    expect((await runMain(main, [])).code).toBe(2);
    expect((await runMain(main, ["a", "b"])).stderr).toContain("usage: changeScope.ts <changed-paths-file>");
    const missing = await runMain(main, [join(tmpdir(), "cb-scope-does-not-exist")]);
    expect([missing.code, missing.stderr.startsWith("::error::Could not read the changed paths")]).toEqual([2, true]);
  });
});
