import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { PROJECT_DIR } from "../support/runStack";

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: Record<string, unknown> };
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, Job>;
}

function workflow(name: string): Workflow {
  return parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", name), "utf8")) as Workflow;
}

function azureLogins(job: Job): Step[] {
  return job.steps.filter((s) => s.uses?.startsWith("azure/login@"));
}

describe("rotate-keys.yml", () => {
  const wf = workflow("rotate-keys.yml");

  test("runs daily and by hand, with an emergency input", () => {
    expect((wf.on.schedule as Array<{ cron: string }>)[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, { type: string }> }).inputs;
    expect(Object.keys(inputs).sort()).toEqual(["emergency", "stack"]);
  });

  test("one matrix job per team stack found in Pulumi.*.yaml, never two runs on one stack at once", () => {
    expect(wf.jobs.stacks?.steps.some((s) => s.run?.includes("Pulumi.*.yaml"))).toBe(true);
    for (const name of ["rotate", "emergency"]) {
      const job = wf.jobs[name] as Job;
      expect(job.concurrency?.group).toMatch(/^pulumi-\$\{\{ (matrix\.stack|inputs\.stack) \}\}$/);
      expect(job.concurrency?.["cancel-in-progress"]).toBe(false);
    }
    expect(wf.jobs.rotate?.strategy?.matrix.stack).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
    expect(wf.jobs.rotate?.steps.some((s) => s.run?.includes('pulumi up --yes --stack "$STACK"'))).toBe(true);
  });

  test("least privilege: nothing at the top, OIDC only where Azure is touched, write access only for the emergency record", () => {
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.stacks?.permissions).toEqual({ contents: "read" });
    expect(wf.jobs.rotate?.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(wf.jobs.emergency?.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    for (const name of ["rotate", "emergency"]) {
      const logins = azureLogins(wf.jobs[name] as Job);
      expect(logins).toHaveLength(1);
      expect(Object.keys(logins[0]?.with ?? {}).sort()).toEqual(["client-id", "subscription-id", "tenant-id"]);
    }
    expect(JSON.stringify(wf)).not.toMatch(/client-secret|creds:|AZURE_CLIENT_SECRET/);
    expect(wf.jobs.rotate?.steps.some((s) => s.uses?.startsWith("pulumi/actions@"))).toBe(true);
  });

  test("the emergency appends the reason to the stack's record and rotates with it", () => {
    const run = wf.jobs.emergency?.steps.map((s) => s.run ?? "").join("\n") ?? "";
    expect(run).toContain("codex-boundary:keyRotation.emergencies[$count]=$REASON");
    expect(run).toContain("--config-path");
    expect(wf.jobs.rotate?.if).toContain("inputs.emergency == ''");
  });
});

describe("deploy.yml", () => {
  const wf = workflow("deploy.yml");

  test("previews on pull requests and deploys on main, per stack, with the same identity model", () => {
    expect(Object.keys(wf.on).sort()).toEqual(["pull_request", "push"]);
    expect((wf.on.push as { branches: string[] }).branches).toEqual(["main"]);
    expect(wf.permissions).toEqual({});
    const job = wf.jobs.pulumi as Job;
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job.concurrency?.group).toBe("pulumi-${{ matrix.stack }}");
    const preview = job.steps.find((s) => s.run?.startsWith("pulumi preview"));
    const up = job.steps.find((s) => s.run?.startsWith("pulumi up"));
    expect(preview?.if).toBe("github.event_name == 'pull_request'");
    expect(up?.if).toContain("refs/heads/main");
    expect(azureLogins(job)).toHaveLength(1);
  });
});
