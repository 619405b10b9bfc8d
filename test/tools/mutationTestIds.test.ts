import { describe, expect, test } from "vitest";
import { cheapestFirst, selectTests, testId } from "../../tools/mutation/testIds.cjs";

describe("how the in-process mutation runner names and selects tests", () => {
  test("an id is the file, '#', and the full name; names may hold '#' themselves", () => {
    expect(testId("test/config/parse.test.ts", "parse > a # in a name")).toBe("test/config/parse.test.ts#parse > a # in a name");
  });

  test("a mutant's covering tests give each file once, in the order first seen, and exactly those ids", () => {
    const ids = ["test/b.test.ts#x", "test/a.test.ts#y # z", "test/b.test.ts#w"];
    const selection = selectTests(ids);
    expect(selection.files).toEqual(["test/b.test.ts", "test/a.test.ts"]);
    expect([...selection.only]).toEqual(ids);
  });

  test("an id without '#' is a whole file; no ids select nothing", () => {
    expect(selectTests(["test/c.test.ts"]).files).toEqual(["test/c.test.ts"]);
    expect(selectTests([])).toEqual({ files: [], only: new Set() });
  });
});

describe("which of a mutant's test files run first", () => {
  const only = new Set(["test/slow.test.ts#simulation", "test/quick.test.ts#a", "test/quick.test.ts#b", "test/mid.test.ts#c", "test/new.test.ts#d"]);
  const times = new Map([
    ["test/slow.test.ts#simulation", 9000],
    ["test/quick.test.ts#a", 5],
    ["test/quick.test.ts#b", 6],
    ["test/mid.test.ts#c", 20],
    ["test/mid.test.ts#not selected", 100_000],
  ]);

  test("the cheapest by the selected tests' first-run times, then the files without times in their order", () => {
    const files = ["test/new.test.ts", "test/slow.test.ts", "test/mid.test.ts", "test/quick.test.ts"];
    expect(cheapestFirst(files, only, times)).toEqual(["test/quick.test.ts", "test/mid.test.ts", "test/slow.test.ts", "test/new.test.ts"]);
    expect(files[0]).toBe("test/new.test.ts");
  });

  test("with no times at all (a restarted runner) the order is kept", () => {
    expect(cheapestFirst(["test/b.test.ts", "test/a.test.ts"], new Set(["test/b.test.ts#x", "test/a.test.ts#y"]), new Map())).toEqual(["test/b.test.ts", "test/a.test.ts"]);
  });
});
