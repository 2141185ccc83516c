/**
 * CPU time of processes from /proc (Linux only; undefined elsewhere). Unlike steps per second, CPU
 * per step hardly moves when other work shares the cores, so runs on a busy machine stay comparable.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

/** Fields of /proc/<pid>/stat from the 3rd (state) on, or undefined when the process is gone. */
function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user and system) process `pid` has used so far. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  const f = pid ? statFields(String(pid)) : undefined;
  // Field n (1-based) of /proc/<pid>/stat is index n - 3 here: utime 14, stime 15.
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : undefined;
}

/** CPU seconds the children of this process that it has waited for (e.g. through `execFileSync`) used, or undefined off Linux. */
export function waitedChildrenCpuSeconds(): number | undefined {
  const f = statFields('self');
  return f ? (Number(f[13]) + Number(f[14])) / TICKS : undefined;
}

/**
 * CPU seconds PostgreSQL has used so far: the postmaster, its live children (the backends, the
 * writer processes) and the children that already exited (cutime/cstime).
 */
export function postgresCpuSeconds(postmasterPid: number | undefined): number | undefined {
  const own = postmasterPid ? statFields(String(postmasterPid)) : undefined;
  if (!own) return undefined;
  // Index n - 3 holds field n: ppid 4, utime 14, stime 15, cutime 16, cstime 17.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const f = statFields(pid);
    if (f && Number(f[1]) === postmasterPid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS;
}

/** The peak resident memory of process `pid` so far in MB (VmHWM of /proc/<pid>/status), or undefined. */
export function processPeakRssMb(pid: number | undefined): number | undefined {
  try {
    const match = pid ? /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8')) : null;
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
