import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { writeGeneratedFleet } from "../../scripts/fleet/generateFleet";
import { main } from "../../scripts/fleet";
import { runMain } from "../support/cliIo";
import { FIXTURE_DAY } from "../support/clock";
import { drawnTexts, ERASED_LINE, terminalIo } from "../support/terminalStderr";

test("npm run fleet on a terminal: a progress bar of the stacks planned on stderr, erased; stdout byte for byte as without; nothing on stderr when it is not a terminal", async () => {
  const dir = mkdtempSync(join(tmpdir(), "fleet-progress-"));
  writeGeneratedFleet(dir, 3);
  const argv = ["--as-of", FIXTURE_DAY, "--stacks-dir", dir];
  const piped = await runMain(main, argv);
  const io = terminalIo(72);
  const code = await main(argv, io);
  expect(code).toBe(piped.code);
  expect(piped.stderr).toBe("");
  expect(io.out()).toBe(piped.stdout);
  const drawn = drawnTexts(io.err());
  expect(drawn[0]).toBe("planning [--------------------] 0/3 stacks | ");
  expect(drawn.at(-1)).toBe("planning [====================] 3/3 stacks | team-2");
  for (const text of drawn) expect(text.length).toBeLessThanOrEqual(72);
  expect(io.err().endsWith(ERASED_LINE)).toBe(true);
}, 120_000);
