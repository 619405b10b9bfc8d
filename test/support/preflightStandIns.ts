import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StandInCall {
  server: "arm" | "github";
  path: string;
  apiVersion: string | null;
  authorization: string | undefined;
  githubApiVersion: string | undefined;
}

/**
 * A self-signed certificate for 127.0.0.1 (the Azure SDK refuses a bearer token over plain HTTP), valid from 2000 to
 * 2099: `openssl ca` takes fixed dates where `req -x509` would stamp its own clock, so the suite passes on any date and
 * under faketime, also in a child process that runs on another clock than the one that made the certificate.
 */
function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "cb-preflight-tls-"));
  const at = (name: string) => join(dir, name);
  writeFileSync(at("index.txt"), "");
  writeFileSync(at("serial"), "01\n");
  writeFileSync(
    at("ca.cnf"),
    [
      "[ca]",
      "default_ca = local",
      "[local]",
      `database = ${at("index.txt")}`,
      `new_certs_dir = ${dir}`,
      `serial = ${at("serial")}`,
      "default_md = sha256",
      "policy = any",
      "copy_extensions = copy",
      "unique_subject = no",
      "[any]",
      "commonName = supplied",
      "",
    ].join("\n"),
  );
  const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  openssl([
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-keyout",
    at("key.pem"),
    "-out",
    at("request.csr"),
  ]);
  openssl([
    "ca",
    "-batch",
    "-notext",
    "-selfsign",
    "-config",
    at("ca.cnf"),
    "-keyfile",
    at("key.pem"),
    "-in",
    at("request.csr"),
    "-startdate",
    "20000101000000Z",
    "-enddate",
    "20991231235959Z",
    "-out",
    at("cert.pem"),
  ]);
  const pair = { key: readFileSync(at("key.pem"), "utf8"), cert: readFileSync(at("cert.pem"), "utf8") };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const armError = (res: ServerResponse, status: number, code: string, message: string) =>
  json(res, status, { error: { code, message } });

/**
 * Stand-ins for ARM and the GitHub API on 127.0.0.1, speaking the shapes the preflight reads:
 * Providers - Get (registrationState), Permissions - List (PermissionGetResult, paged by nextLink), Models - List,
 * Usages - List, Accounts - Get, Deployments - List, RaiPolicies - Get, PolicyAssignments - List and
 * ListForResourceGroup (atScope(); 403 for a subscription the identity cannot read, 404 for a group that does not
 * exist), PolicyDefinitions / PolicySetDefinitions - Get by ID, ManagementGroups - Get Descendants (paged; 403 for a
 * group the identity cannot read) (ARM errors as {error: {code, message}});
 * GET /repos/{owner}/{repo} (permissions, X-OAuth-Scopes for a classic token) and the two read probes, refused with
 * X-Accepted-GitHub-Permissions.
 */
export class PreflightStandIns {
  readonly calls: StandInCall[] = [];
  token = "arm-token";
  githubToken = "gh-token";
  providers: Record<string, string> = {};
  /** Permission entries per scope (lower case); a scope not listed answers 403 AuthorizationFailed. */
  permissions: Record<string, Array<{ actions: string[]; notActions: string[] }>> = {};
  locationModels: Record<string, unknown[]> = {};
  usages: Record<string, unknown[]> = {};
  /** Account ID (lower case) -> its deployments; an account not listed answers 404. */
  accounts: Record<string, unknown[]> = {};
  raiPolicies = new Set<string>();
  /**
   * What PolicyAssignments - List with $filter=atScope() answers at every subscription and resource group (the
   * management groups' assignments; paged, one per page).
   */
  policyAssignments: unknown[] = [];
  /** Assignments made at a subscription or group (lower-case ID), answered there and in the groups below it. */
  assignmentsAt: Record<string, unknown[]> = {};
  /** Subscriptions (`/subscriptions/{s}`, lower case) whose assignments answer 403; so do their groups'. */
  unreadableSubscriptions = new Set<string>();
  /** Resource groups that exist (lower-case ID); listing at any other answers 404 ResourceGroupNotFound. */
  resourceGroups = new Set<string>();
  /**
   * ManagementGroups - Get Descendants per management group ID (lower case), DescendantInfo entries paged one per
   * page by nextLink; a group not listed answers 403 AuthorizationFailed.
   */
  managementGroupDescendants: Record<string, unknown[]> = {};
  /** Policy definitions and policy set definitions by ID (lower case); an ID not listed answers 404. */
  policyDefinitions: Record<string, unknown> = {};
  repositories: Record<string, { admin: boolean; push: boolean }> = {};
  /** X-OAuth-Scopes of GitHub's answers; undefined answers as a fine-grained token (no header). */
  oauthScopes: string | undefined = "repo, workflow";
  /** Paths GitHub refuses with 403 (a fine-grained token without the permission). */
  refusedPaths = new Set<string>();
  ca = "";
  armEndpoint = "";
  githubApi = "";
  private servers: Server[] = [];

  async start(): Promise<void> {
    const tls = selfSigned();
    this.ca = tls.cert;
    const arm = createServer(tls, (req, res) => this.serveArm(req, res));
    const github = createServer(tls, (req, res) => this.serveGithub(req, res));
    this.servers = [arm, github];
    await Promise.all(this.servers.map((s) => new Promise<void>((ready) => s.listen(0, "127.0.0.1", ready))));
    this.armEndpoint = `https://127.0.0.1:${(arm.address() as AddressInfo).port}`;
    this.githubApi = `https://127.0.0.1:${(github.address() as AddressInfo).port}/api/v3`;
  }

  stop(): Promise<void> {
    return Promise.all(this.servers.map((s) => new Promise<void>((closed) => s.close(() => closed())))).then(
      () => undefined,
    );
  }

  caFile(): string {
    const file = join(mkdtempSync(join(tmpdir(), "cb-preflight-ca-")), "ca.pem");
    writeFileSync(file, this.ca);
    return file;
  }

  private record(server: StandInCall["server"], req: IncomingMessage): URL {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    this.calls.push({
      server,
      path: decodeURIComponent(url.pathname),
      apiVersion: url.searchParams.get("api-version"),
      authorization: req.headers.authorization,
      githubApiVersion: req.headers["x-github-api-version"] as string | undefined,
    });
    return url;
  }

  /** One item per page, the next page's nextLink carrying the token in `tokenName`, as ARM's lists page. */
  private page(res: ServerResponse, url: URL, items: readonly unknown[], tokenName = "$skipToken"): void {
    const skip = Number(url.searchParams.get(tokenName) ?? "0");
    const next = new URL(url.toString());
    next.searchParams.set(tokenName, String(skip + 1));
    const nextLink = skip + 1 < items.length ? `${this.armEndpoint}${next.pathname}${next.search}` : undefined;
    json(res, 200, { value: items.slice(skip, skip + 1), ...(nextLink !== undefined ? { nextLink } : {}) });
  }

  private serveArm(req: IncomingMessage, res: ServerResponse): void {
    const url = this.record("arm", req);
    const path = decodeURIComponent(url.pathname);
    const version = url.searchParams.get("api-version");
    if (req.method !== "GET") return armError(res, 405, "MethodNotAllowed", "the preflight only reads");
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return armError(res, 401, "AuthenticationFailed", "no valid bearer token");
    let m: RegExpExecArray | null;
    if (
      (m =
        /^(\/subscriptions\/[^/]+)(\/resourceGroups\/[^/]+)?\/providers\/Microsoft\.Authorization\/policyAssignments$/i.exec(
          path,
        ))
    ) {
      if (version !== "2023-04-01") return armError(res, 400, "InvalidApiVersionParameter", `api-version ${version}`);
      if (url.searchParams.get("$filter") !== "atScope()")
        return armError(res, 400, "InvalidFilter", "the stand-in answers only $filter=atScope()");
      const sub = (m[1] ?? "").toLowerCase();
      const scope = `${sub}${m[2] ?? ""}`.toLowerCase();
      if (this.unreadableSubscriptions.has(sub))
        return armError(
          res,
          403,
          "AuthorizationFailed",
          `The client does not have authorization to perform action 'Microsoft.Authorization/policyAssignments/read' over scope '${scope}'`,
        );
      if (m[2] !== undefined && !this.resourceGroups.has(scope))
        return armError(
          res,
          404,
          "ResourceGroupNotFound",
          `Resource group '${m[2].split("/").pop()}' could not be found.`,
        );
      const applying = [
        ...this.policyAssignments,
        ...Object.entries(this.assignmentsAt)
          .filter(([at]) => scope === at || scope.startsWith(`${at}/`))
          .flatMap(([, list]) => list),
      ];
      return this.page(res, url, applying);
    }
    if ((m = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+(?=\/descendants$)/i.exec(path))) {
      if (version !== "2023-04-01") return armError(res, 400, "InvalidApiVersionParameter", `api-version ${version}`);
      const descendants = this.managementGroupDescendants[m[0].toLowerCase()];
      if (descendants === undefined)
        return armError(
          res,
          403,
          "AuthorizationFailed",
          `The client does not have authorization to perform action 'Microsoft.Management/managementGroups/descendants/read' over scope '${m[0]}'`,
        );
      return this.page(res, url, descendants, "$skiptoken");
    }
    if (/\/providers\/Microsoft\.Authorization\/policy(Set)?Definitions\/[^/]+$/i.test(path)) {
      if (version !== "2023-04-01") return armError(res, 400, "InvalidApiVersionParameter", `api-version ${version}`);
      const definition = this.policyDefinitions[path.toLowerCase()];
      return definition === undefined
        ? armError(
            res,
            404,
            "PolicyDefinitionNotFound",
            `The policy definition '${path.split("/").pop()}' could not be found.`,
          )
        : json(res, 200, definition);
    }
    if ((m = /^(.*)\/providers\/Microsoft\.Authorization\/permissions$/i.exec(path))) {
      if (version !== "2022-04-01") return armError(res, 400, "InvalidApiVersionParameter", `api-version ${version}`);
      const entries = this.permissions[(m[1] ?? "").toLowerCase()];
      if (entries === undefined) return armError(res, 403, "AuthorizationFailed", `no read access at ${m[1]}`);
      const skip = Number(url.searchParams.get("$skipToken") ?? "0");
      const nextLink =
        skip + 1 < entries.length
          ? `${this.armEndpoint}${url.pathname}?api-version=${version}&$skipToken=${skip + 1}`
          : undefined;
      return json(res, 200, { value: entries.slice(skip, skip + 1), ...(nextLink !== undefined ? { nextLink } : {}) });
    }
    if ((m = /^\/subscriptions\/([^/]+)\/providers\/(Microsoft\.[A-Za-z]+)$/.exec(path))) {
      if (version !== "2021-04-01") return armError(res, 400, "InvalidApiVersionParameter", `api-version ${version}`);
      const namespace = m[2] ?? "";
      return json(res, 200, {
        id: `/subscriptions/${m[1]}/providers/${namespace}`,
        namespace,
        registrationState: this.providers[namespace] ?? "NotRegistered",
        registrationPolicy: "RegistrationRequired",
        resourceTypes: [],
      });
    }
    if (
      (m =
        /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CognitiveServices\/locations\/([^/]+)\/(models|usages)$/.exec(
          path,
        ))
    )
      return json(res, 200, { value: (m[2] === "models" ? this.locationModels : this.usages)[m[1] ?? ""] ?? [] });
    if (
      (m =
        /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+)(\/deployments|\/raiPolicies\/([^/]+))?$/.exec(
          path,
        ))
    ) {
      if (version !== "2025-06-01") return armError(res, 400, "InvalidApiVersionParameter", `api-version ${version}`);
      const account = this.accounts[(m[1] ?? "").toLowerCase()];
      if (account === undefined)
        return armError(res, 404, "ResourceGroupNotFound", "Resource group could not be found.");
      if (m[2] === "/deployments") return json(res, 200, { value: account });
      if (m[3] !== undefined)
        return this.raiPolicies.has(m[3])
          ? json(res, 200, {
              name: m[3],
              properties: { type: "UserManaged", mode: "Blocking", basePolicyName: "Microsoft.DefaultV2" },
            })
          : armError(res, 404, "NotFound", `RAI policy ${m[3]} not found`);
      return json(res, 200, { id: m[1], name: (m[1] ?? "").split("/").pop(), kind: "AIServices", properties: {} });
    }
    armError(res, 404, "NotFound", `no such route ${path}`);
  }

  private serveGithub(req: IncomingMessage, res: ServerResponse): void {
    const url = this.record("github", req);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3/, "");
    const scopes: Record<string, string> = this.oauthScopes !== undefined ? { "x-oauth-scopes": this.oauthScopes } : {};
    if (req.headers.authorization !== `Bearer ${this.githubToken}`)
      return json(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const m = /^\/repos\/([^/]+\/[^/]+)(\/actions\/secrets\/public-key|\/actions\/variables)?$/.exec(path);
    const repo = m === null ? undefined : this.repositories[m[1] ?? ""];
    if (m === null || repo === undefined)
      return json(
        res,
        404,
        { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/repos#get-a-repository" },
        scopes,
      );
    if (m[2] !== undefined) {
      if (this.refusedPaths.has(path))
        return json(
          res,
          403,
          { message: "Resource not accessible by personal access token" },
          {
            ...scopes,
            "x-accepted-github-permissions": m[2] === "/actions/variables" ? "actions_variables=read" : "secrets=read",
          },
        );
      return json(
        res,
        200,
        m[2] === "/actions/variables" ? { total_count: 0, variables: [] } : { key_id: "1", key: "cHVibGlj" },
        scopes,
      );
    }
    json(
      res,
      200,
      { full_name: m[1], private: true, permissions: { ...repo, maintain: repo.admin, triage: true, pull: true } },
      scopes,
    );
  }
}
