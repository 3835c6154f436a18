import type { BrowserContext, Page } from 'playwright';

/** `nothing` exists so a test can show that the isolation test fails without the clearing; no setting picks it. */
export type ClearBetween = 'everything' | 'nothing';

/**
 * Everything a site can leave in a context, cleared before the next submission uses it: the page
 * leaves the site first (about:blank: no script of it runs on), then, for every origin the page
 * reached, its storage of every kind (cookies, localStorage, IndexedDB, Cache Storage, service
 * workers, …), the tab's history and name, the HTTP cache, every cookie and every permission.
 * sessionStorage is the tab's: the pool replaces a page that touched it (browser-generation.ts).
 * Throws when any step fails: the caller then closes the context instead of reusing it.
 */
export async function clearContext(context: BrowserContext, page: Page, origins: ReadonlySet<string>, timeoutMs: number): Promise<void> {
  await page.goto('about:blank', { timeout: timeoutMs });
  const session = await context.newCDPSession(page);
  try {
    await Promise.all([
      ...[...origins].map((origin) => session.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })),
      session.send('Network.clearBrowserCache'),
      session.send('Page.resetNavigationHistory'),
      session.send('Runtime.evaluate', { expression: "window.name = ''" }),
    ]);
  } finally {
    await session.detach().catch(() => undefined);
  }
  await Promise.all([context.clearCookies(), context.clearPermissions()]);
}
