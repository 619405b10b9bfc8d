import { spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "./runStack";

/**
 * Runs one job of this repository's workflows the way a runner would, as far as a test needs: the job's and
 * steps' `env` with `${{ secrets.* }}` taken ONLY from the secrets of the job's environment (as GitHub does),
 * `${{ matrix.* }}`, `${{ inputs.* }}`, `${{ github.* }}`, `${{ needs.<job>.result }}`, `${{ needs.<job>.outputs.* }}`
 * and step outputs (a step's `if:` may compare one step output or one `github.*` value with a string); `run:` steps
 * under bash -eo pipefail
 * with GITHUB_OUTPUT; `uses:` steps are not run, but each azure/login is logged with the client id it got.
 * The CLIs the steps call (pulumi, npm, ...) are whatever stubs the caller puts first on PATH.
 */

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  environment?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps: Step[];
}

export interface JobRun {
  workflow: string;
  job: string;
  cwd: string;
  /** The secrets GitHub hands this job: those of its environment (the caller picks them by environment name). */
  environments: Record<string, Record<string, string>>;
  matrix?: Record<string, string>;
  inputs?: Record<string, string>;
  github?: Record<string, string>;
  /** The jobs this one needs, as GitHub hands them over: each one's result and outputs (absent: empty strings). */
  needs?: Record<string, { result: string; outputs?: Record<string, string> }>;
  /** Extra process environment (PATH with stubs, RUNNER_TEMP, ...). */
  env: Record<string, string>;
  /** Where azure/login steps are logged. */
  loginLog: string;
}

export interface JobResult {
  status: number;
  stdout: string;
  stderr: string;
  /** Names of the steps that ran, in order (name, id or the first line of run/uses). */
  ran: string[];
  /** The job's `outputs:`, expanded once its steps ran (what a job that needs it reads). */
  outputs: Record<string, string>;
}

export function readJob(workflow: string, job: string): Job {
  const parsed = parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", workflow), "utf8")) as {
    jobs: Record<string, Job>;
  };
  const found = parsed.jobs[job];
  if (found === undefined) throw new Error(`no job ${job} in ${workflow}`);
  return found;
}

export function runJob(run: JobRun): JobResult {
  const job = readJob(run.workflow, run.job);
  const secrets = job.environment !== undefined ? (run.environments[job.environment] ?? {}) : {};
  const outputs: Record<string, Record<string, string>> = {};
  const context: Record<string, Record<string, string>> = {
    secrets,
    matrix: run.matrix ?? {},
    inputs: run.inputs ?? {},
    github: run.github ?? {},
  };
  const expand = (text: string): string =>
    text.replace(
      /\$\{\{\s*([a-z_]+)\.([A-Za-z0-9_-]+)(?:\.outputs\.([A-Za-z0-9_-]+)|\.(result))?\s*\}\}/g,
      (whole, scope: string, key: string, output?: string, result?: string) => {
        if (scope === "steps" && output !== undefined) return outputs[key]?.[output] ?? "";
        if (scope === "needs")
          return (
            (result !== undefined
              ? run.needs?.[key]?.result
              : output !== undefined
                ? run.needs?.[key]?.outputs?.[output]
                : undefined) ?? ""
          );
        const values = context[scope];
        if (values === undefined) throw new Error(`the test runner does not know ${whole}`);
        return values[key] ?? "";
      },
    );
  const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, expand(String(v))]));
  const result: JobResult = { status: 0, stdout: "", stderr: "", ran: [], outputs: {} };
  const jobOutputs = () =>
    Object.fromEntries(Object.entries(job.outputs ?? {}).map(([k, v]) => [k, expand(String(v))]));
  for (const step of job.steps) {
    if (step.if !== undefined) {
      const match = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+) == '([^']*)'$/.exec(step.if);
      const event = /^github\.([A-Za-z0-9_]+) == '([^']*)'$/.exec(step.if);
      if (match !== null) {
        if ((outputs[match[1] ?? ""]?.[match[2] ?? ""] ?? "") !== match[3]) continue;
      } else if (event !== null) {
        if ((context.github?.[event[1] ?? ""] ?? "") !== event[2]) continue;
      } else throw new Error(`the test runner cannot evaluate if: ${step.if}`);
    }
    const label = step.name ?? step.id ?? (step.run ?? step.uses ?? "").split("\n")[0] ?? "";
    result.ran.push(label);
    if (step.uses !== undefined) {
      if (step.uses.startsWith("azure/login@"))
        appendFileSync(run.loginLog, `${expand(step.with?.["client-id"] ?? "")}\n`);
      continue;
    }
    const outputFile = join(mkdtempSync(join(tmpdir(), "cb-out-")), "output");
    writeFileSync(outputFile, "");
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))]));
    const env = { ...run.env, ...jobEnv, ...stepEnv, GITHUB_OUTPUT: outputFile };
    const ran = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run ?? ""], {
      cwd: step["working-directory"] === undefined ? run.cwd : join(run.cwd, step["working-directory"]),
      env,
      encoding: "utf8",
    });
    result.stdout += ran.stdout;
    result.stderr += ran.stderr;
    if (step.id !== undefined) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, "utf8")
          .split("\n")
          .filter((line) => line.includes("="))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    }
    if (ran.status !== 0) {
      result.status = ran.status ?? 1;
      return { ...result, outputs: jobOutputs() };
    }
  }
  return { ...result, outputs: jobOutputs() };
}

/**
 * A checkout of the repository: the given stack files and platform.yaml (default: the project's), plus links to the
 * real scripts, lib and node_modules.
 */
export function checkout(
  dir: string,
  stackFiles: Record<string, string>,
  platformFile = readFileSync(join(PROJECT_DIR, "platform.yaml"), "utf8"),
): void {
  mkdirSync(dir, { recursive: true });
  for (const name of ["scripts", "lib", "node_modules"]) symlinkSync(join(PROJECT_DIR, name), join(dir, name));
  writeFileSync(join(dir, "Pulumi.yaml"), readFileSync(join(PROJECT_DIR, "Pulumi.yaml")));
  writeFileSync(join(dir, "platform.yaml"), platformFile);
  for (const [name, text] of Object.entries(stackFiles)) writeFileSync(join(dir, `Pulumi.${name}.yaml`), text);
}

export function stub(bin: string, name: string, script: string): void {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, name), script);
  chmodSync(join(bin, name), 0o755);
}
