import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { LoadRequest, LoadResult } from './load-run';

const LOADTEST = join(require.resolve('loadtest/package.json'), '..', 'bin', 'loadtest.js');

/**
 * Offers the load open-loop: loadtest sends a request every 1/rate s on its own clock, whether or
 * not earlier ones have answered (more connections when they have not), as users arriving at a
 * steady rate do. A slow answer then delays nothing after it, and what it measures is the latency
 * at that rate. (autocannon's -R is a quota per connection per second: each connection sends
 * back to back until its quota is used, so "500 req/s" there is bursts at full concurrency.)
 */
export function runOpenLoad(load: LoadRequest): Promise<LoadResult> {
  const args = [LOADTEST, '--cores', '1', '-k', '--rps', String(load.rate), '-t', String(load.seconds), '-m', load.method];
  for (const [name, value] of Object.entries(load.headers)) args.push('-H', `${name}:${value}`);
  if (load.body !== undefined) args.push('-T', load.headers['content-type'] ?? 'application/json', '-P', load.body);
  args.push(load.url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`loadtest failed: ${error.message}\n${stderr}`));
      try {
        resolve(parseReport(stdout));
      } catch (parseError) {
        reject(new Error(`loadtest printed what this bench cannot read (${(parseError as Error).message}):\n${stdout}`));
      }
    });
  });
}

/** loadtest's report: whole milliseconds, truncated (a "9 ms" p99 is under 10 ms). Every non-2xx answer counts as an error. */
function parseReport(text: string): LoadResult {
  const number = (pattern: RegExp): number => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`no match for ${pattern.source}`);
    return Number(match[1]);
  };
  const total = number(/Completed requests:\s+(\d+)/);
  const failed = number(/Total errors:\s+(\d+)/);
  return {
    requestsPerSecond: number(/Effective rps:\s+(\d+)/),
    p50: number(/^\s*50%\s+(\d+) ms/m),
    p99: number(/^\s*99%\s+(\d+) ms/m),
    max: number(/^\s*100%\s+(\d+) ms/m),
    total,
    non2xx: failed,
    errors: null,
  };
}
