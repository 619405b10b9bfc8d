import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { PROJECT_DIR } from "../support/stackFiles";

// The repository's own pipeline, read as YAML: who gets which identity, where, and with what review.

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: Record<string, unknown>; "max-parallel"?: number };
  environment?: string;
  env?: Record<string, string>;
  needs?: string | string[];
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (name: string) =>
  parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", name), "utf8")) as Workflow;
const deploy = workflow("deploy.yml");
const rotate = workflow("rotate-keys.yml");
const all = { "deploy.yml": deploy, "rotate-keys.yml": rotate, "ci.yml": workflow("ci.yml") };
const jobsOf = (wf: Workflow) => Object.entries(wf.jobs);
const everyJob = Object.entries(all).flatMap(([file, wf]) =>
  jobsOf(wf).map(([name, job]) => [`${file} ${name}`, job] as const),
);

/** Secrets a job can read: in its env, its steps' env and inputs. */
function secretsUsed(job: Job): string[] {
  const text = JSON.stringify({ env: job.env, steps: job.steps });
  return [...new Set([...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1] ?? ""))].sort();
}
const DEPLOYER_SECRETS = ["DEPLOY_AZURE_CLIENT_ID", "CODEX_BOUNDARY_GITHUB_TOKEN", "CODEX_BOUNDARY_RECORD_TOKEN"];
const MAIN_ONLY_ENVIRONMENTS = ["production", "keys-rotation", "keys-emergency"];

/** deploy.yml jobs a pull request can start: every job whose condition does not require a push. */
const prJobs = jobsOf(deploy).filter(([, job]) => !(job.if ?? "").includes("github.event_name == 'push'"));

describe("pull requests", () => {
  test("the PR-reachable jobs are the change-scope check, the stack list, the offline plan and the read-only preview", () => {
    expect(prJobs.map(([name]) => name).sort()).toEqual(["plan", "preview", "scope", "stacks"]);
  });

  test("no PR job can read a deployer identity or a GitHub write token", () => {
    for (const [name, job] of prJobs) {
      expect(
        secretsUsed(job).filter((s) => DEPLOYER_SECRETS.includes(s)),
        name,
      ).toEqual([]);
      expect(JSON.stringify(job), name).not.toMatch(/GITHUB_TOKEN|github\.token|GH_TOKEN/);
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        if (level === "write") expect(`${name}: ${scope}`).toBe("preview: id-token");
      }
    }
  });

  test("the preview signs in as the reader, from the `preview` environment, and nothing else there signs in", () => {
    const preview = deploy.jobs.preview as Job;
    expect(preview.environment).toBe("preview");
    expect(preview.if).toContain("github.event_name == 'pull_request'");
    expect(preview.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(preview.env?.ARM_CLIENT_ID).toBe("${{ secrets.PREVIEW_AZURE_CLIENT_ID }}");
    const logins = preview.steps.filter((s) => s.uses?.startsWith("azure/login@"));
    expect(logins.map((s) => s.with?.["client-id"])).toEqual(["${{ secrets.PREVIEW_AZURE_CLIENT_ID }}"]);
    expect(secretsUsed(preview)).toEqual([
      "AZURE_SUBSCRIPTION_ID",
      "AZURE_TENANT_ID",
      "PREVIEW_AZURE_CLIENT_ID",
      "PULUMI_BACKEND_URL",
      "PULUMI_SECRETS_PROVIDER",
    ]);
    expect(preview.steps.some((s) => s.run?.includes("pulumi up"))).toBe(false);
  });

  test("the PR's install scripts and build run first in a job with no identity and no secret", () => {
    const plan = deploy.jobs.plan as Job;
    expect(plan.permissions).toEqual({ contents: "read" });
    expect(secretsUsed(plan)).toEqual([]);
    expect(plan.environment).toBeUndefined();
    expect([deploy.jobs.plan?.needs, deploy.jobs.preview?.needs, deploy.jobs.deploy?.needs]).toEqual([
      ["scope", "stacks"],
      ["scope", "stacks", "plan"],
      ["scope", "stacks", "plan"],
    ]);
    // The scope job before it installs the BASE branch's packages, without their install scripts.
    const scope = deploy.jobs.scope as Job;
    expect(scope.permissions).toEqual({ contents: "read" });
    expect(secretsUsed(scope)).toEqual([]);
    expect(scope.steps.filter((s) => /\bnpm ci\b/.test(s.run ?? "")).map((s) => s.run)).toEqual([
      "npm ci --ignore-scripts --no-audit --no-fund",
    ]);
  });
});

describe("identities live in environments", () => {
  test("no workflow reads a secret outside a job, where no environment could scope it", () => {
    for (const wf of Object.values(all)) expect(JSON.stringify(wf.env ?? {})).not.toContain("secrets.");
  });

  test.each(everyJob)(
    "%s: a job reading any secret runs in an environment; deployer secrets only in main-only ones",
    (_name, job) => {
      const used = secretsUsed(job);
      if (used.length > 0) expect(job.environment).toBeDefined();
      if (used.some((s) => DEPLOYER_SECRETS.includes(s))) expect(MAIN_ONLY_ENVIRONMENTS).toContain(job.environment);
    },
  );

  test.each(everyJob)("%s: id-token: write only on a job that signs in to Azure, in an environment", (_name, job) => {
    const signsIn = job.steps.some((s) => s.uses?.startsWith("azure/login@"));
    expect(job.permissions?.["id-token"] === "write").toBe(signsIn);
    if (signsIn) {
      expect(job.environment).toBeDefined();
      expect(JSON.stringify(job)).not.toMatch(/client-secret|creds:|AZURE_CLIENT_SECRET/);
    }
  });

  test("deploy, rotation and emergency each have their own main-only environment", () => {
    expect(deploy.jobs.deploy?.environment).toBe("production");
    expect(deploy.jobs.deploy?.if).toContain("github.ref == 'refs/heads/main'");
    expect(rotate.jobs.rotate?.environment).toBe("keys-rotation");
    expect(rotate.jobs.emergency?.environment).toBe("keys-emergency");
  });

  test.each(everyJob)("%s: where an identity can be minted, npm runs no lifecycle scripts", (_name, job) => {
    if (job.permissions?.["id-token"] !== "write") return;
    const installs = job.steps
      .flatMap((s) => (s.run ?? "").split(/&&|\n/))
      .map((c) => c.trim())
      .filter((c) => /^npm (ci|install|i)\b/.test(c));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install).toMatch(/^npm ci --ignore-scripts\b/);
  });

  test.each(everyJob)("%s: the Pulumi CLI is pinned to the SDK's version", (_name, job) => {
    const sdk = (
      JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> }
    ).dependencies["@pulumi/pulumi"];
    for (const step of job.steps.filter((s) => s.uses?.startsWith("pulumi/actions@")))
      expect(step.with?.["pulumi-version"]).toBe(sdk);
  });

  test("the GitHub write token reaches only the steps that run pulumi up and the read-only preflight before it", () => {
    for (const [name, job] of [...jobsOf(deploy), ...jobsOf(rotate)]) {
      for (const step of job.steps) {
        if (JSON.stringify(step).includes("CODEX_BOUNDARY_GITHUB_TOKEN"))
          expect(step.run, name).toMatch(/pulumi up --yes|^npm run --silent preflight -- --stack "\$STACK"$/);
      }
      expect(JSON.stringify(job.env ?? {}), name).not.toContain("GITHUB_TOKEN");
    }
  });
});

describe("the fleet", () => {
  test("one matrix job per stack, at most 4 at once, never two updates of one stack at once", () => {
    // The offline plan is one job for the whole fleet (test/fleet/workflows.test.ts), not a matrix.
    for (const job of [deploy.jobs.preview, deploy.jobs.deploy, rotate.jobs.rotate] as Job[]) {
      expect(job.strategy?.matrix.stack).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
      expect(job.strategy?.["max-parallel"]).toBe(4);
    }
    for (const job of [deploy.jobs.deploy, rotate.jobs.rotate] as Job[]) {
      expect(job.concurrency).toEqual({ group: "pulumi-${{ matrix.stack }}", "cancel-in-progress": false });
    }
  });

  test("rotation runs daily and by hand; a stack not deployed yet is skipped, not failed", () => {
    expect((rotate.on.schedule as Array<{ cron: string }>)[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const inputs = (rotate.on.workflow_dispatch as { inputs: Record<string, { type: string }> }).inputs;
    expect(Object.keys(inputs).sort()).toEqual(["emergency", "stack"]);
    const steps = rotate.jobs.rotate?.steps ?? [];
    const gate = steps.find((s) => s.run?.includes("stackGate.ts rotate"));
    const up = steps.find((s) => s.run?.includes("pulumi up"));
    expect(gate?.id).toBe("gate");
    expect(up?.if).toBe("steps.gate.outputs.run == 'true'");
  });

  test("deploy creates a missing stack before its first pulumi up", () => {
    const runs = (deploy.jobs.deploy?.steps ?? []).map((s) => s.run ?? "");
    const gate = runs.findIndex((r) => r.includes("stackGate.ts deploy"));
    const up = runs.findIndex((r) => r.startsWith("pulumi up"));
    expect(gate).toBeGreaterThan(-1);
    expect(up).toBeGreaterThan(gate);
  });
});

describe("emergencies", () => {
  const emergency = rotate.jobs.emergency as Job;

  test("never cancelled, never replaced by a later queued job: a concurrency group of its own per run", () => {
    expect(emergency.concurrency).toEqual({
      group: "emergency-${{ inputs.stack }}-${{ github.run_id }}",
      "cancel-in-progress": false,
    });
    const otherGroups = [...jobsOf(deploy), ...jobsOf(rotate)]
      .filter(([name]) => name !== "emergency")
      .map(([, job]) => job.concurrency?.group ?? "");
    for (const group of otherGroups) expect(group.startsWith("emergency-")).toBe(false);
  });

  test("the reason is checked in a job with no identity before anyone is asked to approve", () => {
    const check = rotate.jobs["emergency-check"] as Job;
    expect(emergency.needs).toContain("emergency-check");
    expect(check.permissions).toEqual({ contents: "read" });
    expect(check.environment).toBeUndefined();
    expect(
      check.steps.some((s) => s.run?.includes("emergency.ts check") && s.env?.REASON === "${{ inputs.emergency }}"),
    ).toBe(true);
    expect(check.steps.some((s) => s.run?.includes("refs/heads/main"))).toBe(true);
  });

  test("the record is pushed to main before the rotation runs; no branch, no pull request", () => {
    const runs = emergency.steps.map((s) => s.run ?? "");
    const record = runs.findIndex((r) => r.includes("emergency.ts record"));
    const up = runs.findIndex((r) => r.includes("pulumi up"));
    expect(record).toBeGreaterThan(-1);
    expect(up).toBeGreaterThan(record);
    expect(runs[record]).toContain("git push --quiet origin HEAD:main");
    expect(runs.join("\n")).not.toMatch(/gh pr create|git switch -c|--config-path/);
    expect(emergency.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  test("the reason reaches scripts through the environment only, never spliced into a shell line", () => {
    for (const wf of [rotate]) {
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps) expect(step.run ?? "").not.toContain("${{");
      }
    }
  });
});
