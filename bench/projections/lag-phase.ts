import { fork, type ChildProcess } from 'node:child_process';
import type { Pool } from 'pg';
import type { ProjectionHost } from '../../projections/runtime/projection-host';
import { percentile } from '../event-store/stats';
import { APPEND_SECONDS, LAG_SAMPLE_MS } from './bench-config';
import { MEASURED_NAMES } from './bench-host';
import type { AppendLoadResult } from './append-load';
import { sleep, waitUntil } from './wait';

export const APPEND_LOAD_ARG = '--append-load';

export type LoadMessage =
  | { readonly kind: 'started' }
  | { readonly kind: 'done'; readonly result: AppendLoadResult }
  | { readonly kind: 'failed'; readonly error: string };

export interface LagStats {
  readonly name: string;
  readonly samples: number;
  readonly events: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly ms: { readonly p50: number; readonly p99: number; readonly max: number };
}

export interface LagResult {
  readonly load: AppendLoadResult;
  readonly lag: readonly LagStats[];
  /** From the last append to every projection at the end of the log. */
  readonly drainSeconds: number;
}

function summarize(name: string, events: number[], ms: number[]): LagStats {
  const e = [...events].sort((a, b) => a - b);
  const m = [...ms].sort((a, b) => a - b);
  return {
    name,
    samples: e.length,
    events: { p50: percentile(e, 50), p99: percentile(e, 99), max: e[e.length - 1] ?? Number.NaN },
    ms: { p50: percentile(m, 50), p99: percentile(m, 99), max: m[m.length - 1] ?? Number.NaN },
  };
}

function nextMessage(child: ChildProcess): Promise<LoadMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`append-load child exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (message: LoadMessage) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

/**
 * The host stays live while a child process appends at a steady rate; every LAG_SAMPLE_MS the
 * host's own status() gives each projection's lag: events past its checkpoint and the age of the
 * oldest of them (store.lagAfter).
 */
export async function runLagPhase(pool: Pool, host: ProjectionHost, entryFile: string, database: string): Promise<LagResult> {
  const child = fork(entryFile, [APPEND_LOAD_ARG, database], { stdio: 'inherit' });
  const first = await nextMessage(child);
  if (first.kind !== 'started') throw new Error(first.kind === 'failed' ? first.error : `append load sent ${first.kind}`);
  let finished: LoadMessage | null = null;
  const done = nextMessage(child).then((m) => (finished = m));
  const samples = new Map<string, { events: number[]; ms: number[] }>(MEASURED_NAMES.map((n) => [n, { events: [], ms: [] }]));
  const started = performance.now();
  for (let tick = 1; finished === null; tick += 1) {
    for (const status of await host.status()) {
      const into = samples.get(status.name);
      if (!into || !status.lag) continue;
      into.events.push(status.lag.events);
      into.ms.push(status.lag.seconds * 1000);
    }
    const wait = started + tick * LAG_SAMPLE_MS - performance.now();
    if (wait > 0) await Promise.race([sleep(wait), done]);
    if (performance.now() - started > (APPEND_SECONDS + 60) * 1000) throw new Error('append load did not finish');
  }
  const last = await done;
  if (last.kind !== 'done') throw new Error(last.kind === 'failed' ? last.error : `append load sent ${last.kind}`);
  const drainStart = performance.now();
  await waitUntil(async () => (await host.status()).every((s) => s.lag?.events === 0), 120_000, 'the projections to drain', 50);
  const drainSeconds = (performance.now() - drainStart) / 1000;
  return { load: last.result, lag: MEASURED_NAMES.map((n) => summarize(n, samples.get(n)!.events, samples.get(n)!.ms)), drainSeconds };
}

/** The child's side: append when told, report, exit. */
export async function serveAppendLoad(database: string, run: (db: string) => Promise<AppendLoadResult>): Promise<void> {
  const send = (message: LoadMessage): Promise<void> =>
    new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
  try {
    await send({ kind: 'started' });
    await send({ kind: 'done', result: await run(database) });
  } catch (error) {
    await send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.disconnect?.();
}
