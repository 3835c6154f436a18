import { chromium, type Browser, type BrowserContext } from 'playwright';
import { SANDBOX_THIRD_PARTY_HOST, SANDBOX_SITE_ADDRESSES } from '../../sandbox/sandbox-addresses';
import { sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { eventually } from '../support/eventually';
import { HERO_HEIGHT, HERO_WIDTH } from '../../sandbox/third-party/third-party.assets';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** "Its own site" as Chromium decides it, read off the Sec-Fetch-Site headers the sandbox receives. */
describe('multi-origin sandbox (real Chromium)', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    sandbox = await startSandbox({ slowMs: 10 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });
  beforeEach(async () => {
    sandbox.reset();
    context = await browser.newContext();
  });
  afterEach(async () => context?.close());

  const hostOf = (url: string): string => new URL(url).hostname;

  it('serves every catalog directory from its own loopback address on one port, the control host aside', async () => {
    const directories = sandboxDirectories(sandbox.baseUrl, 60);
    const hosts = directories.map((directory) => hostOf(directory.url));
    expect(new Set(hosts).size).toBe(60);
    expect(hosts.every((host) => /^127\./.test(host) && host !== '127.0.0.1' && host !== SANDBOX_THIRD_PARTY_HOST)).toBe(true);
    expect(new Set(directories.map((directory) => new URL(directory.url).port))).toEqual(new Set([new URL(sandbox.baseUrl).port]));
    expect(sandbox.thirdPartyOrigin).toBe(`http://${SANDBOX_THIRD_PARTY_HOST}:${new URL(sandbox.baseUrl).port}`);
    expect(sandbox.submissionUrl('plain-labels', 1)).toBe(directories[0].submissionUrl);
    for (const directory of [directories[0], directories[13], directories[59]]) {
      expect((await fetch(directory.submissionUrl)).status).toBe(200);
    }
    expect(sandbox.requests().map((request) => request.host)).toEqual([hosts[0], hosts[13], hosts[59]]);
    // The last of the addresses it listens on answers too.
    const last = sandboxDirectories(sandbox.baseUrl, SANDBOX_SITE_ADDRESSES).at(-1);
    expect((await fetch(last?.url ?? '')).status).toBe(200);
  });

  it('loads a heavy page: analytics script, stylesheet, web font and hero image come cross-site from the third-party origin', async () => {
    const page = await context.newPage();
    await page.goto(sandbox.submissionUrl('plain-labels', 1), { waitUntil: 'load' });
    // The pixel follows the async script and the font the first layout: wait for them, not for a time.
    const arrived = (path: string): boolean => sandbox.requests().some((request) => request.path === path);
    await eventually(() => arrived('/collect') && arrived('/fonts/sandbox-sans.woff2'), { message: 'the analytics pixel and the font' });
    const hero = await page.locator('.hero-banner img').evaluate((img) => {
      const image = img as unknown as { readonly naturalWidth: number; readonly naturalHeight: number };
      return [image.naturalWidth, image.naturalHeight];
    });
    expect(hero).toEqual([HERO_WIDTH, HERO_HEIGHT]);
    const thirdParty = sandbox.requests().filter((request) => request.host === SANDBOX_THIRD_PARTY_HOST);
    expect(thirdParty.map((request) => [request.path, request.fetchDest, request.fetchSite]).sort()).toEqual(
      [
        ['/collect', 'image', 'cross-site'],
        ['/fonts/sandbox-sans.woff2', 'font', 'cross-site'],
        ['/img/hero.png', 'image', 'cross-site'],
        ['/js/analytics.js', 'script', 'cross-site'],
        ['/static/site.css', 'style', 'cross-site'],
      ].sort(),
    );
    const document = sandbox.requests().find((request) => request.fetchDest === 'document');
    expect(document).toMatchObject({ host: hostOf(sandbox.submissionUrl('plain-labels', 1)), fetchSite: 'none' });
  });

  it('keeps a light site light: nothing from the third-party origin', async () => {
    const page = await context.newPage();
    await page.goto(sandbox.submissionUrl('placeholder-only', 1), { waitUntil: 'load' });
    expect(sandbox.requests().filter((request) => request.host === SANDBOX_THIRD_PARTY_HOST)).toEqual([]);
  });

  it('makes two directories cross-site to each other, while a page of the same directory stays same-origin', async () => {
    const [first, second] = sandboxDirectories(sandbox.baseUrl, 2);
    const page = await context.newPage();
    await page.goto(first.url, { waitUntil: 'domcontentloaded' });
    // Renderer-initiated navigations, as a link click would be.
    const go = (url: string): void => {
      (globalThis as unknown as { location: { href: string } }).location.href = url;
    };
    await Promise.all([page.waitForURL(first.submissionUrl), page.evaluate(go, first.submissionUrl)]);
    await Promise.all([page.waitForURL(second.url), page.evaluate(go, second.url)]);
    const documents = sandbox.requests().filter((request) => request.fetchDest === 'document');
    expect(documents.map((request) => [request.host, request.fetchSite])).toEqual([
      [hostOf(first.url), 'none'],
      [hostOf(first.url), 'same-origin'],
      [hostOf(second.url), 'cross-site'],
    ]);
  });
});
