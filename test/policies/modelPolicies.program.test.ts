import { describe, expect, test } from "vitest";
import { toPolicyResources } from "../../lib/plan/render";
import { dayStartMs, retirementOf } from "../../lib/models/modelCatalog";
import { advisoryFindings, evaluatePolicies, mandatoryFailures } from "../../lib/policy/report";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type PolicyResource, record, text, TYPES } from "../../lib/policy/types";
import { runStack } from "../support/runStack";

// The controls themselves are unit-tested in modelLifecycle.test.ts; this runs them on the planned dev stack.
// The dates come from the shipped catalog as it is (it is refreshed): ten days before the stack's first retirement.

function earliestRetirement(resources: readonly PolicyResource[]): { day: string; models: string[] } {
  const dated = resources
    .filter((r) => r.type === TYPES.deployment)
    .map((r) => {
      const model = record(record(r.props.properties).model);
      const date = retirementOf(text(model.name), text(model.version));
      return { model: `${text(model.name)} ${text(model.version)}`, day: date?.toISOString().slice(0, 10) };
    })
    .filter((d): d is { model: string; day: string } => d.day !== undefined)
    .sort((a, b) => a.day.localeCompare(b.day));
  const day = dated[0]?.day ?? "";
  return { day, models: dated.filter((d) => d.day === day).map((d) => d.model) };
}

describe("on the planned dev stack", () => {
  test("ten days before its first retirement: no mandatory failure; model-not-retiring names each such deployment with its date", async () => {
    const resources = toPolicyResources(await runStack({ stack: "dev" }));
    const first = earliestRetirement(resources);
    expect(first.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const verdicts = evaluatePolicies(resources, BOUNDARY_POLICIES, {
      nowMs: dayStartMs(first.day) - 10 * 86_400_000 + 43_200_000,
    });
    expect(mandatoryFailures(verdicts)).toEqual([]);
    const retiring = advisoryFindings(verdicts).find((v) => v.name === "model-not-retiring");
    const heads = retiring?.violations.map((v) => v.message.split(";")[0]) ?? [];
    expect(heads).toEqual(expect.arrayContaining(first.models.map((m) => `${m} retires on ${first.day} (in 10 days)`)));
    for (const v of retiring?.violations ?? []) {
      expect(v.message).toMatch(/; successor: /);
      expect(Number(/\(in (\d+) days?\)/.exec(v.message)?.[1])).toBeLessThanOrEqual(30);
    }
  });
});
