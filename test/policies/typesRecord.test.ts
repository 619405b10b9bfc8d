import { describe, expect, test } from "vitest";
import { matchesType, record } from "../../lib/policy/types";

describe("reading a resource's property as an object", () => {
  test("an object is itself; null, an array, text, a number or nothing read as an empty object", () => {
    const props = { a: 1 };
    expect(record(props)).toBe(props);
    for (const value of [null, [1, 2], "text", 7, undefined]) expect(record(value), String(value)).toEqual({});
  });
});

describe("a control's resource type", () => {
  test("an exact type, or a module wildcard that matches that module only", () => {
    expect(matchesType("azure-native:keyvault:Vault", "azure-native:keyvault:Vault")).toBe(true);
    expect(matchesType("azure-native:keyvault:Secret", "azure-native:keyvault:*")).toBe(true);
    expect(matchesType("azure-native:cognitiveservices:Account", "azure-native:keyvault:*")).toBe(false);
    expect(matchesType("aws:s3:Bucket", "azure-native:keyvault:*")).toBe(false);
  });
});
