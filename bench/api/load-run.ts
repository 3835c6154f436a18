import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface LoadRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Requests per second offered (autocannon's -R), across all connections. */
  readonly rate: number;
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly total: number;
  readonly non2xx: number;
  /** Connection errors and timeouts; null where the tool counts them with non2xx. */
  readonly errors: number | null;
}

interface AutocannonJson {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

const AUTOCANNON = join(require.resolve('autocannon/package.json'), '..', 'autocannon.js');

/**
 * Offers the load from a separate process (autocannon), so the load generator does not share the
 * app's event loop. Closed-loop: see open-load.ts for what its -R rate means.
 */
export function runLoad(load: LoadRequest): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    '--json',
    '-c',
    String(load.connections),
    '-d',
    String(load.seconds),
    '-R',
    String(load.rate),
    '-m',
    load.method,
  ];
  for (const [name, value] of Object.entries(load.headers)) args.push('-H', `${name}=${value}`);
  if (load.body !== undefined) args.push('-b', load.body);
  args.push(load.url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`autocannon failed: ${error.message}\n${stderr}`));
      const report = JSON.parse(stdout) as AutocannonJson;
      resolve({
        requestsPerSecond: report.requests.average,
        p50: report.latency.p50,
        p99: report.latency.p99,
        max: report.latency.max,
        total: report['2xx'] + report.non2xx,
        non2xx: report.non2xx,
        errors: report.errors + report.timeouts,
      });
    });
  });
}
