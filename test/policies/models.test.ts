import { describe, expect, test } from "vitest";
import { toPolicyResources } from "../../lib/plan/render";
import { advisoryFindings, evaluatePolicies, mandatoryFailures } from "../../lib/policy/report";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { runStack } from "../support/runStack";

// The controls themselves are unit-tested in models.lifecycle.test.ts; this runs them on the planned dev stack.
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

describe("on the planned dev stack", () => {
  test("today only advisories; on 2027-01-20 the models retiring within 30 days fail the mandatory control (exit 3)", async () => {
    const resources = toPolicyResources(await runStack({ stack: "dev" }));
    const today = evaluatePolicies(resources, BOUNDARY_POLICIES, { nowMs: at("2026-11-25") });
    expect(mandatoryFailures(today)).toEqual([]);
    expect(advisoryFindings(today).map((v) => v.name)).toEqual(expect.arrayContaining(["model-retirement-ahead", "model-offered-to-new-subscriptions"]));
    const later = mandatoryFailures(evaluatePolicies(resources, BOUNDARY_POLICIES, { nowMs: at("2027-01-20") }));
    expect(later.map((v) => v.name)).toEqual(["model-not-retiring"]);
    expect(later[0]?.violations.map((v) => v.message.split(";")[0])).toEqual([
      "gpt-5 2025-08-07 retires on 2027-02-06 (in 17 days)",
      "gpt-5-mini 2025-08-07 retires on 2027-02-06 (in 17 days)",
      "gpt-5-nano 2025-08-07 retires on 2027-02-06 (in 17 days)",
    ]);
  });
});
