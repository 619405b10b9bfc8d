import { describe, expect, test } from "vitest";
import { CATALOG_MAX_AGE_DAYS, catalogAgeDays, catalogAgePolicy, catalogAgeText } from "../../lib/policy/catalogAge";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { evaluatePolicies } from "../../lib/policy/report";
import { TYPES, type PolicyResource } from "../../lib/policy/types";
import { catalog, entry } from "../models/syntheticCatalog";
import { addDays, dayMs, DAY_MS } from "../support/clock";

const REVIEWED = "2026-07-07"; // the synthetic catalog's
const CATALOG = catalog([entry()]);
const deployment: PolicyResource = { urn: "urn:deployment", type: TYPES.deployment, name: "d", props: {} };
const account: PolicyResource = { urn: "urn:account", type: TYPES.account, name: "a", props: {} };

function judge(day: string, resources: PolicyResource[] = [account, deployment], hour = 0) {
  return catalogAgePolicy(CATALOG).check(resources, { nowMs: dayMs(day) + hour * 3_600_000 });
}

describe("model-catalog-current: the catalog's age is an advisory, never a block", () => {
  test("the age counts calendar days from reviewed, the same at any hour", () => {
    expect(catalogAgeDays(CATALOG, dayMs(REVIEWED))).toBe(0);
    expect(catalogAgeDays(CATALOG, dayMs(REVIEWED) + DAY_MS - 1)).toBe(0);
    expect(catalogAgeDays(CATALOG, dayMs(addDays(REVIEWED, 45)) + 23 * 3_600_000)).toBe(45);
  });

  test(`silent up to ${CATALOG_MAX_AGE_DAYS} days; from the day after, one finding per stack naming the date, the age and the limit`, () => {
    expect(judge(addDays(REVIEWED, CATALOG_MAX_AGE_DAYS), [account, deployment], 23)).toEqual([]);
    const old = judge(addDays(REVIEWED, CATALOG_MAX_AGE_DAYS + 1), [
      account,
      deployment,
      { ...deployment, urn: "urn:second" },
    ]);
    expect(old).toHaveLength(1);
    expect(old[0]?.urn).toBe("urn:deployment");
    for (const part of [REVIEWED, `${CATALOG_MAX_AGE_DAYS + 1} days ago`, `more than ${CATALOG_MAX_AGE_DAYS}`])
      expect(old[0]?.message).toContain(part);
    expect(judge(addDays(REVIEWED, 400), [account])).toEqual([]);
  });

  test("it is in the pack as advisory, so an old catalog fails no mandatory control", () => {
    const policy = BOUNDARY_POLICIES.find((p) => p.name === "model-catalog-current");
    expect(policy?.enforcement).toBe("advisory");
    const [verdict] = evaluatePolicies([deployment], [catalogAgePolicy(CATALOG)], { nowMs: dayMs("2030-01-01") });
    expect(verdict).toMatchObject({ enforcement: "advisory", verdict: "fail" });
    expect(verdict?.remediation).toContain("npm run models -- --refresh");
  });

  test("the plan's line says the reviewed day and how old it is, and what to do once old", () => {
    expect(catalogAgeText(CATALOG, dayMs(REVIEWED))).toContain(`reviewed ${REVIEWED} (today)`);
    const current = catalogAgeText(CATALOG, dayMs(addDays(REVIEWED, 1)));
    expect(current).toContain("(1 day ago); current");
    const old = catalogAgeText(CATALOG, dayMs(addDays(REVIEWED, 60)));
    expect(old).toContain("(60 days ago)");
    expect(old).toContain(`older than ${CATALOG_MAX_AGE_DAYS} days: refresh it (npm run models -- --refresh`);
  });
});
