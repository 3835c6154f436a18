import type { Actor } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { percentile } from '../event-store/stats';
import { APPEND_RATE, APPEND_SECONDS, APPEND_WRITERS } from './bench-config';
import { createBenchPool } from './bench-database';
import { liveJobAppends, type PlannedAppend } from './live-jobs';
import { expectationsFromStreams, type LogExpectations } from './log-expectations';
import { sleep } from './wait';

export interface AppendLoadResult {
  readonly events: number;
  readonly appends: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly failures: readonly string[];
  readonly expected: LogExpectations;
}

function actorFor(append: PlannedAppend): Actor {
  if (append.streamId.startsWith('submission-')) return { kind: 'worker', id: 'worker-live' };
  return append.events[0].type === 'JobCompleted' ? { kind: 'system', id: 'system' } : { kind: 'staff', id: 'staff-live' };
}

/**
 * APPEND_RATE events/s for APPEND_SECONDS through appendToStream, from APPEND_WRITERS writers,
 * each writing whole job histories stream by stream; a shared schedule paces them.
 */
export async function runAppendLoad(database: string): Promise<AppendLoadResult> {
  const pool = createBenchPool(database, 'append-load', APPEND_WRITERS + 2);
  const store = new PostgresEventStore(pool, { maxEventBytes: 1 << 20, pollIntervalMs: 1000, listen: true });
  const latencies: number[] = [];
  const failures: string[] = [];
  const lastTypes = new Map<string, string>();
  let scheduled = 0;
  let written = 0;
  let nextJob = 1;
  const started = performance.now();
  const endAt = started + APPEND_SECONDS * 1000;
  const pace = async (events: number): Promise<void> => {
    scheduled += events;
    const wait = started + (scheduled / APPEND_RATE) * 1000 - performance.now();
    if (wait > 0) await sleep(wait);
  };
  const writer = async (): Promise<void> => {
    while (performance.now() < endAt && failures.length === 0) {
      for (const append of liveJobAppends(nextJob++)) {
        await pace(append.events.length);
        if (performance.now() >= endAt) return;
        const t0 = performance.now();
        try {
          await store.appendToStream(append.streamId, append.events, { expectedVersion: append.expectedVersion, actor: actorFor(append) });
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
          return;
        }
        latencies.push(performance.now() - t0);
        written += append.events.length;
        lastTypes.set(append.streamId, append.events[append.events.length - 1].type);
      }
    }
  };
  await Promise.all(Array.from({ length: APPEND_WRITERS }, writer));
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  await pool.end();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    events: written,
    appends: latencies.length,
    seconds,
    failures,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    expected: expectationsFromStreams(lastTypes, written),
  };
}
