import { describe, expect, test } from "vitest";
import { parseFleetFile } from "../../lib/fleet/fleetFile";

const GUID = "aaaaaaaa-0000-4000-8000-000000000001";
const SKUS = "GlobalStandard, GlobalProvisionedManaged, GlobalBatch, DataZoneStandard, DataZoneProvisionedManaged, DataZoneBatch, Standard, ProvisionedManaged";

describe("fleet.yaml error messages, each with the path, the problem and what fixes it", () => {
  test("several unknown keys in one place are listed comma-separated in one message", () => {
    expect(parseFleetFile({ defualts: {}, subscritpions: {} }).problems).toEqual([
      "(top level): unknown key(s) defualts, subscritpions (a typo?); allowed here: defaultSubscription, defaults, subscriptions",
    ]);
  });

  test("an unknown SKU under a subscription's quotas lists the deployment SKUs as allowed (not a subscription's keys)", () => {
    expect(parseFleetFile({ subscriptions: { [GUID]: { quotas: { "gpt-5": { GlobalStandrd: 10 } } } } }).problems).toEqual([
      `subscriptions.${GUID}.quotas.gpt-5: unknown key(s) GlobalStandrd (a typo?); allowed here: ${SKUS}`,
    ]);
  });

  test("an unknown SKU under defaults lists the deployment SKUs as allowed", () => {
    expect(parseFleetFile({ defaults: { "gpt-5": { Standrd: 10 } } }).problems).toEqual([`defaults.gpt-5: unknown key(s) Standrd (a typo?); allowed here: ${SKUS}`]);
  });

  test("a subscription key that is not a GUID: the key's path and the GUID rule, nothing else", () => {
    expect(parseFleetFile({ subscriptions: { prod: {} } }).problems).toEqual(["subscriptions.prod: must be a subscription ID (a GUID)"]);
  });

  test("an empty model name is refused at its path", () => {
    expect(parseFleetFile({ defaults: { "": {} } }).problems).toEqual(["defaults.: Too small: expected string to have >=1 characters"]);
  });

  test("a value given but wrong shows what was given; a value left undefined shows no (got ...)", () => {
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: "lots" } } }).problems).toEqual([
      'defaults.gpt-5.GlobalStandard: must be a number (every pool of this model and SKU) or a map of scope to number (one pool each) (got "lots")',
    ]);
    expect(parseFleetFile({ subscriptions: { [GUID]: null } }).problems).toEqual([`subscriptions.${GUID}: Invalid input: expected object, received null (got null)`]);
    expect(parseFleetFile({ subscriptions: { [GUID]: undefined } }).problems).toEqual([`subscriptions.${GUID}: Invalid input: expected object, received undefined`]);
  });

  test("a fleet file that is not a map at all is a top-level problem with the value", () => {
    expect(parseFleetFile("quotas").problems).toEqual(['(top level): Invalid input: expected object, received string (got "quotas")']);
    expect(parseFleetFile([]).problems).toEqual(["(top level): Invalid input: expected object, received array (got [])"]);
  });
});
