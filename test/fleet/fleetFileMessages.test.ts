import { describe, expect, test } from "vitest";
import { parseFleetFile } from "../../lib/fleet/fleetFile";

const GUID = "aaaaaaaa-0000-4000-8000-000000000001";

describe("fleet.yaml messages", () => {
  test("an unknown top-level key names the top level and every allowed key", () => {
    expect(parseFleetFile({ defaultSubscripton: GUID }).problems).toEqual([
      "(top level): unknown key(s) defaultSubscripton (a typo?); allowed here: defaultSubscription, defaults, subscriptions",
    ]);
  });

  test("an unknown key in a subscription names name and quotas as allowed", () => {
    const problems = parseFleetFile({ subscriptions: { [GUID]: { nmae: "prod" } } }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^subscriptions.*aaaaaaaa-0000-4000-8000-000000000001.*: unknown key\(s\) nmae \(a typo\?\); allowed here: name, quotas$/);
  });

  test("a subscription key that is not a GUID says so", () => {
    const problems = parseFleetFile({ subscriptions: { prod: {} } }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("must be a subscription ID (a GUID)");
    expect(problems[0]).toMatch(/^subscriptions/);
  });

  test("a bad value names its path and the value; a value under a non-object parent has no (got ...)", () => {
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: -1 } } }).problems).toEqual([expect.stringMatching(/^defaults.*gpt-5.*GlobalStandard.*\(got -1\)$/)]);
    const [problem] = parseFleetFile({ defaults: "none" }).problems;
    expect(problem).toMatch(/^defaults: .* \(got "none"\)$/);
    expect(parseFleetFile(null)).toEqual({ fleet: { defaults: {}, subscriptions: {} }, problems: [] });
  });
});
