import { describe, expect, it } from "vitest";
import { parseTeamsCsv } from "../../lib/onboarding/teamsCsv";

describe("parseTeamsCsv", () => {
  it("reads one row per team with its line number, empty cells left out", () => {
    const { rows, problems } = parseTeamsCsv('name,budget,repos\nalpha,100,"acme/a acme/b"\nbeta,,acme/c\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, values: { name: "alpha", budget: "100", repos: "acme/a acme/b" } },
      { line: 3, values: { name: "beta", repos: "acme/c" } },
    ]);
  });

  it("names every unknown or repeated column of a wrong header at once", () => {
    const { rows, problems } = parseTeamsCsv("name,bugdet,name\nalpha,1,alpha\n");
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.path)).toEqual(["teams.csv:1", "teams.csv:1"]);
    expect(problems[0]?.message).toContain("'bugdet' is not a new-team flag");
    expect(problems[0]?.message).toContain("allowed columns: name,cost-center");
    expect(problems[1]?.message).toContain("'name' is given twice");
  });

  it("reports bad quoting as one clear error with its line", () => {
    const { rows, problems } = parseTeamsCsv('name\nalpha\n"beta\n');
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe("teams.csv:3");
    expect(problems[0]?.message).toContain("is not valid CSV");
  });
});
