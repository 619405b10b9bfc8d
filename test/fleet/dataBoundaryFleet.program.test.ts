import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeGeneratedFleet } from "../../scripts/fleet/generateFleet";
import { main } from "../../scripts/fleet";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";

describe("npm run fleet: the data boundary follows geography", () => {
  test("a swedencentral stack with dataBoundary us is an input problem of that stack, not a member of the eu pool", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-geography-"));
    writeGeneratedFleet(dir, 2, {
      1: {
        overrides: {
          "azure-native:location": "swedencentral",
          location: "swedencentral",
          dataBoundary: "us",
          models: [{ name: "codex", model: "gpt-5", version: "2025-08-07", sku: "DataZoneStandard", capacity: 20 }],
        },
      },
    });
    const { code, stdout, stderr } = await runMain(main, ["--as-of", FIXTURE_DAY, "--stacks-dir", dir, "--json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/1 of 2 stack\(s\) cannot be planned/);
    expect(stderr).toMatch(
      /team-1 [^]*- codex-boundary:location: swedencentral \(Sweden Central, Sweden\) is in an EU member state, outside the 'us' data boundary/,
    );
    expect(stdout).toBe("");
  });
});
