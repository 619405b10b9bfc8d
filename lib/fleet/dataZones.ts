import { regionNamed, regionsIn } from "../azure/regions";
import { outsideText, unknownRegionText } from "../config/geography";
import type { FleetProblem, StackFacts } from "./types";

/**
 * Which Azure data zone a region belongs to, for DataZone* deployments (one quota pool per data zone), from the one
 * region table (lib/azure/regions.ts): a resource in the United States is in the us zone, one in an EU member state
 * in the eu zone (Microsoft's deployment-types page, cited there). Other regions have no zone here.
 */
export const DATA_ZONE_REGIONS: Readonly<Record<"eu" | "us", readonly string[]>> = {
  eu: regionsIn("eu"),
  us: regionsIn("us"),
};

export type DataZone = keyof typeof DATA_ZONE_REGIONS;

export function dataZoneOf(region: string): DataZone | undefined {
  const geography = regionNamed(region)?.geography;
  return geography === "eu" || geography === "us" ? geography : undefined;
}

/**
 * Each stack's region against its data-boundary as planned: an eu or us stack outside its geography (its DataZone
 * deployments would draw on, and process prompts in, the other zone), or a region the table does not know.
 */
export function dataBoundaryProblems(stacks: readonly StackFacts[]): FleetProblem[] {
  return stacks.flatMap((s): FleetProblem[] => {
    const region = regionNamed(s.region);
    if (region === undefined) {
      return [
        {
          rule: "data-boundary-geography",
          enforcement: "mandatory",
          message: `${s.stack}: region ${s.region} ${unknownRegionText(s.region)}`,
          stacks: [s.stack],
          fix: "set codex-boundary:location (and azure-native:location) to a known region",
        },
      ];
    }
    if ((s.dataBoundary !== "eu" && s.dataBoundary !== "us") || region.geography === s.dataBoundary) return [];
    const zone = dataZoneOf(region.name);
    return [
      {
        rule: "data-boundary-geography",
        enforcement: "mandatory",
        message:
          `${s.stack}: ${outsideText(region, s.dataBoundary)}` +
          (zone === undefined
            ? ""
            : `; its DataZone deployments would count in the ${zone} pool and keep prompts there`),
        stacks: [s.stack],
        fix: `set codex-boundary:location to a region ${s.dataBoundary === "eu" ? "in an EU member state" : "in the United States"}, or codex-boundary:dataBoundary to the team's real boundary`,
      },
    ];
  });
}
