import type { PreflightFinding, Read } from "./findings";

/**
 * What the stack writes to a team repository with the deploy job's token: Actions secrets and variables, and, for a
 * key environment, the environment and its deployment-branch policy. GitHub's REST docs: creating an environment takes
 * a repository admin (classic token: `repo` scope; fine-grained: Administration write), secrets take Secrets write
 * (environment secrets also Environments write), variables Variables write.
 */
export interface RepositoryNeed {
  /** owner/name */
  fullName: string;
  /** The stack creates an environment in it (key environment, or the entra CI subject's environment). */
  environment: string | undefined;
}

/** Get a repository (GET /repos/{owner}/{repo}): `permissions` is the token owner's role on it. */
export interface RepositoryBody {
  full_name?: string;
  permissions?: { admin?: boolean; maintain?: boolean; push?: boolean; pull?: boolean };
}

/** A read-only request a token without scopes (fine-grained, GitHub App) must pass, when it did not. */
export interface RefusedProbe {
  /** What was asked, e.g. "GET /repos/o/r/actions/secrets/public-key". */
  request: string;
  status: number;
  /** X-Accepted-GitHub-Permissions of the answer: the fine-grained permissions the endpoint takes. */
  acceptedPermissions: string | undefined;
}

export interface RepositoryAnswer {
  need: RepositoryNeed;
  repo: Read<RepositoryBody>;
  /** X-OAuth-Scopes of the answer: present for a classic token or OAuth app token, absent for fine-grained and App tokens. */
  oauthScopes: string | undefined;
  refused: readonly RefusedProbe[];
}

function scopeList(header: string): string[] {
  return header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function repositoryFindings(answers: readonly RepositoryAnswer[], apiUrl: string): PreflightFinding[] {
  return answers.flatMap((a): PreflightFinding[] => {
    const subject = a.need.fullName;
    const finding = (problem: string, fix: string): PreflightFinding => ({ check: "github", subject, problem, fix });
    if (!a.repo.ok) {
      if (a.repo.status === 401)
        return [
          finding(
            `${apiUrl} refuses the token (HTTP 401: ${a.repo.message})`,
            "set GITHUB_TOKEN to a valid token for this GitHub host",
          ),
        ];
      if (a.repo.status === 404 || a.repo.status === 403)
        return [
          finding(
            `does not exist or the token cannot see it (HTTP ${a.repo.status})`,
            "create the repository, correct codex-boundary:github, or give the token access to it (a fine-grained token lists its repositories)",
          ),
        ];
      return [
        finding(
          `could not be read (${a.repo.status !== undefined ? `HTTP ${a.repo.status}: ` : ""}${a.repo.message})`,
          "run preflight again; check the GitHub host in platform.yaml",
        ),
      ];
    }
    const found: PreflightFinding[] = [];
    const role = a.repo.value.permissions;
    if (a.need.environment !== undefined && role?.admin !== true)
      found.push(
        finding(
          `the token's user is not an admin of the repository, and the stack creates the environment '${a.need.environment}' with its deployment-branch policy there`,
          "make the token's user (or app) a repository admin; a fine-grained token also needs Administration: write",
        ),
      );
    else if (role !== undefined && role.admin !== true && role.push !== true)
      found.push(
        finding(
          "the token's user cannot write to the repository (no push or admin role)",
          "give it the admin or write role",
        ),
      );
    if (a.oauthScopes !== undefined && !scopeList(a.oauthScopes).includes("repo"))
      found.push(
        finding(
          `the classic token's scopes (${a.oauthScopes || "none"}) lack repo, which Actions secrets, variables and environments take`,
          "use a token with the repo scope, or a fine-grained token with Secrets, Variables, Environments and Administration: write",
        ),
      );
    for (const probe of a.refused)
      found.push(
        finding(
          `${probe.request} answered HTTP ${probe.status}${probe.acceptedPermissions !== undefined ? ` (the endpoint takes: ${probe.acceptedPermissions})` : ""}`,
          "grant the fine-grained token (or app) Secrets, Variables and Environments: write and Administration: write on this repository",
        ),
      );
    return found;
  });
}
