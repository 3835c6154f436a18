/**
 * Runs `pass` every `intervalMs`, never two at once (the next one is timed from the end of the
 * last). Timers are unref'd so they never keep a process alive; a failing pass is reported, and
 * the schedule goes on.
 */
export class RetentionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number, firstDelayMs: number = intervalMs): void {
    this.stopped = false;
    this.schedule(firstDelayMs, intervalMs);
  }

  /** Cancels the next run and waits for one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number, intervalMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.running = null;
          this.schedule(intervalMs, intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
