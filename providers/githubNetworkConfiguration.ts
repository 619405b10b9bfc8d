import type * as pulumi from "@pulumi/pulumi";

/**
 * GitHub's hosted-compute network configuration of an organisation, and its attachment to the team's runner group:
 * the one gap @pulumi/github 6.15 leaves (ActionsRunnerGroup has no network configuration field). Calls GitHub's
 * documented REST API (https://docs.github.com/en/rest/orgs/network-configurations, and "Update a self-hosted
 * runner group for an organization" in https://docs.github.com/en/rest/actions/self-hosted-runner-groups, field
 * `network_configuration_id`), read 2026-12-08; exercised against a stand-in, never against GitHub from here.
 *
 * The token comes from GITHUB_TOKEN at call time (the same variable the GitHub provider reads); it is never an
 * input, an output or in state. Pulumi serializes this provider: everything it uses is defined in this module.
 */

/** Inputs (= outputs, plus the configuration's id): no secret among them. */
export interface NetworkConfigurationInputs {
  /** REST API root: https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server. */
  apiUrl: string;
  org: string;
  /** The network configuration's name in the organisation settings (`codex-<team>`). */
  name: string;
  /** The `GitHubId` tag of the team's GitHub.Network/networkSettings resource. */
  networkSettingsId: string;
  /** The team's runner group (ActionsRunnerGroup id) that runs its jobs on this network. */
  runnerGroupId: number;
}

export interface NetworkConfigurationOutputs extends NetworkConfigurationInputs {
  networkConfigurationId: string;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
}
export interface HttpResponse {
  status: number;
  body: string;
}
/** The injectable transport: production uses fetch. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface NetworkConfigurationDeps {
  transport?: Transport;
  /** Where the token comes from; production reads GITHUB_TOKEN when a call is made. */
  token?: () => string | undefined;
}

/** GitHub's network configuration object, as documented (only the fields the provider uses). */
export interface NetworkConfiguration {
  id: string;
  name: string;
  compute_service?: string;
  network_settings_ids?: string[];
}

/** A GitHub REST failure, said so a person knows what to do. */
export class GitHubRestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GitHubRestError";
  }
}

/** The small REST client: each call says what it did on failure, with GitHub's own message and the fix. */
export function networkConfigurationClient(apiUrl: string, org: string, deps: NetworkConfigurationDeps = {}) {
  const transport: Transport =
    deps.transport ??
    (async (request) => {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      return { status: response.status, body: await response.text() };
    });
  const token = deps.token ?? (() => process.env["GITHUB_TOKEN"]);
  const root = apiUrl.replace(/\/+$/, "");
  const orgPath = `/orgs/${encodeURIComponent(org)}`;

  async function call(
    method: HttpRequest["method"],
    path: string,
    what: string,
    body?: unknown,
  ): Promise<HttpResponse> {
    const bearer = token();
    if (bearer === undefined || bearer === "") {
      throw new GitHubRestError(
        0,
        `${what}: GITHUB_TOKEN is not set; export a token of an organisation owner of ${org} and run again`,
      );
    }
    const response = await transport({
      method,
      url: `${root}${path}`,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${bearer}`,
        "x-github-api-version": "2022-11-28",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status >= 200 && response.status < 300) return response;
    if (response.status === 404) return response;
    let detail = "";
    try {
      const parsed = JSON.parse(response.body) as { message?: unknown };
      if (typeof parsed.message === "string") detail = parsed.message;
    } catch {
      detail = response.body.slice(0, 200);
    }
    const fix =
      response.status === 422
        ? " GitHub refused it: private networking for hosted runners needs the Team or Enterprise Cloud plan and a" +
          " networkSettings resource in a supported region; check the organisation's plan (platform.yaml github.plan)" +
          " and the team's location, or set ci.runners: self-hosted."
        : response.status === 401 || response.status === 403
          ? ` The token cannot do this: it needs organisation owner (or "Network configurations" write) on ${org}.`
          : "";
    throw new GitHubRestError(
      response.status,
      `${what}: GitHub answered ${response.status}${detail ? ` (${detail})` : ""}.${fix}`,
    );
  }

  const parse = (response: HttpResponse): NetworkConfiguration => JSON.parse(response.body) as NetworkConfiguration;
  const configPath = (id: string) => `${orgPath}/settings/network-configurations/${encodeURIComponent(id)}`;

  return {
    async create(name: string, networkSettingsId: string): Promise<NetworkConfiguration> {
      const what = `creating network configuration ${name} in ${org}`;
      const response = await call("POST", `${orgPath}/settings/network-configurations`, what, {
        name,
        compute_service: "actions",
        network_settings_ids: [networkSettingsId],
      });
      if (response.status === 404)
        throw new GitHubRestError(
          404,
          `${what}: GitHub answered 404 (no organisation ${org}, or the token cannot see it).`,
        );
      return parse(response);
    },
    /** undefined when it is gone (removed by hand). */
    async get(id: string): Promise<NetworkConfiguration | undefined> {
      const response = await call("GET", configPath(id), `reading network configuration ${id} in ${org}`);
      return response.status === 404 ? undefined : parse(response);
    },
    async update(id: string, name: string, networkSettingsId: string): Promise<NetworkConfiguration | undefined> {
      const response = await call("PATCH", configPath(id), `updating network configuration ${name} in ${org}`, {
        name,
        compute_service: "actions",
        network_settings_ids: [networkSettingsId],
      });
      return response.status === 404 ? undefined : parse(response);
    },
    /** Deleting what is already gone is fine. */
    async remove(id: string): Promise<void> {
      await call("DELETE", configPath(id), `deleting network configuration ${id} in ${org}`);
    },
    /** Points the runner group at a network configuration (null detaches it: unchecked against GitHub). */
    async attach(runnerGroupId: number, networkConfigurationId: string | null): Promise<boolean> {
      const response = await call(
        "PATCH",
        `${orgPath}/actions/runner-groups/${runnerGroupId}`,
        `attaching network configuration to runner group ${runnerGroupId} in ${org}`,
        { network_configuration_id: networkConfigurationId },
      );
      return response.status !== 404;
    },
  };
}

/** Fields whose change means another organisation or API: a new configuration there (replace). */
const REPLACE_FIELDS = ["apiUrl", "org"] as const;
const UPDATE_FIELDS = ["name", "networkSettingsId", "runnerGroupId"] as const;

/** The dynamic provider: create = POST + attach; update = PATCH (+ attach when the group changed); delete = detach + DELETE. */
export function createNetworkConfigurationProvider(
  deps: NetworkConfigurationDeps = {},
): pulumi.dynamic.ResourceProvider<NetworkConfigurationInputs, NetworkConfigurationOutputs> {
  const clientFor = (inputs: NetworkConfigurationInputs) => networkConfigurationClient(inputs.apiUrl, inputs.org, deps);
  return {
    async diff(_id, olds, news) {
      const replaces = REPLACE_FIELDS.filter((f) => olds[f] !== news[f]);
      const updates = UPDATE_FIELDS.filter((f) => olds[f] !== news[f]);
      return {
        changes: replaces.length + updates.length > 0,
        replaces: [...replaces],
        deleteBeforeReplace: false,
      };
    },
    async create(inputs) {
      const client = clientFor(inputs);
      const created = await client.create(inputs.name, inputs.networkSettingsId);
      if (!(await client.attach(inputs.runnerGroupId, created.id))) {
        throw new GitHubRestError(
          404,
          `runner group ${inputs.runnerGroupId} is not in ${inputs.org}; the network configuration ${created.id} exists, run pulumi up again once the group does`,
        );
      }
      return { id: created.id, outs: { ...inputs, networkConfigurationId: created.id } };
    },
    async read(id, props) {
      if (props === undefined) return { id: "" };
      const found = await clientFor(props).get(id);
      if (found === undefined) return { id: "" };
      return {
        id,
        props: {
          ...props,
          name: found.name,
          networkSettingsId: found.network_settings_ids?.[0] ?? props.networkSettingsId,
          networkConfigurationId: found.id,
        },
      };
    },
    async update(id, olds, news) {
      const client = clientFor(news);
      const updated = await client.update(id, news.name, news.networkSettingsId);
      if (updated === undefined) {
        throw new GitHubRestError(
          404,
          `network configuration ${id} (${news.name}) is gone from ${news.org}; run pulumi refresh, then pulumi up to create it again`,
        );
      }
      if (olds.runnerGroupId !== news.runnerGroupId) await client.attach(news.runnerGroupId, id);
      return { outs: { ...news, networkConfigurationId: id } };
    },
    async delete(id, props) {
      const client = clientFor(props);
      await client.attach(props.runnerGroupId, null);
      await client.remove(id);
    },
  };
}
