import * as pulumi from "@pulumi/pulumi";

export const REDACTED = "[secret]";
export const UNKNOWN = "[unknown until apply]";

const { specialSigKey, specialSecretSig, specialResourceSig, unknownValue } = pulumi.runtime;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Makes a value from the engine printable: every secret, at any depth, becomes "[secret]",
 * resource references become their URN, unknowns are marked. Nothing secret survives.
 */
export function redact(value: unknown): unknown {
  if (value === unknownValue) return UNKNOWN;
  if (Array.isArray(value)) return value.map(redact);
  if (!isRecord(value)) return value;
  const sig = value[specialSigKey];
  if (sig === specialSecretSig) return REDACTED;
  if (sig === specialResourceSig) return typeof value.urn === "string" ? value.urn : "[resource]";
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = redact(value[key]);
  return out;
}

/** True when a (redacted or raw) value holds a secret anywhere inside it. */
export function containsSecret(value: unknown): boolean {
  if (value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (!isRecord(value)) return false;
  if (value[specialSigKey] === specialSecretSig) return true;
  return Object.values(value).some(containsSecret);
}
