import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { writeGeneratedFleet } from "../../scripts/fleet/generateFleet";
import { FIXTURE_DAY } from "../support/clock";
import { PROJECT_DIR } from "../support/stackFiles";

// The entry as a person runs it; what the CLI does is tested in-process (fleetCli.program.test.ts).
test("npm run fleet -- --json runs the entry and exits 0 with the fleet report", () => {
  const dir = mkdtempSync(join(tmpdir(), "fleet-smoke-"));
  writeGeneratedFleet(dir, 1);
  const result = spawnSync(
    "npm",
    ["run", "--silent", "fleet", "--", "--as-of", FIXTURE_DAY, "--stacks-dir", dir, "--json"],
    {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      timeout: 180_000,
      env: { ...process.env, FORCE_COLOR: "0" },
    },
  );
  expect(result.status, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { stacks: Array<{ stack: string }> }).stacks.map((s) => s.stack)).toEqual([
    "team-0",
  ]);
});
