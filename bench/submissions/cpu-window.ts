import type { Child } from './child-processes';
import { backendSecondsBetween, backendTicks, machineBusySeconds, ownCpuSecondsOf, treeCpuSeconds } from './proc-cpu';

/** CPU seconds spent over one measured window, split by who spent them. */
export interface CpuSplit {
  readonly wallSeconds: number;
  /** The measured process and its descendants (the app: Node + Chromium; the baseline: its child + browsers). */
  readonly systemSeconds: number;
  /** PostgreSQL backends serving the level's database (0 for the baseline, which writes nothing). */
  readonly postgresSeconds: number;
  /** The sandbox process (the directories' side: not ours in production). */
  readonly sandboxSeconds: number;
  /** The same system read from its live /proc tree only (a cross-check: it misses exited processes not reaped by the tree). */
  readonly systemTreeSeconds: number;
  /** The system's Node process alone (the app: Nest, event store, queue, projections, Playwright's client). */
  readonly systemNodeSeconds: number;
  readonly accounting: 'cgroup' | 'proc-tree';
  /** Every busy core of the machine, other sessions' work included. */
  readonly machineSeconds: number;
}

export interface CpuWindow {
  end(): CpuSplit;
}

export function startCpuWindow(system: Child, sandbox: Child, database: string | null): CpuWindow {
  const started = performance.now();
  const systemAt = system.cpuSeconds();
  const treeAt = treeCpuSeconds(system.pid);
  const nodeAt = ownCpuSecondsOf(system.pid);
  const sandboxAt = sandbox.cpuSeconds();
  const backends = database ? backendTicks(database) : new Map<number, number>();
  const machine = machineBusySeconds();
  return {
    end: () => ({
      wallSeconds: (performance.now() - started) / 1000,
      systemSeconds: system.cpuSeconds() - systemAt,
      systemTreeSeconds: treeCpuSeconds(system.pid) - treeAt,
      systemNodeSeconds: ownCpuSecondsOf(system.pid) - nodeAt,
      accounting: system.accounting,
      postgresSeconds: database ? backendSecondsBetween(backends, backendTicks(database)) : 0,
      sandboxSeconds: sandbox.cpuSeconds() - sandboxAt,
      machineSeconds: machineBusySeconds() - machine,
    }),
  };
}
