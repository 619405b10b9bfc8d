import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import { REGION_NAME_PATTERN } from "../../lib/config/patterns";
import { compareWithArm, renderDifferences } from "../../lib/models/armCompare";
import { ARM_CREDENTIALS_TEXT, armReadFailure, endpointProblem, failWith, subscriptionProblem } from "./armArgs";
import { listLocationModels, MODELS_API_VERSION, PUBLIC_ARM_ENDPOINT } from "./armModels";

export const MODELS_USAGE = `usage: npm run models -- --check --subscription <id> --location <region> [--json] [--arm-endpoint <url>]
  --check         compare lib/models/catalog.json with what ARM's Models API reports for the subscription and region
  --subscription  the subscription ID (a GUID) whose view of the models to read
  --location      the Azure region, e.g. swedencentral
  --json          print the differences as JSON
  --arm-endpoint  the ARM endpoint (default ${PUBLIC_ARM_ENDPOINT}; another for a sovereign cloud)
Reads GET /subscriptions/<id>/providers/Microsoft.CognitiveServices/locations/<region>/models?api-version=${MODELS_API_VERSION}
${ARM_CREDENTIALS_TEXT}. Changes nothing.
Exit codes: 0 the catalog matches, 1 differences found, 2 bad input or the request failed.`;

export interface CheckDeps {
  credential: () => TokenCredential;
  tlsCa?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The `npm run models` command; returns the exit code. */
export async function runModelsCli(argv: readonly string[], deps: CheckDeps): Promise<number> {
  let values: {
    check?: boolean;
    subscription?: string;
    location?: string;
    json?: boolean;
    "arm-endpoint"?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        check: { type: "boolean" },
        subscription: { type: "string" },
        location: { type: "string" },
        json: { type: "boolean" },
        "arm-endpoint": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return failWith(deps.err, [(error as Error).message], MODELS_USAGE);
  }
  if (values.help === true) {
    deps.out(`${MODELS_USAGE}\n`);
    return 0;
  }
  const subscriptionId = values.subscription ?? "";
  const location = values.location ?? "";
  const problems = [
    values.check !== true ? "--check is required (the only action)" : "",
    subscriptionProblem(subscriptionId, false),
    !REGION_NAME_PATTERN.test(location)
      ? `--location must be an Azure region name such as swedencentral (got ${JSON.stringify(location)})`
      : "",
    endpointProblem(values["arm-endpoint"]),
  ].filter(Boolean);
  if (problems.length > 0) return failWith(deps.err, problems, MODELS_USAGE);
  let models;
  try {
    models = await listLocationModels({
      subscriptionId,
      location,
      credential: deps.credential(),
      endpoint: values["arm-endpoint"],
      tlsCa: deps.tlsCa,
    });
  } catch (error) {
    return failWith(deps.err, [armReadFailure(location, subscriptionId, error)]);
  }
  const differences = compareWithArm(models, location);
  deps.out(
    values.json === true
      ? `${JSON.stringify({ subscriptionId, location, apiVersion: MODELS_API_VERSION, differences }, null, 2)}\n`
      : renderDifferences(differences, subscriptionId, location),
  );
  return differences.length === 0 ? 0 : 1;
}
