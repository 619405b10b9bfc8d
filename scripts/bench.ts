/**
 * npm run bench -- [--stack dev] [--runs 1] [--teams 100]
 * Runs the offline plan of one stack as whole processes (median of --runs), then `npm run fleet` over a generated
 * fleet of --teams team stacks (in a temporary folder), and prints the wall time and peak resident memory of
 * each, the ratio, and the machine's load. A measurement, not a test. Goal: fleet of 100 <= 15x one stack.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeGeneratedFleet } from "./fleet/generateFleet";

interface Sample {
  seconds: number;
  peakRssMiB: number;
}

const projectDir = resolve(__dirname, "..");
const tsxCli = require.resolve("tsx/cli");

/** One plan run; peak memory read from /proc while it runs (Linux), polled every 20 ms. */
function runOnce(stack: string, out: string): Promise<Sample> {
  return measure(["scripts/plan.ts", "--stack", stack, "--json", "--out", out], [0]);
}

/** One run of a script under tsx; exit codes other than `accepted` are an error. */
function measure(args: string[], accepted: number[]): Promise<Sample> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [tsxCli, ...args], {
      cwd: projectDir,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peakKiB = 0;
    const poll = setInterval(() => {
      peakKiB = Math.max(peakKiB, treeRssKiB(child.pid));
    }, 20);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearInterval(poll);
      if (!accepted.includes(code ?? -1)) return fail(new Error(`${args[0] ?? ""} exited ${String(code)}: ${stderr}`));
      done({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMiB: peakKiB / 1024 });
    });
  });
}

/** Resident memory of a process and its children (tsx starts node with a loader), in KiB. */
function treeRssKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return rss + children.reduce((sum, child) => sum + treeRssKiB(child), 0);
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stack: { type: "string", default: "dev" }, runs: { type: "string", default: "1" }, teams: { type: "string", default: "100" } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${values.runs})`);
  const teams = Number(values.teams);
  if (!Number.isInteger(teams) || teams < 0) throw new Error(`--teams must be a whole number (got ${values.teams})`);
  const out = mkdtempSync(join(tmpdir(), "codex-boundary-bench-"));
  const samples: Sample[] = [];
  const loadBefore = loadavg();
  process.stdout.write(`machine: ${cpus().length} CPU(s), load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min)\n`);
  let fleet: Sample | undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const sample = await runOnce(values.stack, out);
      samples.push(sample);
      process.stdout.write(`run ${i + 1}/${runs}: ${sample.seconds.toFixed(2)} s, peak ${sample.peakRssMiB.toFixed(0)} MiB\n`);
    }
    if (teams > 0) {
      const stacksDir = join(out, "fleet");
      mkdirSync(stacksDir);
      writeGeneratedFleet(stacksDir, teams);
      // Exit 3 is a finding of the fleet rules (e.g. a model retiring within 30 days), not a failed run.
      fleet = await measure(["scripts/fleet.ts", "--stacks-dir", stacksDir, "--json"], [0, 3]);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const seconds = median(samples.map((s) => s.seconds));
  const peak = Math.max(...samples.map((s) => s.peakRssMiB));
  process.stdout.write(`plan --stack ${values.stack}: median ${seconds.toFixed(2)} s over ${runs} run(s), peak RSS ${peak.toFixed(0)} MiB\n`);
  if (fleet !== undefined) {
    process.stdout.write(`fleet of ${teams} generated teams: ${fleet.seconds.toFixed(2)} s, peak RSS ${fleet.peakRssMiB.toFixed(0)} MiB\n`);
    const ratio = fleet.seconds / seconds;
    process.stdout.write(`ratio fleet/single: ${ratio.toFixed(1)}x (goal for 100 teams: <= 15x)\n`);
  }
  process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(2);
});
