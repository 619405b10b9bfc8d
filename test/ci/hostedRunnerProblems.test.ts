import { describe, expect, it } from "vitest";
import { hostedRunnerProblems } from "../../lib/ci/hostedRunnerProblems";
import { isHostedNetworkingRegion } from "../../lib/ci/hostedNetworkingRegions";
import { hostedRunnerName } from "../../lib/ci/hostedRunnerSizes";
import { expectProblemsAt } from "../support/problemText";

const ok = { runners: "github-hosted-private", location: "swedencentral", size: "4-core", maximum: 4 } as const;

describe("hostedRunnerProblems", () => {
  it("has nothing to say for self-hosted, whatever the plan or region", () => {
    expect(hostedRunnerProblems({ runners: "self-hosted", location: "westeurope" }, { githubPlan: "free" })).toEqual(
      [],
    );
  });

  it("accepts a supported region, a listed size and a maximum in range on Team or Enterprise", () => {
    expect(hostedRunnerProblems(ok, { githubPlan: "team" })).toEqual([]);
    expect(hostedRunnerProblems({ ...ok, location: "East US 2" }, { githubPlan: "enterprise" })).toEqual([]);
  });

  it("reports the plan, the region (with the supported list), the size and the maximum all at once", () => {
    const problems = hostedRunnerProblems(
      { runners: "github-hosted-private", location: "westeurope", size: "3-core", maximum: 0 },
      { githubPlan: "free" },
    );
    expectProblemsAt(problems, "path", [
      ["ci.runners", "Team or Enterprise", "'free'", "github.plan", "ci.runners: self-hosted"],
      ["location", "'westeurope'", "SwedenCentral", "NorthEurope", "docs.github.com", "ci.runners: self-hosted"],
      ["ci.hosted.size", "'3-core'", "2-core", "64-core"],
      ["ci.hosted.maximum", "'0'", "1 to 1000"],
    ]);
  });

  it("says the plan is not set when platform.yaml has no github.plan", () => {
    expectProblemsAt(hostedRunnerProblems(ok, {}), "path", [["ci.runners", "(not set)"]]);
  });

  it("refuses a fractional or missing maximum and a missing size", () => {
    expectProblemsAt(
      hostedRunnerProblems(
        { runners: "github-hosted-private", location: "eastus", maximum: 2.5 },
        { githubPlan: "team" },
      ),
      "path",
      [
        ["ci.hosted.size", "(not set)"],
        ["ci.hosted.maximum", "'2.5'"],
      ],
    );
  });
});

describe("hosted networking regions and runner names", () => {
  it("matches Azure location names to GitHub's spelling regardless of case and spaces", () => {
    expect(isHostedNetworkingRegion("uksouth")).toBe(true);
    expect(isHostedNetworkingRegion("Germany West Central")).toBe(true);
    expect(isHostedNetworkingRegion("westeurope")).toBe(false);
  });

  it("names the runner from the team and size", () => {
    expect(hostedRunnerName("payments", "8-core")).toBe("codex-payments-8-core");
  });
});
