import type { Clock } from "../../lib/clock";
import { program } from "../../stacks/program";
import type { StackProgram } from "./capture";

/**
 * The `loadProgram` of captureProgram for the real stack program on a given clock. Loading the module creates no
 * resource (program() does), so it is imported like any other; captureProgram calls program() after setting the mocks.
 */
export function stackProgramOn(clock: Clock): () => Promise<StackProgram> {
  return async () => () => program(clock);
}
