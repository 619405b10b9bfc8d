import { describe, expect, test } from "vitest";
import { toPolicyResources } from "../../lib/plan/render";
import { advisoryFindings, evaluatePolicies, mandatoryFailures } from "../../lib/policy/report";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { dayMs, FIXTURE_NOW_MS } from "../support/clock";
import { runStack } from "../support/runStack";

// The controls themselves are unit-tested in models.lifecycle.test.ts; this runs them on the planned dev stack.

describe("on the planned dev stack", () => {
  test("on the fixture day only advisories; on 2027-03-30 the model retiring within 30 days fails the mandatory control (exit 3)", async () => {
    const resources = toPolicyResources(await runStack({ stack: "dev" }));
    const today = evaluatePolicies(resources, BOUNDARY_POLICIES, { nowMs: FIXTURE_NOW_MS });
    expect(mandatoryFailures(today)).toEqual([]);
    // gpt-5.1-codex and gpt-5.1-codex-mini launched 2025-11-13: past their new-customer cutoff; nothing retires within 120 days.
    const advisories = advisoryFindings(today).map((v) => v.name);
    expect(advisories).toContain("model-offered-to-new-subscriptions");
    expect(advisories).not.toContain("model-retirement-ahead");
    const later = mandatoryFailures(evaluatePolicies(resources, BOUNDARY_POLICIES, { nowMs: dayMs("2027-03-30") }));
    expect(later.map((v) => v.name)).toEqual(["model-not-retiring"]);
    expect(later[0]?.violations.map((v) => v.message.split(";")[0])).toEqual(["gpt-5.5 2026-04-24 retires on 2027-04-23 (in 24 days)"]);
  });
});
