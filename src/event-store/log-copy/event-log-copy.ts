import type { Pool } from 'pg';
import { assertLogBelongsToCluster } from '../../database/log-cluster-guard';
import { checkCopy } from './copy-check';
import { copyEvents, countSourceEvents } from './copy-events';
import { moveCheckpoints, type MovedCheckpoint } from './copy-checkpoints';
import { planCopy, rowTables } from './copy-plan';
import { assertCopyPossible } from './copy-preflight';
import { copyTable } from './copy-rows';
import { SourceSnapshot } from './source-snapshot';

export interface LogCopyHooks {
  /** Before the events are copied: how many there are. */
  readonly onStart?: (events: number) => void;
  readonly onEvents?: (copied: number) => void;
  readonly onTable?: (table: string, rows: number) => void;
}

export interface LogCopySummary {
  readonly events: number;
  readonly streams: number;
  readonly tables: ReadonlyMap<string, number>;
  readonly checkpoints: readonly MovedCheckpoint[];
}

const READABLE_WAIT_MS = 60_000;

/**
 * Copies the log and the state that is not derived from it from `source` to a migrated, empty
 * `target`, re-sequencing the global order in the target's cluster and moving the reactions'
 * checkpoints to the same events. Read models are not copied: rebuild them on the target.
 */
export async function copyEventLog(sourcePool: Pool, target: Pool, batchSize: number, hooks: LogCopyHooks = {}): Promise<LogCopySummary> {
  const source = await SourceSnapshot.open(sourcePool);
  try {
    const plan = await planCopy(source.client);
    await assertCopyPossible(source, target, plan);
    hooks.onStart?.(await countSourceEvents(source));
    const events = await copyEvents(source, target, batchSize, (copied) => hooks.onEvents?.(copied));
    const tables = new Map<string, number>();
    for (const { table, treatment } of rowTables(plan)) {
      tables.set(table, await copyTable(source, target, table, treatment, batchSize));
      hooks.onTable?.(table, tables.get(table)!);
    }
    const checkpoints = await moveCheckpoints(source, target);
    await checkCopy(source, target, [...tables.keys()]);
    await waitUntilReadable(target, events);
    await assertLogBelongsToCluster(target);
    return { events, streams: tables.get('streams') ?? 0, tables, checkpoints };
  } finally {
    await source.close();
  }
}

/**
 * Readers see events below the oldest running transaction of the target's server; another
 * session's long transaction holds them back for a while, which is not a failed copy.
 */
async function waitUntilReadable(target: Pool, expected: number): Promise<void> {
  const deadline = Date.now() + READABLE_WAIT_MS;
  for (;;) {
    const { rows } = await target.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())',
    );
    if (rows[0].n === expected) return;
    if (Date.now() > deadline)
      throw new Error(`Only ${rows[0].n} of ${expected} copied events are readable on the target after ${READABLE_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
