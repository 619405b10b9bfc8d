/** A plain object (not null, not an array): what parsed JSON, YAML and resource inputs hold as maps. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
