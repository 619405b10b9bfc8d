import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { actionlint } from "../support/actionlint";
import { PROJECT_DIR } from "../support/stackFiles";

const workflowDir = join(PROJECT_DIR, ".github", "workflows");
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));

describe("this repository's workflows", () => {
  test("there are workflows to check", () => {
    expect(workflows).toContain("ci.yml");
  });

  test.each(workflows)("%s passes actionlint", async (file) => {
    const source = readFileSync(join(workflowDir, file), "utf8");
    expect(await actionlint(source, `.github/workflows/${file}`)).toEqual([]);
  });

  test.each(workflows)("%s grants no permission at the top level and pins every action to a commit", (file) => {
    const source = readFileSync(join(workflowDir, file), "utf8");
    const doc = parse(source) as { permissions?: unknown; jobs: Record<string, { steps?: Array<{ uses?: string }> }> };
    expect(doc.permissions).toEqual({});
    const uses = Object.values(doc.jobs).flatMap((job) =>
      (job.steps ?? []).flatMap((step) => (step.uses ? [step.uses] : [])),
    );
    for (const action of uses) {
      if (action.startsWith("./")) continue;
      expect(action, `${file}: ${action}`).toMatch(/@[0-9a-f]{40}$/);
    }
  });
});
