import { isDeploymentSku } from "../config/schema";
import { daysUntil } from "../days";
import { MODEL_CATALOG, type ModelCatalog } from "./modelCatalog";
import { successorFor, successorMinDays } from "./successor";

/**
 * How the plan, the fleet report and the retirement gate word a retiring deployment: the date (counted as
 * lib/days.ts counts), the successor the catalog offers in the same place, and the command that moves to it.
 */

export function upgradeCommand(stack: string): string {
  return `npm run models -- --upgrade --stack ${stack}`;
}

/** "retires on D (in N days)", "retired on D" (410 Gone from that day), or "is retired" when no date is known. */
export function retirementWhen(retirementDate: string | null, nowMs: number): string {
  if (retirementDate === null) return "is retired";
  const days = daysUntil(retirementDate, nowMs);
  return days <= 0
    ? `retired on ${retirementDate}`
    : `retires on ${retirementDate} (in ${days} day${days === 1 ? "" : "s"})`;
}

/**
 * The successor a deployment moves to, as text: the model version, why it was picked and how long it lives, or
 * "none in the catalog offered as <sku> in <location>"; how long it must live is successorMinDays.
 */
export function successorText(
  current: { model: string; version: string; sku: string },
  location: string,
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): string {
  const none = `none in the catalog offered as ${current.sku} in ${location === "" ? "an unknown region" : location}`;
  if (!isDeploymentSku(current.sku) || location === "") return none;
  const found = successorFor(
    current,
    { location, sku: current.sku, nowMs, minDays: successorMinDays(current, nowMs, catalog) },
    catalog,
  );
  if (found === undefined) return none;
  const why =
    found.reason === "named-by-microsoft" ? "Microsoft's named replacement" : "the closest live catalog model";
  const until = found.liveUntil === null ? "no retirement scheduled" : `live until ${found.liveUntil}`;
  return `${found.entry.model} ${found.entry.version} (${why}, ${until})`;
}
