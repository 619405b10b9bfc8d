/** One resource the program registered, with its inputs exactly as the engine received them (secrets still marked). */
export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  dependsOn: string[];
  custom: boolean;
  inputs: Record<string, unknown>;
  /** URNs this resource was known by before (its `aliases`, resolved as the engine resolves them). */
  aliases: string[];
  /** Set when the resource is registered with `protect: true` (Pulumi refuses to delete or replace it). */
  protect?: true;
  /** Outputs a component registered (registerOutputs), as the engine received them. */
  outputs?: Record<string, unknown>;
  /** Set only when the program asked for it: Pulumi forgets the resource instead of deleting it. */
  retainOnDelete?: true;
  /** Input paths the engine keeps from state instead of diffing (the `ignoreChanges` option), when any. */
  ignoreChanges?: string[];
  /** For random.RandomString: the value the mock engine stood in for the random result (not what Azure will get). */
  standIn?: string;
}

/** Everything one run of a stack program registered under the mock engine. */
export interface CapturedRun {
  project: string;
  stack: string;
  resources: CapturedResource[];
  /** Stack outputs as the engine received them (secrets still marked). */
  outputs: Record<string, unknown>;
}
