import type { Pool } from 'pg';
import { encodePgCheckpoint } from '../../src/event-store/postgres/pg-checkpoint';
import type { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { readAllStates } from '../../projections/runtime/projection-registry';
import { REBUILD_ROUNDS, REBUILD_TIMEOUT_MS, RSS_SAMPLE_MS } from './bench-config';
import { createBenchHost, MEASURED_NAMES, type BenchHost } from './bench-host';
import { cpuSince, markCpu, type CpuSpan } from './cpu-usage';
import { waitUntil } from './wait';

export interface ProjectionRebuild {
  readonly name: string;
  readonly seconds: number;
  readonly eventsApplied: number;
}

export interface RebuildResult {
  readonly seconds: number;
  readonly projections: readonly ProjectionRebuild[];
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
  readonly cpu: CpuSpan;
}

const mb = (bytes: number): number => bytes / (1024 * 1024);

async function endOfLog(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ xid: string; position: string }>(
    'SELECT transaction_id::text AS xid, position::text AS position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1',
  );
  return encodePgCheckpoint({ transactionId: rows[0].xid, position: BigInt(rows[0].position) });
}

/**
 * Install, then mark the (empty) live generation as standing at the end of the log: the
 * situation of a running system asked to rebuild, without the live runners catching up from
 * zero in parallel with the rebuild.
 */
export async function startLiveHost(
  pool: Pool,
  store: PostgresEventStore,
  onProgress?: (p: string, n: number) => void,
): Promise<BenchHost> {
  const bench = createBenchHost(pool, store, onProgress);
  await bench.host.install();
  await pool.query('UPDATE projection_state SET live_checkpoint = $1 WHERE name = ANY ($2::text[])', [
    await endOfLog(pool),
    MEASURED_NAMES,
  ]);
  bench.host.start();
  await waitUntil(async () => (await bench.host.status()).every((s) => s.state === 'live'), 30_000, 'the runners to go live');
  return bench;
}

function progressLogger(): (projection: string, events: number) => void {
  const lastLog = new Map<string, number>();
  return (projection, events) => {
    if (Date.now() - (lastLog.get(projection) ?? 0) < 10_000) return;
    lastLog.set(projection, Date.now());
    console.log(`    ${projection}: ${events.toLocaleString('en-US')} events applied`);
  };
}

/** One rebuild of all three, requested together on the started host; timed until each is swapped in. */
async function timeRebuild(pool: Pool, bench: BenchHost): Promise<RebuildResult> {
  const before = new Map((await readAllStates(pool)).map((s) => [s.name, s.liveGeneration]));
  let peakRss = process.memoryUsage.rss();
  const rssBefore = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), RSS_SAMPLE_MS);
  const startedAt = Date.now();
  const cpu = markCpu();
  try {
    for (const name of MEASURED_NAMES) await bench.host.rebuild(name);
    await waitUntil(
      async () => {
        const states = await readAllStates(pool);
        return MEASURED_NAMES.every((name) => {
          const s = states.find((x) => x.name === name);
          return s !== undefined && s.liveGeneration > (before.get(name) ?? 0) && s.nextGeneration === null;
        });
      },
      REBUILD_TIMEOUT_MS,
      'the rebuilds',
      50,
    );
  } finally {
    clearInterval(sampler);
  }
  const cpuSpan = cpuSince(cpu);
  const seconds = (Date.now() - startedAt) / 1000;
  const states = await readAllStates(pool);
  const projections = MEASURED_NAMES.map((name) => {
    const s = states.find((x) => x.name === name)!;
    return { name, seconds: ((s.lastRebuildAt?.getTime() ?? Date.now()) - startedAt) / 1000, eventsApplied: s.liveEvents };
  });
  return { seconds, projections, rssBeforeMb: mb(rssBefore), peakRssMb: mb(peakRss), cpu: cpuSpan };
}

/** REBUILD_ROUNDS rebuilds one after the other on the same host and log (each builds the next generation). */
export async function runRebuilds(pool: Pool, store: PostgresEventStore): Promise<{ rounds: RebuildResult[]; bench: BenchHost }> {
  const bench = await startLiveHost(pool, store, progressLogger());
  const rounds: RebuildResult[] = [];
  try {
    for (let round = 1; round <= REBUILD_ROUNDS; round += 1) {
      const result = await timeRebuild(pool, bench);
      console.log(`  round ${round}: caught up in ${result.seconds.toFixed(2)} s, peak RSS ${Math.round(result.peakRssMb)} MB`);
      rounds.push(result);
    }
  } catch (error) {
    await bench.host.stop();
    throw error;
  }
  return { rounds, bench };
}

/** The round with the median wall time (the slower middle for an even count). */
export function medianRound(rounds: readonly RebuildResult[]): RebuildResult {
  const sorted = [...rounds].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}
