import type { z } from "zod";
import {
  type AzureRegion,
  geographyName,
  geographyRegionsName,
  nearestRegions,
  REGION_SOURCE,
  regionNamed,
  regionsIn,
} from "../azure/regions";
import { PROJECT_NAME } from "../names";
import { REGION_NAME_PATTERN } from "./patterns";

/**
 * The data boundary follows geography: `eu` only with a region in an EU member state, `us` only with a US region,
 * `global` with any known region; a name the region table (lib/azure/regions.ts) does not know is an input error with
 * the nearest names. One rule for the config parser, new-team and platform.yaml; each words its own fix.
 */

export type RegionFinding =
  { kind: "unknown"; location: string } | { kind: "outside"; region: AzureRegion; boundary: "eu" | "us" };

/** What is wrong with a region for a boundary, or undefined. `boundary` other than eu/us: only whether it exists. */
export function regionFinding(location: string, boundary: string | undefined): RegionFinding | undefined {
  const region = regionNamed(location);
  if (region === undefined) return { kind: "unknown", location };
  if (boundary !== "eu" && boundary !== "us") return undefined;
  return region.geography === boundary ? undefined : { kind: "outside", region, boundary };
}

/** "is not an Azure public-cloud region ...; nearest: ...": the start of every unknown-region message. */
export function unknownRegionText(location: string): string {
  return `is not an Azure public-cloud region (lib/azure/regions.ts lists them, from ${REGION_SOURCE}); nearest: ${nearestRegions(location).join(", ")}`;
}

/** Where the region is and what the boundary admits, e.g. "swedencentral (Sweden Central, Sweden) is in an EU ...". */
export function outsideText(region: AzureRegion, boundary: "eu" | "us"): string {
  return (
    `${region.name} (${region.displayName}, ${region.country}) is ${geographyName(region.geography)}, outside the '${boundary}' data boundary, ` +
    `which admits only regions ${geographyRegionsName(boundary)}: ${regionsIn(boundary).join(", ")}`
  );
}

/** The other way out of a mismatch: the boundary of the region's geography, or global for a region outside both. */
export function boundaryFix(region: AzureRegion, boundary: "eu" | "us", setting: string): string {
  return region.geography === "other"
    ? `${setting} global only if the team's data may leave the ${boundary === "eu" ? "EU" : "United States"} (an opt-out the plan reports)`
    : `${setting} ${region.geography} if the team's data belongs there`;
}

/** A problem found in a raw team config, at a path into it; the caller adds the value. */
export interface GeographyProblem {
  path: Array<string | number>;
  message: string;
}

/** The message of a finding in a team stack file: the keys it names are the file's. */
export function configRegionMessage(finding: RegionFinding): string {
  if (finding.kind === "unknown")
    return `${unknownRegionText(finding.location)}. Use the programmatic name (e.g. swedencentral, not "Sweden Central"), or add the region to lib/azure/regions.ts with its source if Microsoft has opened it`;
  return `${outsideText(finding.region, finding.boundary)}. Set location to one of them, or ${boundaryFix(finding.region, finding.boundary, "dataBoundary")}`;
}

/**
 * The team config's location against its data boundary. Runs only where the location is well-formed text (the
 * schema names any other value) and relates it to the boundary only when that is eu or us.
 */
export function geographyProblems(raw: Record<string, unknown>): GeographyProblem[] {
  const location = raw.location;
  if (typeof location !== "string" || !REGION_NAME_PATTERN.test(location)) return [];
  const finding = regionFinding(location, typeof raw.dataBoundary === "string" ? raw.dataBoundary : undefined);
  return finding === undefined ? [] : [{ path: ["location"], message: configRegionMessage(finding) }];
}

/**
 * A stack file's `azure-native:location` (the provider's default region) must be the team's location: a resource
 * that names no location of its own would otherwise land in the other region, outside the checks above.
 */
export function providerLocationProblems(allConfig: Readonly<Record<string, string>>): GeographyProblem[] {
  const provider = allConfig["azure-native:location"];
  const team = allConfig[`${PROJECT_NAME}:location`];
  // A malformed or unknown location has its own problem; the mismatch would only repeat it (and suggest it).
  if (provider === undefined || team === undefined || regionNamed(team) === undefined) return [];
  if (provider.toLowerCase() === team.toLowerCase()) return [];
  return [
    {
      path: ["location"],
      message: `differs from azure-native:location (${JSON.stringify(provider)}) in the same stack file: the provider would put any resource without a location of its own there; set azure-native:location to ${team} (or remove it)`,
    },
  ];
}

/** A data boundary's region list in platform.yaml: each entry known and (eu, us) in the boundary's geography. The
 * caller adds the value. */
export function boundaryRegionProblems(boundary: string, regions: readonly string[]): GeographyProblem[] {
  return regions.flatMap((location, index) => {
    const finding = regionFinding(location, boundary);
    if (finding === undefined) return [];
    const message =
      finding.kind === "unknown"
        ? unknownRegionText(location)
        : `${outsideText(finding.region, finding.boundary)}; list only those here${finding.region.geography === "other" ? "" : `, and ${finding.region.name} under azure.dataBoundaries.${finding.region.geography}.regions`}`;
    return [{ path: [boundary, "regions", index], message }];
  });
}

/** platform.yaml's azure.dataBoundaries, checked by boundaryRegionProblems (a superRefine of lib/platform/schema.ts). */
export function refineBoundaryRegions(
  boundaries: Readonly<Partial<Record<string, { regions: readonly string[] }>>>,
  ctx: z.RefinementCtx,
): void {
  for (const [boundary, target] of Object.entries(boundaries)) {
    for (const problem of boundaryRegionProblems(boundary, target?.regions ?? [])) {
      ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    }
  }
}
