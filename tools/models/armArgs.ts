/** What the three `npm run models` actions that read ARM (--check, --refresh, --access) say alike. */
import { GUID_PATTERN } from "../../lib/config/patterns";

export const ARM_CREDENTIALS_TEXT =
  "with your Azure credentials (DefaultAzureCredential: az login, environment, managed identity)";

/** The subscription from --subscription, else $ARM_SUBSCRIPTION_ID, else $AZURE_SUBSCRIPTION_ID ("" when none). */
export function subscriptionFrom(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return flag ?? env.ARM_SUBSCRIPTION_ID ?? env.AZURE_SUBSCRIPTION_ID ?? "";
}

/** "" when the value is a subscription ID; else the problem, naming where the value may come from. */
export function subscriptionProblem(subscriptionId: string, fromEnv: boolean): string {
  return GUID_PATTERN.test(subscriptionId)
    ? ""
    : `--subscription${fromEnv ? " (or $ARM_SUBSCRIPTION_ID)" : ""} must be a subscription ID (a GUID) (got ${JSON.stringify(subscriptionId)})`;
}

/** "" when absent or an https:// URL; else the problem. */
export function endpointProblem(endpoint: string | undefined): string {
  return endpoint === undefined || /^https:\/\//.test(endpoint)
    ? ""
    : `--arm-endpoint must be an https:// URL (got ${JSON.stringify(endpoint)})`;
}

/** A failed Models - List request, as one problem line. */
export function armReadFailure(location: string, subscriptionId: string, error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  return `reading the models of ${location} for subscription ${subscriptionId} failed${status !== undefined ? ` (HTTP ${status})` : ""}: ${(error as Error).message}`;
}

/** Prints every problem as `error: ...` (then the usage, for a mistake in the arguments) and gives exit code 2. */
export function failWith(err: (text: string) => void, problems: readonly string[], usage?: string): 2 {
  err(`${problems.map((p) => `error: ${p}`).join("\n")}\n${usage === undefined ? "" : `${usage}\n`}`);
  return 2;
}
