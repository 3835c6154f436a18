import { cpus, freemem, totalmem } from 'node:os';

export interface MachineSample {
  /** Share of all cores busy since the previous sample, 0–1. */
  readonly cpuBusy: number;
  /** Share of memory free, 0–1. */
  readonly memoryFree: number;
}

export interface GovernorOptions {
  readonly min: number;
  readonly max: number;
  /** Above this CPU share, scale down; below `cpuLow`, scale up (if work is waiting). */
  readonly cpuHigh: number;
  readonly cpuLow: number;
  /** Below this free-memory share, scale down whatever the CPU says. */
  readonly memoryLow: number;
}

export const DEFAULT_GOVERNOR: Omit<GovernorOptions, 'min' | 'max'> = { cpuHigh: 0.9, cpuLow: 0.7, memoryLow: 0.1 };

/**
 * How many submissions a worker runs at once, adapted to the machine in the manner of
 * Crawlee's AutoscaledPool: one step down while the CPU is saturated or memory is short, one
 * step up while there is headroom and the worker was using every slot. On 2 cores the
 * submissions benchmark found 2 at once faster than 4 or 8: Chromium, not waiting, is the cost.
 */
export class ConcurrencyGovernor {
  private desired: number;

  constructor(private readonly options: GovernorOptions) {
    this.desired = Math.max(options.min, Math.min(options.max, Math.ceil((options.min + options.max) / 2)));
  }

  current(): number {
    return this.desired;
  }

  /** One step of adaptation; `saturated` = every slot was busy since the last step. */
  adapt(sample: MachineSample, saturated: boolean): number {
    const { min, max, cpuHigh, cpuLow, memoryLow } = this.options;
    if (sample.memoryFree < memoryLow || sample.cpuBusy > cpuHigh) this.desired = Math.max(min, this.desired - 1);
    else if (sample.cpuBusy < cpuLow && saturated) this.desired = Math.min(max, this.desired + 1);
    return this.desired;
  }
}

/** Samples the whole machine's CPU (all processes: Chromium's renderers are not our children for long). */
export class MachineSampler {
  private last = totals();

  sample(): MachineSample {
    const now = totals();
    const busy = now.busy - this.last.busy;
    const all = now.all - this.last.all;
    this.last = now;
    return { cpuBusy: all > 0 ? busy / all : 0, memoryFree: freemem() / totalmem() };
  }
}

function totals(): { busy: number; all: number } {
  let busy = 0;
  let all = 0;
  for (const { times } of cpus()) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    all += total;
    busy += total - times.idle;
  }
  return { busy, all };
}
