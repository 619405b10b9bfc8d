import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  createNetworkConfigurationProvider,
  type NetworkConfigurationInputs,
} from "../../providers/githubNetworkConfiguration";
import { GitHubNetworkStandIn } from "../support/githubNetworkStandIn";

describe("the network configuration provider against a GitHub stand-in on 127.0.0.1", () => {
  const gh = new GitHubNetworkStandIn();
  const provider = createNetworkConfigurationProvider({ token: () => gh.token });
  let inputs: NetworkConfigurationInputs;
  const create = async (i: NetworkConfigurationInputs) => {
    const result = await provider.create!(i);
    return { id: result.id, outs: result.outs! };
  };

  beforeAll(() => gh.start());
  afterAll(() => gh.stop());
  beforeEach(() => {
    gh.calls.length = 0;
    gh.configurations.clear();
    gh.runnerGroups.clear();
    gh.runnerGroups.set(7, { id: 7, name: "codex-payments" });
    gh.planAllowsPrivateNetworking = true;
    inputs = {
      apiUrl: gh.apiUrl,
      org: "contoso",
      name: "codex-payments",
      networkSettingsId: "GHNS-A1",
      runnerGroupId: 7,
    };
  });

  test("create POSTs the documented body, then PATCHes the runner group's network_configuration_id", async () => {
    const created = await create(inputs);
    expect(gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /orgs/contoso/settings/network-configurations",
      "PATCH /orgs/contoso/actions/runner-groups/7",
    ]);
    expect(gh.calls[0]!.body).toEqual({
      name: "codex-payments",
      compute_service: "actions",
      network_settings_ids: ["GHNS-A1"],
    });
    expect(gh.calls.every((c) => c.authorization === `Bearer ${gh.token}` && c.apiVersion === "2022-11-28")).toBe(true);
    expect(gh.runnerGroups.get(7)!.network_configuration_id).toBe(created.id);
    expect(created.outs.networkConfigurationId).toBe(created.id);
    expect(JSON.stringify(created)).not.toContain(gh.token);
  });

  test("read finds it; a second run's diff says no change; update PATCHes what changed", async () => {
    const { id, outs } = await create(inputs);
    const read = await provider.read!(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
    expect((await provider.diff!(id, outs, inputs)).changes).toBe(false);

    const renamed = { ...inputs, networkSettingsId: "GHNS-B2" };
    const diff = await provider.diff!(id, outs, renamed);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    gh.calls.length = 0;
    await provider.update!(id, outs, renamed);
    expect(gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PATCH /orgs/contoso/settings/network-configurations/${id}`,
    ]);
    expect(gh.configurations.get(id)!.network_settings_ids).toEqual(["GHNS-B2"]);
    expect((await provider.diff!(id, outs, { ...inputs, org: "fabrikam" })).replaces).toEqual(["org"]);
  });

  test("after a manual removal, read says gone (blank id) and create makes it again", async () => {
    const { id, outs } = await create(inputs);
    gh.configurations.delete(id);
    expect((await provider.read!(id, outs)).id).toBe("");
    await expect(provider.update!(id, outs, { ...inputs, name: "codex-payments-2" })).rejects.toThrow(
      /gone.*pulumi refresh/,
    );
    const again = await provider.create!(inputs);
    expect(again.id).not.toBe(id);
    expect(gh.configurations.has(again.id)).toBe(true);
  });

  test("delete detaches the runner group and DELETEs; deleting what is gone is fine", async () => {
    const { id, outs } = await create(inputs);
    gh.calls.length = 0;
    await provider.delete!(id, outs);
    expect(gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "PATCH /orgs/contoso/actions/runner-groups/7",
      `DELETE /orgs/contoso/settings/network-configurations/${id}`,
    ]);
    expect(gh.calls[0]!.body).toEqual({ network_configuration_id: null });
    expect(gh.configurations.size).toBe(0);
    await expect(provider.delete!(id, outs)).resolves.toBeUndefined();
  });

  test("422 for an unsupported plan is an error that says what GitHub said and what to do", async () => {
    gh.planAllowsPrivateNetworking = false;
    const failure = provider.create!(inputs);
    await expect(failure).rejects.toThrow(/422/);
    await expect(failure).rejects.toThrow(/not available for this organization's plan/);
    await expect(failure).rejects.toThrow(/Team or Enterprise Cloud.*github\.plan.*ci\.runners: self-hosted/);
  });

  test("no token: refused before any request; a wrong token: 401 said with the permission needed", async () => {
    const noToken = createNetworkConfigurationProvider({ token: () => undefined });
    await expect(noToken.create!(inputs)).rejects.toThrow(/GITHUB_TOKEN is not set/);
    expect(gh.calls).toEqual([]);
    const wrong = createNetworkConfigurationProvider({ token: () => "wrong" });
    await expect(wrong.create!(inputs)).rejects.toThrow(/401.*Bad credentials.*organisation owner/);
  });

  test("a runner group that does not exist fails create, naming the group", async () => {
    await expect(provider.create!({ ...inputs, runnerGroupId: 99 })).rejects.toThrow(
      /runner group 99 is not in contoso/,
    );
  });
});
