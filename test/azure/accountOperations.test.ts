import { expect, test } from "vitest";
import { chainAccountOperations } from "../../lib/azure/accountOperations";

test("the account's operations form one chain in a fixed order, whatever order they are listed in", () => {
  expect(chainAccountOperations(["key-regeneration", "diagnostic-setting", "private-endpoint"])).toEqual([
    { operation: "private-endpoint", after: "last-deployment" },
    { operation: "diagnostic-setting", after: "private-endpoint" },
    { operation: "key-regeneration", after: "diagnostic-setting" },
  ]);
});

test("keyless (no key regeneration): the chain is built from what exists", () => {
  expect(chainAccountOperations(["private-endpoint", "diagnostic-setting"])).toEqual([
    { operation: "private-endpoint", after: "last-deployment" },
    { operation: "diagnostic-setting", after: "private-endpoint" },
  ]);
  expect(chainAccountOperations(["key-regeneration"])).toEqual([{ operation: "key-regeneration", after: "last-deployment" }]);
});

test("an operation listed twice is a programming error, not a second parallel branch", () => {
  expect(() => chainAccountOperations(["private-endpoint", "private-endpoint"])).toThrow(/listed twice/);
});
