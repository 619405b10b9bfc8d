import type { BoundaryPolicy } from "../../lib/policy/types";

/** A control's header line as the compliance report shows it: name, mandatory or advisory, scope, resource types. */
export const headerLines = (policies: readonly BoundaryPolicy[]): string[] =>
  policies.map((p) => `${p.name} | ${p.enforcement} | ${p.scope} | ${p.appliesTo.join(", ")}`);

/** Each control's description (what it guards) and remediation (the fix), by name. */
export const textsByName = (policies: readonly BoundaryPolicy[]): Record<string, [string, string]> =>
  Object.fromEntries(policies.map((p) => [p.name, [p.description, p.remediation]]));
