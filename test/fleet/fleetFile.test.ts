import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { parseFleetFile } from "../../lib/fleet/fleetFile";

const SUB = "aaaaaaaa-0000-4000-8000-000000000001";

describe("fleet.yaml", () => {
  test("an absent or empty file means tier-1 defaults and no default subscription", () => {
    expect(parseFleetFile(undefined)).toEqual({ fleet: { defaults: {}, subscriptions: {} }, problems: [] });
    expect(parseFleetFile(null).fleet).toEqual({ defaults: {}, subscriptions: {} });
  });

  test("per subscription and per pool quotas parse", () => {
    const raw = parse(`
defaultSubscription: ${SUB}
defaults:
  gpt-5-mini:
    DataZoneStandard: { eu: 500, us: 800 }
subscriptions:
  ${SUB}:
    name: ai-prod-1
    quotas:
      gpt-5.3-codex:
        GlobalStandard: 3000
`);
    const result = parseFleetFile(raw);
    expect(result.problems).toEqual([]);
    expect(result.fleet?.subscriptions[SUB]?.quotas["gpt-5.3-codex"]?.GlobalStandard).toBe(3000);
    expect(result.fleet?.defaults["gpt-5-mini"]?.DataZoneStandard).toEqual({ eu: 500, us: 800 });
  });

  test("every problem at once, each naming its path and the value", () => {
    const raw = parse(`
defaultSubscription: prod
subscription: {}
defaults:
  gpt-5:
    GlobalStandrd: 10
    DataZoneStandard: -1
subscriptions:
  not-a-guid: {}
  ${SUB}:
    quotas:
      gpt-5: { Standard: 1.5 }
`);
    const { problems, fleet } = parseFleetFile(raw);
    expect(fleet).toBeUndefined();
    const text = problems.join("\n");
    expect(text).toContain('defaultSubscription: must be a subscription ID (a GUID) (got "prod")');
    expect(text).toContain("unknown key(s) subscription");
    expect(text).toMatch(/defaults\.gpt-5: unknown key\(s\) GlobalStandrd .*allowed here: GlobalStandard, /);
    expect(text).toContain("(top level): unknown key(s) subscription (a typo?); allowed here: defaultSubscription, defaults, subscriptions");
    expect(text).toContain("defaults.gpt-5.DataZoneStandard");
    expect(text).toContain("must be a subscription ID");
    expect(text).toContain(`subscriptions.${SUB}.quotas.gpt-5.Standard`);
    expect(problems.length).toBeGreaterThanOrEqual(6);
  });
});
