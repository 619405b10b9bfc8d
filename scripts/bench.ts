/**
 * npm run bench -- [--stack dev] [--runs 5]
 * Runs the offline plan as whole processes, the way a platform team runs it for many teams,
 * and prints the median wall time and the peak resident memory. A measurement, not a test.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

interface Sample {
  seconds: number;
  peakRssMiB: number;
}

const projectDir = resolve(__dirname, "..");
const tsxCli = require.resolve("tsx/cli");

/** One plan run; peak memory read from /proc while it runs (Linux), polled every 20 ms. */
function runOnce(stack: string, out: string): Promise<Sample> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [tsxCli, "scripts/plan.ts", "--stack", stack, "--json", "--out", out], {
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
      if (code !== 0) return fail(new Error(`plan exited ${String(code)}: ${stderr}`));
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
  const { values } = parseArgs({ options: { stack: { type: "string", default: "dev" }, runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${values.runs})`);
  const out = mkdtempSync(join(tmpdir(), "codex-boundary-bench-"));
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const sample = await runOnce(values.stack, out);
      samples.push(sample);
      process.stdout.write(`run ${i + 1}/${runs}: ${sample.seconds.toFixed(2)} s, peak ${sample.peakRssMiB.toFixed(0)} MiB\n`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const seconds = median(samples.map((s) => s.seconds));
  const peak = Math.max(...samples.map((s) => s.peakRssMiB));
  process.stdout.write(`plan --stack ${values.stack}: median ${seconds.toFixed(2)} s over ${runs} runs, peak RSS ${peak.toFixed(0)} MiB\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(2);
});
