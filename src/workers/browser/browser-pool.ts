import type { BrowserContext, Page } from 'playwright';
import { BrowserGeneration } from './browser-generation';
import { findPidsByMarker, killByMarker } from './browser-process';
import { Semaphore } from './semaphore';
import { withTimeout } from './with-timeout';

export interface BrowserPoolOptions {
  readonly executablePath: string;
  readonly maxConcurrency: number;
  /** Relaunch after this many contexts: Chromium's memory only grows over a long life. */
  readonly retireAfter: number;
  readonly launchTimeoutMs: number;
  /** A context+page not ready within this is taken as a hung browser; default launchTimeoutMs. */
  readonly contextTimeoutMs?: number;
}

export interface BrowserLease {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes the context (always) and frees the slot; idempotent. */
  release(): Promise<void>;
  /** A page stopped answering: if the whole browser did too, it is killed and the next lease relaunches. */
  reportHung(): void;
}

export interface BrowserPoolStats {
  /** A browser is up and connected now (it is launched on first use, and again after a crash or retirement). */
  readonly launched: boolean;
  readonly launches: number;
  /** Leases held: each is one open context (or one being opened). */
  readonly active: number;
  readonly contextsOnCurrent: number;
  /** Contexts leased over the pool's life: one per submission. */
  readonly contextsOpened: number;
  /** Browsers killed because they stopped answering. */
  readonly kills: number;
}

const CONTEXT_CLOSE_TIMEOUT_MS = 5_000;

/** One long-lived Chromium per process, a fresh context per submission, bounded concurrency. */
export class BrowserPool {
  private readonly slots: Semaphore;
  private current: BrowserGeneration | null = null;
  private launching: Promise<BrowserGeneration> | null = null;
  private launches = 0;
  private contextsOpened = 0;
  private kills = 0;
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions) {
    if (!Number.isInteger(options.retireAfter) || options.retireAfter < 1) throw new Error('retireAfter must be a positive integer');
    this.slots = new Semaphore(options.maxConcurrency);
  }

  stats(): BrowserPoolStats {
    const { launches, contextsOpened, kills } = this;
    const launched = this.current?.browser.isConnected() ?? false;
    return { launched, launches, active: this.slots.inUse, contextsOnCurrent: this.current?.issued ?? 0, contextsOpened, kills };
  }

  /** Process ids of the current browser (for operators and tests). */
  async browserPids(): Promise<number[]> {
    return this.current ? findPidsByMarker(this.current.marker) : [];
  }

  async acquire(signal?: AbortSignal): Promise<BrowserLease> {
    if (this.closed) throw new Error('browser pool is closed');
    await this.slots.acquire(signal);
    try {
      return await this.openLease();
    } catch (error) {
      this.slots.release();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending = this.launching ? await this.launching.catch(() => null) : null;
    const generation = this.current ?? pending;
    this.current = null;
    if (generation) await this.shutdown(generation);
  }

  private async openLease(): Promise<BrowserLease> {
    const generation = await this.generation();
    try {
      return await this.leaseOn(generation);
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TimeoutExceededError') throw error;
      await this.kill(generation);
      return this.leaseOn(await this.generation());
    }
  }

  private async leaseOn(generation: BrowserGeneration): Promise<BrowserLease> {
    generation.issued += 1;
    generation.active += 1;
    if (generation.issued >= this.options.retireAfter) this.retire(generation);
    try {
      const ms = this.options.contextTimeoutMs ?? this.options.launchTimeoutMs;
      const { context, page } = await withTimeout(generation.newContext(), ms, 'browser context');
      this.contextsOpened += 1;
      return this.lease(generation, context, page);
    } catch (error) {
      this.finishOn(generation);
      throw error;
    }
  }

  private lease(generation: BrowserGeneration, context: BrowserContext, page: Page): BrowserLease {
    let released: Promise<void> | null = null;
    const release = (): Promise<void> => {
      released ??= withTimeout(context.close(), CONTEXT_CLOSE_TIMEOUT_MS, 'context close')
        .catch(() => undefined)
        .finally(() => {
          this.finishOn(generation);
          this.slots.release();
        });
      return released;
    };
    const reportHung = (): void => void this.probe(generation);
    return { context, page, release, reportHung };
  }

  private finishOn(generation: BrowserGeneration): void {
    generation.active -= 1;
    if (generation.retired && generation.active === 0) void this.shutdown(generation);
  }

  private retire(generation: BrowserGeneration): void {
    generation.retired = true;
    if (this.current === generation) this.current = null;
  }

  private generation(): Promise<BrowserGeneration> {
    if (this.current?.browser.isConnected()) return Promise.resolve(this.current);
    this.launching ??= this.launch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  private async launch(): Promise<BrowserGeneration> {
    const generation = await BrowserGeneration.launch(this.options.executablePath, this.options.launchTimeoutMs);
    this.launches += 1;
    generation.browser.on('disconnected', () => this.retire(generation));
    if (this.closed) {
      await this.shutdown(generation);
      throw new Error('browser pool is closed');
    }
    this.current = generation;
    return generation;
  }

  /** One frozen page (a site's endless script) must not cost the other submissions their browser. */
  private async probe(generation: BrowserGeneration): Promise<void> {
    if (generation.retired) return;
    const ms = this.options.contextTimeoutMs ?? this.options.launchTimeoutMs;
    const check = generation.browser.newContext().then((context) => context.close());
    await withTimeout(check, ms, 'browser probe').catch(() => this.kill(generation));
  }

  private async kill(generation: BrowserGeneration): Promise<void> {
    this.kills += 1;
    this.retire(generation);
    await killByMarker(generation.marker);
    void generation.browser.close().catch(() => undefined);
  }

  private async shutdown(generation: BrowserGeneration): Promise<void> {
    this.retire(generation);
    await withTimeout(generation.browser.close(), this.options.launchTimeoutMs, 'browser close').catch(() =>
      killByMarker(generation.marker),
    );
  }
}
