import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { main } from "../../scripts/docs";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";

const SCHEMA = "schema/team-config.schema.json";

/** A project folder with the files npm run docs edits and the platform's schema, but not the stack files' schema. */
function projectWithoutSchema(): string {
  const dir = mkdtempSync(join(tmpdir(), "cb-docs-"));
  mkdirSync(join(dir, "docs"));
  for (const file of ["README.md", "Pulumi.yaml", "docs/security-review.md"])
    copyFileSync(join(PROJECT_DIR, file), join(dir, file));
  mkdirSync(join(dir, "schema"));
  copyFileSync(join(PROJECT_DIR, "schema/platform.schema.json"), join(dir, "schema/platform.schema.json"));
  return dir;
}

test("--check on this project exits 0: every generated file is up to date", async () => {
  expect(await runMain(main, ["--check"], { projectDir: PROJECT_DIR })).toEqual({
    code: 0,
    stdout: "generated files are up to date\n",
    stderr: "",
  });
});

test("--check names a stale file, exits 1 and writes nothing; without --check the file is written", async () => {
  const projectDir = projectWithoutSchema();
  const check = await runMain(main, ["--check"], { projectDir });
  expect(check.code).toBe(1);
  expect(check.stderr).toContain(SCHEMA);
  expect(check.stderr).toContain("run 'npm run docs'");
  expect(existsSync(join(projectDir, SCHEMA))).toBe(false);
  const write = await runMain(main, [], { projectDir });
  expect([write.code, write.stdout]).toEqual([0, `wrote: ${SCHEMA}\n`]);
  expect(readFileSync(join(projectDir, SCHEMA), "utf8")).toBe(readFileSync(join(PROJECT_DIR, SCHEMA), "utf8"));
});

test("a project folder without the files it edits exits 2 with the error", async () => {
  const result = await runMain(main, [], { projectDir: mkdtempSync(join(tmpdir(), "cb-docs-empty-")) });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^error: .*README\.md/);
});

test("an unknown flag (a misspelt --check) exits 2 with the usage and writes nothing", async () => {
  const projectDir = projectWithoutSchema();
  const result = await runMain(main, ["--chek"], { projectDir });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("--chek");
  expect(result.stderr).toContain("npm run docs [-- --check]");
  expect(existsSync(join(projectDir, SCHEMA))).toBe(false);
});
