import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MODEL_CATALOG, skusOfferedIn } from "../../lib/models/modelCatalog";
import { runModelsCli } from "../../tools/models/checkCli";
import { FakeArm, SUBSCRIPTION } from "../support/fakeArm";
import { NEVER_EXPIRES_MS } from "../support/clock";

const TOKEN = "arm-token-for-models";
const credential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: NEVER_EXPIRES_MS }) };

/** One ModelListResult item, in the shape of the spec's ListLocationModels example (api-version 2024-10-01). */
function armItem(
  name: string,
  version: string,
  skus: string[],
  retires: string,
  lifecycleStatus = "GenerallyAvailable",
) {
  return {
    kind: "OpenAI",
    skuName: "S0",
    model: {
      format: "OpenAI",
      name,
      version,
      maxCapacity: 1000,
      capabilities: { chatCompletion: "true", responses: "true" },
      deprecation: { fineTune: `${retires}T00:00:00Z`, inference: `${retires}T00:00:00Z` },
      lifecycleStatus,
      systemData: {
        createdBy: "Microsoft",
        createdAt: "2025-08-07T00:00:00Z",
        lastModifiedBy: "Microsoft",
        lastModifiedAt: "2026-07-07T00:00:00Z",
      },
      skus: skus.map((sku) => ({
        name: sku,
        usageName: `OpenAI.${sku}.${name}`,
        deprecationDate: `${retires}T00:00:00Z`,
        capacity: { maximum: 1000, default: 10 },
      })),
    },
  };
}

/** What ARM would answer in swedencentral if the catalog were exactly right (and an embedding model the catalog ignores). */
function agreeingAnswer() {
  // ARM calls a retired version "Deprecated".
  const items = MODEL_CATALOG.models.map((e) =>
    armItem(
      e.model,
      e.version,
      skusOfferedIn(e, "swedencentral"),
      e.retirementDate ?? "",
      e.lifecycle === "Retired" ? "Deprecated" : "GenerallyAvailable",
    ),
  );
  return [...items, armItem("text-embedding-3-large", "1", ["Standard", "GlobalStandard"], "2027-04-15")];
}

async function check(arm: FakeArm, args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runModelsCli(
    ["--check", "--subscription", SUBSCRIPTION, "--arm-endpoint", arm.endpoint, ...args],
    {
      credential: () => credential,
      tlsCa: arm.ca,
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
    },
  );
  return { code, stdout, stderr };
}

describe("npm run models -- --check, against an ARM stand-in on 127.0.0.1", () => {
  const arm = new FakeArm();
  beforeAll(() => arm.start());
  afterAll(() => arm.stop());

  test("reads every page of Models - List with the caller's token and api-version 2024-10-01; a matching catalog exits 0", async () => {
    arm.locationModels = { swedencentral: agreeingAnswer() };
    arm.calls.length = 0;
    const result = await check(arm, ["--location", "swedencentral"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `The model catalog matches what ARM reports for subscription ${SUBSCRIPTION} in swedencentral.\n`,
    );
    const pages = Math.ceil((MODEL_CATALOG.models.length + 1) / arm.modelsPageSize);
    expect(arm.calls).toHaveLength(pages);
    for (const call of arm.calls) {
      expect([call.method, call.path, call.apiVersion, call.authorization]).toEqual([
        "GET",
        `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CognitiveServices/locations/swedencentral/models`,
        "2024-10-01",
        `Bearer ${TOKEN}`,
      ]);
    }
  });

  test("reports a new SKU, another lifecycle status, another retirement date, a missing version and an unknown version; exit 1", async () => {
    const answer = agreeingAnswer()
      .filter((item) => item.model.name !== "gpt-5.1-codex-max")
      .map((item) => {
        if (item.model.name === "gpt-5.3-codex")
          return armItem(
            "gpt-5.3-codex",
            "2026-02-24",
            ["GlobalStandard", "GlobalProvisionedManaged", "DataZoneStandard"],
            "2027-02-25",
          );
        if (item.model.name === "gpt-5-codex")
          return armItem("gpt-5-codex", "2025-09-15", ["GlobalStandard"], "2027-03-17", "Deprecating");
        if (item.model.name === "gpt-5-nano")
          return armItem("gpt-5-nano", "2025-08-07", ["GlobalStandard", "DataZoneStandard"], "2027-03-01");
        return item;
      });
    arm.locationModels = {
      swedencentral: [...answer, armItem("gpt-5-codex", "2026-11-01", ["GlobalStandard"], "2027-11-01")],
    };
    const result = await check(arm, ["--location", "swedencentral"]);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n").filter((l) => l.startsWith("  - "))).toEqual([
      "  - gpt-5.3-codex 2026-02-24 sku: catalog not offered as DataZoneStandard in swedencentral; ARM offers DataZoneStandard",
      "  - gpt-5.1-codex-max 2025-12-04 offered: catalog offered as GlobalStandard; ARM not listed for this subscription and location",
      "  - gpt-5-codex 2025-09-15 lifecycleStatus: catalog GA; ARM Deprecating",
      "  - gpt-5-nano 2025-08-07 retirementDate: catalog 2027-02-06; ARM 2027-03-01",
      "  - gpt-5-nano 2025-08-07 skuDeprecationDate: catalog DataZoneStandard: 2027-02-06; ARM DataZoneStandard: 2027-03-01",
      "  - gpt-5-nano 2025-08-07 skuDeprecationDate: catalog GlobalStandard: 2027-02-06; ARM GlobalStandard: 2027-03-01",
      "  - gpt-5-codex 2026-11-01 version: catalog not in the catalog; ARM offered (GlobalStandard)",
    ]);
    const json = await check(arm, ["--location", "swedencentral", "--json"]);
    const doc = JSON.parse(json.stdout) as { apiVersion: string; differences: Array<{ field: string }> };
    expect(doc.apiVersion).toBe("2024-10-01");
    expect(doc.differences.map((d) => d.field)).toEqual([
      "sku",
      "offered",
      "lifecycleStatus",
      "retirementDate",
      "skuDeprecationDate",
      "skuDeprecationDate",
      "version",
    ]);
  });

  test("bad input is refused before any request; a failed request exits 2 with the HTTP status", async () => {
    arm.calls.length = 0;
    let badErr = "";
    const bad = await runModelsCli(["--check", "--subscription", "my-sub", "--location", "Sweden Central"], {
      credential: () => credential,
      out: () => undefined,
      err: (t) => void (badErr += t),
    });
    expect(bad).toBe(2);
    expect(badErr).toContain(
      'error: --subscription must be a subscription ID (a GUID) (got "my-sub")\nerror: --location must be an Azure region name such as swedencentral (got "Sweden Central")',
    );
    expect(arm.calls).toEqual([]);
    const failed = await check(arm, ["--location", "swedencentral", "--arm-endpoint", `${arm.endpoint}/nowhere`]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(
      /^error: reading the models of swedencentral for subscription .* failed \(HTTP 404\)/,
    );
  });
});
