import type { ServerResponse } from 'node:http';

export function sendHtml(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(html);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function redirect(response: ServerResponse, status: 301 | 302 | 303, location: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { location, 'cache-control': 'no-store', ...headers });
  response.end();
}

/** Upstream failures look like the proxy's page, not the site's. */
export function sendServerError(response: ServerResponse, status: 500 | 502 | 503): void {
  const pages = {
    500: '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>Something went wrong. Please try again later.</p></body></html>',
    502: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    503: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>',
  } as const;
  sendHtml(response, status, pages[status], status === 503 ? { 'retry-after': '30' } : {});
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
