import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CPUACCT = '/sys/fs/cgroup/cpuacct';

/**
 * A cgroup (v1 cpuacct) of its own for one child process and everything it starts: its usage
 * keeps the CPU of processes that already exited, which a /proc reading loses for a browser whose
 * helpers outlive its main process and are reparented away. Null where cgroups are not writable.
 */
export interface CpuGroup {
  readonly name: string;
  seconds(): number;
  remove(): void;
}

export function createCpuGroup(name: string, pid: number): CpuGroup | null {
  const dir = join(CPUACCT, name);
  try {
    if (!existsSync(CPUACCT)) return null;
    mkdirSync(dir);
    writeFileSync(join(dir, 'cgroup.procs'), String(pid));
  } catch {
    removeDir(dir);
    return null;
  }
  return {
    name,
    seconds: () => Number(readFileSync(join(dir, 'cpuacct.usage'), 'utf8').trim()) / 1e9,
    remove: () => removeDir(dir),
  };
}

/** Leftover processes go back to the root group first: a group with members cannot be removed. */
function removeDir(dir: string): void {
  try {
    const left = readFileSync(join(dir, 'cgroup.procs'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    for (const pid of left) writeFileSync(join(CPUACCT, 'cgroup.procs'), pid);
    rmdirSync(dir);
  } catch {
    // already gone, or never made
  }
}

/** This process's CPU with all it started: its own cpuacct group's usage when it has one, else its live /proc tree. */
export function ownCpuSeconds(fallback: () => number): number {
  try {
    const line = readFileSync('/proc/self/cgroup', 'utf8')
      .split('\n')
      .find((l) => /^\d+:cpuacct(,|:)|^\d+:[^:]*\bcpuacct\b/.test(l));
    const path = line?.split(':')[2];
    if (!path || path === '/') return fallback();
    return Number(readFileSync(join(CPUACCT, path, 'cpuacct.usage'), 'utf8').trim()) / 1e9;
  } catch {
    return fallback();
  }
}
