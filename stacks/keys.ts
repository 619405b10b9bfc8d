import type { TeamConfig } from "../lib/config/schema";
import type { BoundaryHandles, BuilderResult } from "./types";

/** Key lifecycle (issue 4): rotation, Key Vault versions, GitHub secrets. */
export function buildKeyLifecycle(_config: TeamConfig, _boundary: BoundaryHandles): BuilderResult {
  return { outputs: {} };
}
