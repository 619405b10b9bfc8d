import { isRecord } from "../isRecord";

export const REDACTED = "[secret]";
export const UNKNOWN = "[unknown until apply]";

/**
 * How the Pulumi engine marks secrets, resource references and unknowns in the values it hands a program
 * (@pulumi/pulumi runtime/rpc.js). Copied so lib/ never loads the runtime;
 * test/plan/engineSignatures.program.test.ts pins them to pulumi.runtime's.
 */
export const ENGINE_SIGNATURES = {
  specialSigKey: "4dabf18193072939515e22adb298388d",
  specialSecretSig: "1b47061264138c4ac30d75fd1eb44270",
  specialResourceSig: "5cf8f73096256a8f31e491e813e4eb8e",
  unknownValue: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
} as const;

const { specialSigKey, specialSecretSig, specialResourceSig, unknownValue } = ENGINE_SIGNATURES;

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
