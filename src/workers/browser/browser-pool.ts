import type { BrowserContext, Page } from 'playwright';
import { BrowserGeneration, openPage, type ContextPage } from './browser-generation';
import { findPidsByMarker, killByMarker } from './browser-process';
import { clearContext, type ClearBetween } from './context-reset';
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
  /** BROWSER_CONTEXT_REUSE: a released context is cleared and kept for the next lease instead of closed. */
  readonly reuseContexts?: boolean;
  /** Tests only: `nothing` shows what reuse without clearing would leak. */
  readonly clearBetween?: ClearBetween;
  readonly extraArgs?: readonly string[];
  /** Tests only: let pages register service workers (blocked by default). */
  readonly serviceWorkers?: 'block' | 'allow';
}

export interface BrowserLease {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Origins the page reached: with reuse, whose storage is cleared before the next lease. */
  readonly origins: Set<string>;
  /** Run before the clearing when the context is kept (a fence's CDP session detaching). */
  readonly beforeReuse: Array<() => Promise<void>>;
  /** Clears and keeps the context (reuse) or closes it, and frees the slot; idempotent. */
  release(): Promise<void>;
  /** Closes the context whatever the settings (a flow still running on it, a frozen page), and frees the slot. */
  discard(): Promise<void>;
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
  /** Contexts opened over the pool's life: one per submission, fewer with reuse. */
  readonly contextsOpened: number;
  /** Leases served by a cleared, reused context. */
  readonly contextsReused: number;
  /** Pages of kept contexts replaced because a site touched sessionStorage. */
  readonly pagesReplaced: number;
  /** Browsers killed because they stopped answering. */
  readonly kills: number;
}

const CONTEXT_CLOSE_TIMEOUT_MS = 5_000;
const CLEAR_TIMEOUT_MS = 5_000;

async function replacePage(opened: ContextPage): Promise<ContextPage> {
  await opened.page.close();
  return openPage(opened.context);
}

function closeContext(context: BrowserContext): Promise<void> {
  return withTimeout(context.close(), CONTEXT_CLOSE_TIMEOUT_MS, 'context close').catch(() => undefined);
}

/** One long-lived Chromium per process, a fresh (or cleared) context per submission, bounded concurrency. */
export class BrowserPool {
  private readonly slots: Semaphore;
  private current: BrowserGeneration | null = null;
  private launching: Promise<BrowserGeneration> | null = null;
  private launches = 0;
  private contextsOpened = 0;
  private contextsReused = 0;
  private pagesReplaced = 0;
  private kills = 0;
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions) {
    if (!Number.isInteger(options.retireAfter) || options.retireAfter < 1) throw new Error('retireAfter must be a positive integer');
    this.slots = new Semaphore(options.maxConcurrency);
  }

  stats(): BrowserPoolStats {
    const { launches, contextsOpened, contextsReused, pagesReplaced, kills } = this;
    const launched = this.current?.browser.isConnected() ?? false;
    const contextsOnCurrent = this.current?.issued ?? 0;
    return { launched, launches, active: this.slots.inUse, contextsOnCurrent, contextsOpened, contextsReused, pagesReplaced, kills };
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
    const kept = generation.idle.pop();
    if (kept) {
      this.contextsReused += 1;
      return this.lease(generation, kept);
    }
    try {
      const ms = this.options.contextTimeoutMs ?? this.options.launchTimeoutMs;
      const opened = await withTimeout(generation.newContext(), ms, 'browser context');
      this.contextsOpened += 1;
      return this.lease(generation, opened);
    } catch (error) {
      this.finishOn(generation);
      throw error;
    }
  }

  private lease(generation: BrowserGeneration, opened: ContextPage): BrowserLease {
    const { context, page } = opened;
    const origins = new Set<string>();
    const beforeReuse: Array<() => Promise<void>> = [];
    let released: Promise<void> | null = null;
    const finish = (keep: boolean): Promise<void> => {
      released ??= (keep ? this.keep(generation, opened, origins, beforeReuse) : closeContext(context)).finally(() => {
        this.finishOn(generation);
        this.slots.release();
      });
      return released;
    };
    const reportHung = (): void => void this.probe(generation);
    const reuse = this.options.reuseContexts === true;
    return { context, page, origins, beforeReuse, release: () => finish(reuse), discard: () => finish(false), reportHung };
  }

  /** Cleared and kept for the next lease; closed instead if any step of the clearing fails or the browser is going. */
  private async keep(
    generation: BrowserGeneration,
    opened: ContextPage,
    origins: Set<string>,
    hooks: Array<() => Promise<void>>,
  ): Promise<void> {
    let kept = opened;
    try {
      await Promise.all(hooks.map((hook) => hook()));
      if (this.options.clearBetween !== 'nothing') {
        await withTimeout(clearContext(opened.context, opened.page, origins, CLEAR_TIMEOUT_MS), CLEAR_TIMEOUT_MS, 'context clearing');
        if (opened.sessionStorageUsed()) {
          kept = await withTimeout(replacePage(opened), CLEAR_TIMEOUT_MS, 'page replacement');
          this.pagesReplaced += 1;
        }
      }
    } catch {
      return closeContext(opened.context);
    }
    if (generation.retired || this.closed || !generation.browser.isConnected()) return closeContext(opened.context);
    generation.idle.push(kept);
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
    const { executablePath, launchTimeoutMs, extraArgs, serviceWorkers } = this.options;
    const generation = await BrowserGeneration.launch({ executablePath, timeoutMs: launchTimeoutMs, extraArgs, serviceWorkers });
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
