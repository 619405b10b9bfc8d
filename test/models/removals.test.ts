import { describe, expect, test } from "vitest";
import { previousDeploymentNames, removalFindings } from "../../lib/models/removals";

const record = [
  { name: "a", model: "m", version: "1", sku: "GlobalStandard" },
  { name: "b", model: "m", version: "1", sku: "GlobalStandard" },
];

describe("removalFindings", () => {
  test("two removals are one finding naming both in the recorded order and which goes first", () => {
    expect(removalFindings(["a", "b", "c", "d"], ["b", "d", "e"])).toEqual([
      {
        path: "models",
        message: expect.stringMatching(/remove 2 model deployments \(a, c\).*remove 'a' now and keep 'c'/),
      },
    ]);
  });

  test("one removal, renames counted as one removal plus an addition, and no record pass", () => {
    expect(removalFindings(["a", "b"], ["b"])).toEqual([]);
    expect(removalFindings(["a", "b"], ["a-2", "b"])).toEqual([]);
    expect(removalFindings(undefined, [])).toEqual([]);
  });
});

describe("previousDeploymentNames", () => {
  test("the modelDeployments record first, else the older deployments output, else nothing", () => {
    expect(previousDeploymentNames(record, ["x"])).toEqual(["a", "b"]);
    expect(previousDeploymentNames(undefined, ["x", 3, "y"])).toEqual(["x", "y"]);
    expect(previousDeploymentNames("garbage", undefined)).toBeUndefined();
  });
});
