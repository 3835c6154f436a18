import { LeaderLoop, type Leadership, type Leases } from './leader-loop';
import { loopProcessor, type Processor } from './processor';

export interface PeriodicOptions {
  /** The lease, and the name the duty goes by. */
  readonly name: string;
  /** From the end of one run to the start of the next: runs never overlap. */
  readonly everyMs: number;
  /** Before the first run; none by default. */
  readonly firstDelayMs?: number;
  /** A failed run is reported and the schedule goes on. */
  readonly onError: (error: unknown) => void;
}

/**
 * Runs `task` every `everyMs` in the one process (of many) that holds the lease, so periodic
 * duties (the stale-work sweep, the dead-letter scan, retention) never run twice at once.
 */
export function periodic(leases: Leases, options: PeriodicOptions, task: () => Promise<void>): Processor {
  const loop = new LeaderLoop(
    leases,
    {
      lease: options.name,
      lead: (leadership) => repeat(leadership, options, task),
      onFailure: options.onError,
    },
    { standbyRetryMs: options.everyMs, firstDelayMs: options.firstDelayMs },
  );
  return loopProcessor(options.name, loop);
}

async function repeat(leadership: Leadership, options: PeriodicOptions, task: () => Promise<void>): Promise<void> {
  while (leadership.active) {
    await task().catch(options.onError);
    await leadership.sleep(options.everyMs);
  }
}
