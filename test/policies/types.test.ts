import { expect, test, describe } from "vitest";
import { canonicalType, matchesType, ofType, TYPES, record } from "../../lib/policy/types";

test("versioned azure-native tokens match the control's unversioned token (regression: exact tokens only)", () => {
  expect(matchesType("azure-native:cognitiveservices/v20250601:Account", TYPES.account)).toBe(true);
  expect(matchesType("azure-native:cognitiveservices/v20240401preview:Account", TYPES.account)).toBe(true);
  expect(matchesType("azure-native:authorization/v20220401:RoleAssignment", TYPES.roleAssignment)).toBe(true);
  expect(matchesType("azure-native:keyvault/v20230701:Vault", TYPES.vault)).toBe(true);
  expect(matchesType(TYPES.account, TYPES.account)).toBe(true);
});

test("matching does not over-reach: other types, modules and providers stay distinct", () => {
  expect(matchesType("azure-native:cognitiveservices/v20250601:Deployment", TYPES.account)).toBe(false);
  expect(matchesType("azure-native:keyvault/v20230701:Vault", TYPES.account)).toBe(false);
  expect(matchesType("azure:cognitive/account:Account", TYPES.account)).toBe(false);
  // github's module path has a slash that is not a version
  expect(canonicalType(TYPES.actionsVariable)).toBe(TYPES.actionsVariable);
  expect(matchesType("github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable", TYPES.actionsVariable)).toBe(
    false,
  );
  expect(matchesType("github:index/repositoryFile:RepositoryFile", "github:*")).toBe(true);
  expect(matchesType("pulumi:providers:github", "github:*")).toBe(false);
});

test("ofType selects versioned and unversioned resources alike", () => {
  const resources = [
    "azure-native:cognitiveservices:Account",
    "azure-native:cognitiveservices/v20250601:Account",
    "azure-native:cognitiveservices:Deployment",
  ].map((type, i) => ({
    urn: `urn:${i}`,
    type,
    name: `r${i}`,
    props: {},
  }));
  expect(ofType(resources, TYPES.account).map((r) => r.urn)).toEqual(["urn:0", "urn:1"]);
});

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
