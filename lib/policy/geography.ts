import { regionNamed } from "../azure/regions";
import { outsideText, unknownRegionText } from "../config/geography";
import { type BoundaryPolicy, ofType, record, text, TYPES, type Violation } from "./types";

/**
 * The account lies in its data boundary's geography (lib/azure/regions.ts): the parser refuses such a config, and the
 * pack judges what would really be created, from the account's own location and data-boundary tag.
 */
const accountInsideGeography: BoundaryPolicy = {
  name: "account-region-inside-data-boundary",
  description:
    "The AI account of an eu team is in a region of an EU member state, of a us team in a US region, of a global team in a known Azure region: its data at rest, and its DataZone deployments' prompts, stay where the team's data-boundary tag says.",
  remediation:
    "Set location to a region of the team's geography (lib/azure/regions.ts lists them), or dataBoundary to the team's real boundary.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.account],
  check(resources) {
    return ofType(resources, TYPES.account).flatMap((account): Violation[] => {
      const boundary = text(record(account.props.tags)["data-boundary"]);
      const location = text(account.props.location);
      if (!["global", "eu", "us"].includes(boundary))
        return [
          { urn: account.urn, message: "the account's data-boundary tag is missing, so its region cannot be checked" },
        ];
      if (location === "")
        return [{ urn: account.urn, message: "the account names no location, so its region cannot be checked" }];
      const region = regionNamed(location);
      if (region === undefined)
        return [{ urn: account.urn, message: `location ${JSON.stringify(location)} ${unknownRegionText(location)}` }];
      if ((boundary === "eu" || boundary === "us") && region.geography !== boundary)
        return [{ urn: account.urn, message: outsideText(region, boundary) }];
      return [];
    });
  },
};

export const GEOGRAPHY_POLICIES: readonly BoundaryPolicy[] = [accountInsideGeography];
