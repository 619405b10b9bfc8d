import { missingActions, type ArmPermission } from "./permissions";
import type { ProviderNeed, ScopeNeed } from "./requirements";

export type PreflightCheck = "provider" | "permission" | "model" | "rai-policy" | "quota" | "github" | "policy";

/** One problem that would make the first (or next) `pulumi up` fail, with what to do. */
export interface PreflightFinding {
  check: PreflightCheck;
  /** What the problem is about: a namespace, a scope, a config path, a repository. */
  subject: string;
  problem: string;
  fix: string;
}

/** What one GET brought back: the value, or why there is none (status when ARM or GitHub answered). */
export type Read<T> = { ok: true; value: T } | { ok: false; status?: number; message: string };

export function readFailure(read: { ok: false; status?: number; message: string }): string {
  return `${read.status !== undefined ? `HTTP ${read.status}: ` : ""}${read.message}`;
}

/** Providers - Get (resources 2021-04-01): `registrationState` is "Registered" once the subscription may create its types. */
export function providerFindings(
  needs: readonly ProviderNeed[],
  answers: ReadonlyMap<string, Read<{ registrationState?: string }>>,
  subscriptionId: string,
): PreflightFinding[] {
  return needs.flatMap((need): PreflightFinding[] => {
    const read = answers.get(need.namespace);
    const fix = `az provider register --namespace ${need.namespace} --subscription ${subscriptionId} (needs the ${need.namespace}/register/action right, which Contributor holds), then wait for Registered`;
    if (read === undefined || !read.ok)
      return [
        {
          check: "provider",
          subject: need.namespace,
          problem: `could not read its registration (${read === undefined ? "not asked" : readFailure(read)})`,
          fix,
        },
      ];
    const state = read.value.registrationState ?? "unknown";
    if (state.toLowerCase() === "registered") return [];
    return [
      {
        check: "provider",
        subject: need.namespace,
        problem: `is ${state} in subscription ${subscriptionId}; the stack creates ${need.why} with it and azure-native registers no provider`,
        fix,
      },
    ];
  });
}

/** Per scope, the actions no role of the deployer grants there (Permissions - List at that scope). */
export function permissionFindings(
  scopes: readonly ScopeNeed[],
  answers: ReadonlyMap<string, Read<ArmPermission[]>>,
): PreflightFinding[] {
  return scopes.flatMap((need): PreflightFinding[] => {
    const read = answers.get(need.scope);
    if (read === undefined || !read.ok)
      return [
        {
          check: "permission",
          subject: need.scope,
          problem: `could not read the deployer's permissions on ${need.what} (${read === undefined ? "not asked" : readFailure(read)})`,
          fix: `grant the deployer at least Reader there, and the actions: ${need.actions.join(", ")}`,
        },
      ];
    const missing = missingActions(need.actions, read.value);
    if (missing.length === 0) return [];
    return [
      {
        check: "permission",
        subject: need.scope,
        problem: `the deployer lacks ${missing.length} action(s) on ${need.what}: ${missing.join(", ")}`,
        fix: "assign a role holding them at this scope (Owner, or Contributor plus Role Based Access Control Administrator, at the subscription; see docs/operations.md)",
      },
    ];
  });
}

export function renderFinding(f: PreflightFinding): string {
  return `[${f.check}] ${f.subject}: ${f.problem}; fix: ${f.fix}`;
}
