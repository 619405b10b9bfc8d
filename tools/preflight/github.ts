import type { RefusedProbe, RepositoryAnswer, RepositoryNeed } from "../../lib/preflight/github";
import { errorMessage, getJson } from "./http";

/**
 * GitHub REST reads (API version 2022-11-28), with the token the deploy job gives the github provider:
 * - Get a repository, GET /repos/{owner}/{repo}: 404 when it does not exist or the token cannot see it;
 *   `permissions` {admin, maintain, push, triage, pull} of the token's user; a classic token's answer carries
 *   X-OAuth-Scopes.
 * - for a token without scopes (fine-grained, GitHub App), two reads that take the permissions the writes need at
 *   read level: GET /repos/{o}/{r}/actions/secrets/public-key (Secrets) and GET /repos/{o}/{r}/actions/variables
 *   (Variables); a refusal carries X-Accepted-GitHub-Permissions ("Permissions required for fine-grained personal
 *   access tokens", docs.github.com/en/rest/authentication).
 */
export const GITHUB_API_VERSION = "2022-11-28";

export async function readRepository(
  apiUrl: string,
  token: string,
  need: RepositoryNeed,
  ca?: string,
): Promise<RepositoryAnswer> {
  const base = apiUrl.replace(/\/$/, "");
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${token}`,
    "x-github-api-version": GITHUB_API_VERSION,
    "user-agent": "codex-boundary-preflight",
  };
  const path = `/repos/${need.fullName}`;
  let answer;
  try {
    answer = await getJson(`${base}${path}`, { headers, ca });
  } catch (error) {
    return { need, repo: { ok: false, message: (error as Error).message }, oauthScopes: undefined, refused: [] };
  }
  if (answer.status !== 200)
    return {
      need,
      repo: { ok: false, status: answer.status, message: errorMessage(answer.body) },
      oauthScopes: answer.headers["x-oauth-scopes"],
      refused: [],
    };
  const oauthScopes = answer.headers["x-oauth-scopes"];
  const refused: RefusedProbe[] = [];
  if (oauthScopes === undefined) {
    for (const probe of [`${path}/actions/secrets/public-key`, `${path}/actions/variables`]) {
      try {
        const read = await getJson(`${base}${probe}`, { headers, ca });
        if (read.status !== 200)
          refused.push({
            request: `GET ${probe}`,
            status: read.status,
            acceptedPermissions: read.headers["x-accepted-github-permissions"],
          });
      } catch (error) {
        refused.push({
          request: `GET ${probe} (${(error as Error).message})`,
          status: 0,
          acceptedPermissions: undefined,
        });
      }
    }
  }
  return { need, repo: { ok: true, value: answer.body as object }, oauthScopes, refused };
}
