import * as pulumi from "@pulumi/pulumi";
import contractData from "../../tools/azureContract/azureContract.json";
import type { AzureContract } from "../../tools/azureContract/extract";
// The one place the contract tests reach the plan harness (it moves with lib/plan; fix the import here only).
import { PROJECT_DIR, runStack, type RunStackOptions } from "./runStack";

export { PROJECT_DIR };

export const AZURE_CONTRACT = contractData as unknown as AzureContract;

export interface PlannedResource {
  urn: string;
  type: string;
  inputs: Record<string, unknown>;
}

const { specialSigKey, specialSecretSig, specialResourceSig, unknownValue } = pulumi.runtime;

/** The value ARM receives: secrets unwrapped (mock values only), engine bookkeeping dropped; unknowns are refused. */
export function armValue(value: unknown, at: string): unknown {
  if (value === unknownValue) throw new Error(`${at} is unknown at plan time; the contract check needs known inputs`);
  if (Array.isArray(value)) return value.map((item, i) => armValue(item, `${at}[${i}]`));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialSecretSig) return armValue(record.value, at);
  if (record[specialSigKey] === specialResourceSig) throw new Error(`${at} is a resource reference, not an ARM value`);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (key === "__provider" || key === "__defaults") continue;
    out[key] = armValue(inner, `${at}.${key}`);
  }
  return out;
}

/** Every resource the real program registers for a stack (dev or a fixture), with ARM-ready inputs. */
export async function plannedResources(options: RunStackOptions): Promise<PlannedResource[]> {
  const run = await runStack(options);
  return run.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    inputs: armValue(r.inputs, r.urn) as Record<string, unknown>,
  }));
}
