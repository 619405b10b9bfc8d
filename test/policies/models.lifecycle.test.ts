import { describe, expect, test } from "vitest";
import { MODEL_POLICIES } from "../../lib/policy/models";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { evaluatePolicies } from "../../lib/policy/report";
import { type PolicyResource, TYPES } from "../../lib/policy/types";

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

function account(location: string): PolicyResource {
  return { urn: "urn:pulumi:t::codex-boundary::account", type: TYPES.account, name: "account", props: { accountName: "aif-codex-t", location } };
}

function deployment(model: string, version: string, sku = "GlobalStandard"): PolicyResource {
  return {
    urn: `urn:pulumi:t::codex-boundary::${TYPES.deployment}::deployment-${model}`,
    type: TYPES.deployment,
    name: `deployment-${model}`,
    props: { accountName: "aif-codex-t", sku: { name: sku, capacity: 10 }, properties: { model: { format: "OpenAI", name: model, version } } },
  };
}

function verdicts(resources: PolicyResource[], nowMs: number) {
  return Object.fromEntries(evaluatePolicies(resources, MODEL_POLICIES, { nowMs }).map((v) => [v.name, v.violations.map((x) => x.message)]));
}

describe("model lifecycle controls", () => {
  test("gpt-5.1-codex-max on 2026-11-25: a mandatory failure naming 2026-12-05 and that no replacement is named", () => {
    const result = verdicts([account("eastus2"), deployment("gpt-5.1-codex-max", "2025-12-04")], at("2026-11-25"));
    expect(result["model-not-retiring"]).toEqual([
      "gpt-5.1-codex-max 2025-12-04 retires on 2026-12-05 (in 10 days); replacement: none named by Microsoft (Azure OpenAI model retirement schedule, revised 2026-07-07)",
    ]);
    expect(result["model-retirement-ahead"]).toEqual([]);
  });

  test("gpt-5.2-codex on 2026-11-25 (50 days): advisory only; on 2026-12-20 (25 days): mandatory", () => {
    const resources = [account("eastus2"), deployment("gpt-5.2-codex", "2026-01-14")];
    expect(verdicts(resources, at("2026-11-25"))["model-not-retiring"]).toEqual([]);
    expect(verdicts(resources, at("2026-11-25"))["model-retirement-ahead"]).toEqual([expect.stringContaining("retires on 2027-01-14 (in 50 days)")]);
    expect(verdicts(resources, at("2026-12-20"))["model-not-retiring"]).toEqual([expect.stringContaining("retires on 2027-01-14 (in 25 days)")]);
  });

  test("launched more than 12 months ago: advisory naming the cutoff", () => {
    const result = verdicts([account("eastus2"), deployment("gpt-5", "2025-08-07"), deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"));
    expect(result["model-offered-to-new-subscriptions"]).toEqual([
      "gpt-5 2025-08-07 launched 2025-08-07: since 2026-08-07 subscriptions that never deployed it may be refused " +
        "(Azure OpenAI model deprecations and retirements (GA versions: available at least 12 months; new customers who never deployed a version lose access to it 12 months after launch), revised 2026-03-11)",
    ]);
  });

  test("availability the catalog cannot vouch for is an advisory finding", () => {
    const result = verdicts([account("westcentralus"), deployment("gpt-5.3-codex", "2026-02-24"), deployment("gpt-4o", "2024-11-20")], at("2026-11-25"));
    expect(result["model-availability-verified"]).toEqual([
      "gpt-5.3-codex 2026-02-24 as GlobalStandard in westcentralus: unchecked, the catalog's sources (Foundry model matrix) do not list the region westcentralus",
      "gpt-4o 2024-11-20 is not in the model catalog: availability and retirement unchecked",
    ]);
    expect(verdicts([account("eastus2"), deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"))["model-availability-verified"]).toEqual([]);
  });

  test("they are part of the policy pack, with their enforcement", () => {
    const pack = Object.fromEntries(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
    expect(pack).toMatchObject({
      "model-not-retiring": "mandatory",
      "model-retirement-ahead": "advisory",
      "model-offered-to-new-subscriptions": "advisory",
      "model-availability-verified": "advisory",
    });
  });
});
describe("model lifecycle edges", () => {
  const max = [account("eastus2"), deployment("gpt-5.1-codex-max", "2025-12-04")];
  test("one day before retirement is singular; on the retirement day it reads retired", () => {
    expect(verdicts(max, at("2026-12-04"))["model-not-retiring"]).toEqual([expect.stringMatching(/^gpt-5\.1-codex-max 2025-12-04 retires on 2026-12-05 \(in 1 day\); replacement: /)]);
    expect(verdicts(max, at("2026-12-05"))["model-not-retiring"]).toEqual([expect.stringMatching(/^gpt-5\.1-codex-max 2025-12-04 retired on 2026-12-05; replacement: none named by Microsoft \(/)]);
    expect(verdicts(max, at("2027-03-01"))["model-not-retiring"]).toEqual([expect.stringMatching(/ retired on 2026-12-05; /)]);
  });
  test("a model the catalog does not hold is no retirement or launch finding, only an availability one", () => {
    const result = verdicts([account("eastus2"), deployment("gpt-4o", "2024-11-20")], at("2026-11-25"));
    expect(result["model-not-retiring"]).toEqual([]);
    expect(result["model-retirement-ahead"]).toEqual([]);
    expect(result["model-offered-to-new-subscriptions"]).toEqual([]);
    expect(result["model-availability-verified"]).toEqual(["gpt-4o 2024-11-20 is not in the model catalog: availability and retirement unchecked"]);
  });
  test("a model launched less than 12 months ago is offered to new subscriptions", () => {
    expect(verdicts([account("eastus2"), deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"))["model-offered-to-new-subscriptions"]).toEqual([]);
  });
  test("an unknown SKU, or no account region, leaves availability unchecked", () => {
    const unknown = "gpt-5.3-codex 2026-02-24: the account's region or the SKU is unknown, availability unchecked";
    expect(verdicts([account("eastus2"), deployment("gpt-5.3-codex", "2026-02-24", "FancyNew")], at("2026-11-25"))["model-availability-verified"]).toEqual([unknown]);
    expect(verdicts([deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"))["model-availability-verified"]).toEqual([unknown]);
  });
  test("with several accounts, a deployment is judged in the region of the account it names", () => {
    const other: PolicyResource = { urn: "urn:other", type: TYPES.account, name: "other", props: { accountName: "aif-other", location: "westcentralus" } };
    const unnamed: PolicyResource = { urn: "urn:unnamed", type: TYPES.account, name: "unnamed", props: { location: "westcentralus" } };
    const d = deployment("gpt-5.3-codex", "2026-02-24");
    expect(verdicts([other, account("eastus2"), d], at("2026-11-25"))["model-availability-verified"]).toEqual([]);
    expect(verdicts([account("eastus2"), other, d], at("2026-11-25"))["model-availability-verified"]).toEqual([]);
    // Two accounts, none named like the deployment's: no region to judge by (a nameless account never matches).
    expect(verdicts([other, unnamed, { ...d, props: { ...d.props, accountName: "" } }], at("2026-11-25"))["model-availability-verified"]).toEqual([
      "gpt-5.3-codex 2026-02-24: the account's region or the SKU is unknown, availability unchecked",
    ]);
    // One account: the deployment belongs to it, whatever name it carries.
    expect(verdicts([other, d], at("2026-11-25"))["model-availability-verified"]).toEqual([expect.stringContaining("as GlobalStandard in westcentralus: unchecked")]);
  });
});
