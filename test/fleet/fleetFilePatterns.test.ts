import { describe, expect, test } from "vitest";
import { parseFleetFile } from "../../lib/fleet/fleetFile";

// The fleet file's patterns at both edges: a valid value passes, the same value with junk before or after is refused
// with its path, the rule and the value.

const GUID = "aaaaaaaa-0000-4000-8000-000000000001";
const UNION = "must be a number (every pool of this model and SKU) or a map of scope to number (one pool each)";

describe("fleet.yaml subscription IDs are whole GUIDs", () => {
  test("a GUID is accepted as the default subscription, in either case", () => {
    expect(parseFleetFile({ defaultSubscription: GUID }).problems).toEqual([]);
    expect(parseFleetFile({ defaultSubscription: "AAAAAAAA-0000-4000-8000-000000000001" }).problems).toEqual([]);
  });

  test("junk before or after the default subscription's GUID is refused, with the value", () => {
    expect(parseFleetFile({ defaultSubscription: `x${GUID}` }).problems).toEqual([
      'defaultSubscription: must be a subscription ID (a GUID) (got "xaaaaaaaa-0000-4000-8000-000000000001")',
    ]);
    expect(parseFleetFile({ defaultSubscription: `${GUID}x` }).problems).toEqual([
      'defaultSubscription: must be a subscription ID (a GUID) (got "aaaaaaaa-0000-4000-8000-000000000001x")',
    ]);
  });

  test("junk before or after a subscription key's GUID is refused at that key", () => {
    expect(parseFleetFile({ subscriptions: { [GUID]: { name: "prod" } } }).problems).toEqual([]);
    expect(parseFleetFile({ subscriptions: { [`0${GUID}`]: {} } }).problems).toEqual([
      "subscriptions.0aaaaaaaa-0000-4000-8000-000000000001: must be a subscription ID (a GUID)",
    ]);
    expect(parseFleetFile({ subscriptions: { [`${GUID}0`]: {} } }).problems).toEqual([
      "subscriptions.aaaaaaaa-0000-4000-8000-0000000000010: must be a subscription ID (a GUID)",
    ]);
  });
});

describe("fleet.yaml pool scopes are lowercase letters and digits only", () => {
  test("subscription, eu, us and region names are accepted as scopes", () => {
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: { subscription: 10 }, DataZoneStandard: { eu: 5, us: 0 }, Standard: { eastus2: 1 } } } }).problems).toEqual([]);
  });

  test.each(["-eu", "eu-", "Eu", "east us2", ""])("scope %j is refused: the quota is neither a number nor a map of scopes", (scope) => {
    expect(parseFleetFile({ defaults: { "gpt-5": { DataZoneStandard: { [scope]: 1 } } } }).problems).toEqual([
      `defaults.gpt-5.DataZoneStandard: ${UNION} (got ${JSON.stringify({ [scope]: 1 })})`,
    ]);
  });
});

describe("fleet.yaml quotas are whole numbers of 0 or more", () => {
  test("0 is accepted, -1 is refused with the rule and the value, for a SKU and for a scope", () => {
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: 0 } } }).problems).toEqual([]);
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: -1 } } }).problems).toEqual(["defaults.gpt-5.GlobalStandard: must be 0 or more (got -1)"]);
    expect(parseFleetFile({ defaults: { "gpt-5": { DataZoneStandard: { eu: -1 } } } }).problems).toEqual(["defaults.gpt-5.DataZoneStandard.eu: must be 0 or more (got -1)"]);
  });

  test("a fraction is refused with the quota's form and the value", () => {
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: 1.5 } } }).problems).toEqual([`defaults.gpt-5.GlobalStandard: ${UNION} (got 1.5)`]);
  });
});
