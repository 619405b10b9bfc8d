import { createHash } from "node:crypto";
import { DEFAULT_BRANCH, type RepositoryTarget } from "../config/schema";

/**
 * GitHub Actions OIDC trust for the team's CI identity (entra mode): which tokens Entra ID accepts in exchange for
 * an Azure token. Pure functions, so the subjects a stack trusts are unit-tested and documented in one place.
 */

/** The audience azure/login requests and Entra ID expects for a federated credential. */
export const GITHUB_OIDC_AUDIENCE = "api://AzureADTokenExchange";

/** github.com's token issuer. */
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

/**
 * The issuer of GitHub Actions' OIDC tokens for the platform's GitHub host (platform.yaml github.host): github.com's,
 * or on GitHub Enterprise Server `https://<host>/_services/token` (GHES documentation, "About security hardening with
 * OpenID Connect").
 */
export function oidcIssuer(githubHost: string): string {
  const host = githubHost.toLowerCase();
  if (host === "github.com") return GITHUB_OIDC_ISSUER;
  return `https://${host}/_services/token`;
}

/**
 * The token subject one repository's Codex workflow presents. With an environment (the default, `codex`) the job
 * runs in it, so only jobs the environment admits (the default branch, required reviewers) get a token; without one
 * (the allowRepositorySecret opt-out) only workflows on the default branch do.
 */
export function federatedSubject(owner: string, repo: RepositoryTarget): string {
  if (repo.environment !== undefined) return `repo:${owner}/${repo.name}:environment:${repo.environment}`;
  return `repo:${owner}/${repo.name}:ref:refs/heads/${repo.defaultBranch ?? DEFAULT_BRANCH}`;
}

/**
 * Azure's name rule for a federated credential is ^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$; repository names may also hold
 * '.', so it becomes '-', and a short hash of the real name keeps `a.b` and `a-b` apart. The result always fits the rule:
 * "github-" starts it, the stem is at most 100 allowed characters, the hash 8 (test/config/authMode.test.ts checks it).
 */
export function federatedCredentialName(repository: string): string {
  const stem = repository.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 100);
  const hash = createHash("sha256").update(repository).digest("hex").slice(0, 8);
  return `github-${stem}-${hash}`;
}
