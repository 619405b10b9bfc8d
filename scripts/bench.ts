/**
 * npm run bench -- [--stack dev] [--runs 7] [--teams 100] [--fleet-runs 1]
 * A measurement, not a test (exit 0 either way). See USAGE.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeGeneratedFleet } from "./fleet/generateFleet";

const PLAN_GOAL = 2;
const FLEET_GOAL = 12;

const USAGE = `usage: npm run bench -- [--stack <name>] [--runs <n>] [--teams <n>] [--fleet-runs <n>]
Measures, in one run and interleaved (so both sides see the same machine load):
  sdk    plain node loading the SDK modules the stack program imports: @pulumi/pulumi and the @pulumi/*
         modules imported by stacks/ and components/ (found in their source)
  plan   npm run plan -- --stack <name> --json (the whole command, npm included)
  fleet  npm run fleet -- --json over --teams generated team stacks (scripts/fleet/generateFleet.ts, temporary folder)
and prints each one's median wall time, CPU time (user+sys of the process tree) and peak resident memory,
the ratios plan/sdk (goal <= ${PLAN_GOAL}x) and fleet/plan (goal <= ${FLEET_GOAL}x) with pass or fail, and the load average
before and after. Ratios are of wall times; the CPU ratios are printed beside them for a loaded machine.
  --stack       the stack to plan (default: dev)
  --runs        sdk and plan runs, alternated; medians are reported (default: 7)
  --teams       generated team stacks for the fleet; 0 skips the fleet (default: 100)
  --fleet-runs  fleet runs, alternated with nothing else; median reported (default: 1)`;

const projectDir = resolve(__dirname, "..");

interface Sample {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
}

/** user+sys of this process's waited-for children (and theirs), in seconds: /proc/self/stat fields 16 and 17. */
function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8")
    .replace(/^.*\) /, "")
    .split(" ");
  // After "(comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are indices 13 and 14; 100 ticks/s.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Resident memory of a process and its children, in KiB (Linux /proc). */
function treeRssKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return rss + children.reduce((sum, child) => sum + treeRssKiB(child), 0);
  } catch {
    return 0;
  }
}

/** Runs one command from the project folder; exit codes other than `accepted` are an error. */
function measure(command: string, args: string[], accepted: number[]): Promise<Sample> {
  return new Promise((done, fail) => {
    const cpuBefore = childrenCpuSeconds();
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: projectDir, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peakKiB = 0;
    const poll = setInterval(() => (peakKiB = Math.max(peakKiB, treeRssKiB(child.pid))), 20);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearInterval(poll);
      if (!accepted.includes(code ?? -1))
        return fail(new Error(`${command} ${args.join(" ")} exited ${String(code)}: ${stderr}`));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      done({ seconds, cpuSeconds: childrenCpuSeconds() - cpuBefore, peakRssMiB: peakKiB / 1024 });
    });
  });
}

/** The @pulumi/* modules stacks/ and components/ import (value imports, not `import type`). */
export function sdkModules(dir = projectDir): string[] {
  const modules = new Set<string>(["@pulumi/pulumi"]);
  for (const folder of ["stacks", "components"]) {
    for (const file of readdirSync(join(dir, folder)).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, folder, file), "utf8");
      for (const match of source.matchAll(/^import (?!type )[^;]*? from "(@pulumi\/[^"]+)";/gm))
        modules.add(match[1] ?? "");
    }
  }
  return [...modules].sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface Summary {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
}

function summarize(samples: Sample[]): Summary {
  return {
    seconds: median(samples.map((s) => s.seconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    peakRssMiB: Math.max(...samples.map((s) => s.peakRssMiB)),
  };
}

function line(label: string, s: Summary, runs: number): string {
  return `${label.padEnd(34)} median ${s.seconds.toFixed(2)} s wall, ${s.cpuSeconds.toFixed(2)} s CPU over ${runs} run(s), peak RSS ${s.peakRssMiB.toFixed(0)} MiB\n`;
}

function verdict(name: string, ratio: number, cpuRatio: number, goal: number): string {
  return `ratio ${name}: ${ratio.toFixed(2)}x wall (CPU ${cpuRatio.toFixed(2)}x), goal <= ${goal}x: ${ratio <= goal ? "pass" : "FAIL"}\n`;
}

function count(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} must be a whole number >= ${min} (got ${value})`);
  return n;
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stack: { type: "string", default: "dev" },
      runs: { type: "string", default: "7" },
      teams: { type: "string", default: "100" },
      "fleet-runs": { type: "string", default: "1" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const runs = count(values.runs, "runs", 1);
  const teams = count(values.teams, "teams", 0);
  const fleetRuns = count(values["fleet-runs"], "fleet-runs", 1);
  const modules = sdkModules();
  const sdkScript = modules.map((m) => `require(${JSON.stringify(m)});`).join("");
  const out = mkdtempSync(join(tmpdir(), "codex-boundary-bench-"));
  process.stdout.write(`machine: ${cpus().length} CPU(s), load average ${load()} (1, 5, 15 min)\n`);
  process.stdout.write(`sdk modules: ${modules.join(", ")}\n`);
  const sdk: Sample[] = [];
  const plan: Sample[] = [];
  const fleet: Sample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      sdk.push(await measure(process.execPath, ["-e", sdkScript], [0]));
      plan.push(
        await measure(
          "npm",
          ["run", "--silent", "plan", "--", "--stack", values.stack, "--json", "--out", out],
          [0, 3],
        ),
      );
      process.stdout.write(
        `run ${i + 1}/${runs}: sdk ${(sdk[i]?.seconds ?? 0).toFixed(2)} s, plan ${(plan[i]?.seconds ?? 0).toFixed(2)} s\n`,
      );
    }
    if (teams > 0) {
      const stacksDir = join(out, "fleet");
      mkdirSync(stacksDir);
      writeGeneratedFleet(stacksDir, teams);
      // Exit 3 is a finding of the fleet rules (e.g. a model retiring within 30 days), not a failed run.
      for (let i = 0; i < fleetRuns; i++)
        fleet.push(
          await measure("npm", ["run", "--silent", "fleet", "--", "--stacks-dir", stacksDir, "--json"], [0, 3]),
        );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const sdkSummary = summarize(sdk);
  const planSummary = summarize(plan);
  process.stdout.write(line("node loading the SDK modules", sdkSummary, runs));
  process.stdout.write(line(`npm run plan -- --stack ${values.stack} --json`, planSummary, runs));
  process.stdout.write(
    verdict(
      "plan/sdk",
      planSummary.seconds / sdkSummary.seconds,
      planSummary.cpuSeconds / sdkSummary.cpuSeconds,
      PLAN_GOAL,
    ),
  );
  if (fleet.length > 0) {
    const fleetSummary = summarize(fleet);
    process.stdout.write(line(`npm run fleet (${teams} teams)`, fleetSummary, fleetRuns));
    process.stdout.write(
      verdict(
        "fleet/plan",
        fleetSummary.seconds / planSummary.seconds,
        fleetSummary.cpuSeconds / planSummary.cpuSeconds,
        FLEET_GOAL,
      ),
    );
  }
  process.stdout.write(`load average after: ${load()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(2);
});
