import { readdirSync, readFileSync } from "node:fs";

/** One live process as /proc shows it: argv joined by spaces, the raw environment block. */
export interface ProcSnapshot {
  pid: number;
  ppid: number;
  cmdline: string;
  environ: string;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "latin1");
  } catch {
    return undefined;
  }
}

/** Every live process this user can read. */
export function allProcesses(): ProcSnapshot[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      const pid = Number(entry);
      const stat = readProc(pid, "stat");
      const cmdline = readProc(pid, "cmdline");
      const environ = readProc(pid, "environ");
      if (stat === undefined || cmdline === undefined || environ === undefined) return [];
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return [{ pid, ppid, cmdline: cmdline.split("\0").join(" ").trim(), environ }];
    });
}

/** Every live process under `root`, root included. */
export function processTree(root: number): ProcSnapshot[] {
  const all = allProcesses();
  const parent = new Map(all.map((p) => [p.pid, p.ppid]));
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return all.filter((p) => inTree(p.pid));
}

/** The argv of every snapshot whose argv or environment holds `secret`. */
export function holding(seen: readonly ProcSnapshot[], secret: string): string[] {
  return seen.filter((s) => s.cmdline.includes(secret) || s.environ.includes(secret)).map((s) => s.cmdline);
}
