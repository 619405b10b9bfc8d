import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";
import { PROJECT_DIR } from "../support/stackFiles";

// The entries of the CLIs whose behaviour is tested in-process elsewhere (docsCli.test.ts, test/models/*Cli.test.ts):
// each runs as `npm run <cli>` and its exit code reaches the shell.
const npmRun = (script: string, args: string[]) =>
  spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    timeout: 120_000,
  });

test("npm run docs -- --check exits 0: the generated files are up to date", () => {
  const result = npmRun("docs", ["--check"]);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toBe("generated files are up to date\n");
});

test("npm run models -- --check without a subscription exits 2 with the usage, before any Azure call", () => {
  const result = npmRun("models", ["--check"]);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain("usage: npm run models -- --check --subscription <id>");
});
