import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlockCategory } from '../../src/config/browser-config';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import type { SubmissionRequest } from '../../src/workers/submitter.port';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';

/**
 * One server seen as two sites: the directory at 127.0.0.1, a "third party" at localhost. The
 * form needs the third party's library (it sets the required field the form checks); the page
 * also asks for an image, a font, an analytics script and a third-party stylesheet.
 */
describe('BROWSER_BLOCK_RESOURCES against a page we control', () => {
  let server: Server;
  let port: number;
  let evidenceDir: string;
  const hits: string[] = [];
  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-blocking-'));
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      hits.push(`${url.hostname}${url.pathname}`);
      if (req.method === 'POST') return res.writeHead(303, { location: '/thanks' }).end();
      const third = `http://localhost:${port}`;
      const pages: Record<string, [string, string]> = {
        '/form': [
          'text/html',
          `<!doctype html><html><head><link rel="stylesheet" href="${third}/theme.css"><script src="${third}/lib/form-kit.js"></script>
           <script src="${third}/analytics.js"></script><style>@font-face{font-family:F;src:url(/font.woff2)}body{font-family:F}</style></head>
           <body><img src="/hero.jpg" alt=""><form method="post"><label for="n">Business name</label><input id="n" name="business_name" required>
           <label for="e">Email</label><input id="e" type="email" name="email" required><label for="p">Phone</label><input id="p" name="phone">
           <label for="w">Website</label><input id="w" name="url"><label for="d">Description</label><textarea id="d" name="description"></textarea>
           <button type="submit">Submit listing</button></form>
           <script>document.querySelector('form').addEventListener('submit', (e) => { if (!window.formKit) { e.preventDefault(); document.body.insertAdjacentHTML('beforeend', '<p class="error">Error: form kit missing</p>'); } });</script></body></html>`,
        ],
        '/thanks': ['text/html', '<!doctype html><h1>Thank you! Your listing has been submitted.</h1>'],
        '/lib/form-kit.js': ['text/javascript', 'window.formKit = true;'],
        '/analytics.js': ['text/javascript', 'window.tracked = true;'],
        '/theme.css': ['text/css', 'body{color:#333}'],
      };
      const page = pages[url.pathname];
      if (!page) return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x');
      res.writeHead(200, { 'content-type': page[0] }).end(page[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(evidenceDir, { recursive: true, force: true });
  });

  async function submitWith(blockResources: readonly BlockCategory[]): Promise<{ kind: string; hits: string[] }> {
    hits.length = 0;
    const pool = new BrowserPool({ executablePath: '/usr/bin/chromium', maxConcurrency: 1, retireAfter: 200, launchTimeoutMs: 15_000 });
    const submitter = new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 10_000,
      submitTimeoutMs: 10_000,
      politenessDelayMs: 0,
      detectFields: detectFieldsInPage,
      directoryUrlAllowlist: ['127.0.0.1', 'localhost'],
      blockResources,
    });
    const url = `http://127.0.0.1:${port}/form`;
    const request: SubmissionRequest = {
      jobId: 'job-block',
      directoryId: 'blocking',
      attempt: 1,
      idempotencyKey: `block-${blockResources.join('-')}`,
      business: SANDBOX_BUSINESS,
      directory: { id: 'blocking', submissionUrl: url, domain: '127.0.0.1', requiresLogin: false, hasCaptcha: false, formMapping: null },
    };
    try {
      const outcome = await submitter.submit(request);
      return { kind: outcome.kind, hits: [...new Set(hits)].sort() };
    } finally {
      await submitter.close();
    }
  }

  it('nothing blocked: every resource is fetched', async () => {
    const { kind, hits: seen } = await submitWith([]);
    expect(kind).toBe('success');
    expect(seen).toEqual(
      expect.arrayContaining(['127.0.0.1/hero.jpg', '127.0.0.1/font.woff2', 'localhost/analytics.js', 'localhost/theme.css']),
    );
  });

  it('heavy + trackers (the default): no image, font or analytics; the CDN-like library and the form still work', async () => {
    const { kind, hits: seen } = await submitWith(['heavy', 'trackers']);
    expect(kind).toBe('success');
    expect(seen).toEqual(
      expect.arrayContaining(['127.0.0.1/form', 'localhost/lib/form-kit.js', 'localhost/theme.css', '127.0.0.1/thanks']),
    );
    expect(seen).not.toEqual(expect.arrayContaining(['127.0.0.1/hero.jpg']));
    expect(seen.filter((hit) => /hero|font|analytics/.test(hit))).toEqual([]);
  });

  it('third-party adds other sites’ styles, still not their scripts', async () => {
    const { kind, hits: seen } = await submitWith(['heavy', 'trackers', 'third-party']);
    expect(kind).toBe('success');
    expect(seen).toContain('localhost/lib/form-kit.js');
    expect(seen).not.toContain('localhost/theme.css');
  });
});
