import { describe, expect, test } from "vitest";
import { crossFieldProblems } from "../../lib/config/crossField";
import { configProblems, minimalConfig } from "./minimalConfig";

/**
 * The rules across fields read a raw config that may have any shape: a repository written as plain text or left empty
 * (YAML `- api`, `-`) is no map, so no rule over its fields runs; the parser names the type problem alone.
 */
const NOW = Date.parse("2026-11-25T09:30:00Z");

describe("repositories that are not maps", () => {
  test("a name written as plain text, or an empty entry, takes part in no repository rule", () => {
    expect(crossFieldProblems({ github: { repositories: ["api", null, 7] } })).toEqual([]);
    expect(crossFieldProblems({ auth: { mode: "entra" }, github: { repositories: ["api", "api", null] } })).toEqual([]);
  });

  test("beside a map of the same name, only the map counts: no duplicate is reported", () => {
    expect(crossFieldProblems({ github: { repositories: ["api", { name: "api" }] } })).toEqual([]);
    expect(crossFieldProblems({ github: { repositories: [{ name: "api" }, { name: "API" }] } }).map((p) => p.path)).toEqual([["github", "repositories", 1, "name"]]);
  });

  test("the parser names the type problem at the entry, with the value, and nothing else", () => {
    expect(configProblems({ ...minimalConfig(), github: { owner: "contoso", repositories: ["api", null] } }, NOW)).toEqual(['github.repositories[0]: must be a map of keys (got "api")', "github.repositories[1]: must be a map of keys (got null)"]);
  });
});
