/** The root stack resource's type: it is never renamed and has no parent. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** An alias as a registration carries it: the exact old URN, or the parts that differ from the resource's own. */
export type AliasRequest =
  | { urn: string }
  | { spec: { name: string; type: string; stack: string; project: string; parentUrn: string; noParent: boolean } };

/**
 * A resource's URN as the mock monitor names it: the parent's own type before `$`, then the type and the name.
 * (The Pulumi engine joins the whole parent chain; the two agree for components parented to the stack, which is
 * every component here.)
 */
export function resourceUrn(
  stack: string,
  project: string,
  parentUrn: string | null,
  type: string,
  name: string,
): string {
  const parentType = parentUrn ? parentUrn.split("::")[2]?.split("$").pop() : undefined;
  return `urn:pulumi:${stack}::${project}::${parentType ? `${parentType}$${type}` : type}::${name}`;
}

/** The old URN an alias stands for: each part it leaves empty is the resource's own (name, type, stack, project, parent). */
export function aliasUrn(
  alias: AliasRequest,
  resource: { stack: string; project: string; parentUrn: string | null; type: string; name: string },
): string {
  if ("urn" in alias) return alias.urn;
  const { spec } = alias;
  const parent = spec.noParent ? null : spec.parentUrn || resource.parentUrn;
  return resourceUrn(
    spec.stack || resource.stack,
    spec.project || resource.project,
    parent,
    spec.type || resource.type,
    spec.name || resource.name,
  );
}

/**
 * What the Pulumi engine refuses before it touches anything: two resources with one URN. Every duplicate is
 * named at once, with the names that collided, so the fix (a unique name) is obvious.
 */
export function duplicateUrnErrors(resources: ReadonlyArray<{ urn: string }>): string[] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.urn, (counts.get(r.urn) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, count]) => count > 1)
    .map(([urn, count]) => `Duplicate resource URN '${urn}' (registered ${count} times); try giving it a unique name`);
}

export class DuplicateUrnError extends Error {
  constructor(readonly problems: string[]) {
    super(`it registers resources the Pulumi engine would refuse:\n  ${problems.join("\n  ")}`);
    this.name = "DuplicateUrnError";
  }
}
