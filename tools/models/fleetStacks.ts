import { readdirSync } from "node:fs";
import { join } from "node:path";
import { stackModels, type StackModels } from "../../lib/models/access";
import { loadStackConfig, PlanInputError } from "../plan/stackFiles";

/** The fleet: the stacks whose Pulumi.<stack>.yaml is in `stackDir` (what deploy.yml's matrix runs), sorted. */
export function fleetStackNames(stackDir: string): string[] {
  return readdirSync(stackDir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

export interface FleetStack extends StackModels {
  stack: string;
  file: string;
  /** The stack file cannot be read at all (missing, not YAML); `problems` then holds only this. */
  unreadable: boolean;
}

/** One stack's region and deployments as the Pulumi CLI would hand them over (Pulumi.yaml's values under the stack's). */
export function readFleetStack(projectDir: string, stackDir: string, stack: string): FleetStack {
  const file = join(stackDir, `Pulumi.${stack}.yaml`);
  try {
    return { stack, file, unreadable: false, ...stackModels(loadStackConfig(projectDir, stack, file).values) };
  } catch (error) {
    if (error instanceof PlanInputError)
      return { stack, file, unreadable: true, location: "", deployments: [], problems: [error.message] };
    throw error;
  }
}
