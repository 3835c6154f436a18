/**
 * Keeps one received message invisible while it is worked on. The lease is counted from before
 * the receive call — the queue may have handed the message out at any moment of that call, and
 * a long poll or a topped-up batch can take a good part of a lease — and each extension is due a
 * third of a lease after the start of the last one that took, so one can fail (and be retried
 * soon) before the lease runs out. Never two calls at once.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    /** False when the receipt is stale: another delivery owns the message, nothing to keep. */
    private readonly extend: () => Promise<boolean>,
    private readonly visibilityMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(leaseFrom: number): void {
    this.schedule(leaseFrom + this.visibilityMs / 3);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(at: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.renew(), Math.max(0, at - Date.now()));
  }

  private async renew(): Promise<void> {
    const from = Date.now();
    try {
      if (await this.extend()) this.schedule(from + this.visibilityMs / 3);
    } catch (error) {
      this.onError(error);
      this.schedule(Date.now() + Math.min(1000, this.visibilityMs / 10));
    }
  }
}
