import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { actionlint } from "../support/actionlint";
import { PROJECT_DIR } from "../support/stackFiles";

// The fleet check in the repository's pipeline: before every matrix, in a job with no identity.

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Job {
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown>; "max-parallel"?: number };
  environment?: string;
  needs?: string | string[];
  if?: string;
  steps: Step[];
}
interface Workflow {
  jobs: Record<string, Job>;
}

const source = (name: string) => readFileSync(join(PROJECT_DIR, ".github", "workflows", name), "utf8");
const workflow = (name: string) => parse(source(name)) as Workflow;
const needs = (job: Job | undefined) => [job?.needs ?? []].flat();
const runsFleet = (job: Job | undefined) =>
  (job?.steps ?? []).some((s) => /^npm run --silent fleet\b/.test(s.run ?? ""));
/** The job that runs the fleet check, and the matrix jobs of the workflow. */
function shape(wf: Workflow): { checker: [string, Job]; matrices: Array<[string, Job]> } {
  const checkers = Object.entries(wf.jobs).filter(([, job]) => runsFleet(job));
  expect(checkers).toHaveLength(1);
  return {
    checker: checkers[0] as [string, Job],
    matrices: Object.entries(wf.jobs).filter(([, job]) => job.strategy?.matrix !== undefined),
  };
}

describe.each(["deploy.yml", "rotate-keys.yml"])("%s", (file) => {
  const wf = workflow(file);
  const { checker, matrices } = shape(wf);
  const [checkerName, checkerJob] = checker;

  test("the fleet check runs in a job with no identity, no secret, no environment", () => {
    expect(checkerJob.permissions).toEqual({ contents: "read" });
    expect(checkerJob.environment).toBeUndefined();
    expect(JSON.stringify(checkerJob)).not.toMatch(/secrets\.|azure\/login|id-token/);
    expect(checkerJob.strategy).toBeUndefined();
  });

  test("every matrix that signs in to Azure waits for the fleet check", () => {
    const signing = matrices.filter(([, job]) => job.permissions?.["id-token"] === "write");
    expect(signing.length).toBeGreaterThan(0);
    for (const [name, job] of signing) expect(needs(job), name).toContain(checkerName);
  });

  test("every matrix runs at most 4 stacks at once (ARM write throttling), and the reason is written beside it", () => {
    for (const [name, job] of matrices) expect(job.strategy?.["max-parallel"], name).toBe(4);
    expect(source(file)).toMatch(/token bucket per subscription, region and principal \(200[^)]*10 per second\)/);
  });

  test("passes actionlint", async () => {
    expect(await actionlint(source(file), `.github/workflows/${file}`)).toEqual([]);
  });
});

test("an emergency rotation does not wait for the fleet check", () => {
  const rotate = workflow("rotate-keys.yml");
  expect(needs(rotate.jobs.emergency)).not.toContain("fleet");
  expect(rotate.jobs.fleet?.if).toContain("inputs.emergency == ''");
});

test("the fleet's own command is what the workflows run", () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.fleet).toMatch(/ scripts\/fleet\.ts$/);
});
