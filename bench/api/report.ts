import type { MachineInfo } from '../event-store/machine-info';
import { markdownTable, textTable, type Table } from '../shared/tables';
import type { Guards } from './api-app';
import type { CpuPerRequest } from './cpu-usage';
import type { LoadResult } from './load-run';

export const API_HEADING = '## API (`npm run bench:api`)';

export interface Measured {
  readonly route: string;
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
    rows: measured.map(({ route, rate, guards, result: r, cpu }) => [
      route,
      guards === 'on' ? 'session + rate limit' : 'off',
      String(rate),
      r.requestsPerSecond.toFixed(0),
      String(r.p50),
      String(r.p99),
      String(r.max),
      String(r.total),
      String(r.non2xx),
      String(r.errors),
      cpu.app.toFixed(0),
      cpu.database === null ? 'n/a' : cpu.database.toFixed(0),
    ]),
  };
}

export function resultRows(measured: readonly Measured[]): string[] {
  return [textTable(table(measured))];
}

/** Each route's p99 with guards against its target, and what the guards add at p50 and p99. */
export function targetLines(measured: readonly Measured[]): string[] {
  const lines: string[] = [];
  for (const route of Object.keys(TARGET_P99_MS)) {
    const on = measured.find((m) => m.route === route && m.guards === 'on');
    const off = measured.find((m) => m.route === route && m.guards === 'off');
    if (!on || !off) continue;
    const target = TARGET_P99_MS[route];
    const verdict = on.result.p99 <= target && on.result.non2xx === 0 ? 'met' : 'NOT met';
    lines.push(
      `- ${route} at ${on.rate} req/s: p99 ${on.result.p99} ms with guards (target ≤ ${target} ms: ${verdict}); ` +
        `the guards add ${(on.result.p50 - off.result.p50).toFixed(1)} ms at p50 and ${(on.result.p99 - off.result.p99).toFixed(1)} ms at p99.`,
    );
  }
  return lines;
}

export function apiSection(info: MachineInfo, loadAtEnd: string, seconds: number, measured: readonly Measured[]): string {
  return [
    API_HEADING,
    '',
    `Run ${info.date}: ${info.cores} cores, ${info.cpuModel}, ${info.postgres}, Node ${info.node}. Load average (1 / 5 / 15 min) at start ${info.loadAtStart}, at end ${loadAtEnd}.`,
    '',
    `The app (roles api and projector, machine PostgreSQL, rate-limit counts in the machine's Redis) in this process; the load from autocannon in a separate one, on 127.0.0.1, ${seconds} s per row at a fixed offered rate after a warm-up. "on": a staff session (looked up in PostgreSQL, then held in the process for SESSION_CACHE_MS) and the rate-limit guard (counts in Redis) with limits far above the load, so nothing is refused; "off": the session, API-key and rate-limit guards replaced by one that admits everyone. Creating a job appends its events and answers 201; the projector builds the read models beside it. "CPU µs/req": CPU time (user + system) over the row's run divided by its requests, of the app process (projector included) and of its PostgreSQL backends (from /proc); on a shared machine these move far less than the latencies do.`,
    '',
    markdownTable(table(measured)),
    '',
    ...targetLines(measured),
  ].join('\n');
}
