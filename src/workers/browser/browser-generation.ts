import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright';
import { killByMarker, launchMarker } from './browser-process';

export interface ContextPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Headless flags: without the background-networking ones Chromium keeps trying to reach the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BLOCKED_RESOURCES = new Set(['image', 'font', 'media']);

/** One launched Chromium and its bookkeeping. */
export class BrowserGeneration {
  issued = 0;
  active = 0;
  retired = false;

  private constructor(
    readonly browser: Browser,
    readonly marker: string,
    private readonly userAgent: string,
  ) {}

  static async launch(executablePath: string, timeoutMs: number): Promise<BrowserGeneration> {
    const marker = launchMarker(randomUUID());
    const browser = await chromium
      .launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, marker], timeout: timeoutMs })
      .catch(async (error: unknown) => {
        await killByMarker(marker);
        throw error;
      });
    return new BrowserGeneration(browser, marker, desktopUserAgent(browser.version()));
  }

  /**
   * A fresh context with heavy resources blocked. No spare context is kept ready ahead of time:
   * measured on 2 cores, building it beside a running submission slowed that submission by more
   * than the spare saved.
   */
  async newContext(): Promise<ContextPage> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 800 },
      userAgent: this.userAgent,
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    try {
      const [page] = await Promise.all([context.newPage(), context.route('**/*', blockHeavyResources)]);
      return { context, page };
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }
}

function blockHeavyResources(route: Route): Promise<void> {
  const handled = BLOCKED_RESOURCES.has(route.request().resourceType()) ? route.abort() : route.continue();
  return handled.catch(() => undefined);
}

/** Headless Chromium announces itself as HeadlessChrome, which many directories turn away. */
function desktopUserAgent(version: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
}
