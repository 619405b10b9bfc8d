import { describe, expect, test } from "vitest";
import { MODEL_POLICIES, retirementPolicies } from "../../lib/policy/models";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { evaluatePolicies } from "../../lib/policy/report";
import { type PolicyResource, TYPES } from "../../lib/policy/types";
import { catalog, entry } from "../models/syntheticCatalog";

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

function account(location: string): PolicyResource {
  return {
    urn: "urn:pulumi:t::codex-boundary::account",
    type: TYPES.account,
    name: "account",
    props: { accountName: "aif-codex-t", location },
  };
}

function deployment(model: string, version: string, sku = "GlobalStandard"): PolicyResource {
  return {
    urn: `urn:pulumi:t::codex-boundary::${TYPES.deployment}::deployment-${model}`,
    type: TYPES.deployment,
    name: `deployment-${model}`,
    props: {
      accountName: "aif-codex-t",
      sku: { name: sku, capacity: 10 },
      properties: { model: { format: "OpenAI", name: model, version } },
    },
  };
}

function verdicts(resources: PolicyResource[], nowMs: number) {
  return Object.fromEntries(
    evaluatePolicies(resources, MODEL_POLICIES, { nowMs }).map((v) => [v.name, v.violations.map((x) => x.message)]),
  );
}

// The retirement controls against a synthetic catalog (the shipped one changes with every refresh).
const synthetic = catalog([
  entry({ model: "m-old", retirementDate: "2027-01-20", replacement: "m-new" }),
  entry({ model: "m-new", version: "2026-06-01", retirementDate: "2028-01-31" }),
  entry({ model: "m-lone", retirementDate: "2027-01-20", skus: { GlobalStandard: ["regionb"] } }),
]);
const retirementVerdicts = (resources: PolicyResource[], nowMs: number) =>
  Object.fromEntries(
    evaluatePolicies(resources, retirementPolicies(synthetic), { nowMs }).map((v) => [
      v.name,
      v.violations.map((x) => x.message),
    ]),
  );

describe("the retirement controls", () => {
  const old = [account("regiona"), deployment("m-old", "2026-01-01")];

  test("within 30 days: the date, the days left, the successor Microsoft names with how long it lives, and the source", () => {
    expect(retirementVerdicts(old, at("2027-01-05"))["model-not-retiring"]).toEqual([
      "m-old 2026-01-01 retires on 2027-01-20 (in 15 days); successor: m-new 2026-06-01 (Microsoft's named replacement, live until 2028-01-31); pulumi up refuses adding or changing to it, and leaves a deployment of it as it is (Retirement schedule, revised 2026-07-07)",
    ]);
    expect(retirementVerdicts(old, at("2027-01-05"))["model-retirement-ahead"]).toEqual([]);
  });

  test("the same calendar day gives the same count at any hour", () => {
    for (const time of ["00:00:00.000", "00:00:00.001", "12:00:00", "23:59:59.999"]) {
      expect(retirementVerdicts(old, Date.parse(`2027-01-05T${time}Z`))["model-not-retiring"]?.[0]).toContain(
        "(in 15 days)",
      );
    }
  });

  test("31 days out: only the 120-day recommendation, naming the successor too", () => {
    expect(retirementVerdicts(old, at("2026-12-20"))["model-not-retiring"]).toEqual([]);
    expect(retirementVerdicts(old, at("2026-12-20"))["model-retirement-ahead"]).toEqual([
      expect.stringMatching(/^m-old 2026-01-01 retires on 2027-01-20 \(in 31 days\); successor: m-new 2026-06-01 /),
    ]);
    expect(retirementVerdicts(old, at("2026-12-20"))["model-retirement-ahead"]?.[0]).not.toContain("refuses");
  });

  test("one day before is singular; on the day it reads retired and answers 410 Gone", () => {
    expect(retirementVerdicts(old, at("2027-01-19"))["model-not-retiring"]).toEqual([
      expect.stringContaining("retires on 2027-01-20 (in 1 day); successor: m-new"),
    ]);
    expect(retirementVerdicts(old, at("2027-01-20"))["model-not-retiring"]).toEqual([
      expect.stringMatching(
        /^m-old 2026-01-01 retired on 2027-01-20: it answers 410 Gone; successor: m-new 2026-06-01 /,
      ),
    ]);
  });

  test("where nothing lives on as the same SKU in the region, it says so", () => {
    expect(
      retirementVerdicts([account("regionb"), deployment("m-lone", "2026-01-01")], at("2027-01-05"))[
        "model-not-retiring"
      ],
    ).toEqual([
      expect.stringContaining("successor: m-new 2026-06-01 (the closest live catalog model, live until 2028-01-31)"),
    ]);
    expect(
      retirementVerdicts(
        [account("regionb"), deployment("m-lone", "2026-01-01", "DataZoneStandard")],
        at("2027-01-05"),
      )["model-not-retiring"],
    ).toEqual([expect.stringContaining("successor: none in the catalog offered as DataZoneStandard in regionb")]);
  });

  test("model-not-retiring is advisory in the pack: it cannot see what was deployed before, and a deployment left as it is must keep deploying", () => {
    const pack = Object.fromEntries(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
    expect(pack).toMatchObject({
      "model-not-retiring": "advisory",
      "model-retirement-ahead": "advisory",
      "model-offered-to-new-subscriptions": "advisory",
      "model-availability-verified": "advisory",
    });
    expect(BOUNDARY_POLICIES.find((p) => p.name === "model-not-retiring")?.remediation).toContain(
      "npm run models -- --upgrade --stack <stack>",
    );
  });
});

describe("model launch and availability controls", () => {
  test("launched more than 12 months ago: advisory naming the cutoff", () => {
    const result = verdicts(
      [account("eastus2"), deployment("gpt-5", "2025-08-07"), deployment("gpt-5.3-codex", "2026-02-24")],
      at("2026-11-25"),
    );
    expect(result["model-offered-to-new-subscriptions"]).toEqual([
      "gpt-5 2025-08-07 launched 2025-08-07: since 2026-08-07 subscriptions that never deployed it may be refused " +
        "(Azure OpenAI model deprecations and retirements (GA versions: available at least 12 months; new customers who never deployed a version lose access to it 12 months after launch), revised 2026-03-11)",
    ]);
  });

  test("availability the catalog cannot vouch for is an advisory finding", () => {
    const result = verdicts(
      [account("westcentralus"), deployment("gpt-5.3-codex", "2026-02-24"), deployment("gpt-4o", "2024-11-20")],
      at("2026-11-25"),
    );
    expect(result["model-availability-verified"]).toEqual([
      "gpt-5.3-codex 2026-02-24 as GlobalStandard in westcentralus: unchecked, the catalog's sources (Foundry model matrix) do not list the region westcentralus",
      "gpt-4o 2024-11-20 is not in the model catalog: availability and retirement unchecked",
    ]);
    expect(
      verdicts([account("eastus2"), deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"))[
        "model-availability-verified"
      ],
    ).toEqual([]);
  });
});
describe("model lifecycle edges", () => {
  test("a model the catalog does not hold is no retirement or launch finding, only an availability one", () => {
    const result = verdicts([account("eastus2"), deployment("gpt-4o", "2024-11-20")], at("2026-11-25"));
    expect(result["model-not-retiring"]).toEqual([]);
    expect(result["model-retirement-ahead"]).toEqual([]);
    expect(result["model-offered-to-new-subscriptions"]).toEqual([]);
    expect(result["model-availability-verified"]).toEqual([
      "gpt-4o 2024-11-20 is not in the model catalog: availability and retirement unchecked",
    ]);
  });
  test("a model launched less than 12 months ago is offered to new subscriptions", () => {
    expect(
      verdicts([account("eastus2"), deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"))[
        "model-offered-to-new-subscriptions"
      ],
    ).toEqual([]);
  });
  test("an unknown SKU, or no account region, leaves availability unchecked", () => {
    const unknown = "gpt-5.3-codex 2026-02-24: the account's region or the SKU is unknown, availability unchecked";
    expect(
      verdicts([account("eastus2"), deployment("gpt-5.3-codex", "2026-02-24", "FancyNew")], at("2026-11-25"))[
        "model-availability-verified"
      ],
    ).toEqual([unknown]);
    expect(
      verdicts([deployment("gpt-5.3-codex", "2026-02-24")], at("2026-11-25"))["model-availability-verified"],
    ).toEqual([unknown]);
  });
  test("with several accounts, a deployment is judged in the region of the account it names", () => {
    const other: PolicyResource = {
      urn: "urn:other",
      type: TYPES.account,
      name: "other",
      props: { accountName: "aif-other", location: "westcentralus" },
    };
    const unnamed: PolicyResource = {
      urn: "urn:unnamed",
      type: TYPES.account,
      name: "unnamed",
      props: { location: "westcentralus" },
    };
    const d = deployment("gpt-5.3-codex", "2026-02-24");
    expect(verdicts([other, account("eastus2"), d], at("2026-11-25"))["model-availability-verified"]).toEqual([]);
    expect(verdicts([account("eastus2"), other, d], at("2026-11-25"))["model-availability-verified"]).toEqual([]);
    // Two accounts, none named like the deployment's: no region to judge by (a nameless account never matches).
    expect(
      verdicts([other, unnamed, { ...d, props: { ...d.props, accountName: "" } }], at("2026-11-25"))[
        "model-availability-verified"
      ],
    ).toEqual(["gpt-5.3-codex 2026-02-24: the account's region or the SKU is unknown, availability unchecked"]);
    // One account: the deployment belongs to it, whatever name it carries.
    expect(verdicts([other, d], at("2026-11-25"))["model-availability-verified"]).toEqual([
      expect.stringContaining("as GlobalStandard in westcentralus: unchecked"),
    ]);
  });
});
