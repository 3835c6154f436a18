import type { AdvisoryLeases } from '../database/advisory-leases';
import { WakeableSleep } from './wakeable-sleep';

/**
 * Runs `task` every `intervalMs` in the one process (of many) that holds the named advisory
 * lease, so periodic duties (the stale-work sweep, the dead-letter scan) never run twice at once.
 */
export class LeasedInterval {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();

  constructor(
    private readonly leases: AdvisoryLeases,
    private readonly lease: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Run now rather than at the next tick (tests, operator requests). */
  nudge(): void {
    this.pause.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wake();
    await this.loop;
    await this.leases.release(this.lease);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (await this.leases.tryAcquire(this.lease)) await this.task();
      } catch (error) {
        this.onError(error);
      }
      await this.pause.sleep(this.intervalMs);
    }
  }
}
