import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A directory form whose business-name box has no cue at all: detection cannot map a required field. */
export const UNLABELLED_FORM = `<form method="post">
  <div><input name="x1" style="width:220px"></div>
  <input name="x2" style="display:none">
  <label for="e">Email</label><input id="e" type="email" name="email">
  <label for="p">Phone</label><input id="p" name="phone">
  <label for="w">Website</label><input id="w" name="website">
  <label for="c">City</label><input id="c" name="city">
  <label for="d">Description</label><textarea id="d" name="description"></textarea>
  <button type="submit">Submit listing</button></form>`;

const page = (res: ServerResponse, body: string): void => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>Add your business</title></head><body>${body}</body></html>`);
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
  });

export interface LocalServer {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A form detection maps in full. */
export const LABELLED_FORM = `<form method="post">
  <label for="biz">Business name</label><input id="biz" name="business_name">
  <label for="mail">Email</label><input id="mail" type="email" name="email">
  <label for="tel">Phone</label><input id="tel" name="phone">
  <label for="web">Website</label><input id="web" name="website">
  <label for="town">City</label><input id="town" name="city">
  <button type="submit">Submit listing</button></form>`;

/** Paths serve `pages[path]`, else the unlabelled form; what each POST carried is kept by path. */
export async function startFormSite(
  pages: Readonly<Record<string, string>> = {},
): Promise<LocalServer & { readonly posts: Map<string, URLSearchParams> }> {
  const posts = new Map<string, URLSearchParams>();
  const server = createServer((req, res) => {
    if (req.method !== 'POST') return page(res, pages[new URL(req.url ?? '/', 'http://x').pathname] ?? UNLABELLED_FORM);
    void readBody(req).then((body) => {
      posts.set(new URL(req.url ?? '/', 'http://x').pathname, new URLSearchParams(body));
      page(res, '<h1>Thank you! Your listing is pending review.</h1>');
    });
  });
  return { ...(await listen(server)), posts };
}

export type ServiceAnswer = (request: { readonly url: string; readonly wanted: string[] }) => {
  status: number;
  body: string;
  delayMs?: number;
};

/** The mapping service: `answer` decides per request; every request body is kept. */
export async function startMappingService(
  answer: ServiceAnswer,
): Promise<LocalServer & { readonly requests: Array<{ url: string; wanted: string[] }> }> {
  const requests: Array<{ url: string; wanted: string[] }> = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const parsed = JSON.parse(body) as { url: string; wanted: string[] };
      requests.push(parsed);
      const reply = answer(parsed);
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(reply.body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  return { ...(await listen(server)), requests };
}
