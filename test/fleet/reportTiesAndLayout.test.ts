import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { buildFleetReport } from "../../lib/fleet/report";
import { renderFleetText } from "../../lib/fleet/text";
import { deployment, facts } from "./support";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const SAME_DAY = new Date("2027-03-01T00:00:00Z");

describe("earliest retirement on a tie", () => {
  test("two models retiring on the same day: the deployment listed first is named", () => {
    const stack = facts("s", {
      deployments: [deployment({ name: "a", model: "gpt-5-mini", version: "1" }), deployment({ name: "b", model: "gpt-5-nano", version: "2" })],
    });
    const report = buildFleetReport([stack], EMPTY_FLEET_FILE, () => SAME_DAY, NOW);
    expect(report.stacks[0]?.earliestRetirement).toEqual({ model: "gpt-5-mini", version: "1", retiresOn: "2027-03-01" });
  });
});

describe("text report layout", () => {
  test("the closing verdict follows one blank line after the problems", () => {
    const lines = renderFleetText(buildFleetReport([facts("solo")], EMPTY_FLEET_FILE, () => undefined, NOW)).split("\n");
    expect(lines.slice(-4)).toEqual(["Problems: none. Every fleet rule holds.", "", "All mandatory rules hold.", ""]);
  });
});
