import type { TeamConfig } from "../lib/config/schema";
import type { BoundaryHandles, BuilderResult } from "./types";

/** Developer kit (issue 5): config.toml, AGENTS.md, CI workflow, key scripts. */
export function buildDeveloperKit(_config: TeamConfig, _boundary: BoundaryHandles): BuilderResult {
  return { outputs: {} };
}
