import { describe, expect, test } from "vitest";
import { VAULT_NAME_PATTERN } from "../../lib/azure/naming";

// Azure refuses a Key Vault name with two hyphens in a row anywhere in it, not only right after the first letter.
describe("Key Vault names: no consecutive hyphens at any position", () => {
  test.each([
    ["a--b", false],
    ["kv-team--x1y2z3", false],
    ["kv-team-x1y2z3--a", false],
    ["kv-te-am-x1y2z3", true],
    ["kv-team-x1y2z3", true],
  ])("%s: %s", (value, ok) => {
    expect(VAULT_NAME_PATTERN.test(value)).toBe(ok);
  });
});
