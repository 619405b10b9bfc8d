import { expect, test } from "vitest";
import { ACCOUNT_OPERATION_ORDER, chainAccountOperations } from "../../lib/azure/accountOperations";

test("after the last deployment, the account's operations form one chain in a fixed order, whatever order they are listed in", () => {
  // The private endpoint is not among them: it comes before the model deployments (issue 26).
  expect(ACCOUNT_OPERATION_ORDER).toEqual(["diagnostic-setting", "key-regeneration"]);
  expect(chainAccountOperations(["key-regeneration", "diagnostic-setting"])).toEqual([
    { operation: "diagnostic-setting", after: "last-deployment" },
    { operation: "key-regeneration", after: "diagnostic-setting" },
  ]);
});

test("keyless (no key regeneration): the chain is built from what exists", () => {
  expect(chainAccountOperations(["diagnostic-setting"])).toEqual([
    { operation: "diagnostic-setting", after: "last-deployment" },
  ]);
  expect(chainAccountOperations(["key-regeneration"])).toEqual([
    { operation: "key-regeneration", after: "last-deployment" },
  ]);
  expect(chainAccountOperations([])).toEqual([]);
});

test("an operation listed twice is a programming error, not a second parallel branch", () => {
  expect(() => chainAccountOperations(["diagnostic-setting", "diagnostic-setting"])).toThrow(
    /listed twice: diagnostic-setting, diagnostic-setting/,
  );
});
