import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import { compareWithArm, renderDifferences } from "../../lib/models/armCompare";
import { listLocationModels, MODELS_API_VERSION, PUBLIC_ARM_ENDPOINT } from "./armModels";

export const MODELS_USAGE = `usage: npm run models -- --check --subscription <id> --location <region> [--json] [--arm-endpoint <url>]
  --check         compare lib/models/catalog.json with what ARM's Models API reports for the subscription and region
  --subscription  the subscription ID (a GUID) whose view of the models to read
  --location      the Azure region, e.g. swedencentral
  --json          print the differences as JSON
  --arm-endpoint  the ARM endpoint (default ${PUBLIC_ARM_ENDPOINT}; another for a sovereign cloud)
Reads GET /subscriptions/<id>/providers/Microsoft.CognitiveServices/locations/<region>/models?api-version=${MODELS_API_VERSION}
with your Azure credentials (DefaultAzureCredential: az login, environment, managed identity). Changes nothing.
Exit codes: 0 the catalog matches, 1 differences found, 2 bad input or the request failed.`;

export interface CheckDeps {
  credential: () => TokenCredential;
  tlsCa?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `npm run models` command; returns the exit code. */
export async function runModelsCli(argv: readonly string[], deps: CheckDeps): Promise<number> {
  let values: { check?: boolean; subscription?: string; location?: string; json?: boolean; "arm-endpoint"?: string; help?: boolean };
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
    deps.err(`error: ${(error as Error).message}\n${MODELS_USAGE}\n`);
    return 2;
  }
  if (values.help === true) {
    deps.out(`${MODELS_USAGE}\n`);
    return 0;
  }
  const subscriptionId = values.subscription ?? "";
  const location = values.location ?? "";
  const problems = [
    values.check !== true ? "--check is required (the only action)" : "",
    !GUID.test(subscriptionId) ? `--subscription must be a subscription ID (a GUID) (got ${JSON.stringify(subscriptionId)})` : "",
    !/^[a-z][a-z0-9]+$/.test(location) ? `--location must be an Azure region name such as swedencentral (got ${JSON.stringify(location)})` : "",
    values["arm-endpoint"] !== undefined && !/^https:\/\//.test(values["arm-endpoint"]) ? "--arm-endpoint must be an https:// URL" : "",
  ].filter(Boolean);
  if (problems.length > 0) {
    deps.err(`${problems.map((p) => `error: ${p}`).join("\n")}\n${MODELS_USAGE}\n`);
    return 2;
  }
  let models;
  try {
    models = await listLocationModels({ subscriptionId, location, credential: deps.credential(), endpoint: values["arm-endpoint"], tlsCa: deps.tlsCa });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    deps.err(`error: reading the models of ${location} for subscription ${subscriptionId} failed${status !== undefined ? ` (HTTP ${status})` : ""}: ${(error as Error).message}\n`);
    return 2;
  }
  const differences = compareWithArm(models, location);
  deps.out(values.json === true ? `${JSON.stringify({ subscriptionId, location, apiVersion: MODELS_API_VERSION, differences }, null, 2)}\n` : renderDifferences(differences, subscriptionId, location));
  return differences.length === 0 ? 0 : 1;
}
