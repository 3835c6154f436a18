import { WakeableSleep } from '../shared/wakeable-sleep';

/** What the runtime needs of a lease holder: AdvisoryLeases in the app, anything alike in a unit test. */
export interface Leases {
  tryAcquire(name: string): Promise<boolean>;
  isHeld(name: string): boolean;
  release(name: string): Promise<void>;
}

/** What a leader sees of its leadership while it leads. */
export interface Leadership {
  /** Still leading: not stopped, and the lease still held. */
  readonly active: boolean;
  /** The lease alone: a page already in flight when a stop comes may still finish. */
  readonly held: boolean;
  /** Cut short by stop() and wake(); returns at once once stopped. */
  sleep(ms: number): Promise<void>;
  wake(): void;
}

/** The part of a processor that differs: what it does while it holds its lease. */
export interface LeaderTask {
  readonly lease: string;
  /** Returns once stopped or the lease is lost; throws to back off and lead again later. */
  lead(leadership: Leadership): Promise<void>;
  onStandby?(): void;
  onFailure(error: unknown): Promise<void> | void;
  /** After every turn, led, failed or on standby: tidies up what `lead` may have left running. */
  afterTurn?(): Promise<void>;
}

export interface LeaderLoopOptions {
  /** How long a process that did not get the lease waits before trying again. */
  readonly standbyRetryMs: number;
  /** A wait before the first try, so a short-lived process does not start with a heavy duty. */
  readonly firstDelayMs?: number;
}

/** The one backoff after a failed turn: 500 ms, doubling, at most 30 s. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 250 * 2 ** failures);
}

/**
 * Hold a lease, lead, back off: the loop every processor shares. Only the process holding the
 * lease leads, so a duty runs once across processes; the others wait on standby to take over.
 * Its sleeps never keep a process alive on their own.
 */
export class LeaderLoop implements Leadership {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep({ unref: true });

  constructor(
    private readonly leases: Leases,
    private readonly task: LeaderTask,
    private readonly options: LeaderLoopOptions,
  ) {}

  get active(): boolean {
    return !this.stopped && this.held;
  }

  get held(): boolean {
    return this.leases.isHeld(this.task.lease);
  }

  start(): void {
    this.loop ??= this.run();
  }

  sleep(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.pause.sleep(ms);
  }

  wake(): void {
    this.pause.wake();
  }

  /** Waits for the turn in progress, then releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    if (this.options.firstDelayMs) await this.sleep(this.options.firstDelayMs);
    let failures = 0;
    while (!this.stopped) {
      try {
        if (await this.leases.tryAcquire(this.task.lease)) {
          await this.task.lead(this);
          failures = 0;
        } else {
          this.task.onStandby?.();
          await this.sleep(this.options.standbyRetryMs);
        }
      } catch (error) {
        failures += 1;
        await this.task.onFailure(error);
        await this.sleep(backoffMs(failures));
      } finally {
        await this.task.afterTurn?.();
      }
    }
    await this.leases.release(this.task.lease);
  }
}
