import type { MachineInfo } from '../event-store/machine-info';
import { markdownTable, textTable, type Table } from '../shared/tables';
import type { Guards } from './api-app';
import type { CpuPerRequest } from './cpu-usage';
import type { LoadResult } from './load-run';

export const API_HEADING = '## API (`npm run bench:api`)';

/** steady: one request every 1/rate s (loadtest, open-loop); bursts: autocannon's per-second quota per connection. */
export type Load = 'steady' | 'bursts';

export interface Measured {
  readonly route: string;
  readonly load: Load;
  /** Requests per second offered. */
  readonly rate: number;
  readonly guards: Guards;
  readonly result: LoadResult;
  readonly cpu: CpuPerRequest;
}

/** p99 targets (ms) at the offered rate, from the issue; the seed measured 150 ms (list) and 80 ms (create). */
const TARGET_P99_MS: Readonly<Record<string, number>> = { 'GET /api/queue/:customerId': 10, 'POST /api/queue/:customerId': 20 };

function table(measured: readonly Measured[]): Table {
  return {
    headers: [
      'route',
      'load',
      'guards',
      'offered req/s',
      'served req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'requests',
      'non-2xx',
      'errors',
      'app CPU µs/req',
      'PostgreSQL CPU µs/req',
    ],
    rows: measured.map(({ route, load, rate, guards, result: r, cpu }) => [
      route,
      load === 'steady' ? 'steady (loadtest)' : 'bursts (autocannon)',
      guards === 'on' ? 'session + rate limit' : 'off',
      String(rate),
      r.requestsPerSecond.toFixed(0),
      String(r.p50),
      String(r.p99),
      String(r.max),
      String(r.total),
      String(r.non2xx),
      r.errors === null ? 'in non-2xx' : String(r.errors),
      cpu.app.toFixed(0),
      cpu.database === null ? 'n/a' : cpu.database.toFixed(0),
    ]),
  };
}

export function resultRows(measured: readonly Measured[]): string[] {
  return [textTable(table(measured))];
}

/** Each route's steady-rate p99 with guards against its target, what the guards add, and the bursts' p99 beside. */
export function targetLines(measured: readonly Measured[]): string[] {
  const lines: string[] = [];
  const find = (route: string, load: Load, guards: Guards): Measured | undefined =>
    measured.find((m) => m.route === route && m.load === load && m.guards === guards);
  for (const route of Object.keys(TARGET_P99_MS)) {
    const on = find(route, 'steady', 'on');
    const off = find(route, 'steady', 'off');
    if (!on || !off) continue;
    const target = TARGET_P99_MS[route];
    // loadtest truncates to whole ms: a p99 printed as the target itself may be just above it.
    const verdict = on.result.p99 < target && on.result.non2xx === 0 ? 'met' : 'NOT met';
    const bursts = find(route, 'bursts', 'on');
    lines.push(
      `- ${route} at a steady ${on.rate} req/s: p99 ${on.result.p99} ms with guards (target ≤ ${target} ms: ${verdict}); ` +
        `the guards add ${(on.result.p50 - off.result.p50).toFixed(1)} ms at p50 and ${(on.result.p99 - off.result.p99).toFixed(1)} ms at p99` +
        (bursts ? `; in autocannon's bursts p99 ${bursts.result.p99} ms.` : '.'),
    );
  }
  return lines;
}

/** Seconds of each kind of run. */
export interface Durations {
  readonly list: number;
  readonly create: number;
  readonly bursts: number;
}

export function apiSection(info: MachineInfo, loadAtEnd: string, durations: Durations, measured: readonly Measured[]): string {
  return [
    API_HEADING,
    '',
    `Run ${info.date}: ${info.cores} cores, ${info.cpuModel}, ${info.postgres}, Node ${info.node}. Load average (1 / 5 / 15 min) at start ${info.loadAtStart}, at end ${loadAtEnd}.`,
    '',
    `The app (roles api and projector, machine PostgreSQL, rate-limit counts in the machine's Redis) in this process; the load from a separate process on 127.0.0.1, after a warm-up. "steady": loadtest sends one request every 1/rate s on its own clock whether or not earlier ones have answered (open-loop, as users arriving at that rate; ${durations.list} s for the list, ${durations.create} s for creation; whole milliseconds, truncated, and any non-2xx answer or failed connection counted in "non-2xx"): the targets are judged on these rows. "bursts": autocannon with -R, which is a quota per connection per second, so each of its connections (10 for the list, 5 for creation) sends back to back until its share is used, then waits for the next second: bursts at full concurrency, ${durations.bursts} s per row (how earlier runs measured). "on": a staff session (looked up in PostgreSQL, then held in the process for SESSION_CACHE_MS) and the rate-limit guard (counts in Redis) with limits far above the load, so nothing is refused; "off": the session, API-key and rate-limit guards replaced by one that admits everyone. Creating a job appends its events and answers 201; the projector builds the read models beside it. "CPU µs/req": CPU time (user + system) over the row's run divided by its requests, of the app process (projector included) and of its PostgreSQL backends (from /proc); on a shared machine these move far less than the latencies do.`,
    '',
    markdownTable(table(measured)),
    '',
    ...targetLines(measured),
  ].join('\n');
}
