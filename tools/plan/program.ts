import type { Clock } from "../../lib/clock";
import type { PlatformConfig } from "../../lib/platform/schema";
import { program } from "../../stacks/program";
import type { StackProgram } from "./capture";

/**
 * The `loadProgram` of captureProgram for the real stack program on a given clock, within the given platform.yaml.
 * Loading the module creates no resource (program() does), so it is imported like any other; captureProgram calls
 * program() after setting the mocks.
 */
export function stackProgramOn(clock: Clock, platform: PlatformConfig): () => Promise<StackProgram> {
  return async () => () => program(clock, () => platform);
}
