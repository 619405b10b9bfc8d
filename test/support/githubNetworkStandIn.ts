import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInCall {
  method: string;
  path: string;
  authorization: string | undefined;
  apiVersion: string | undefined;
  body: unknown;
}

/**
 * GitHub's REST API for organisation network configurations and runner groups, on 127.0.0.1, as documented:
 * POST/GET/PATCH/DELETE /orgs/{org}/settings/network-configurations[/{id}] (201/200/200/204, 404 when unknown, 422 when
 * the organisation's plan has no private networking) and PATCH /orgs/{org}/actions/runner-groups/{id}.
 */
export class GitHubNetworkStandIn {
  readonly calls: StandInCall[] = [];
  readonly configurations = new Map<
    string,
    { id: string; name: string; compute_service: string; network_settings_ids: string[]; created_on: string }
  >();
  readonly runnerGroups = new Map<number, { id: number; name: string; network_configuration_id?: string | null }>();
  /** false: the organisation is on the Free plan; POST answers 422 as GitHub does for an unsupported plan. */
  planAllowsPrivateNetworking = true;
  token = "gh-standin-token";
  org = "contoso";
  apiUrl = "";
  private server!: Server;
  private next = 1;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.apiUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body: unknown = text === "" ? undefined : JSON.parse(text);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const method = req.method ?? "";
    this.calls.push({
      method,
      path,
      authorization: req.headers.authorization,
      apiVersion: req.headers["x-github-api-version"] as string | undefined,
      body,
    });
    const send = (status: number, payload?: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(payload === undefined ? "" : JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { message: "Bad credentials" });
    const base = `/orgs/${this.org}`;
    const b = (body ?? {}) as Record<string, unknown>;
    if (path === `${base}/settings/network-configurations` && method === "POST") {
      if (!this.planAllowsPrivateNetworking) {
        return send(422, { message: "Azure private networking is not available for this organization's plan." });
      }
      const id = `NC${String(this.next++).padStart(8, "0")}`;
      const created = {
        id,
        name: String(b["name"]),
        compute_service: String(b["compute_service"] ?? "none"),
        network_settings_ids: (b["network_settings_ids"] as string[] | undefined) ?? [],
        created_on: "2026-12-08T02:00:00Z",
      };
      this.configurations.set(id, created);
      return send(201, created);
    }
    const config = new RegExp(`^${base}/settings/network-configurations/([^/]+)$`).exec(path);
    if (config) {
      const found = this.configurations.get(decodeURIComponent(config[1]!));
      if (!found) return send(404, { message: "Not Found" });
      if (method === "GET") return send(200, found);
      if (method === "PATCH") {
        if (typeof b["name"] === "string") found.name = b["name"];
        if (typeof b["compute_service"] === "string") found.compute_service = b["compute_service"];
        if (Array.isArray(b["network_settings_ids"]))
          found.network_settings_ids = b["network_settings_ids"] as string[];
        return send(200, found);
      }
      if (method === "DELETE") {
        this.configurations.delete(found.id);
        return send(204);
      }
    }
    const group = new RegExp(`^${base}/actions/runner-groups/(\\d+)$`).exec(path);
    if (group && method === "PATCH") {
      const found = this.runnerGroups.get(Number(group[1]));
      if (!found) return send(404, { message: "Not Found" });
      if ("network_configuration_id" in b)
        found.network_configuration_id = b["network_configuration_id"] as string | null;
      return send(200, found);
    }
    return send(404, { message: "Not Found" });
  }
}
