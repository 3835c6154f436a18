import type { IncomingMessage } from 'node:http';

/** One request as the sandbox saw it: which address it reached and what Chromium said about its site. */
export interface SandboxRequestRecord {
  /** The loopback address the request arrived on (its site). */
  readonly host: string;
  readonly method: string;
  readonly path: string;
  /** `Sec-Fetch-Site` (`cross-site`, `same-site`, `same-origin`, `none`); null from clients that send none. */
  readonly fetchSite: string | null;
  /** `Sec-Fetch-Dest` (`document`, `script`, `style`, `font`, `image`, …); null when absent. */
  readonly fetchDest: string | null;
  readonly referer: string | null;
}

const header = (request: IncomingMessage, name: string): string | null => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
};

/** The last `capacity` requests: enough for tests and for counting what blocking saves, bounded for benchmarks. */
export class RequestLog {
  private readonly records: SandboxRequestRecord[] = [];

  constructor(private readonly capacity = 5000) {}

  record(request: IncomingMessage, path: string): void {
    this.records.push({
      host: request.socket.localAddress?.replace(/^::ffff:/, '') ?? '',
      method: request.method ?? 'GET',
      path,
      fetchSite: header(request, 'sec-fetch-site'),
      fetchDest: header(request, 'sec-fetch-dest'),
      referer: header(request, 'referer'),
    });
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  list(): readonly SandboxRequestRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records.length = 0;
  }
}
