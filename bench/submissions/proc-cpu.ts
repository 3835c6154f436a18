import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc (USER_HZ); 100 on every Linux this runs on. */
const TICKS = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** utime + stime + cutime + cstime: its own CPU and that of every child it has reaped. */
  readonly ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields start after the last ')'.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]].map(Number);
    return { pid, ppid: Number(fields[1]), comm: text.slice(text.indexOf('(') + 1, close), ticks: utime + stime + cutime + cstime };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
}

/**
 * CPU seconds of a process and all its live descendants, each counted with the children it has
 * reaped: a browser that exited and was waited for still counts, through its parent.
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return 0;
  let ticks = 0;
  const pending = [root];
  for (let guard = 0; pending.length > 0 && guard < 100_000; guard += 1) {
    const next = pending.pop() as ProcStat;
    ticks += next.ticks;
    pending.push(...(children.get(next.pid) ?? []));
  }
  return ticks / TICKS;
}

/** CPU seconds of one process alone (utime + stime, no children). */
export function ownCpuSecondsOf(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** Per-pid CPU ticks of PostgreSQL backends serving one database (their command line names it). */
export function backendTicks(database: string): Map<number, number> {
  const result = new Map<number, number>();
  for (const s of allStats()) {
    if (s.comm !== 'postgres') continue;
    try {
      const cmdline = readFileSync(`/proc/${s.pid}/cmdline`, 'utf8');
      if (cmdline.includes(` ${database} `)) result.set(s.pid, s.ticks);
    } catch {
      // exited meanwhile
    }
  }
  return result;
}

/** CPU seconds the database's backends used between two readings (backends born since count from zero). */
export function backendSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, value] of after) ticks += value - (before.get(pid) ?? 0);
  return ticks / TICKS;
}

/** Busy (non-idle, non-iowait) CPU seconds of the whole machine so far. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return (total - fields[3] - (fields[4] ?? 0)) / TICKS;
}
