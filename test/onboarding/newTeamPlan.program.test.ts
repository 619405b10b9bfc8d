import { join } from "node:path";
import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { main as newTeam } from "../../scripts/newTeam";
import { main as plan } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";
import { NEW_TEAM_FLAGS, stackDirWithDev } from "../support/newTeamInputs";

test("the stack file new-team writes plans at once with every mandatory control passing", async () => {
  const dir = stackDirWithDev("cb-newteam-plan-");
  const written = await runMain(newTeam, [...NEW_TEAM_FLAGS, "--stack-dir", dir], {
    input: Readable.from([]),
    terminal: undefined,
  });
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
