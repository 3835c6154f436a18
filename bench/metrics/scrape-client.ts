import { performance } from 'node:perf_hooks';

/** What the parent asks for (one JSON argument). */
export interface ScrapePlan {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly requests: number;
  readonly concurrency: number;
}

export interface ScrapeFigures {
  readonly requests: number;
  readonly concurrency: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly non200: number;
  readonly bytes: number;
  readonly perSecond: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Scrapes `/api/metrics` `requests` times over `concurrency` loops, each waiting for its answer
 * before the next (as Prometheus does per target), and times each from send to the last byte.
 * Runs in its own process so the client does not share the app's event loop.
 */
async function run(plan: ScrapePlan): Promise<ScrapeFigures> {
  const latencies: number[] = [];
  let non200 = 0;
  let bytes = 0;
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < plan.requests) {
      next += 1;
      const started = performance.now();
      const response = await fetch(plan.url, { headers: plan.headers });
      const body = await response.text();
      latencies.push(performance.now() - started);
      if (response.status !== 200) non200 += 1;
      bytes = body.length;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: plan.concurrency }, loop));
  const seconds = (performance.now() - began) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return {
    requests: sorted.length,
    concurrency: plan.concurrency,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
    non200,
    bytes,
    perSecond: Math.round(sorted.length / seconds),
  };
}

if (require.main === module) {
  run(JSON.parse(process.argv[2]) as ScrapePlan)
    .then((figures) => process.stdout.write(JSON.stringify(figures)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
