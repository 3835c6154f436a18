import { readFileSync } from 'node:fs';

/** CPU time over a stretch of wall time: this Node process, and the whole machine from /proc/stat. */
export interface CpuSpan {
  readonly wallSeconds: number;
  readonly nodeSeconds: number;
  /** Busy (non-idle, non-iowait) CPU seconds of every core; null where /proc/stat is missing. */
  readonly machineBusySeconds: number | null;
}

interface CpuMark {
  readonly wallMs: number;
  readonly node: NodeJS.CpuUsage;
  readonly machine: { busy: number; total: number } | null;
}

const TICKS_PER_SECOND = 100;

function machineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = fields[3] + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export function markCpu(): CpuMark {
  return { wallMs: performance.now(), node: process.cpuUsage(), machine: machineTicks() };
}

export function cpuSince(mark: CpuMark): CpuSpan {
  const node = process.cpuUsage(mark.node);
  const machine = machineTicks();
  return {
    wallSeconds: (performance.now() - mark.wallMs) / 1000,
    nodeSeconds: (node.user + node.system) / 1e6,
    machineBusySeconds: machine && mark.machine ? (machine.busy - mark.machine.busy) / TICKS_PER_SECOND : null,
  };
}

/** "Node 1.62 of 2 cores busy, machine 1.95" style summary, in cores. */
export function describeCpu(span: CpuSpan): string {
  const cores = (seconds: number): string => (seconds / span.wallSeconds).toFixed(2);
  const machine = span.machineBusySeconds === null ? 'n/a' : cores(span.machineBusySeconds);
  return `Node process ${cores(span.nodeSeconds)} cores, whole machine ${machine} cores busy (PostgreSQL and anything else running)`;
}
