/**
 * What `pulumi stack output --json --stack <stack>` prints for a deployed team stack, for the runbook test's stand-in
 * Pulumi CLI: the real program under the plan's mocks, with the random suffix a deployment draws, every secret as
 * "[secret]" (no --show-secrets). Run as `node --require ./tools/tsRequire.cjs <this file> <stack>` in the folder
 * holding Pulumi.<stack>.yaml and platform.yaml; the day is the process's (faketime sets it in the test).
 */
import { resolve } from "node:path";
import { PROJECT_NAME } from "../../../lib/names";
import { redact } from "../../../lib/plan/redact";
import { readPlatformFile } from "../../../stacks/platformFile";
import { captureProgram } from "../../../tools/plan/capture";
import { deployedMocks } from "../deployedMocks";
import { stackProgramOn } from "../../../tools/plan/program";
import { loadStackConfig, stackFilePath } from "../../../tools/plan/stackFiles";
import { systemClock } from "../../../tools/clock";

const DEPLOYED_SUFFIX = "r7n2xk";
/** The mock engine's identities (tools/plan/mocks.ts) become a real tenant's and deployer's, as after `pulumi up`. */
const MOCK_IDENTITY = /00000000-0000-4000-8000-0000000c0de/g;
const DEPLOYED_IDENTITY = "7a1c9e2b-5d3f-4e8a-9b6c-2f4d8e0c1de";

async function deployedOutputs(stack: string, dir: string): Promise<unknown> {
  const run = await captureProgram({
    project: PROJECT_NAME,
    stack,
    config: loadStackConfig(dir, stack, stackFilePath(dir, stack)),
    loadProgram: stackProgramOn(systemClock, readPlatformFile(dir)),
    mocks: deployedMocks(DEPLOYED_SUFFIX),
  });
  return JSON.parse(JSON.stringify(redact(run.outputs)).replace(MOCK_IDENTITY, DEPLOYED_IDENTITY)) as unknown;
}

const [stack] = process.argv.slice(2);
if (stack === undefined) throw new Error("usage: deployedOutputs.ts <stack>");
deployedOutputs(stack, resolve(".")).then(
  (outputs) => process.stdout.write(`${JSON.stringify(outputs, null, 2)}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
