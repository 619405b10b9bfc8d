import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";

/** The example stack with its region settings replaced, planned offline from a folder of its own. */
async function planDevWith(location: { team: string; provider: string }, dataBoundary = "global") {
  const stackDir = mkdtempSync(join(tmpdir(), "cb-geography-"));
  copyFileSync(join(PROJECT_DIR, "platform.yaml"), join(stackDir, "platform.yaml"));
  const dev = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8")
    .replace("azure-native:location: eastus2", `azure-native:location: ${location.provider}`)
    .replace("codex-boundary:location: eastus2", `codex-boundary:location: ${location.team}`)
    .replace("codex-boundary:dataBoundary: global", `codex-boundary:dataBoundary: ${dataBoundary}`);
  writeFileSync(join(stackDir, "Pulumi.dev.yaml"), dev);
  const out = mkdtempSync(join(tmpdir(), "cb-geography-out-"));
  const { code, stdout, stderr } = await runMain(main, [
    "--stack",
    "dev",
    "--stack-dir",
    stackDir,
    "--out",
    out,
    "--as-of",
    FIXTURE_DAY,
  ]);
  return { code, stdout, stderr, written: readdirSync(out) };
}

describe("npm run plan: the data boundary follows geography", () => {
  test("location swedencentral with dataBoundary us exits 2 naming the location, the boundary and the fix", async () => {
    const result = await planDevWith({ team: "swedencentral", provider: "swedencentral" }, "us");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /codex-boundary:location: swedencentral \(Sweden Central, Sweden\) is in an EU member state, outside the 'us' data boundary.*Set location to one of them, or dataBoundary eu.*\(got "swedencentral"\)/,
    );
    expect(result.written).toEqual([]);
  });

  test("location mars exits 2 with the nearest region names", async () => {
    const result = await planDevWith({ team: "mars", provider: "mars" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /codex-boundary:location: is not an Azure public-cloud region .*nearest: .*\(got "mars"\)/,
    );
    expect(result.written).toEqual([]);
  });

  test("an azure-native:location other than the team's location exits 2", async () => {
    const result = await planDevWith({ team: "swedencentral", provider: "eastus2" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'codex-boundary:location: differs from azure-native:location ("eastus2") in the same stack file',
    );
    expect(result.written).toEqual([]);
  });
});
