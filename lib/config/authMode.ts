import type { ConfigProblem } from "./problem";

/**
 * Settings that only mean something with an API key. The schema fills keyRotation with defaults, so whether a
 * person wrote it can only be seen in the raw config: an entra stack that still carries it is a config error
 * (a forgotten rotation schedule would suggest a key exists). policy.keyAuthExemption is checked by the schema.
 */
export function keyOnlySettingProblems(raw: Record<string, unknown>): ConfigProblem[] {
  const auth = raw.auth;
  if (auth === null || typeof auth !== "object") return [];
  const { mode, switching } = auth as { mode?: unknown; switching?: unknown };
  if (mode !== "entra" || switching === true) return [];
  if (raw.keyRotation === undefined) return [];
  return [
    {
      path: "keyRotation",
      message:
        "is a key-mode setting: with auth.mode entra there is no API key to rotate; remove keyRotation from the stack file (or set auth.switching: true while switching, docs/entra.md)",
    },
  ];
}

/** Whether the API key's lifecycle runs: key mode, or either mode while switching (both credentials work). */
export function keyFlowActive(auth: { mode: "key" | "entra"; switching: boolean }): boolean {
  return auth.mode === "key" || auth.switching;
}

/** Whether the CI identity and its GitHub trust exist: entra mode, or either mode while switching. */
export function entraActive(auth: { mode: "key" | "entra"; switching: boolean }): boolean {
  return auth.mode === "entra" || auth.switching;
}
