import type { Clock } from "../../lib/clock";
import type { StackProgram } from "./capture";

/**
 * The `loadProgram` of captureProgram for the real stack program on a given clock. The import happens only when
 * captureProgram asks, after it set the mocks.
 */
export function stackProgramOn(clock: Clock): () => Promise<StackProgram> {
  return async () => {
    const { program } = await import("../../stacks/program.js");
    return () => program(clock);
  };
}
