import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import type { Clock } from "../../lib/clock";
import { accessProblems, renderAccessProblem } from "../../lib/models/access";
import { MODEL_CATALOG, type ModelCatalog } from "../../lib/models/modelCatalog";
import { STACK_NAME_PATTERN } from "../../lib/config/patterns";
import { listLocationModels, MODELS_API_VERSION, PUBLIC_ARM_ENDPOINT } from "./armModels";
import {
  ARM_CREDENTIALS_TEXT,
  armReadFailure,
  endpointProblem,
  failWith,
  subscriptionFrom,
  subscriptionProblem,
} from "./armArgs";
import { readFleetStack } from "./fleetStacks";

export const ACCESS_USAGE = `usage: npm run models -- --access --stack <team> [--json] [--subscription <id>] [--stack-dir <dir>] [--arm-endpoint <url>]
  --access        check that the subscription may deploy each model of Pulumi.<team>.yaml: ARM lists its model,
                  version and SKU in the stack's region (registration, the new-customer cutoff and regional offers)
  --stack         the team stack to check
  --json          print the findings as JSON
  --subscription  the subscription the stack deploys to (default: $ARM_SUBSCRIPTION_ID, then $AZURE_SUBSCRIPTION_ID)
  --stack-dir     folder holding Pulumi.<team>.yaml (default: the project folder)
  --arm-endpoint  the ARM endpoint (default ${PUBLIC_ARM_ENDPOINT}; another for a sovereign cloud)
Reads GET /subscriptions/<id>/providers/Microsoft.CognitiveServices/locations/<region>/models?api-version=${MODELS_API_VERSION}
${ARM_CREDENTIALS_TEXT}. Changes nothing.
Exit codes: 0 every deployment is offered to the subscription, 1 findings (each names the model, the region and the fix),
2 bad input or the request failed.`;

export interface AccessDeps {
  credential: () => TokenCredential;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  projectDir: string;
  catalog?: ModelCatalog;
  tlsCa?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `npm run models -- --access --stack <team>`; returns the exit code. */
export async function runAccessCli(argv: readonly string[], deps: AccessDeps): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    deps.out(`${ACCESS_USAGE}\n`);
    return 0;
  }
  let values: {
    access?: boolean;
    stack?: string;
    json?: boolean;
    subscription?: string;
    "stack-dir"?: string;
    "arm-endpoint"?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        access: { type: "boolean" },
        stack: { type: "string" },
        json: { type: "boolean" },
        subscription: { type: "string" },
        "stack-dir": { type: "string" },
        "arm-endpoint": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return failWith(deps.err, [(error as Error).message], ACCESS_USAGE);
  }
  const stack = values.stack ?? "";
  const endpoint = values["arm-endpoint"];
  const argProblems = [
    values.access !== true ? "--access is required" : "",
    !STACK_NAME_PATTERN.test(stack)
      ? `--stack must name a team stack (Pulumi.<team>.yaml) (got ${JSON.stringify(stack)})`
      : "",
    endpointProblem(endpoint),
  ].filter(Boolean);
  if (argProblems.length > 0) return failWith(deps.err, argProblems, ACCESS_USAGE);
  const found = readFleetStack(deps.projectDir, resolve(deps.projectDir, values["stack-dir"] ?? "."), stack);
  const subscriptionId = subscriptionFrom(values.subscription, deps.env);
  const problems = [
    ...found.problems.map((p) => (found.unreadable ? p : `${found.file}: ${p}`)),
    subscriptionProblem(subscriptionId, true),
  ].filter(Boolean);
  if (problems.length > 0) return failWith(deps.err, problems);
  let arm;
  try {
    arm = await listLocationModels({
      subscriptionId,
      location: found.location,
      credential: deps.credential(),
      endpoint,
      tlsCa: deps.tlsCa,
    });
  } catch (error) {
    return failWith(deps.err, [armReadFailure(found.location, subscriptionId, error)]);
  }
  const findings = accessProblems({
    deployments: found.deployments,
    location: found.location,
    arm,
    catalog: deps.catalog ?? MODEL_CATALOG,
    nowMs: deps.clock.nowMs(),
  });
  if (values.json === true)
    deps.out(`${JSON.stringify({ stack, subscriptionId, location: found.location, findings }, null, 2)}\n`);
  else if (findings.length === 0)
    deps.out(
      `Stack ${stack}: ARM offers every model deployment (${found.deployments.length}) to subscription ${subscriptionId} in ${found.location}.\n`,
    );
  else
    deps.out(
      `Stack ${stack}: ${findings.length} model deployment(s) subscription ${subscriptionId} cannot deploy in ${found.location}:\n${findings.map((f) => `  - ${renderAccessProblem(f)}`).join("\n")}\n`,
    );
  return findings.length === 0 ? 0 : 1;
}
