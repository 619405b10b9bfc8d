import { z } from "zod";
import { formatPath, valueAt } from "../config/parse";
import { DEPLOYMENT_SKUS } from "../config/schema";
import { GUID_PATTERN } from "../config/patterns";

/**
 * fleet.yaml (optional, in the stacks folder): the default subscription and the quotas a fleet has.
 * Quotas are in sku.capacity units (1 = 1K tokens per minute), per model and deployment SKU:
 *   a number: every pool of that model and SKU in the subscription;
 *   a map of scope to number: one pool (GlobalStandard: `subscription`; DataZone*: `eu`/`us`; Standard: the region).
 * `defaults` apply to every subscription, `subscriptions.<id>.quotas` to one; the most specific value wins.
 */

const capacity = z
  .number()
  .int("must be a whole number of capacity units (1 = 1K tokens per minute)")
  .nonnegative("must be 0 or more");
const poolQuota = z.union(
  [
    capacity,
    z.record(z.string().regex(/^[a-z0-9]+$/, "must be a scope: subscription, eu, us or a region name"), capacity),
  ],
  {
    error: "must be a number (every pool of this model and SKU) or a map of scope to number (one pool each)",
  },
);
const skuQuotas = z.partialRecord(z.enum(DEPLOYMENT_SKUS), poolQuota);
const modelQuotas = z.record(z.string().min(1), skuQuotas);

export const fleetFileSchema = z.strictObject({
  defaultSubscription: z.string().regex(GUID_PATTERN, "must be a subscription ID (a GUID)").optional(),
  defaults: modelQuotas.default({}),
  subscriptions: z
    .record(
      z.string().regex(GUID_PATTERN, "must be a subscription ID (a GUID)"),
      z.strictObject({ name: z.string().min(1).optional(), quotas: modelQuotas.default({}) }),
    )
    .default({}),
});

export type FleetFile = z.output<typeof fleetFileSchema>;
export type ModelQuotas = z.output<typeof modelQuotas>;

export const EMPTY_FLEET_FILE: FleetFile = { defaults: {}, subscriptions: {} };

/** Validates a parsed fleet.yaml; every problem at once, each as `<path>: <message> (got <value>)`. */
export function parseFleetFile(
  raw: unknown,
): { fleet: FleetFile; problems: [] } | { fleet?: undefined; problems: string[] } {
  const result = fleetFileSchema.safeParse(raw ?? {});
  if (result.success) return { fleet: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      const path = formatPath(issue.path) || "(top level)";
      if (issue.code === "unrecognized_keys")
        return `${path}: unknown key(s) ${issue.keys.join(", ")} (a typo?); allowed here: ${allowedKeys(issue.path).join(", ")}`;
      // Stryker disable next-line OptionalChaining: zod raises invalid_key only with at least one inner issue
      if (issue.code === "invalid_key") return `${path}: ${issue.issues[0]?.message ?? issue.message}`;
      const got = valueAt(raw, issue.path);
      return `${path}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
    }),
  };
}

/** What may appear at a path: top level, a subscription, or a model's SKUs. */
function allowedKeys(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(fleetFileSchema.shape);
  if (path[0] === "subscriptions" && path.length === 2) return ["name", "quotas"];
  return DEPLOYMENT_SKUS;
}
