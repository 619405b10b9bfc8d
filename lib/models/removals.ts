import { readModelDeployments, type GateFinding } from "./retirementGate";

/**
 * What the last update deployed, by deployment name: the `modelDeployments` record, else the older `deployments`
 * output (names only); undefined when neither is recorded (a first deployment, an offline plan).
 */
export function previousDeploymentNames(recorded: unknown, legacyNames: unknown): string[] | undefined {
  const record = readModelDeployments(recorded);
  if (record !== undefined) return record.map((d) => d.name);
  if (!Array.isArray(legacyNames)) return undefined;
  return legacyNames.filter((n): n is string => typeof n === "string");
}

/**
 * At most one deployment leaves per update. Pulumi deletes the resources a program no longer declares at the end
 * of the update, in parallel unless one depends directly on another in the previous state (ScheduleDeletes in
 * pulumi/pulumi pkg/resource/deploy/step_generator.go: antichains over direct dependencies). Deployments are chained
 * to their predecessor only, so two removed deployments with a kept one between them are deleted at the same time,
 * and the account answers the second with 409 Conflict. One removal per update always runs alone.
 */
export function removalFindings(previous: readonly string[] | undefined, planned: readonly string[]): GateFinding[] {
  if (previous === undefined) return [];
  const kept = new Set(planned);
  const removed = previous.filter((name) => !kept.has(name));
  if (removed.length <= 1) return [];
  const [first, ...later] = removed;
  return [
    {
      path: "models",
      message:
        `this update would remove ${removed.length} model deployments (${removed.join(", ")}); Azure refuses ` +
        `parallel operations on one account (409 Conflict) and Pulumi deletes them in parallel. Remove one per ` +
        `update: remove '${first}' now and keep ${later.map((n) => `'${n}'`).join(", ")} in models until it is gone`,
    },
  ];
}
