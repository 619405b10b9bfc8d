import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { describeYamlError } from "../../lib/config/yamlError";

function errorOf(text: string): unknown {
  try {
    parse(text);
  } catch (error) {
    return error;
  }
  throw new Error("the text parsed");
}

describe("a YAML syntax error as people read it", () => {
  test("the reason with line and column, no bare colon, then the offending line and the parser's caret", () => {
    const lines = describeYamlError(errorOf("config:\n  team: dev :: [\n")).split("\n");
    expect(lines[0]).toMatch(/at line 2, column \d+$/);
    expect(lines[1]).toContain("team: dev :: [");
    expect(lines[2]?.trim()).toBe("^");
    expect(lines[2]?.indexOf("^")).toBeGreaterThan(lines[1]?.indexOf("team") ?? 0);
  });

  test("a message without a snippet is kept whole, a thrown non-Error as its text", () => {
    expect(describeYamlError(new Error("Unexpected end:"))).toBe("Unexpected end");
    expect(describeYamlError("boom")).toBe("boom");
  });
});
