import { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import type { TokenCredential } from "@azure/core-auth";
import { type ArmModel, MODELS_LIST_API_VERSION } from "../../lib/models/armCompare";

export const MODELS_API_VERSION = MODELS_LIST_API_VERSION;
export const PUBLIC_ARM_ENDPOINT = "https://management.azure.com";

export interface ListModelsRequest {
  subscriptionId: string;
  location: string;
  credential: TokenCredential;
  /** ARM endpoint (a sovereign cloud, or a local stand-in in tests). */
  endpoint?: string;
  /** Trusted CA for a local HTTPS stand-in; production passes none. */
  tlsCa?: string;
}

/** Every page of `GET /subscriptions/{s}/providers/Microsoft.CognitiveServices/locations/{l}/models` (the SDK follows nextLink). */
export async function listLocationModels(request: ListModelsRequest): Promise<ArmModel[]> {
  const endpoint = (request.endpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/$/, "");
  const client = new CognitiveServicesManagementClient(request.credential, request.subscriptionId, {
    endpoint,
    $host: endpoint,
    apiVersion: MODELS_API_VERSION,
    credentialScopes: [`${endpoint}/.default`],
    ...(request.tlsCa !== undefined ? { tlsOptions: { ca: request.tlsCa } } : {}),
  });
  const models: ArmModel[] = [];
  for await (const item of client.models.list(request.location)) models.push(item as ArmModel);
  return models;
}
