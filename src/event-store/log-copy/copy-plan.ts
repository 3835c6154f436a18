import type { PoolClient } from 'pg';

/**
 * What the copy does with each table of the source. Read models are rebuilt from the copied
 * events; state that is not derived from events (catalog, customers, queue contents, reaction
 * bookkeeping) is copied, or the app would not work on the target.
 */
export type TableTreatment =
  /** Re-sequenced: inserted in global order, batch by batch, so the target stamps its own transaction ids. */
  | 'events'
  /** Copied row for row. */
  | 'rows'
  /** Copied; messages held by a worker of the stopped source become visible at once. */
  | 'queue'
  /** Copied with each row's event position translated into the target's. */
  | 'archive'
  /** The target's single row is replaced by the source's. */
  | 'replace'
  /** Each checkpoint translated to the same event's place in the target's order. */
  | 'checkpoints'
  /** Rebuilt on the target from the copied events (projection generations and their state). */
  | 'rebuilt'
  /** The target's own (its migrations) or a live process's (heartbeats): not copied. */
  | 'skipped';

const TREATMENTS: Readonly<Record<string, TableTreatment>> = {
  events: 'events',
  streams: 'rows',
  customers: 'rows',
  // Without its keys every copied customer event would read as erased.
  customer_data_keys: 'rows',
  staff_accounts: 'rows',
  customer_logins: 'rows',
  directories: 'rows',
  // Workers' notes on each directory's mapping: not derived from events.
  directory_mapping_health: 'rows',
  test_submissions: 'rows',
  api_keys: 'rows',
  listing_submissions: 'rows',
  run_requests: 'rows',
  // Alert history and what is firing: copied, so the target neither forgets nor re-fires them.
  alerts: 'rows',
  job_progress_jobs: 'rows',
  job_progress_submissions: 'rows',
  job_progress_pending_reopens: 'rows',
  queue_dead_letters: 'rows',
  queue_messages: 'queue',
  queue_history_archive: 'archive',
  retention_state: 'replace',
  subscription_checkpoints: 'checkpoints',
  projection_state: 'rebuilt',
  schema_migrations: 'skipped',
  worker_heartbeats: 'skipped',
  leases: 'skipped',
  // Sessions and sign-in attempts are short-lived: on the new cluster everyone signs in again.
  sessions: 'skipped',
  sign_in_attempts: 'skipped',
  sign_in_lockouts: 'skipped',
};

/** A projection generation: `<read table>__g<n>`. */
const GENERATION_TABLE = /__g\d+$/;
/** Scratch tables of a `projections verify` that did not finish: nothing to carry over. */
const VERIFY_SCRATCH_TABLE = /__verify_[0-9a-f]+$/;

export interface CopyPlan {
  readonly tables: ReadonlyMap<string, TableTreatment>;
}

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

export function treatmentOf(table: string): TableTreatment | null {
  if (Object.hasOwn(TREATMENTS, table)) return TREATMENTS[table];
  if (GENERATION_TABLE.test(table)) return 'rebuilt';
  return VERIFY_SCRATCH_TABLE.test(table) ? 'skipped' : null;
}

/** Every table of the source must have a treatment: a table nobody decided about would be lost silently. */
export async function planCopy(source: PoolClient): Promise<CopyPlan> {
  const { rows } = await source.query<{ name: string }>(
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  );
  const tables = new Map<string, TableTreatment>();
  const unknown: string[] = [];
  for (const { name } of rows) {
    const treatment = treatmentOf(name);
    if (treatment) tables.set(name, treatment);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new CopyRefusedError(
      `The source has tables the copy does not know how to carry over: ${unknown.join(', ')} (add them to the copy plan)`,
    );
  }
  if (!tables.has('events')) throw new CopyRefusedError('The source has no event log (table events): is it migrated?');
  return { tables };
}

/** The tables copied as rows, in the order of TREATMENTS: a table comes after those its foreign keys name. */
export function rowTables(plan: CopyPlan): { readonly table: string; readonly treatment: TableTreatment }[] {
  const copied: readonly TableTreatment[] = ['rows', 'queue', 'archive', 'replace'];
  const order = Object.keys(TREATMENTS);
  return [...plan.tables]
    .filter(([, t]) => copied.includes(t))
    .map(([table, treatment]) => ({ table, treatment }))
    .sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
}
