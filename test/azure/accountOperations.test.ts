import { expect, test } from "vitest";
import { ACCOUNT_OPERATION_ORDER, chainAccountOperations } from "../../lib/azure/accountOperations";

test("the account's operations form one chain in a fixed order, whatever order they are listed in", () => {
  expect(ACCOUNT_OPERATION_ORDER).toEqual(["private-endpoint", "diagnostic-setting", "key-regeneration"]);
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
  expect(chainAccountOperations(["key-regeneration", "diagnostic-setting"])).toEqual([
    { operation: "diagnostic-setting", after: "last-deployment" },
    { operation: "key-regeneration", after: "diagnostic-setting" },
  ]);
  expect(chainAccountOperations(["key-regeneration"])).toEqual([
    { operation: "key-regeneration", after: "last-deployment" },
  ]);
  expect(chainAccountOperations([])).toEqual([]);
});

test("an operation listed twice is a programming error, not a second parallel branch", () => {
  expect(() => chainAccountOperations(["private-endpoint", "private-endpoint"])).toThrow(
    /listed twice: private-endpoint, private-endpoint/,
  );
});
