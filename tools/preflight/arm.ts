import type { Read } from "../../lib/preflight/findings";
import { errorMessage, getJson } from "./http";

/**
 * The ARM reads of the preflight, each at the api-version of its spec in Azure/azure-rest-api-specs:
 * - Providers - Get: GET /subscriptions/{s}/providers/{namespace} (resources, stable/2021-04-01/resources.json)
 * - Permissions - List: GET {scope}/providers/Microsoft.Authorization/permissions (authorization,
 *   stable/2022-04-01/authorization-RoleDefinitionsCalls.json: Permissions_ListForResourceGroup / _ListForResource;
 *   the subscription scope answers the same PermissionGetResult and is what `az` and portal checks use, though the
 *   spec writes out only the group and resource paths)
 * - Accounts - Get, Deployments - List, RaiPolicies - Get, Usages - List (cognitiveservices, stable/2025-06-01)
 */
export const PROVIDERS_API_VERSION = "2021-04-01";
export const PERMISSIONS_API_VERSION = "2022-04-01";
export const COGNITIVE_API_VERSION = "2025-06-01";

export interface ArmReader {
  /** One GET of a path (with its query, if any) under the ARM endpoint: the body on 200, else the status and ARM's error. */
  get(path: string, apiVersion: string): Promise<Read<unknown>>;
  /** Every page of a list (`value`, following `nextLink`). */
  list(path: string, apiVersion: string): Promise<Read<unknown[]>>;
}

/** `token`: an ARM access token for `${endpoint}/.default`, got once by the caller (a failed sign-in is an input error). */
export function armReader(endpoint: string, token: string, ca?: string): ArmReader {
  const base = endpoint.replace(/\/$/, "");
  const getUrl = async (url: string): Promise<Read<unknown>> => {
    try {
      const answer = await getJson(url, { headers: { authorization: `Bearer ${token}` }, ca });
      return answer.status === 200
        ? { ok: true, value: answer.body }
        : { ok: false, status: answer.status, message: errorMessage(answer.body) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  };
  const urlOf = (path: string, apiVersion: string) =>
    `${base}${path}${path.includes("?") ? "&" : "?"}api-version=${encodeURIComponent(apiVersion)}`;
  return {
    get: (path, apiVersion) => getUrl(urlOf(path, apiVersion)),
    async list(path, apiVersion) {
      const items: unknown[] = [];
      let next: string | undefined = urlOf(path, apiVersion);
      for (let page = 0; next !== undefined && page < 100; page++) {
        const read = await getUrl(next);
        if (!read.ok) return read;
        const body = read.value as { value?: unknown; nextLink?: unknown };
        if (Array.isArray(body.value)) items.push(...(body.value as unknown[]));
        next = typeof body.nextLink === "string" && body.nextLink !== "" ? body.nextLink : undefined;
      }
      return { ok: true, value: items };
    },
  };
}

/** A 404 from a GET as "absent" (false), a 200 as present (true), anything else as the failure. */
export function exists(read: Read<unknown>): Read<boolean> {
  if (read.ok) return { ok: true, value: true };
  if (read.status === 404) return { ok: true, value: false };
  return read;
}
