/**
 * The second process of a large fleet (scripts/fleet/planStacks.ts forks it): plans the stacks it is sent, one at a
 * time, with the same planStack as the first process, and sends each result back. Exits when the channel closes.
 */
import { clockAt } from "../../lib/clock";
import { type PlanJob, planStack } from "./planStacks";

process.on("message", (job: PlanJob) => {
  void planStack(job.projectDir, job.stacksDir, job.stack, clockAt(job.nowMs), job.verbose).then((result) =>
    process.send?.({ index: job.index, result }),
  );
});
process.on("disconnect", () => process.exit(0));
