import { describe, expect, test } from "vitest";
import {
  changeOf,
  type ModelDeployment,
  previousDeployments,
  readModelDeployments,
  retirementGate,
} from "../../lib/models/retirementGate";
import { catalog, entry } from "./syntheticCatalog";

// Synthetic catalog: the shipped one is refreshed, its dates are not pinned here.
const c = catalog([
  entry({ model: "m-old", version: "2026-01-01", retirementDate: "2027-01-20", replacement: "m-new" }),
  entry({ model: "m-new", version: "2026-06-01", retirementDate: "2028-01-31" }),
  entry({ model: "m-other", version: "2026-01-01", retirementDate: "2029-01-01" }),
]);
/** 13:00 UTC, 15 days before m-old retires: inside the 30-day window. */
const IN_WINDOW = Date.parse("2027-01-05T13:00:00Z");
const old: ModelDeployment = { name: "codex", model: "m-old", version: "2026-01-01", sku: "GlobalStandard" };
const other: ModelDeployment = { name: "other", model: "m-other", version: "2026-01-01", sku: "GlobalStandard" };
const gate = (planned: ModelDeployment[], previous: ModelDeployment[] | undefined, nowMs = IN_WINDOW) =>
  retirementGate({ planned, previous, location: "regiona", stack: "payments", nowMs }, c);

describe("the retirement gate", () => {
  test("a deployment left as deployed is named, never blocking: the date, the successor and the upgrade command", () => {
    const result = gate([old, other], [old, other]);
    expect(result.blocking).toEqual([]);
    expect(result.advisory).toHaveLength(1);
    expect(result.advisory[0]?.path).toBe("models[0]");
    const message = result.advisory[0]?.message ?? "";
    expect(message).toContain("m-old 2026-01-01 retires on 2027-01-20 (in 15 days)");
    expect(message).toContain("successor: m-new 2026-06-01 (Microsoft's named replacement, live until 2028-01-31)");
    expect(message).toContain("npm run models -- --upgrade --stack payments");
  });

  test("adding it blocks, naming the deployment, the model, the date, the successor and the fix", () => {
    const result = gate([other, old], [other]);
    expect(result.advisory).toEqual([]);
    expect(result.blocking).toHaveLength(1);
    expect(result.blocking[0]?.path).toBe("models[1].version");
    const message = result.blocking[0]?.message ?? "";
    expect(message).toContain('deployment "codex"');
    expect(message).toContain("m-old 2026-01-01 retires on 2027-01-20 (in 15 days)");
    expect(message).toContain("successor: m-new 2026-06-01");
    expect(message).toContain("This update adds it");
    expect(message).toContain("npm run models -- --upgrade --stack payments");
    expect(message).toContain('(got "2026-01-01")');
  });

  test("a first deployment (no record) counts every deployment as added", () => {
    expect(gate([old, other], undefined).blocking.map((b) => b.path)).toEqual(["models[0].version"]);
  });

  test("changing a deployment to it blocks on the field that changed", () => {
    const before = { ...old, model: "m-other" };
    expect(gate([old], [before]).blocking.map((b) => b.path)).toEqual(["models[0].model"]);
    expect(gate([old], [{ ...old, sku: "DataZoneStandard" }]).blocking[0]?.message).toContain(
      "This update changes its sku",
    );
  });

  test("31 days out nothing is gated; on and after the day, adding is still refused and keeping still allowed", () => {
    expect(gate([old], undefined, Date.parse("2026-12-20T23:00:00Z"))).toEqual({ blocking: [], advisory: [] });
    const after = Date.parse("2027-02-01T01:00:00Z");
    expect(gate([old], undefined, after).blocking[0]?.message).toContain("retired on 2027-01-20");
    expect(gate([old], [old], after)).toMatchObject({ blocking: [], advisory: [{ path: "models[0]" }] });
  });

  test("a model the catalog does not know is not the gate's business", () => {
    expect(gate([{ ...old, model: "gpt-unknown" }], undefined)).toEqual({ blocking: [], advisory: [] });
  });
});

describe("what the last update recorded", () => {
  test("the modelDeployments output is read back; anything else is no record", () => {
    expect(readModelDeployments([old])).toEqual([old]);
    expect(readModelDeployments(undefined)).toBeUndefined();
    expect(readModelDeployments("codex")).toBeUndefined();
    expect(readModelDeployments([old, 7])).toBeUndefined();
  });

  test("a stack deployed before the record existed: its deployment names count as deployed as planned", () => {
    expect(previousDeployments(undefined, ["codex"], [old, other])).toEqual([old]);
    expect(previousDeployments(undefined, undefined, [old])).toBeUndefined();
    expect(previousDeployments([other], ["codex"], [old, other])).toEqual([other]);
  });

  test("changeOf compares by deployment name", () => {
    expect(changeOf(old, [old]).change).toBe("unchanged");
    expect(changeOf(old, [{ ...old, version: "2025-01-01" }])).toEqual({ change: "changed", field: "version" });
    expect(changeOf(old, [other]).change).toBe("new");
  });
});
