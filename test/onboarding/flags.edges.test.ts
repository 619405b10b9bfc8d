import { expect, test } from "vitest";
import { nearestFlag, unknownFlags } from "../../lib/onboarding/flags";

const KNOWN = ["name", "cost-center", "location", "budget", "help"];

test("a value is skipped only right after the flag that takes it", () => {
  expect(unknownFlags(["--budget", "-5"], KNOWN)).toEqual([]);
  expect(unknownFlags(["-5", "--budget"], KNOWN)).toEqual(["unknown option -5"]);
  // a word that merely ends in a flag's name is not that flag, so the option after it is still checked
  expect(unknownFlags(["xxbudget", "--nmae"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
});

test("only leading dashes are dropped: dashes inside or after a word are part of it", () => {
  expect(nearestFlag("na---", ["name"])).toBeUndefined();
  expect(nearestFlag("--na", ["name"])).toBe("name");
  expect(unknownFlags(["--cost-center=x", "-name"], KNOWN)).toEqual([]);
  expect(unknownFlags(["--budget=5000", "--location=swedencentral"], KNOWN)).toEqual([]);
  expect(nearestFlag("--budgte=5000", KNOWN)).toBe("budget");
});

test("the edit distance counts every edit: a 3-letter word is no typo of a 1-letter flag", () => {
  expect(nearestFlag("--xyz", ["a"])).toBeUndefined();
  expect(nearestFlag("--xy", ["a"])).toBe("a");
});
