import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { main as newTeam } from "../../scripts/newTeam";
import { main as plan } from "../../scripts/plan";
import { FIXTURE_DAY, monthAfter } from "../support/clock";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";

test("the stack file new-team writes plans at once with every mandatory control passing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cb-newteam-plan-"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), join(dir, "Pulumi.dev.yaml"));
  const written = await runMain(
    newTeam,
    [
      "--name",
      "payments",
      "--cost-center",
      "CC-1",
      "--location",
      "swedencentral",
      "--data-boundary",
      "eu",
      "--runner-labels",
      "self-hosted",
      "--github-owner",
      "contoso",
      "--repos",
      "api,web",
      "--users",
      "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
      "--admins",
      "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
      "--budget",
      "1500",
      "--emails",
      "leads@contoso.com",
      "--start-month",
      monthAfter(FIXTURE_DAY, 1),
      "--as-of",
      FIXTURE_DAY,
      "--stack-dir",
      dir,
    ],
    { input: Readable.from([]), terminal: undefined },
  );
  expect(written.code, written.stderr).toBe(0);
  const planned = await runMain(plan, [
    "--stack",
    "payments",
    "--stack-dir",
    dir,
    "--out",
    join(dir, "out"),
    "--as-of",
    FIXTURE_DAY,
  ]);
  expect(planned.code, planned.stderr).toBe(0);
  expect(planned.stdout).toContain("All mandatory controls pass.");
});
