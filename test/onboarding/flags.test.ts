import { describe, expect, test } from "vitest";
import { NEW_TEAM_FLAGS, nearestFlag, OTHER_FLAGS, renderNewTeamHelp, unknownFlags } from "../../lib/onboarding/flags";

const KNOWN = ["name", "cost-center", "location", "data-boundary", "budget", "address-space", "stack-dir", "help"];

test("a typo gets the nearest flag; something unlike every flag gets no guess", () => {
  expect(nearestFlag("--locaiton", KNOWN)).toBe("location");
  expect(nearestFlag("--data-boundry=eu", KNOWN)).toBe("data-boundary");
  expect(nearestFlag("--addr", KNOWN)).toBe("address-space");
  expect(nearestFlag("--colour", KNOWN)).toBeUndefined();
});

test("values that look like flags after a flag that takes one are values, not unknown flags", () => {
  expect(unknownFlags(["--budget", "-5", "--name", "x"], KNOWN)).toEqual([]);
  expect(unknownFlags(["--nmae", "x", "-q"], KNOWN)).toEqual([
    "unknown option --nmae (did you mean --name?)",
    "unknown option -q",
  ]);
});

describe("flags of new-team", () => {
  test("a typo gets the nearest flag; prefixes of two letters or more match; far words get none", () => {
    expect(nearestFlag("--locaiton", KNOWN)).toBe("location");
    expect(nearestFlag("--lo", KNOWN)).toBe("location");
    expect(nearestFlag("-l", KNOWN)).toBeUndefined();
    expect(nearestFlag("--budgte=5", KNOWN)).toBe("budget");
    expect(nearestFlag("--nam", KNOWN)).toBe("name");
    expect(nearestFlag("--xyz", KNOWN)).toBeUndefined();
    expect(nearestFlag("--name", [])).toBeUndefined();
  });

  test("how far a typo may be: two edits for short words, a third of the length for long ones", () => {
    // "nxxe" is 2 edits from "name": accepted
    expect(nearestFlag("--nxxe", ["name"])).toBe("name");
    // "nxxx" is 3 edits: refused for a 4-letter word
    expect(nearestFlag("--nxxx", ["name"])).toBeUndefined();
    // 12 letters: up to 4 edits
    expect(nearestFlag("--adxxxs-space", ["address-space"])).toBe("address-space");
    expect(nearestFlag("--axxxxs-space", ["address-space"])).toBeUndefined();
  });

  test("the closest of several wins, the first on a tie", () => {
    expect(nearestFlag("--bxx", ["bat", "bxy"])).toBe("bxy");
    expect(nearestFlag("--cat", ["cab", "car"])).toBe("cab");
    expect(nearestFlag("--kitten", ["sitting", "mitten"])).toBe("mitten");
  });

  test("unknown flags: each named with its nearest known; values after a value flag are skipped, not after --help", () => {
    expect(unknownFlags(["--budget", "-5", "--name", "x"], KNOWN)).toEqual([]);
    expect(unknownFlags(["--nmae", "x", "-q"], KNOWN)).toEqual([
      "unknown option --nmae (did you mean --name?)",
      "unknown option -q",
    ]);
    expect(unknownFlags(["--help", "--nmae"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
    expect(unknownFlags(["--budget=5", "--nmae"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
    expect(unknownFlags(["--colour=red"], KNOWN)).toEqual(["unknown option --colour"]);
    expect(unknownFlags(["--nmae=x"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
    expect(unknownFlags(["-", "--", "plain", "-h", "--name=x", "--help"], KNOWN)).toEqual([]);
    expect(unknownFlags(["--colour", "--xyz"], KNOWN)).toEqual(["unknown option --colour", "unknown option --xyz"]);
  });

  test("the help names every flag once, with its value, whether required or its default, aligned in one column", () => {
    const help = renderNewTeamHelp();
    const flagLines = help.split("\n").filter((l) => l.startsWith("  --"));
    expect(help.split("\n")[0]).toContain("usage: npm run new-team -- --name <team>");
    expect(help.endsWith("\n") && !help.endsWith("\n\n")).toBe(true);
    expect(flagLines).toHaveLength(NEW_TEAM_FLAGS.length + OTHER_FLAGS.length);
    const column = (flagLines[0] ?? "").search(/ (required|optional)\./) + 1;
    for (const f of NEW_TEAM_FLAGS) {
      const line = flagLines.find((l) => l.startsWith(`  --${f.flag} `)) ?? "";
      expect(line.slice(column), f.flag).toMatch(f.defaultText === undefined ? /^required\. / : /^optional, default: /);
      if (f.defaultText !== undefined) expect(line, f.flag).toContain(f.defaultText);
    }
    expect(flagLines.find((l) => l.startsWith("  --help"))?.slice(column)).toBe("print this help");
  });

  test("the admin's help text and the questions asked in a terminal (reviewed as diffs)", async () => {
    await expect(renderNewTeamHelp()).toMatchFileSnapshot("__snapshots__/newTeamHelp.txt");
    const questions = NEW_TEAM_FLAGS.map((f) => `--${f.flag}: ${f.prompt}`).join("\n");
    await expect(`${questions}\n`).toMatchFileSnapshot("__snapshots__/newTeamQuestions.txt");
  });

  test("one question per flag an admin must or may give; --stack-dir, --as-of and --help are never asked", () => {
    for (const f of NEW_TEAM_FLAGS) expect(f.prompt.length, f.flag).toBeGreaterThan(5);
    expect(OTHER_FLAGS.map((f) => [f.flag, f.prompt])).toEqual([
      ["stack-dir", ""],
      ["as-of", ""],
      ["help", ""],
    ]);
  });
});

describe("flags at the edges", () => {
  const SHORT = ["name", "cost-center", "location", "budget", "help"];

  test("a value is skipped only right after the flag that takes it", () => {
    expect(unknownFlags(["--budget", "-5"], SHORT)).toEqual([]);
    expect(unknownFlags(["-5", "--budget"], SHORT)).toEqual(["unknown option -5"]);
    // a word that merely ends in a flag's name is not that flag, so the option after it is still checked
    expect(unknownFlags(["xxbudget", "--nmae"], SHORT)).toEqual(["unknown option --nmae (did you mean --name?)"]);
  });

  test("only leading dashes are dropped: dashes inside or after a word are part of it", () => {
    expect(nearestFlag("na---", ["name"])).toBeUndefined();
    expect(nearestFlag("--na", ["name"])).toBe("name");
    expect(unknownFlags(["--cost-center=x", "-name"], SHORT)).toEqual([]);
    expect(unknownFlags(["--budget=5000", "--location=swedencentral"], SHORT)).toEqual([]);
    expect(nearestFlag("--budgte=5000", SHORT)).toBe("budget");
  });

  test("the edit distance counts every edit: a 3-letter word is no typo of a 1-letter flag", () => {
    expect(nearestFlag("--xyz", ["a"])).toBeUndefined();
    expect(nearestFlag("--xy", ["a"])).toBe("a");
  });
});
