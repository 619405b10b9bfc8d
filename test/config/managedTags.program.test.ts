import { describe, expect, test } from "vitest";
import { MANAGED_TAGS } from "../../lib/config/managedTags";
import { runStack, stackConfig } from "../support/runStack";

/** Every tag name in a resource's inputs, wherever a `tags` map sits. */
function tagNames(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => tagNames(item, into));
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "tags" && child !== null && typeof child === "object" && !Array.isArray(child))
        Object.keys(child).forEach((name) => into.add(name));
      tagNames(child, into);
    }
  }
  return into;
}

describe("the managed tags the config refuses as user tags", () => {
  test("are exactly the tag names the planned stack writes besides the user's own", async () => {
    const userTags = Object.keys(
      JSON.parse(stackConfig().values["codex-boundary:tags"] ?? "{}") as Record<string, string>,
    );
    expect(userTags.length).toBeGreaterThan(0);
    const run = await runStack();
    const written = tagNames(
      run.resources.map((r) => r.inputs),
      new Set(),
    );
    const stackOwn = [...written].filter((name) => !userTags.includes(name)).sort();
    expect(stackOwn).toEqual(MANAGED_TAGS.map((tag) => tag.name).sort());
  });
});
