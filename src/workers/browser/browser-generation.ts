import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { killByMarker, launchMarker } from './browser-process';

export interface ContextPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** A frame of the page read or wrote sessionStorage (context-reset.ts: the page is then replaced, not reused). */
  readonly sessionStorageUsed: () => boolean;
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

export interface LaunchOptions {
  readonly executablePath: string;
  readonly timeoutMs: number;
  /** BROWSER_EXTRA_ARGS, after the fixed ones. */
  readonly extraArgs?: readonly string[];
  /** Registration is refused by default; the isolation test allows it to prove the clearing. */
  readonly serviceWorkers?: 'block' | 'allow';
}

/** One launched Chromium and its bookkeeping. */
export class BrowserGeneration {
  issued = 0;
  active = 0;
  retired = false;
  /** Contexts cleared and waiting for their next submission (BROWSER_CONTEXT_REUSE). */
  readonly idle: ContextPage[] = [];

  private constructor(
    readonly browser: Browser,
    readonly marker: string,
    private readonly userAgent: string,
    private readonly serviceWorkers: 'block' | 'allow',
  ) {}

  static async launch(options: LaunchOptions): Promise<BrowserGeneration> {
    const { executablePath, timeoutMs } = options;
    const marker = launchMarker(randomUUID());
    const args = [...CHROMIUM_ARGS, ...(options.extraArgs ?? []), marker];
    const browser = await chromium.launch({ executablePath, headless: true, args, timeout: timeoutMs }).catch(async (error: unknown) => {
      await killByMarker(marker);
      throw error;
    });
    return new BrowserGeneration(browser, marker, desktopUserAgent(browser.version()), options.serviceWorkers ?? 'block');
  }

  /**
   * A fresh context and its page; what it may load is the fence's to decide (destination-fence.ts),
   * per submission. No spare context is kept ready ahead of time:
   * measured on 2 cores, building it beside a running submission slowed that submission by more
   * than the spare saved.
   */
  async newContext(): Promise<ContextPage> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 800 },
      userAgent: this.userAgent,
      serviceWorkers: this.serviceWorkers,
      acceptDownloads: false,
    });
    try {
      await context.addInitScript(WATCH_SESSION_STORAGE);
      return await openPage(context);
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }
}

/** A page of a kept context; also the replacement for a page whose tab holds sessionStorage. */
export async function openPage(context: BrowserContext): Promise<ContextPage> {
  const page = await context.newPage();
  let used = false;
  page.on('console', (message) => {
    if (!used && message.type() === 'debug' && message.text() === SESSION_STORAGE_MARK) used = true;
  });
  return { context, page, sessionStorageUsed: () => used };
}

/**
 * sessionStorage belongs to the tab and no DevTools command clears it once the page has left the
 * site, so a page whose frames touched it is replaced. The first touch in each frame says so on
 * the console, through the console method saved before any script of the site ran.
 */
const SESSION_STORAGE_MARK = '__dbolt_session_storage__';
const WATCH_SESSION_STORAGE = `(() => {
  const say = console.debug.bind(console);
  let owner = window;
  while (owner && !Object.getOwnPropertyDescriptor(owner, 'sessionStorage')) owner = Object.getPrototypeOf(owner);
  const original = owner && Object.getOwnPropertyDescriptor(owner, 'sessionStorage');
  if (!original || !original.get) return;
  let told = false;
  Object.defineProperty(owner, 'sessionStorage', {
    configurable: true,
    enumerable: original.enumerable,
    get() {
      if (!told) { told = true; say('${SESSION_STORAGE_MARK}'); }
      return original.get.call(this);
    },
  });
})();`;

/** Headless Chromium announces itself as HeadlessChrome, which many directories turn away. */
function desktopUserAgent(version: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
}
