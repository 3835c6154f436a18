import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright';
import { awaitChange } from '../../src/workers/playwright/page-change';

/**
 * A page that arrives in three pieces, the last one long after the second: parser insertions of
 * the second piece settle, but the document is still loading — half a select, no submit button.
 */
const PIECES = [
  '<!doctype html><html><head><title>Step 2</title></head><body><form method="post"><label for="city">City</label><input id="city" name="city">',
  '<label for="state">State</label><select id="state" name="state"><option value="">Choose</option><option value="AL">Alabama</option>',
  '<option value="TX">Texas</option></select><label for="zip">ZIP</label><input id="zip" name="zip"><button type="submit">Submit</button></form></body></html>',
];
const SECOND_PIECE_AFTER_MS = 300;
const LAST_PIECE_AFTER_MS = 1_500;

describe('awaitChange on a document still being parsed', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  const open: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => {
      open.push(res);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(PIECES[0]);
      setTimeout(() => res.write(PIECES[1]), SECOND_PIECE_AFTER_MS);
      setTimeout(() => res.end(PIECES[2]), LAST_PIECE_AFTER_MS);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports the change only once the document has been parsed to its end', async () => {
    const page = await browser.newPage();
    // Committed but not parsed: what a step of a wizard looks like right after its "Next" navigated.
    await page.goto(`${base}/step-2`, { waitUntil: 'commit' });
    const change = await awaitChange(page, 0, 5_000);
    expect(change.kind).not.toBe('timeout');
    const options = await page.locator('#state option').all();
    const seen = {
      states: await Promise.all(options.map((option) => option.getAttribute('value'))),
      submit: (await page.locator('button[type=submit]').count()) === 1,
    };
    expect(seen).toEqual({ states: ['', 'AL', 'TX'], submit: true });
    await page.close();
  });
});
