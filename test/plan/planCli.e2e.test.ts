import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { FIXTURE_DAY } from "../support/clock";
import { PROJECT_DIR } from "../support/stackFiles";

// The entry as a person runs it; what the CLI does is tested in-process (planCli.program.test.ts).
test("npm run plan -- --json runs the entry and exits 0 with the plan document", () => {
  const out = mkdtempSync(join(tmpdir(), "cb-plan-smoke-"));
  const result = spawnSync(
    "npm",
    ["run", "--silent", "plan", "--", "--stack", "dev", "--json", "--out", out, "--as-of", FIXTURE_DAY],
    {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, FORCE_COLOR: "0" },
    },
  );
  expect(result.status, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ project: "codex-boundary", stack: "dev" });
});
