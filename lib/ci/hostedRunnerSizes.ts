/**
 * GitHub-hosted larger runner sizes for Linux x64 (ubuntu) that a team may pick, and the concurrency bounds.
 * Sizes: GitHub docs "About larger runners" (machine sizes for larger runners: 2, 4, 8, 16, 32, 64 cores), read
 * 2026-12-08. The maximum concurrency bound (1000) is NOT checked offline against the current docs: written down
 * as unchecked in docs/runners.md.
 */
export const HOSTED_RUNNER_SIZES = ["2-core", "4-core", "8-core", "16-core", "32-core", "64-core"] as const;
export type HostedRunnerSize = (typeof HOSTED_RUNNER_SIZES)[number];

export const HOSTED_RUNNER_MIN_MAXIMUM = 1;
/** Unchecked upper bound of `maximum` (concurrent runners); GitHub's API refuses above its own limit anyway. */
export const HOSTED_RUNNER_MAX_MAXIMUM = 1000;

export function isHostedRunnerSize(value: string): value is HostedRunnerSize {
  return (HOSTED_RUNNER_SIZES as readonly string[]).includes(value);
}

/** The hosted runner's name (also its `runs-on` label): `codex-<team>-<size>`. */
export function hostedRunnerName(team: string, size: HostedRunnerSize): string {
  return `codex-${team}-${size}`;
}
