/**
 * A sleep that another part of the same loop can cut short (stop, a rebuild request). A wake
 * that arrives while nobody sleeps cuts the next sleep short instead of being lost.
 */
export class WakeableSleep {
  private wakeCurrent: (() => void) | null = null;
  private pending = false;

  /** `unref`: a timer that never keeps the process alive by itself (background loops). */
  constructor(private readonly options: { readonly unref?: boolean } = {}) {}

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(resolve), ms);
      if (this.options.unref) timer.unref();
      this.wakeCurrent = () => {
        clearTimeout(timer);
        this.settle(resolve);
      };
    });
  }

  wake(): void {
    if (this.wakeCurrent) this.wakeCurrent();
    else this.pending = true;
  }

  private settle(resolve: () => void): void {
    this.wakeCurrent = null;
    resolve();
  }
}
