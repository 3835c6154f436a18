/**
 * The diagnostic SQL operators of the seed system run against its tables, verbatim (the first
 * four), plus a read of the audit trail by the columns the seed documents for `queue_history`.
 * The read models must answer all of them, also on a database that was only migrated.
 */
export const SEED_SQL = {
  statusCounts: 'SELECT status, COUNT(*) FROM jobs GROUP BY status;',
  orphanedResults: 'SELECT jr.* FROM job_results jr\nLEFT JOIN jobs j ON jr.job_id = j.id\nWHERE j.id IS NULL;',
  staleWorkers: 'SELECT * FROM stale_workers;',
  duplicateIdempotencyKeys: 'SELECT idempotency_key, COUNT(*) FROM job_results\nGROUP BY idempotency_key HAVING COUNT(*) > 1;',
  recentHistory: 'SELECT job_id, event, created_at FROM queue_history ORDER BY created_at DESC LIMIT 50;',
} as const;
