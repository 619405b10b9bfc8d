import type { TeamConfig } from "../lib/config/schema";
import type { BoundaryHandles, BuilderResult } from "./types";

/** Guardrails (issue 6): Azure Policy exemption for key auth. */
export function buildGuardrails(_config: TeamConfig, _boundary: BoundaryHandles): BuilderResult {
  return { outputs: {} };
}
