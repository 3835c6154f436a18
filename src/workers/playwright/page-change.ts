import type { Page } from 'playwright';
import { TimeoutExceededError, withTimeout } from '../browser/with-timeout';
import { snapshotPage, waitForChange, type PageSnapshot } from './page-change.browser';

export type PageChange =
  { readonly kind: 'changed'; readonly count: number } | { readonly kind: 'navigated' } | { readonly kind: 'timeout' };

const SETTLE_MS = 40;

/** Waits for the page to change after a click: a DOM change that settles, or a new document. */
export async function awaitChange(page: Page, seen: number, timeoutMs: number): Promise<PageChange> {
  try {
    // While a navigation is pending Chromium answers no evaluate, so the in-page timer alone is not enough.
    const waiting = page.evaluate(waitForChange, { seen, timeoutMs, settleMs: SETTLE_MS });
    const count = await withTimeout(waiting, timeoutMs + 250, 'page change');
    return count < 0 ? { kind: 'timeout' } : { kind: 'changed', count };
  } catch (error) {
    if (error instanceof TimeoutExceededError) return { kind: 'timeout' };
    if (!isNavigationError(error)) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, timeoutMs) });
    return { kind: 'navigated' };
  }
}

/** A snapshot that survives a navigation racing it (the old document's context disappears). */
export async function takeSnapshot(page: Page, timeoutMs: number): Promise<PageSnapshot> {
  try {
    return await page.evaluate(snapshotPage);
  } catch (error) {
    if (!isNavigationError(error)) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, timeoutMs) });
    return page.evaluate(snapshotPage);
  }
}

export function isNavigationError(error: unknown): boolean {
  return error instanceof Error && /context was destroyed|navigat/i.test(error.message);
}

/** Stops a pending navigation: until then Chromium runs no evaluate and takes no screenshot. */
export async function stopLoading(page: Page): Promise<void> {
  try {
    await withTimeout(sendStopLoading(page), 1_000, 'stop loading');
  } catch {
    // the page may be gone already; evidence then falls back to nothing
  }
}

async function sendStopLoading(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Page.stopLoading');
  await session.detach().catch(() => undefined);
}
