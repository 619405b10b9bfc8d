import { githubApiUrl } from "./schema";

/**
 * The GitHub provider's baseUrl for the platform's host: none for github.com (the provider's own default, so a
 * github.com estate plans exactly as before the platform tier), https://<host>/api/v3 for GitHub Enterprise Server.
 */
export function githubProviderBaseUrl(host: string): string | undefined {
  return host.toLowerCase() === "github.com" ? undefined : githubApiUrl(host);
}
