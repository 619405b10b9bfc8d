import type { ConfigProblem } from "../config/problem";
import {
  HOSTED_NETWORKING_REGIONS,
  HOSTED_NETWORKING_REGIONS_SOURCE,
  isHostedNetworkingRegion,
} from "./hostedNetworkingRegions";
import {
  HOSTED_RUNNER_MAX_MAXIMUM,
  HOSTED_RUNNER_MIN_MAXIMUM,
  HOSTED_RUNNER_SIZES,
  isHostedRunnerSize,
} from "./hostedRunnerSizes";

/** What the checks need from the team's stack config (fence's schema maps onto this). */
export interface HostedRunnerInput {
  runners: "self-hosted" | "github-hosted-private";
  /** The team's Azure location (the VNet's region). */
  location: string;
  /** `ci.hosted.size`, `ci.hosted.maximum` as written (unchecked). */
  size?: unknown;
  maximum?: unknown;
}

/** What the platform tier says (platform.yaml `github.plan`). */
export interface HostedRunnerPlatform {
  githubPlan?: "team" | "enterprise" | "free";
}

/**
 * Every problem that stops a team using github-hosted-private runners: plan, region, size, maximum. Empty for
 * self-hosted. Pure: fence's config checks call it and merge the problems with their own.
 */
export function hostedRunnerProblems(config: HostedRunnerInput, platform: HostedRunnerPlatform): ConfigProblem[] {
  if (config.runners !== "github-hosted-private") return [];
  const problems: ConfigProblem[] = [];
  if (platform.githubPlan !== "team" && platform.githubPlan !== "enterprise") {
    problems.push({
      path: "ci.runners",
      message:
        `github-hosted-private needs the GitHub Team or Enterprise Cloud plan, but platform.yaml github.plan is ` +
        `'${platform.githubPlan ?? "(not set)"}'. Either the platform team sets github.plan to team or enterprise ` +
        `(once the organisation has that plan), or set ci.runners: self-hosted.`,
    });
  }
  if (!isHostedNetworkingRegion(config.location)) {
    problems.push({
      path: "location",
      message:
        `'${config.location}' is not a region where GitHub supports private networking for hosted runners. ` +
        `Supported: ${HOSTED_NETWORKING_REGIONS.join(", ")} (${HOSTED_NETWORKING_REGIONS_SOURCE}). ` +
        `Put the team in one of these regions, or set ci.runners: self-hosted.`,
    });
  }
  if (typeof config.size !== "string" || !isHostedRunnerSize(config.size)) {
    problems.push({
      path: "ci.hosted.size",
      message: `'${String(config.size ?? "(not set)")}' is not a larger runner size; use one of ${HOSTED_RUNNER_SIZES.join(", ")}.`,
    });
  }
  const max = config.maximum;
  if (
    typeof max !== "number" ||
    !Number.isInteger(max) ||
    max < HOSTED_RUNNER_MIN_MAXIMUM ||
    max > HOSTED_RUNNER_MAX_MAXIMUM
  ) {
    problems.push({
      path: "ci.hosted.maximum",
      message: `'${String(max ?? "(not set)")}' is not a maximum number of runners; use a whole number from ${HOSTED_RUNNER_MIN_MAXIMUM} to ${HOSTED_RUNNER_MAX_MAXIMUM}.`,
    });
  }
  return problems;
}
