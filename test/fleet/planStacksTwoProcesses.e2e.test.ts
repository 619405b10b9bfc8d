import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { planStacks } from "../../scripts/fleet/planStacks";
import { FIXTURES_DIR, PROJECT_DIR } from "../support/stackFiles";
import { FIXTURE_CLOCK } from "../support/clock";

const dir = mkdtempSync(join(tmpdir(), "fleet-two-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The second process (scripts/fleet/planWorker.ts) is forked: this spawns a process.
test("a fleet shared with a second process plans every stack as one process does, in the order given", async () => {
  const stacks = ["hub", "noncompliant", "optouts", "retiring", "entra"];
  const alone = await planStacks(PROJECT_DIR, FIXTURES_DIR, stacks, FIXTURE_CLOCK, { processes: 1 });
  const shared = await planStacks(PROJECT_DIR, FIXTURES_DIR, stacks, FIXTURE_CLOCK, { processes: 2 });
  expect(shared.map((r) => r.stack)).toEqual(stacks);
  expect(shared).toEqual(alone);
}, 120_000);

test("a stack the second process cannot plan comes back as that stack's problems", async () => {
  writeFileSync(join(dir, "Pulumi.broken.yaml"), "config: [not, a, map]\n");
  const [broken, hub] = await planStacks(PROJECT_DIR, dir, ["broken", "hub"], FIXTURE_CLOCK, { processes: 2 });
  expect(broken).toEqual({ stack: "broken", problems: [expect.stringContaining("'config' must be a map of keys")] });
  expect(hub && "problems" in hub).toBe(true);
}, 120_000);
